import Foundation

/// Calibrates an axis from its printed tick labels, with nothing typed: finds the label row
/// under the panel (x) or the label column beside it (y), fits `value = a + b · pixel` by
/// sign-constrained RANSAC, optionally snaps to the tick marks, and fails closed.
///
/// Per axis it rejects the fit when fewer than 3 labels agree, their rms distance from the
/// line exceeds 1.5 px, a gap between neighbouring labels exceeds 3.5× the median gap, or the
/// values are out of range (y outside 0…100, x below 0).
public struct AxisLabelReader: Sendable {
    /// Fewest labels that must agree with the line.
    public var minimumLabels = 3
    /// Largest rms distance of the labels from the line, pixels.
    public var maximumRMSPixels = 1.5
    /// Largest gap between neighbouring labels, as a multiple of the median gap.
    public var maximumGapRatio = 3.5
    /// A snap to tick marks is kept only when its rms is at most this, pixels…
    public var snapMaximumRMSPixels = 0.5
    /// …and no tick is further from the line than this, pixels.
    public var snapMaximumResidualPixels = 1.0

    public init() {}

    /// Calibrates `axis` from the numeric `words` around the panel.
    public func calibrate(_ axis: FigureAxis, words: [ReadWord], layout: PlotLayout) -> Result<AxisLabelCalibration, OCRError> {
        let numbers = words.filter { $0.value != nil && isCandidate($0, axis: axis, layout: layout) }
        let lines = axis == .x ? rows(numbers) : columns(numbers)
        var best: (fit: LabelLineFit.Fit, words: [ReadWord], position: Double)?
        for line in lines where line.count >= minimumLabels {
            let points = line.enumerated().map { LabelLineFit.Point(pixel: along(axis, $0.element), value: $0.element.value!, index: $0.offset) }
            let sortedPixels = points.map(\.pixel).sorted()
            let gaps = zip(sortedPixels.dropFirst(), sortedPixels).map { $0 - $1 }
            let tolerance = max(2, 0.05 * median(gaps))
            guard let fit = LabelLineFit.ransac(points, positiveSlope: axis == .x, tolerance: tolerance) else { continue }
            // Nearest the panel wins ties: the topmost row, or the rightmost column.
            let position = axis == .x ? line.map(\.box.centerY).min()! : -line.map { Double($0.box.right) }.max()!
            if best == nil || fit.inliers.count > best!.fit.inliers.count
                || (fit.inliers.count == best!.fit.inliers.count && position < best!.position) {
                best = (fit, line, position)
            }
        }
        guard let best else {
            return .failure(.axisLabelsUnreadable(axis: axis, reason: "no \(axis == .x ? "row" : "column") of at least \(minimumLabels) numbers was found \(axis == .x ? "under" : "left of") the plot"))
        }
        return judge(axis, fit: best.fit, words: best.words, layout: layout)
    }

