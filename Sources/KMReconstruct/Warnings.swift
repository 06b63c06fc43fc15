/// Something IPDfromKM does silently that a user would not expect. The reconstruction keeps
/// IPDfromKM's exact behaviour and reports it here (see the IPDfromKM specification, §8).
public enum ReconstructionWarning: Sendable, Hashable, CustomStringConvertible {
    /// Readings look like percent although the scale is probability, or the reverse.
    case scaleLooksWrong(maxReading: Double, scale: SurvivalScale)
    /// Rows with a missing (NaN) time or survival were dropped.
    case missingReadingsDropped(count: Int)
    /// IPDfromKM's wild-click filter (inclusive fences at 0.5 IQR of the jumps) removed these
    /// readings; it also removes legitimate points next to steep drops.
    case outliersRemoved(times: [Double])
    /// A reading below 0 was carried forward by the running-minimum fix, so it and every later
    /// reading were deleted by the range filter.
    case belowZeroRemovedLaterPoints(time: Double, laterPoints: Int)
    /// Readings above 1 (100 %) were deleted, not clamped.
    case aboveOneRemoved(count: Int)
    /// Readings at negative times were deleted.
    case negativeTimesRemoved(count: Int)
    /// The first reading at t = 0 is below 1, so the curve drops at 0 and events are
    /// reconstructed at time 0.
    case dropAtTimeZero(survival: Double)
    /// More than two readings at one time: only the highest and lowest are kept.
    case middleReadingsDropped(count: Int)
    /// Both an at-risk table and a total were given; IPDfromKM ignores the total.
    case totalPatientsIgnored(Int)
    /// Risk intervals that hold no digitised point are skipped with their counts.
    case emptyRiskIntervals(times: [Double])
    /// The curve stops before the last at-risk time, so min(at-risk counts) patients are assumed
    /// still at risk at the end.
    case endPatientsAssumed(count: Int, lastCurveTime: Double, lastRiskTime: Double)
    /// The censoring adjustment could not reach the reported number at risk; the achieved number
    /// replaced the reported one for the next interval.
    case atRiskNotMatched(time: Double, reported: Int, reconstructed: Int)
    /// The adjustment loop hit the iteration cap (R would loop for ever).
    case iterationCapReached(interval: Int, iterations: Int)
    /// The reconstructed event total differs from the reported one (IPDfromKM only uses the
    /// reported total to cap censoring in the last interval).
    case totalEventsDiffer(reported: Int, reconstructed: Int)
    /// More patients were emitted than at time 0, because a clamp kept censorings after nobody
    /// was left at risk.
    case extraPatients(emitted: Int, atStart: Int)
    /// No at-risk table and no total events: censoring is assumed to be zero, so events are
    /// overestimated whenever the trial had censoring.
    case noCensoringInformation

    public var description: String {
        switch self {
        case let .scaleLooksWrong(maxReading, scale):
            return scale == .probability
                ? "readings go up to \(fmt(maxReading)), which looks like percent, but the scale is probability: use --max-y 100"
                : "every reading is at most \(fmt(maxReading)), which looks like probabilities, but the scale is percent: use --max-y 1"
        case let .missingReadingsDropped(count):
            return "\(count) reading(s) with a missing value were dropped"
        case let .outliersRemoved(times):
            return "the wild-click filter removed \(times.count) reading(s) at t=\(list(times))"
        case let .belowZeroRemovedLaterPoints(time, later):
            return "a reading below 0 at t=\(fmt(time)) removed the \(later) point(s) after it"
        case let .aboveOneRemoved(count):
            return "\(count) reading(s) above 1 (100 %) were deleted, not clamped"
        case let .negativeTimesRemoved(count):
            return "\(count) reading(s) at negative times were deleted"
        case let .dropAtTimeZero(survival):
            return "the first reading at t=0 is \(fmt(survival)), so events are reconstructed at time 0"
        case let .middleReadingsDropped(count):
            return "\(count) reading(s) between the highest and lowest at the same time were dropped"
        case let .totalPatientsIgnored(n):
            return "the total of \(n) patients is ignored because an at-risk table is given"
        case let .emptyRiskIntervals(times):
            return "no digitised point lies in the risk interval(s) starting at t=\(list(times)); their counts are not used"
        case let .endPatientsAssumed(count, lastCurveTime, lastRiskTime):
            return "the curve stops at t=\(fmt(lastCurveTime)), before the last at-risk time t=\(fmt(lastRiskTime)); \(count) patient(s) are assumed still at risk at the end"
        case let .atRiskNotMatched(time, reported, reconstructed):
            return "at t=\(fmt(time)) the reconstruction has \(reconstructed) at risk where the table reports \(reported)"
        case let .iterationCapReached(interval, iterations):
            return "the censoring adjustment for risk interval \(interval) did not settle after \(iterations) iterations and was stopped (R would not stop); results no longer match IPDfromKM"
        case let .totalEventsDiffer(reported, reconstructed):
            return "\(reconstructed) events reconstructed where \(reported) are reported"
        case let .extraPatients(emitted, atStart):
            return "\(emitted) patients were emitted for \(atStart) at risk at time 0"
        case .noCensoringInformation:
            return "no at-risk table and no total events: censoring is assumed to be zero, so events are likely overestimated"
        }
    }
}

private func list(_ times: [Double]) -> String {
    let shown = times.prefix(8).map(fmt).joined(separator: ", ")
    return times.count > 8 ? shown + ", …" : shown
}
