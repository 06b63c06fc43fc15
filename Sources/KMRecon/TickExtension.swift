import KMOCR

/// Extends an x axis read from its labels to tick marks just beyond the first or last label
/// read, when the labels form a regular progression and a tick mark sits exactly where the
/// next value would be: an illegible "0" under the first tick mark becomes a column of the
/// at-risk table (which holds n) instead of a lost one.
enum TickExtension {
    /// At most this many values are added at each end.
    static let maximumPerEnd = 2

    /// `calibration` with the values added (each a copy of the nearest label, moved to its
    /// tick mark), and the values added. `marks` are tick-mark columns, pixels.
    static func extend(_ calibration: AxisLabelCalibration, marks: [Double]) -> (AxisLabelCalibration, [Double]) {
        let values = calibration.ticks
        guard values.count >= 2, !marks.isEmpty else { return (calibration, []) }
        let diffs = zip(values.dropFirst(), values).map { $0 - $1 }
        let step = diffs.min()!
        guard step > 0, diffs.allSatisfy({ abs($0 / step - ($0 / step).rounded()) < 1e-6 }) else { return (calibration, []) }
        let pixelsPerStep = abs(step / calibration.slope)
        let tolerance = max(2, 0.05 * pixelsPerStep)
        var out = calibration
        var added: [Double] = []
        func markNear(_ value: Double) -> Double? {
            let pixel = calibration.pixel(forValue: value)
            return marks.filter { abs($0 - pixel) <= tolerance }.min { abs($0 - pixel) < abs($1 - pixel) }
        }
        for direction in [-1.0, 1.0] {
            for k in 1...maximumPerEnd {
                let edge = direction < 0 ? values.first! : values.last!
                let value = (1e9 * (edge + direction * Double(k) * step)).rounded() / 1e9
                guard value >= 0, let mark = markNear(value) else { break }
                var label = direction < 0 ? out.labels.first! : out.labels.last!
                label.value = value
                label.labelPixel = mark
                label.tickPixel = mark
                if direction < 0 { out.labels.insert(label, at: 0) } else { out.labels.append(label) }
                added.append(value)
            }
        }
        return (out, added.sorted())
    }
}

/// Tick values of a regular progression with the values between read labels filled in.
enum TickProgression {
    /// `values` (increasing) with the gaps of an arithmetic progression filled: [0, 10, 30] →
    /// [0, 10, 20, 30], and the filled values. Irregular values are returned as they are.
    static func filled(_ values: [Double]) -> (ticks: [Double], filled: [Double]) {
        guard values.count >= 2 else { return (values, []) }
        let diffs = zip(values.dropFirst(), values).map { $0 - $1 }
        let step = diffs.min()!
        guard step > 0, diffs.allSatisfy({ abs($0 / step - ($0 / step).rounded()) < 1e-6 }) else { return (values, []) }
        let count = Int(((values.last! - values[0]) / step).rounded())
        guard count <= 4 * values.count else { return (values, []) }
        // Rounded to the labels' own decimals, so 0.1 + 2 · 0.2 prints as 0.5.
        let all = (0...count).map { (1e9 * (values[0] + Double($0) * step)).rounded() / 1e9 }
        let filled = all.filter { v in !values.contains { abs($0 - v) < 1e-9 } }
        return (all, filled)
    }
}
