import Foundation

/// The Kaplan–Meier estimate of one survival curve, with Greenwood's standard error.
///
/// There is one `Step` per distinct time (event or censoring), as in R's `survfit`. Times are in
/// the study's own unit; survival values are probabilities in [0, 1]. Near-equal times are
/// merged first (see `TimeFix`).
public struct KaplanMeier: Sendable, Equatable {
    /// One row of the Kaplan–Meier table.
    public struct Step: Sendable, Equatable {
        /// The time of this row (study units).
        public var time: Double
        /// Patients still under observation just before `time`.
        public var atRisk: Int
        /// Events at `time`.
        public var events: Int
        /// Censorings at `time`.
        public var censored: Int
        /// S(time), the estimated probability of surviving beyond `time`.
        public var survival: Double
        /// Greenwood standard error of log S(time), √Σ dᵢ / (nᵢ (nᵢ − dᵢ)); `nil` once S = 0
        /// (R's `std.err`, which is NA there).
        public var standardErrorLog: Double?

        /// Greenwood standard error of S(time) itself (R's `summary()$std.err`); 0 once S = 0.
        public var standardError: Double? {
            if survival == 0 { return 0 }
            return standardErrorLog.map { $0 * survival }
        }
    }

    public let steps: [Step]
    /// Number of patients.
    public let patients: Int
    /// Number of events.
    public let events: Int

    /// Estimates the curve from follow-up times and event indicators (`true` = event).
    ///
    /// - Parameter fixTimes: merge near-equal times first, as R does (`timefix = TRUE`).
    /// - Throws: `SurvivalError.noPatients` for empty input, `.invalidTime` for a negative or
    ///   non-finite time.
    public init(times: [Double], events: [Bool], arm: String = "", fixTimes: Bool = true) throws(SurvivalError) {
        precondition(times.count == events.count, "times and events must have the same length")
        guard !times.isEmpty else { throw .noPatients(arm: arm.isEmpty ? nil : arm) }
        if let bad = times.first(where: { !$0.isFinite || $0 < 0 }) { throw .invalidTime(arm: arm, time: bad) }
        let fixed = fixTimes ? TimeFix.adjudicate(times) : times
        self.init(sortedFrom: fixed, events: events)
    }

    /// Estimates the curve of a set of patients (all arms together; filter first for one arm).
    public init(_ patients: [PatientRecord], fixTimes: Bool = true) throws(SurvivalError) {
        try self.init(times: patients.map(\.time), events: patients.map(\.event),
                      arm: patients.first?.arm ?? "", fixTimes: fixTimes)
    }

    /// Builds the table from times that are already fixed.
    init(sortedFrom times: [Double], events: [Bool]) {
        // Sort (time, event) pairs once; contiguous values sort much faster than indices.
        let sorted = zip(times, events).sorted { $0.0 < $1.0 }
        var steps: [Step] = []
        var atRisk = times.count
        var survival = 1.0
        var greenwood = 0.0
        var totalEvents = 0
        var i = 0
        while i < sorted.count {
            let t = sorted[i].0
            var d = 0, c = 0
            while i < sorted.count, sorted[i].0 == t {
                if sorted[i].1 { d += 1 } else { c += 1 }
                i += 1
            }
            var se: Double? = greenwood.squareRoot()
            if d > 0 {
                survival *= 1 - Double(d) / Double(atRisk)
                if d < atRisk {
                    greenwood += Double(d) / (Double(atRisk) * Double(atRisk - d))
                    se = greenwood.squareRoot()
                } else {
                    survival = 0
                    se = nil
                }
            }
            if survival == 0 { se = nil }
            steps.append(Step(time: t, atRisk: atRisk, events: d, censored: c, survival: survival, standardErrorLog: se))
            atRisk -= d + c
            totalEvents += d
        }
        self.steps = steps
        self.patients = times.count
        self.events = totalEvents
    }

    /// The index of the last step at or before `time`, or `nil` before the first step.
    func stepIndex(atOrBefore time: Double) -> Int? {
        var lo = 0, hi = steps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if steps[mid].time <= time { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }

    /// S(time): 1 before the first step, the last value after the last step.
    public func survival(at time: Double) -> Double {
        stepIndex(atOrBefore: time).map { steps[$0].survival } ?? 1
    }

    /// Pointwise confidence limits of S(t) at every step, in the order of `steps`.
    public func confidenceBand(_ type: ConfidenceType = .log, level: Double = 0.95) -> [ConfidenceInterval] {
        let z = ConfidenceType.zValue(level: level)
        return steps.map { type.interval(survival: $0.survival, standardErrorLog: $0.standardErrorLog, z: z) }
    }
}

/// A confidence interval; a limit is `nil` where it does not exist (R's NA).
public struct ConfidenceInterval: Sendable, Equatable {
    public var lower: Double?
    public var upper: Double?
    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }
}

/// How the pointwise confidence band of a Kaplan–Meier curve is built (R's `conf.type`).
public enum ConfidenceType: String, Sendable, CaseIterable {
    /// exp(log S ± z·se), upper limit capped at 1. R's default.
    case log
    /// exp(−exp(log(−log S) ± z·se / log S)); undefined where S is 0 or 1.
    case logLog = "log-log"

    /// The normal quantile for a two-sided interval of the given level (only 0.95 is exact to
    /// the last digit; other levels use a rational approximation accurate to ~1e-9).
    static func zValue(level: Double) -> Double {
        if level == 0.95 { return Distributions.z975 }
        return normalQuantile(0.5 + level / 2)
    }

    func interval(survival s: Double, standardErrorLog se: Double?, z: Double) -> ConfidenceInterval {
        guard let se, s > 0 else { return ConfidenceInterval(lower: nil, upper: nil) }
        switch self {
        case .log:
            return ConfidenceInterval(lower: s * Foundation.exp(-z * se), upper: min(1, s * Foundation.exp(z * se)))
        case .logLog:
            guard s < 1 else { return ConfidenceInterval(lower: nil, upper: nil) }
            let logS = Foundation.log(s)
            let a = Foundation.exp(-Foundation.exp(Foundation.log(-logS) + z * se / logS))
            let b = Foundation.exp(-Foundation.exp(Foundation.log(-logS) - z * se / logS))
            return ConfidenceInterval(lower: min(a, b), upper: max(a, b))
        }
    }
}

/// Acklam's rational approximation of the standard normal quantile, refined by one Halley step.
func normalQuantile(_ p: Double) -> Double {
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
             6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    var x: Double
    if p < 0.02425 {
        let q = (-2 * log(p)).squareRoot()
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    } else if p <= 1 - 0.02425 {
        let q = p - 0.5, r = q * q
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    } else {
        let q = (-2 * log(1 - p)).squareRoot()
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
    let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    x -= u / (1 + x * u / 2)
    return x
}