    private func judge(_ axis: FigureAxis, fit: LabelLineFit.Fit, words: [ReadWord], layout: PlotLayout) -> Result<AxisLabelCalibration, OCRError> {
        let name = axis.rawValue
        func fail(_ reason: String) -> Result<AxisLabelCalibration, OCRError> { .failure(.axisLabelsUnreadable(axis: axis, reason: reason)) }
        let found = fit.inliers.map { "\"\(words[$0.index].text)\"" }.joined(separator: ", ")
        guard fit.inliers.count >= minimumLabels else {
            return fail("only \(fit.inliers.count) \(name) labels line up (\(found)); at least \(minimumLabels) are needed")
        }
        guard fit.rms <= maximumRMSPixels else {
            return fail(String(format: "the \(name) labels \(found) sit %.1f px (rms) off a straight line; at most %.1f px is accepted", fit.rms, maximumRMSPixels))
        }
        let pixels = fit.inliers.map(\.pixel).sorted()
        let gaps = zip(pixels.dropFirst(), pixels).map { $0 - $1 }
        if let widest = gaps.max(), widest > maximumGapRatio * median(gaps) {
            return fail(String(format: "the \(name) labels \(found) leave a gap of %.0f px, more than %.1f× the usual %.0f px, so some labels were not read", widest, maximumGapRatio, median(gaps)))
        }
        let values = fit.inliers.map(\.value)
        if axis == .y, let bad = values.first(where: { $0 < 0 || $0 > 100 }) {
            return fail("a y label reads \(bad), outside 0–100")
        }
        if axis == .x, let bad = values.first(where: { $0 < 0 }) {
            return fail("an x label reads \(bad), below 0")
        }
        // "1.000", "1.500", "2.000" under a time axis is German-style grouping (1.000 = 1000) far
        // more often than three decimals of a time; the two readings give the same straight line
        // (a unit 1000 times larger), so nothing else would tell them apart.
        let nonzero = fit.inliers.filter { $0.value != 0 }.map { words[$0.index].text }
        if axis == .x, !nonzero.isEmpty, nonzero.allSatisfy({ NumberText.groupedDigits($0, separator: ".") != nil }) {
            return fail("the x labels \(found) may group thousands with a point (\"1.000\" for 1000) or be decimals")
        }
        var labels = fit.inliers.map { p in
            TickLabel(value: p.value, labelPixel: p.pixel, tickPixel: p.pixel, word: words[p.index])
        }
        var result = AxisLabelCalibration(axis: axis, intercept: fit.intercept, slope: fit.slope, labels: labels,
                                          rmsPixels: fit.rms, maxResidualPixels: fit.maxResidual, snappedToTicks: false)
        if let ticks = axis == .x ? layout.xTickPixels : layout.yTickPixels, !ticks.isEmpty {
            let reach = max(3, 0.25 * median(gaps))
            var snapped: [LabelLineFit.Point] = []
            for (i, label) in labels.enumerated() {
                guard let nearest = ticks.min(by: { abs($0 - label.labelPixel) < abs($1 - label.labelPixel) }),
                      abs(nearest - label.labelPixel) <= reach else { continue }
                snapped.append(.init(pixel: nearest, value: label.value, index: i))
            }
            if snapped.count == labels.count, Set(snapped.map(\.pixel)).count == snapped.count,
               let refit = LabelLineFit.leastSquares(snapped),
               refit.rms <= snapMaximumRMSPixels, refit.maxResidual <= snapMaximumResidualPixels {
                for p in snapped { labels[p.index].tickPixel = p.pixel }
                result = AxisLabelCalibration(axis: axis, intercept: refit.intercept, slope: refit.slope, labels: labels,
                                              rmsPixels: refit.rms, maxResidualPixels: refit.maxResidual, snappedToTicks: true)
            }
        }
        return .success(result)
    }

    /// Position of a label along its axis, pixels: the box centre.
    private func along(_ axis: FigureAxis, _ word: ReadWord) -> Double {
        axis == .x ? word.box.centerX : word.box.centerY
    }

    /// Whether a number sits where that axis's labels are printed.
    private func isCandidate(_ word: ReadWord, axis: FigureAxis, layout: PlotLayout) -> Bool {
        let h = Double(word.glyphHeight)
        switch axis {
        case .x:
            return Double(word.box.top) >= layout.bottom - 0.5 * h
                && word.box.centerX >= layout.left - 0.05 * layout.width && word.box.centerX <= layout.right + 0.05 * layout.width
        case .y:
            return Double(word.box.right) <= layout.left + 0.5 * h
                && word.box.centerY >= layout.top - 0.05 * layout.height && word.box.centerY <= layout.bottom + 0.05 * layout.height
        }
    }

    /// Numbers clustered into rows (centres less than half a glyph height apart), left to right.
    func rows(_ words: [ReadWord]) -> [[ReadWord]] {
        cluster(words, key: \.box.centerY).map { $0.sorted { $0.box.left < $1.box.left } }
    }

    /// Numbers clustered into columns by right edge, top to bottom.
    func columns(_ words: [ReadWord]) -> [[ReadWord]] {
        cluster(words, key: { Double($0.box.right) }).map { $0.sorted { $0.box.top < $1.box.top } }
    }

    private func cluster(_ words: [ReadWord], key: (ReadWord) -> Double) -> [[ReadWord]] {
        var groups: [[ReadWord]] = []
        for word in words.sorted(by: { key($0) < key($1) }) {
            if let last = groups.last?.last, abs(key(word) - key(last)) < 0.5 * Double(max(word.glyphHeight, last.glyphHeight)) {
                groups[groups.count - 1].append(word)
            } else {
                groups.append([word])
            }
        }
        return groups
    }
}

/// Median of `values` (0 for none).
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
