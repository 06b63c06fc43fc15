import Foundation
import KMImage
import KMOCR

/// How well the figure text was read over a set of benchmark cases, against their spec.json.
struct ReadingScore {
    var tickExact = 0, tickTotal = 0
    /// Axes accepted with a tick value the spec does not have: the failure that must not happen.
    var silentlyWrongAxes = 0
    var cellExact = 0, cellTotal = 0
    var rowsAccepted = 0, rowsTotal = 0
    /// Arm rows accepted whose counts differ from the spec.
    var wrongRowsAccepted = 0
    /// Largest distance between a label-fitted (unsnapped) tick and the true tick, pixels.
    var worstUnsnappedPixels = 0.0
    var seconds = 0.0
    /// OCR calls over all figures, and the numbers read.
    var linesRead = 0, numbersRead = 0
    var notes: [String] = []

    var tickShare: Double { Double(tickExact) / Double(max(1, tickTotal)) }
    var cellShare: Double { Double(cellExact) / Double(max(1, cellTotal)) }

    var summary: String {
        String(format: "tick labels exact %d/%d = %.1f %% (silently wrong axes %d, worst unsnapped tick %.2f px); table cells exact %d/%d = %.1f %%; arm rows accepted %d/%d (wrong %d); %d OCR calls for %d numbers; %.2f s",
               tickExact, tickTotal, 100 * tickShare, silentlyWrongAxes, worstUnsnappedPixels, cellExact, cellTotal, 100 * cellShare,
               rowsAccepted, rowsTotal, wrongRowsAccepted, linesRead, numbersRead, seconds)
    }

    /// Reads every case with `reader` and scores it; `texts` gets what was read, per case.
    static func measure(_ cases: [DevCase], reader: FigureTextReader = FigureTextReader(),
                        texts: ((DevCase, FigureText) -> Void)? = nil) throws -> ReadingScore {
        let engine = try OCREngine()
        var score = ReadingScore()
        let start = Date()
        for dev in cases {
            let text = reader.read(dev.raster, layout: dev.layout, engine: engine)
            texts?(dev, text)
            score.numbersRead += text.words.filter(\.isNumber).count
            score.scoreAxes(dev, text)
            score.scoreTable(dev, text)
        }
        score.seconds = Date().timeIntervalSince(start)
        score.linesRead = engine.linesRead
        return score
    }

    private mutating func scoreAxes(_ dev: DevCase, _ text: FigureText) {
        for (axis, ticks, truth, result) in [(FigureAxis.x, dev.xTicks, dev.xTruth, text.xAxis), (.y, dev.yTicks, dev.yTruth, text.yAxis)] {
            tickTotal += ticks.count
            switch result {
            case let .success(calibration):
                let read = Set(calibration.ticks)
                tickExact += ticks.filter { read.contains($0) }.count
                let extra = calibration.ticks.filter { !ticks.contains($0) }
                if !extra.isEmpty { silentlyWrongAxes += 1 }
                if Set(ticks) != read { notes.append("\(dev.name) \(axis): read \(calibration.ticks), spec \(ticks)") }
                // The label-only fit: undo the snap by refitting on label centres.
                let points = calibration.labels.map { ($0.labelPixel, $0.value) }
                for (pixel, value) in truth where read.contains(value) {
                    worstUnsnappedPixels = max(worstUnsnappedPixels, abs(labelFitPixel(points, value) - (pixel - 0.5)))
                }
            case let .failure(error):
                notes.append("\(dev.name) \(axis): \(error)")
            }
        }
    }

    private mutating func scoreTable(_ dev: DevCase, _ text: FigureText) {
        guard dev.arms.contains(where: { $0.counts != nil }) else { return }
        let results = text.atRisk(dev.arms.map { ArmHint(name: $0.name) })
        let table = try? text.atRiskTable.get()
        for (arm, result) in zip(dev.arms, results) {
            guard let truth = arm.counts, let times = arm.times else { continue }
            cellTotal += truth.count
            rowsTotal += 1
            var cells: [Int?] = []
            switch result {
            case let .success(read):
                rowsAccepted += 1
                cells = read.counts
                if read.counts != truth || read.times != times {
                    wrongRowsAccepted += 1
                    notes.append("\(dev.name) \(arm.name): ACCEPTED WRONG \(read.counts) at \(read.times) vs \(truth)")
                }
            case let .failure(error):
                // Cells of the best-matching row (oracle row matching, as in NOTES.md).
                let best = table?.rows.max { a, b in
                    zip(a.cells, truth).filter { $0.count == $1 }.count < zip(b.cells, truth).filter { $0.count == $1 }.count
                }
                cells = best?.cells.map(\.count) ?? []
                notes.append("\(dev.name) \(arm.name): \(error)")
            }
            cellExact += zip(cells, truth).filter { $0 == $1 }.count
        }
    }

    /// Pixel of `value` on the least-squares line through (pixel, value) points.
    private func labelFitPixel(_ points: [(Double, Double)], _ value: Double) -> Double {
        let n = Double(points.count)
        let mv = points.map(\.1).reduce(0, +) / n, mp = points.map(\.0).reduce(0, +) / n
        var svv = 0.0, svp = 0.0
        for (p, v) in points { svv += (v - mv) * (v - mv); svp += (v - mv) * (p - mp) }
        return mp + svp / svv * (value - mv)
    }
}
