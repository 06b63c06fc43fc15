/// Survival at a fixed time with its Greenwood standard error and pointwise confidence
/// interval (R's `summary(fit, times = t)`).
public struct LandmarkSurvival: Sendable, Equatable {
    /// The landmark time (study units).
    public var time: Double
    /// S(time), a probability.
    public var survival: Double
    /// Greenwood standard error of S(time) (probability units); `nil` where undefined.
    public var standardError: Double?
    /// Pointwise confidence interval of S(time).
    public var interval: ConfidenceInterval
    /// Patients at risk at `time` (those with follow-up ≥ time).
    public var atRisk: Int
}

extension KaplanMeier {
    /// Survival at `time`: the value of the last step at or before it (1 before the first step).
    public func landmark(at time: Double, confidence: ConfidenceType = .log, level: Double = 0.95) -> LandmarkSurvival {
        let z = ConfidenceType.zValue(level: level)
        let atRisk = steps.first(where: { $0.time >= time })?.atRisk ?? 0
        guard let i = stepIndex(atOrBefore: time) else {
            return LandmarkSurvival(time: time, survival: 1, standardError: 0,
                                    interval: ConfidenceInterval(lower: 1, upper: 1), atRisk: atRisk)
        }
        let step = steps[i]
        return LandmarkSurvival(time: time, survival: step.survival, standardError: step.standardError,
                                interval: confidence.interval(survival: step.survival, standardErrorLog: step.standardErrorLog, z: z),
                                atRisk: atRisk)
    }
}
