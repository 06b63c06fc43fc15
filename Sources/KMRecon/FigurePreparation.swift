import KMDigitize
import KMImage

/// A figure ready for reconstruction: decoded, its spec completed from the figure where the spec
/// left something out, and every arm's curve traced.
public struct PreparedFigure: Sendable {
    /// The spec with what was read filled in (typed values unchanged).
    public var spec: FigureSpec
    /// The decoded figure, 8-bit RGB composited on white.
    public var raster: Raster
    public var figure: DigitizedFigure
    /// What was typed and what was read.
    public var reading: FigureReading
}

/// Decodes the figure, reads what the spec leaves out (``FigureTextFiller``) and traces the
/// curves. Read tick values go to the digitiser's own tick matching; when that matching fails
/// for a read axis, or puts a read value more than `filler.maximumDisagreementPixels` from its
/// printed label, the read labels' positions calibrate that axis instead (as `calibration`
/// pairs), and the report asks for review.
///
/// Arms without a colour whose curves the digitiser found beside the keys of a legend in the
/// panel (``DigitizedFigure/legend``), when it could not tell them apart with confidence
/// (below `filler.legendBelowAssignmentConfidence`), get the keys' colours when the legend's text names them
/// unambiguously (``FigureTextFiller/legendColors(_:legend:raster:pool:)``, switched off by
/// `filler.readsLegend`): the figure is then traced again with those colours as hints, as if
/// they were typed. Anything less than a clear match changes nothing.
///
/// - Parameter ocr: the OCR engines to read with; share one pool across a batch's figures.
public func prepareFigure(_ spec: FigureSpec, ocr: OCRPool = OCRPool(),
                          filler: FigureTextFiller = FigureTextFiller()) throws(ExtractionError) -> PreparedFigure {
    let raster: Raster
    do { raster = try PNGReader.read(contentsOf: spec.imagePath) } catch { throw .image(error) }
    var completed: FigureSpec
    var reading: FigureReading
    do { (completed, reading) = try filler.complete(spec, raster: raster, pool: ocr) } catch { throw .read(path: spec.imagePath, error) }
    while true {
        let request: DigitizeRequest
        do { request = try completed.digitizeRequest() } catch { throw .spec(error) }
        do {
            let figure = try digitize(raster, request)
            reading.measureAgreement(figure)
            // Read values matched to tick marks far from where their labels are printed: the
            // match is wrong (a label was misread or missed), so the labels calibrate that axis.
            if let index = reading.axes.firstIndex(where: {
                $0.source == .read && !$0.calibratedFromLabels && $0.labels.count >= 2
                    && ($0.disagreementPixels ?? 0) > filler.maximumDisagreementPixels
            }) {
                reading.calibrateFromLabels(index, into: &completed)
                continue
            }
            // Arms without a colour: the legend's text may name them beside their keys.
            if figure.arms.contains(where: { $0.assignmentConfidence < filler.legendBelowAssignmentConfidence }),
               let (colored, colors) = filler.legendColors(completed, legend: figure.legend, raster: raster, pool: ocr),
               let request = try? colored.digitizeRequest(), let recolored = try? digitize(raster, request),
               tracesAgree(figure, recolored) {
                reading.colors = colors
                reading.measureAgreement(recolored)
                return PreparedFigure(spec: colored, raster: raster, figure: recolored, reading: reading)
            }
            return PreparedFigure(spec: completed, raster: raster, figure: figure, reading: reading)
        } catch {
            // Typed values that fit no tick marks (an axis drawn without them): where the typed
            // values are printed, the labels' positions calibrate the axis.
            if case let .ticksNotMatched(axis, _, _) = error,
               let index = reading.axes.firstIndex(where: { $0.axis == axis && $0.source == .typed && !$0.calibratedFromLabels }),
               let located = filler.locateTypedTicks(axis: index, in: completed, raster: raster, pool: ocr) {
                reading.axes[index] = located.axis
                if reading.location == nil { reading.location = located.location }
                reading.calibrateFromLabels(index, into: &completed)
                continue
            }
            guard case let .ticksNotMatched(axis, _, _) = error,
                  let index = reading.axes.firstIndex(where: { $0.axis == axis && $0.source == .read && !$0.calibratedFromLabels }),
                  reading.axes[index].labels.count >= 2 else {
                let fromLabels = reading.axes.filter(\.calibratedFromLabels).map(\.axis)
                guard !fromLabels.isEmpty else { throw .digitize(path: spec.imagePath, error) }
                // Say that the calibration came from label positions: the cause may be there.
                let fields = fromLabels.map { "\($0)_axis.ticks" }.joined(separator: " and ")
                throw .read(path: spec.imagePath, .unreadable(failures: [
                    "\(error) (with the \(fromLabels.joined(separator: " and ")) axis calibrated from where its tick labels are printed, because its values fit no tick marks there; typing \(fields) or \"calibration\" settles the axis)",
                ]))
            }
            // The read values fit no tick marks: calibrate from where the labels are printed.
            reading.calibrateFromLabels(index, into: &completed)
        }
    }
}

