import Foundation

/// IPDfromKM's `survreport()` on one arm of reconstructed patients: survival-time quantiles and
/// landmark survival, both rounded to 4 decimals as IPDfromKM prints them.
///
/// - Quantiles: for each survival level s (default 0.75, 0.5, 0.25; 0 and 1 are dropped), the
///   time at which the Kaplan–Meier curve reaches s with its log-type 95 % interval
///   (`quantile.survfit(fit, 1 − s)`); when the time is not reached all three are `nil`.
/// - Landmarks: S(t), its Greenwood standard error and log-type 95 % limits at t = i·interval,
///   i = 1…⌊last row's time / interval⌋. As in IPDfromKM the *last row* in input order is used, which
///   is the largest time for IPD in reconstruction order.
public struct SurvReport: Sendable, Equatable {
    public struct QuantileRow: Sendable, Equatable {
        /// The survival level s (a probability).
        public var survival: Double
        public var time: Double?
        public var lower: Double?
        public var upper: Double?
    }

    public struct LandmarkRow: Sendable, Equatable {
        public var time: Double
        public var survival: Double
        public var standardError: Double?
        public var lower: Double?
        public var upper: Double?
    }

    public let quantiles: [QuantileRow]
    public let landmarks: [LandmarkRow]

    /// - Parameters:
    ///   - patients: one arm's patients, in the order IPDfromKM emitted them.
    ///   - interval: landmark spacing (study time units), > 0.
    ///   - levels: survival levels for the quantiles.
    public init(_ patients: [PatientRecord], interval: Double, levels: [Double] = [0.75, 0.5, 0.25]) throws(SurvivalError) {
        guard interval.isFinite, interval > 0 else {
            throw .invalidArgument("the landmark interval must be a finite time > 0, got \(interval)")
        }
        let fit = try KaplanMeier(patients)
        quantiles = levels.filter { $0 != 0 && $0 != 1 }.sorted(by: >).map { s in
            let q = fit.quantile(1 - s)
            guard let time = q.time else { return QuantileRow(survival: s, time: nil, lower: nil, upper: nil) }
            return QuantileRow(survival: s, time: roundR(time, 4), lower: q.lower.map { roundR($0, 4) },
                               upper: q.upper.map { roundR($0, 4) })
        }
        let last = patients.last?.time ?? 0
        let count = Int((last / interval).rounded(.down))
        landmarks = count < 1 ? [] : (1...count).map { i in
            let l = fit.landmark(at: Double(i) * interval)
            return LandmarkRow(time: Double(i) * interval, survival: roundR(l.survival, 4),
                               standardError: l.standardError.map { roundR($0, 4) },
                               lower: l.interval.lower.map { roundR($0, 4) }, upper: l.interval.upper.map { roundR($0, 4) })
        }
    }
}

/// IPDfromKM's two-arm numbers (`survreport(arms = 2)` plot labels): the Efron Cox model of
/// treated against control, its score-test p-value (which IPDfromKM labels "Logrank test
/// p-value"), the true log-rank test and the Breslow coefficient for comparison.
public struct TwoArmSummary: Sendable, Equatable {
    public let cox: CoxModel
    public let logRank: LogRankTest
    public let breslowCoefficient: Double

    /// Log hazard ratio of `treated` against `control`.
    public var logHazardRatio: Double { cox.terms[0].coefficient }
    public var standardError: Double { cox.terms[0].standardError }
    public var hazardRatio: Double { cox.terms[0].hazardRatio }
    public var hazardRatioInterval: ConfidenceInterval { cox.terms[0].hazardRatioInterval }
    /// The p-value IPDfromKM prints as "Logrank test p-value": the Cox score test.
    public var scoreTestP: Double { cox.scoreTest.pValue }

    public init(_ patients: [PatientRecord], control: String, treated: String) throws(SurvivalError) {
        let arms = [control, treated]
        cox = try CoxModel(patients, arms: arms, reference: control, ties: .efron)
        logRank = try LogRankTest(patients, arms: arms)
        breslowCoefficient = try CoxModel(patients, arms: arms, reference: control, ties: .breslow).terms[0].coefficient
    }
}

/// Rounds to `digits` decimals, halves away from zero, like R's `round` for the values it prints.
func roundR(_ x: Double, _ digits: Int) -> Double {
    let scale = pow(10, Double(digits))
    return (x * scale).rounded(.toNearestOrAwayFromZero) / scale
}
