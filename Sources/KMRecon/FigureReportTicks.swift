import KMDigitize
import KMImage

/// One printed tick value checked against the axis calibration.
public struct TickCheck: Sendable, Equatable {
    /// The tick value as printed (time, or survival in printed units: percent on a percent axis).
    public var value: Double
    /// Where the calibration puts `value`: a column (x axis) or row (y axis), in pixels.
    public var calibratedPixel: Double
    /// The centre of the tick mark found near `calibratedPixel`, in pixels; nil when no tick
    /// mark was found (no axis line, ticks hidden, or a grey panel without ink ticks).
    public var foundPixel: Double?
    /// `foundPixel − calibratedPixel`, in pixels.
    public var residualPixels: Double? { foundPixel.map { $0 - calibratedPixel } }
}

/// How well one axis's calibration agrees with the tick marks on the image.
public struct AxisCheck: Sendable, Equatable {
    /// "x" or "y".
    public var axis: String
    /// "ticks" when calibrated from the spec's tick labels, "manual" for spec `calibration` pairs.
    public var source: String
    public var calibration: AxisCalibration
    public var ticks: [TickCheck]

    /// Root-mean-square of the residuals found, in pixels; nil when none was found.
    public var rmsResidualPixels: Double? {
        let r = ticks.compactMap(\.residualPixels)
        guard !r.isEmpty else { return nil }
        return (r.reduce(0) { $0 + $1 * $1 } / Double(r.count)).squareRoot()
    }

    /// Largest |residual| found, in pixels; nil when none was found.
    public var maxResidualPixels: Double? { ticks.compactMap(\.residualPixels).map(abs).max() }
}

/// Checks the calibration against the image: for each printed tick, looks for a short ink
/// mark across the axis line near where the calibration puts the tick.
///
/// The digitiser does not expose which tick marks it matched, so this re-measures them: it
/// finds the axis line (the darkest row or column from 15 pixels inside the panel edge to
/// max(70 pixels, 6 % of the image) outside, dark on at least half the panel) and then,
/// within ±max(3, 1 % of the panel) pixels of each calibrated position, the centroid of the
/// ink just outside (else inside) the line that touches it. Figures without ink axis lines
/// (ggplot's grey panel, lifelines without spines) get no found ticks. With manual calibration
/// pairs the residuals are those of the pairs themselves.
enum TickChecker {
    static func check(_ raster: Raster, _ figure: DigitizedFigure, spec: FigureSpec) -> [AxisCheck] {
        let gray = raster.grayscale()
        let panel = figure.panel
        func axis(_ name: String, _ calibration: AxisCalibration, ticks: [Double]?, manual: [(pixel: Double, value: Double)]?) -> AxisCheck {
            if let manual {
                let checks = manual.map { TickCheck(value: $0.value, calibratedPixel: calibration.pixel(forValue: $0.value), foundPixel: $0.pixel) }
                return AxisCheck(axis: name, source: "manual", calibration: calibration, ticks: checks)
            }
            let values = ticks ?? []
            let finder = TickFinder(gray: gray, width: raster.width, height: raster.height, panel: panel, horizontalAxis: name == "x")
            let checks = values.map { v -> TickCheck in
                let p = calibration.pixel(forValue: v)
                return TickCheck(value: v, calibratedPixel: p, foundPixel: finder?.tick(near: p))
            }
            return AxisCheck(axis: name, source: "ticks", calibration: calibration, ticks: checks)
        }
        return [axis("x", figure.xAxis, ticks: spec.xTicks, manual: spec.calibrationX),
                axis("y", figure.yAxis, ticks: spec.yTicks, manual: spec.calibrationY)]
    }
}

/// Finds tick marks across one axis line. For the x axis, "along" is the column and "across"
/// the row; for the y axis the other way round.
private struct TickFinder {
    let gray: [UInt8]
    let width: Int
    let height: Int
    let horizontalAxis: Bool
    /// The axis line's first and last pixel across it.
    let line: ClosedRange<Int>
    let alongRange: ClosedRange<Int>

