import Foundation

/// Matches curves to arm names when no colour says which is which, by how well each curve
/// agrees with each arm's printed numbers.
///
/// The checks use facts that hold for any Kaplan–Meier curve: the share still at risk at a
/// time cannot exceed the survival there (censoring only lowers it), and a curve ending at S
/// after n patients has at most n·(1 − S) events when nobody is censored, fewer otherwise.
/// Curves traced in the same colour keep their tracing order (solid before dashed) as a weak
/// prior, matching the usual line-type order.
package enum ArmAssigner {
    struct Curve {
        /// Survival (probability) as a function of time.
        var survival: (Double) -> Double
        var endTime: Double
        var endSurvival: Double
        /// Smallest early drop, as a probability; about 1/n for n patients.
        var smallestDrop: Double?
    }

    /// Returns, for each arm, the index of its curve, and a confidence in [0, 1].
    /// `paletteOrder[c]`, where given, is the arm position curve `c`'s colour has in a default
    /// colour sequence (`DefaultPalettes`): a prior a little stronger than the tracing order
    /// and weaker than printed numbers that disagree with it. `legendOrder[c]`, where given, is
    /// the position of curve `c`'s entry in a legend drawn in the panel (`LegendReader`): a
    /// prior between the two, which alone leaves the confidence below one half.
    ///
    /// Priors order curves the numbers cannot tell apart, but they guess how the figure was
    /// made: when the printed numbers fit the chosen match no better than another (arms with the
    /// same `n` and nothing else printed, say), the confidence stays below
    /// ``numbersSilentConfidence``, so the match is reported for review.
    static func assign(arms: [ArmDescription], curves: [Curve], paletteOrder: [Int]? = nil,
                       legendOrder: [Int]? = nil) -> (order: [Int], confidence: Double) {
        let k = arms.count
        guard k > 1, curves.count == k else { return (Array(0..<k), 1) }
        var scored: [(perm: [Int], score: Double, numbers: Double)] = []
        for perm in permutations(k) {
            var s = 0.0, numbers = 0.0
            for (armIndex, curveIndex) in perm.enumerated() {
                numbers += cost(arms[armIndex], curves[curveIndex])
                if armIndex != curveIndex { s += 0.002 }
                if let p = paletteOrder, p[curveIndex] != armIndex { s += 0.01 }
                if let l = legendOrder, l[curveIndex] != armIndex { s += 0.004 }
            }
            scored.append((perm, s + numbers, numbers))
        }
        scored.sort { $0.score < $1.score }
        let gap = scored.count > 1 ? scored[1].score - scored[0].score : 1
        var confidence = min(1, max(0, 1 - exp(-gap / 0.02)))
        // How much better the numbers alone fit the chosen match than the next best match.
        let numbersGap = (scored.dropFirst().map(\.numbers).min() ?? .infinity) - scored[0].numbers
        if numbersGap < minimumNumbersGap { confidence = min(confidence, numbersSilentConfidence) }
        return (scored[0].perm, confidence)
    }

    /// Below this difference in cost the printed numbers do not prefer one match to another.
    static let minimumNumbersGap = 1e-4
    /// The most confidence a match the printed numbers do not prefer gets (below the one half
    /// under which the report asks for review).
    static let numbersSilentConfidence = 0.45

    static func cost(_ arm: ArmDescription, _ curve: Curve) -> Double {
        var s = 0.0
        if let times = arm.atRiskTimes, let counts = arm.atRiskCounts, let n0 = counts.first, n0 > 0 {
            for (t, n) in zip(times, counts) where t > 0 {
                let share = Double(n) / Double(n0)
                if t > curve.endTime + 1e-9 {
                    // A curve that has ended cannot have patients at risk much later.
                    if n > 0 { s += 0.2 * share }
                    continue
                }
                let surv = curve.survival(t)
                let excess = share - surv
                s += excess > 0 ? 4 * excess * excess + excess : 0.05 * (surv - share) * (surv - share)
            }
        }
        if let n = arm.initialCount, n > 0 {
            if let events = arm.events {
                let maxEvents = Double(n) * (1 - curve.endSurvival)
                let excess = Double(events) / Double(n) - (1 - curve.endSurvival)
                s += excess > 0 ? 4 * excess * excess + excess : 0.2 * excess * excess
                _ = maxEvents
            }
            if let drop = curve.smallestDrop, drop > 0 {
                let ratio = log((1 / drop) / Double(n))
                s += 0.01 * ratio * ratio
            }
        }
        return s
    }

    /// Every order of `0..<k` (k! of them; one, empty, for k = 0).
    package static func permutations(_ k: Int) -> [[Int]] {
        if k <= 1 { return [Array(0..<k)] }
        var result: [[Int]] = []
        func build(_ prefix: [Int], _ rest: [Int]) {
            if rest.isEmpty { result.append(prefix); return }
            for (i, v) in rest.enumerated() {
                var r = rest
                r.remove(at: i)
                build(prefix + [v], r)
            }
        }
        build([], Array(0..<k))
        return result
    }
}
