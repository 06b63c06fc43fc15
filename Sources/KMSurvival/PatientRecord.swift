/// One patient's follow-up, the unit every statistic in this module works on.
///
/// `time` is in the study's own unit (months, days…); `event` is `true` for the event of
/// interest (death, progression) and `false` for a censored observation. `study` labels the
/// source publication when reconstructed data from several figures are pooled; the stratified
/// log-rank test and Cox model use it as the stratum.
public struct PatientRecord: Sendable, Hashable {
    public var arm: String
    public var time: Double
    public var event: Bool
    public var study: String?

    public init(arm: String, time: Double, event: Bool, study: String? = nil) {
        self.arm = arm
        self.time = time
        self.event = event
        self.study = study
    }
}