    init?(gray: [UInt8], width: Int, height: Int, panel: [Int], horizontalAxis: Bool) {
        guard panel.count == 4 else { return nil }
        self.gray = gray; self.width = width; self.height = height; self.horizontalAxis = horizontalAxis
        let (l, t, r, b) = (panel[0], panel[1], panel[2], panel[3])
        let along = horizontalAxis ? max(0, l)...max(0, min(width - 1, r)) : max(0, t)...max(0, min(height - 1, b))
        let edge = horizontalAxis ? b : l
        let limit = (horizontalAxis ? height : width) - 1
        guard along.count > 10 else { return nil }
        func darkCount(_ across: Int) -> Int {
            var n = 0
            for a in along where Self.isDark(gray, width, horizontalAxis ? a : across, horizontalAxis ? across : a) { n += 1 }
            return n
        }
        // Axis lines often sit outside the traced panel (R and ggplot pad the data range), so
        // look up to max(70 pixels, 6 % of the image) outside it and 15 pixels inside.
        let reach = max(70, (limit + 1) * 6 / 100)
        let outwards = horizontalAxis ? max(0, edge - 15)...max(0, min(limit, edge + reach)) : max(0, edge - reach)...max(0, min(limit, edge + 15))
        var best = -1, bestCount = 0
        for c in outwards {
            let n = darkCount(c)
            if n > bestCount { bestCount = n; best = c }
        }
        guard best >= 0, bestCount * 2 >= along.count else { return nil }
        var lo = best, hi = best
        while lo > 0, darkCount(lo - 1) * 2 >= along.count { lo -= 1 }
        while hi < limit, darkCount(hi + 1) * 2 >= along.count { hi += 1 }
        line = lo...hi
        alongRange = along
    }

    static func isDark(_ gray: [UInt8], _ width: Int, _ x: Int, _ y: Int) -> Bool { gray[y * width + x] < 150 }

    /// The centre of the tick mark nearest `pixel` (along the axis), or nil.
    func tick(near pixel: Double) -> Double? {
        guard pixel.isFinite else { return nil }
        let tolerance = max(3, Int((0.01 * Double(alongRange.count)).rounded()))
        let centre = Int(pixel.rounded())
        let limit = (horizontalAxis ? width : height) - 1
        let window = max(0, centre - tolerance)...max(0, min(limit, centre + tolerance))
        guard window.lowerBound <= window.upperBound else { return nil }
        let acrossLimit = (horizontalAxis ? height : width) - 1
        // Outside the panel: below the x axis line, left of the y axis line; then inside.
        let outside = horizontalAxis ? (line.upperBound + 1)...(line.upperBound + 7) : (line.lowerBound - 7)...(line.lowerBound - 1)
        let inside = horizontalAxis ? (line.lowerBound - 7)...(line.lowerBound - 1) : (line.upperBound + 1)...(line.upperBound + 7)
        for band in [outside, inside] {
            let clipped = band.clamped(to: 0...max(0, acrossLimit))
            guard clipped.count >= 3 else { continue }
            // A tick mark touches the line (a pixel of anti-aliasing between them at most);
            // a tick label set close under an axis without marks does not.
            let towardsLine = band.lowerBound > line.upperBound ? Array(clipped) : Array(clipped.reversed())
            var weights: [(Int, Int)] = []
            for a in window {
                func dark(_ c: Int) -> Bool { Self.isDark(gray, width, horizontalAxis ? a : c, horizontalAxis ? c : a) }
                guard towardsLine.prefix(2).contains(where: dark) else { continue }
                var n = 0
                for c in clipped where dark(c) { n += 1 }
                if n >= 3 { weights.append((a, n)) }
            }
            guard !weights.isEmpty else { continue }
            // Contiguous runs of tick columns; the one whose centre is nearest wins.
            var runs: [[(Int, Int)]] = []
            for w in weights {
                if let last = runs.last?.last, last.0 == w.0 - 1 { runs[runs.count - 1].append(w) } else { runs.append([w]) }
            }
            let centres = runs.filter { $0.count <= 8 }.map { run -> Double in
                let total = run.reduce(0) { $0 + $1.1 }
                return Double(run.reduce(0) { $0 + $1.0 * $1.1 }) / Double(total)
            }
            if let nearest = centres.min(by: { abs($0 - pixel) < abs($1 - pixel) }) { return nearest }
        }
        return nil
    }
}
