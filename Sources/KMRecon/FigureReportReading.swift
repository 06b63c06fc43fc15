import KMDigitize

extension ConfidenceRules {
    /// Why values read from the figure need a look (rule 8); empty when nothing was read or
    /// everything read is sure.
    public func readingReasons(_ reading: FigureReading) -> [String] {
        var reasons: [String] = []
        for axis in reading.axes where axis.source == .read {
            for label in axis.labels where !label.word.confident {
                reasons.append("\(axis.axis) tick label \"\(label.word.text)\" was read the same way by only \(label.word.votes) of \(label.word.reads) reads; check \(axis.axis)_axis.ticks")
            }
            if axis.calibratedFromLabels {
                reasons.append("the \(axis.axis) tick values read (\(axis.ticks.map(short).joined(separator: ", "))) could not be matched to tick marks where their labels are printed, so the label positions calibrate the axis; check \(axis.axis)_axis.ticks")
            } else if let d = axis.disagreementPixels, d > maximumReadingDisagreementPixels {
                reasons.append("the \(axis.axis) tick labels read and the tick calibration put a value \(short(d)) px apart (more than \(short(maximumReadingDisagreementPixels)) px); check \(axis.axis)_axis.ticks")
            }
        }
        for axis in reading.axes where axis.source == .typed && axis.calibratedFromLabels {
            reasons.append("the typed \(axis.axis) tick values fit no tick marks, so the positions of their printed labels calibrate the axis; check the overlay's calibrated ticks, or type \"calibration\" for the \(axis.axis) axis")
        }
        let readArms = reading.arms.filter { $0.source == .read }
        for arm in readArms {
            // A row kept without its last, unread cells: the arm's table stops early.
            if let last = arm.cells.last?.time, !arm.unreadTimes.isEmpty {
                reasons.append("arm \"\(arm.arm)\": its at-risk row was read only to t=\(short(last)); no count was read under t=\(arm.unreadTimes.map(short).joined(separator: ", ")); check its at_risk")
            }
            for cell in arm.cells where cell.word.map({ !$0.confident }) ?? false {
                reasons.append("arm \"\(arm.arm)\": the count \(cell.count) at t=\(short(cell.time)) was read the same way by only \(cell.word!.votes) of \(cell.word!.reads) reads; check its at_risk")
            }
            if arm.matchedBy == "order", reading.arms.count > 1 {
                reasons.append("arm \"\(arm.arm)\": its at-risk row (\(arm.rowLabel.map { "\"\($0)\"" } ?? "unlabelled")) was tied to it only by the order of the rows; check its at_risk")
            }
        }
        for color in reading.colors where color.needsReview {
            let how = [color.legendText.map { $0.confident ? nil : "read with OCR confidence \(color.engineConfidence ?? 0) of 100" } ?? "read",
                       color.nearExact ? nil : "matching the name only approximately (similarity \(short(color.nameSimilarity ?? 0)))"]
                .compactMap { $0 }.joined(separator: ", ")
            reasons.append("arm \"\(color.arm)\": its colour \(color.color?.hex ?? "?") was read from the legend entry \"\(color.legendText?.text ?? "")\", \(how); check its color")
        }
        return reasons
    }
}

extension FigureReport {
    /// The `read_from_figure` section: per axis what was typed or read (each label's text, box,
    /// votes out of reads and tick pixel), per arm where its numbers at risk came from (row label,
    /// how the row was matched, each cell's box, votes and reads) and where its colour came from
    /// (`color`: `source` `typed`, `legend` or `none`, the colour, and for a legend entry its
    /// text, box, OCR engine confidence 0–100, name similarity 0–1). Boxes are `[left, top, right, bottom]` pixels.
    static func readingJSON(_ reading: FigureReading) -> ReportJSON {
        func word(_ w: ReadText) -> [(String, ReportJSON)] {
            [("text", .string(w.text)), ("box", .array(w.box.map { .int($0) })), ("votes", .int(w.votes)), ("reads", .int(w.reads)), ("confident", .bool(w.confident))]
        }
        let axes: [(String, ReportJSON)] = reading.axes.map { a in
            var fields: [(String, ReportJSON)] = [("source", .string(a.source.rawValue)), ("ticks", .array(a.ticks.map { .number($0) }))]
            if a.source == .read || a.calibratedFromLabels {
                fields += [
                    ("filled_ticks", .array(a.filledTicks.map { .number($0) })),
                    ("labels", .array(a.labels.map { l in
                        .object([("value", .number(l.value))] + word(l.word)
                                 + [("label_pixel", .number(l.labelPixel)), ("tick_pixel", .number(l.tickPixel))])
                    })),
                    ("label_rms_pixels", .number(a.labelRMSPixels)),
                    ("snapped_to_ticks", .bool(a.snappedToTicks)),
                    ("calibrated_from_labels", .bool(a.calibratedFromLabels)),
                    ("disagreement_pixels", .number(a.disagreementPixels)),
                ]
            }
            return (a.axis, .object(fields))
        }
        let arms: [ReportJSON] = reading.arms.enumerated().map { i, a in
            var fields: [(String, ReportJSON)] = [("name", .string(a.arm)), ("source", .string(a.source.rawValue))]
            if i < reading.colors.count {
                let c = reading.colors[i]
                var color: [(String, ReportJSON)] = [("source", .string(c.source.rawValue)), ("color", c.color.map { .string($0.hex) } ?? .null)]
                if c.source == .legend, let text = c.legendText {
                    color += [("legend_text", .string(text.text)), ("box", .array(text.box.map { .int($0) })),
                              ("engine_confidence", c.engineConfidence.map { .int($0) } ?? .null), ("confident", .bool(text.confident)),
                              ("name_similarity", .number(c.nameSimilarity)), ("near_exact", .bool(c.nearExact))]
                }
                fields.append(("color", .object(color)))
            }
            if a.source == .read {
                fields += [
                    ("row_label", a.rowLabel.map { .string($0) } ?? .null),
                    ("matched_by", a.matchedBy.map { .string($0) } ?? .null),
                    ("cells", .array(a.cells.map { c in
                        .object([("time", .number(c.time)), ("count", .int(c.count))] + (c.word.map(word) ?? []))
                    })),
                ]
            }
            return .object(fields)
        }
        let location: ReportJSON = reading.location.map { l in
            .object([("panel", .array([l.left, l.top, l.right, l.bottom].map { .number($0) })),
                      ("x_tick_pixels", .array(l.xTickPixels.map { .number($0) })), ("x_tick_source", .string(l.xTickSource.rawValue)),
                      ("y_tick_pixels", .array(l.yTickPixels.map { .number($0) })), ("y_tick_source", .string(l.yTickSource.rawValue))])
        } ?? .null
        return .object(axes + [("arms", .array(arms)), ("plot_located", location)])
    }
}