extension FigureReading {
    /// Calibrates a read axis from its labels' tick positions, as `calibration` pairs in `spec`.
    /// On the x axis a pair on the label line at the located panel's right end is added when
    /// the last label read stops short of it, so the curves are traced to the axis's end.
    mutating func calibrateFromLabels(_ index: Int, into spec: inout FigureSpec) {
        axes[index].calibratedFromLabels = true
        var pairs = axes[index].labels.map { (pixel: $0.tickPixel, value: $0.value) }
        if axes[index].axis == "x", let right = location?.right, let line = axes[index].labelCalibration,
           let last = pairs.map(\.pixel).max(), pairs.count >= 2 {
            let spacing = (last - pairs.map(\.pixel).min()!) / Double(pairs.count - 1)
            if right > last + 0.5 * spacing { pairs.append((pixel: right, value: line.value(atPixel: right))) }
        }
        if axes[index].axis == "x" { spec.calibrationX = pairs } else { spec.calibrationY = pairs }
    }


    /// Records, per read axis, the largest distance between where the reader's label fit (on the
    /// tick marks when the labels snapped to them) and the final calibration put a read value,
    /// pixels.
    mutating func measureAgreement(_ figure: DigitizedFigure) {
        for i in axes.indices where axes[i].source == .read {
            guard let fit = axes[i].labelCalibration else { continue }
            let calibration = axes[i].axis == "x" ? figure.xAxis : figure.yAxis
            axes[i].disagreementPixels = axes[i].labels.map { abs(fit.pixel(forValue: $0.value) - calibration.pixel(forValue: $0.value)) }.max()
        }
    }
}

/// The spec with whatever could be read from its figure filled in, for `--write-spec` after a
/// failed extraction: a user then types only what is still missing. Nil when the image cannot
/// be decoded or nothing can be read (no OCR engine, no plot found).
public func partiallyCompletedSpec(_ spec: FigureSpec, ocr: OCRPool = OCRPool()) -> FigureSpec? {
    guard let raster = try? PNGReader.read(contentsOf: spec.imagePath),
          let result = try? FigureTextFiller().readMissing(spec, raster: raster, pool: ocr) else { return nil }
    return result.spec
}

/// Whether a figure traced again with colours read from its legend shows the curves of the first
/// trace, only given to other arms: the same colours, each curve within 1.5 pixel rows of the
/// first trace's curve of its colour on average (at 40 times over the span both cover). A retrace
/// that found other ink is not used.
func tracesAgree(_ first: DigitizedFigure, _ again: DigitizedFigure) -> Bool {
    guard first.arms.count == again.arms.count else { return false }
    func survival(_ corners: [SurvivalReading], at t: Double) -> Double {
        var s = corners.first?.survival ?? 1
        for c in corners where c.time <= t { s = c.survival }
        return s
    }
    var unmatched = first.arms
    for arm in again.arms {
        guard let i = unmatched.firstIndex(where: { $0.color == arm.color }) else { return false }
        let other = unmatched.remove(at: i)
        let end = min(arm.corners.last?.time ?? 0, other.corners.last?.time ?? 0)
        let pixel = max(arm.survivalPerPixel, 1e-9)
        guard end > 0 else { return false }
        let gap = (0..<40).map { k -> Double in
            let t = end * (Double(k) + 0.5) / 40
            return abs(survival(arm.corners, at: t) - survival(other.corners, at: t))
        }.reduce(0, +) / 40
        if gap > 1.5 * pixel { return false }
    }
    return true
}
