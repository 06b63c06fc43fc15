/// A quantile of the survival-time distribution read off a Kaplan–Meier curve, with its
/// confidence interval (Brookmeyer–Crowley style: the same rule applied to the pointwise band).
///
/// Follows R's `quantile.survfit`: the p-quantile is where a horizontal line at S = 1 − p meets
/// the curve; if the curve is flat at exactly 1 − p (within √ε), the midpoint of that flat
/// stretch is returned (for a flat stretch that runs to the end of follow-up, the midpoint with
/// the last observed time). Values that the curve never reaches are `nil`.
public struct SurvivalQuantile: Sendable, Equatable {
    /// Cumulative probability p: 0.5 is the median, 0.25 the time by which 25 % had the event.
    public var probability: Double
    /// The quantile (study time units), or `nil` if S(t) never falls to 1 − p.
    public var time: Double?
    /// Lower confidence limit (from the lower band of S), or `nil` when not reached.
    public var lower: Double?
    /// Upper confidence limit (from the upper band of S), or `nil` when not reached.
    public var upper: Double?
}

extension KaplanMeier {
    /// The time by which a fraction `probability` of patients had the event (0 < p < 1).
    public func quantile(_ probability: Double, confidence: ConfidenceType = .log, level: Double = 0.95) -> SurvivalQuantile {
        let band = confidenceBand(confidence, level: level)
        let times = steps.map(\.time)
        let tol = TimeFix.tolerance
        let q = Self.findQuantile(times: times, curve: steps.map { Optional($0.survival) }, p: probability, tolerance: tol)
        let lower = Self.findQuantile(times: times, curve: band.map(\.lower), p: probability, tolerance: tol)
        let upper = Self.findQuantile(times: times, curve: band.map(\.upper), p: probability, tolerance: tol)
        return SurvivalQuantile(probability: probability, time: q, lower: lower, upper: upper)
    }

    /// Median survival time with its 95 % confidence interval (log band unless told otherwise).
    public func median(confidence: ConfidenceType = .log) -> SurvivalQuantile {
        quantile(0.5, confidence: confidence)
    }

    /// Quantile search on one curve (the estimate or one side of its band). `curve[i]` is the
    /// value on [times[i], times[i+1]); `nil` means undefined there (band where S = 0).
    static func findQuantile(times: [Double], curve: [Double?], p: Double, tolerance tol: Double) -> Double? {
        // Work on the distribution function F = 1 − S, starting from F = 0 at time 0.
        var x: [Double] = [0]
        var y: [Double?] = [0]
        for (t, s) in zip(times, curve) {
            x.append(t)
            y.append(s.map { 1 - $0 })
        }
        guard let maxY = y.compactMap({ $0 }).max(), maxY >= p else { return nil }
        let lastTime = x[x.count - 1]
        // Keep only the first time each level is reached (censorings repeat the level). For a
        // monotone curve repeats are adjacent; a band can wander, then a set is needed.
        var monotone = true
        var previous = -Double.infinity
        for f in y { if let f { if f < previous { monotone = false; break }; previous = f } }
        var seen = Set<Double>()
        var sawUndefined = false
        var keptX: [Double] = [], keptY: [Double?] = []
        keptX.reserveCapacity(x.count)
        keptY.reserveCapacity(x.count)
        var lastKept: Double? = nil
        for (t, f) in zip(x, y) {
            if let f {
                let isNew = monotone ? f != lastKept : seen.insert(f).inserted
                if isNew { keptX.append(t); keptY.append(f); lastKept = f }
            } else if !sawUndefined {
                sawUndefined = true
                keptX.append(t); keptY.append(nil)
            }
        }
        // Index of the smallest level (shifted by ±tol) that is ≥ p, the rule of a
        // right-continuous step interpolation; nil when p is outside the range of levels.
        var lowest = Double.infinity, highest = -Double.infinity
        var best1: (level: Double, index: Int)? = nil, best2: (level: Double, index: Int)? = nil
        for (i, f) in keptY.enumerated() {
            guard let f else { continue }
            lowest = min(lowest, f)
            highest = max(highest, f)
            if f + tol >= p, best1 == nil || f < best1!.level { best1 = (f, i) }
            if f - tol >= p, best2 == nil || f < best2!.level { best2 = (f, i) }
        }
        let inRange1 = p >= lowest + tol && p <= highest + tol
        let inRange2 = p >= lowest - tol && p <= highest - tol
        let i1 = inRange1 ? best1?.index : nil
        let i2 = inRange2 ? best2?.index : nil
        var result: Double? = nil
        if let i1, let i2 { result = (keptX[i1] + keptX[i2]) / 2 }
        if let last = keptY.last, let last, abs(p - last) < tol, let i1 {
            result = (keptX[i1] + lastTime) / 2
        }
        return result
    }
}
