/// Matches printed tick values to tick marks found on the image and fits the linear pixel → value
/// map, checking the residuals.
package enum CalibrationFit {
    struct Match: Sendable {
        var calibration: AxisCalibration
        /// (pixel, value) pairs used in the fit.
        var pairs: [(Double, Double)]
        /// Root-mean-square residual, in pixels.
        var rmsPixels: Double
        /// Largest residual, in pixels.
        var maxPixels: Double
        /// Length of the shortest quarter of the matched marks (the lower quartile of their
        /// lengths), pixels: long for printed (major) ticks, short when minor ticks were taken.
        var markLength: Double = 0
        /// Values with no mark where the fit puts them (only when the match allowed some).
        var missing: [Double] = []

        /// Distance between the outermost marks used, pixels.
        var span: Double {
            let pixels = pairs.map(\.0)
            return (pixels.max() ?? 0) - (pixels.min() ?? 0)
        }
    }

    /// Least-squares line `value = intercept + slope · pixel`.
    package static func fit(_ pairs: [(Double, Double)]) -> AxisCalibration? {
        guard pairs.count >= 2 else { return nil }
        let n = Double(pairs.count)
        let mx = pairs.reduce(0) { $0 + $1.0 } / n
        let my = pairs.reduce(0) { $0 + $1.1 } / n
        var sxx = 0.0, sxy = 0.0
        for (x, y) in pairs { sxx += (x - mx) * (x - mx); sxy += (x - mx) * (y - my) }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        guard slope != 0, slope.isFinite else { return nil }
        return AxisCalibration(intercept: my - slope * mx, slope: slope)
    }

    /// Finds the assignment of `values` (increasing) to `marks` that puts every value on a mark
    /// under one linear map. `increasing` says whether pixels grow with values (x) or shrink (y).
    /// Returns nil unless every value has a mark within the tolerance and the marks used span
    /// at least `minimumSpan` pixels.
    ///
    /// Printed ticks are the major ones: minor ticks (SAS draws four or five between labels)
    /// are shorter, and fit evenly spaced values just as well on a smaller scale. So among the
    /// assignments, those whose marks are clearly shorter than the longest-marked one's
    /// (`markLength` below `longerMarks`) are dropped first, then the smallest residual wins.
    ///
    /// `allowMissing` values, never the first or the last, may lack a mark (a tick blurred away
    /// in a small figure); the others must still fit within the tolerance.
    static func match(values: [Double], marks: [TickMark], increasing: Bool, minimumSpan: Double = 0,
                      allowMissing: Int = 0) -> Match? {
        let all = candidates(values: values, marks: marks, increasing: increasing, allowMissing: allowMissing)
            .filter { $0.span >= minimumSpan }
        guard let longest = all.map(\.markLength).max() else { return nil }
        var best: Match? = nil
        for c in all where !longerMarks(longest, than: c.markLength) && (best == nil || c.rmsPixels < best!.rmsPixels - 1e-9) {
            best = c
        }
        return best
    }

    /// Whether marks `a` pixels long are clearly longer than marks `b` pixels long: by at least
    /// 2 pixels and a quarter, beyond what anti-aliasing and JPEG blur change in one length.
    static func longerMarks(_ a: Double, than b: Double) -> Bool { a >= b + max(2, 0.25 * b) }

    /// Every assignment of `values` to `marks` that passes the residual and stray-mark checks
    /// (see `match`), one per distinct set of marks used.
    static func candidates(values: [Double], marks: [TickMark], increasing: Bool, allowMissing: Int = 0) -> [Match] {
        let m = values.count
        guard m >= 2, marks.count >= 2 else { return [] }
        let sortedMarks = marks.sorted { $0.position < $1.position }
        let positions = sortedMarks.map(\.position)
        let n = positions.count
        var found: [Match] = []
        let anchorsLow = Array(0..<min(2, m - 1))
        let anchorsHigh = Array(max(1, m - 2)..<m)
        func nearest(_ p: Double) -> Double {
            var lo = 0, hi = n - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if positions[mid] < p { lo = mid + 1 } else { hi = mid }
            }
            var bestP = positions[lo]
            if lo > 0, abs(positions[lo - 1] - p) < abs(bestP - p) { bestP = positions[lo - 1] }
            return bestP
        }
        for j in anchorsLow {
            for l in anchorsHigh where l > j {
                for a in 0..<n {
                    for b in 0..<n where b != a {
                        let pa = positions[a], pb = positions[b]
                        if increasing ? (pb <= pa) : (pb >= pa) { continue }
                        let pixelsPerUnit = (pb - pa) / (values[l] - values[j])
                        let span = abs(pixelsPerUnit * (values[m - 1] - values[0]))
                        guard span >= 20 else { continue }
                        let tolerance = max(2.0, 0.006 * span)
                        var pairs: [(Double, Double)] = []
                        pairs.reserveCapacity(m)
                        var ok = true
                        var missing: [Double] = []
                        for i in 0..<m {
                            let predicted = pa + (values[i] - values[j]) * pixelsPerUnit
                            let p = nearest(predicted)
                            if abs(p - predicted) > tolerance {
                                // Only between matched values: a missing first or last value
                                // fits the scale moved by one tick step just as well.
                                missing.append(values[i])
                                if missing.count > allowMissing || i == 0 || i == m - 1 { ok = false; break }
                                continue
                            }
                            pairs.append((p, values[i]))
                        }
                        guard ok, let cal = fit(pairs) else { continue }
                        // Every printed tick has a mark, so a full-length mark between the
                        // matched ones that no value claims means the scale is wrong.
                        let used = pairs.map(\.0)
                        let lengths = sortedMarks.filter { m in used.contains(m.position) }.map(\.length).sorted()
                        let typical = lengths[lengths.count / 2]
                        let lowP = used.min()!, highP = used.max()!
                        let stray = sortedMarks.contains { m in
                            m.position > lowP + tolerance && m.position < highP - tolerance
                                && Double(m.length) >= 0.8 * Double(typical)
                                && !used.contains { abs($0 - m.position) <= tolerance }
                        }
                        if stray { continue }
                        var sq = 0.0, mx = 0.0
                        for (p, v) in pairs {
                            let r = abs(cal.pixel(forValue: v) - p)
                            sq += r * r
                            mx = max(mx, r)
                        }
                        let rms = (sq / Double(pairs.count)).squareRoot()
                        guard mx <= tolerance else { continue }
                        if !found.contains(where: { $0.pairs.map(\.0) == used }) {
                            found.append(Match(calibration: cal, pairs: pairs, rmsPixels: rms, maxPixels: mx,
                                               markLength: Double(lengths[lengths.count / 4]), missing: missing))
                        }
                    }
                }
            }
        }
        return found
    }
}
