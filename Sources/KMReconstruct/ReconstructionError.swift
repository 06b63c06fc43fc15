import Foundation

/// Why a reconstruction could not be made. Messages say what to fix in the input.
public enum ReconstructionError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooFewPoints(count: Int)
    case pointNotFinite(index: Int)
    case noUsablePoints
    case atRiskLengthMismatch(times: Int, counts: Int)
    case emptyAtRiskTable
    case atRiskTimeNotFinite(index: Int)
    case atRiskTimesNotIncreasing(index: Int, time: Double, previous: Double)
    case atRiskCountsIncrease(index: Int, time: Double, count: Int, previousTime: Double, previousCount: Int)
    case negativeCount(index: Int, count: Int, time: Double)
    case missingPatientCount
    case invalidTotalPatients(Int)
    case invalidTotalEvents(Int)
    case tooManyPatients(Int, limit: Int)
    /// The curve reaches 0 at the start of a risk interval that is not the last one: IPDfromKM
    /// divides by that survival and R stops with "missing value where TRUE/FALSE needed".
    case zeroSurvivalAtIntervalStart(time: Double)
    /// IPDfromKM would read a variable that was never set (its adjustment loop did not run
    /// for the first interval). Happens only with inconsistent at-risk numbers.
    case adjustmentNeverRan(interval: Int)

    public var description: String {
        switch self {
        case let .tooFewPoints(count):
            return "not enough digitised points: \(count) given, at least 5 are needed"
        case let .pointNotFinite(index):
            return "digitised point \(index + 1) has an infinite time or survival"
        case .noUsablePoints:
            return "no digitised point is left after cleaning: every reading has a negative time or a survival outside 0–1 (is the survival scale right? use percent for 0–100 readings)"
        case let .atRiskLengthMismatch(times, counts):
            return "the at-risk table has \(times) times but \(counts) counts; give one count per time"
        case .emptyAtRiskTable:
            return "the at-risk table is empty"
        case let .atRiskTimeNotFinite(index):
            return "at-risk time \(index + 1) is not a finite number"
        case let .atRiskTimesNotIncreasing(index, time, previous):
            return "at-risk times must increase: \(fmt(time)) (entry \(index + 1)) comes after \(fmt(previous))"
        case let .atRiskCountsIncrease(index, time, count, previousTime, previousCount):
            return "at-risk counts must not increase: \(count) at t=\(fmt(time)) (entry \(index + 1)) after \(previousCount) at t=\(fmt(previousTime))"
        case let .negativeCount(index, count, time):
            return "at-risk count \(count) at t=\(fmt(time)) (entry \(index + 1)) is negative"
        case .missingPatientCount:
            return "give an at-risk table or the total number of patients"
        case let .invalidTotalPatients(n):
            return "the total number of patients must be at least 1, got \(n)"
        case let .invalidTotalEvents(n):
            return "the total number of events must be at least 0, got \(n)"
        case let .tooManyPatients(n, limit):
            return "\(n) patients is more than one arm can have here (at most \(limit)); check the at-risk counts, n and events for an extra digit"
        case let .zeroSurvivalAtIntervalStart(time):
            return "the curve is at 0 at t=\(fmt(time)), the start of a risk interval that is not the last; IPDfromKM cannot continue (drop the at-risk entries after the curve reaches 0)"
        case let .adjustmentNeverRan(interval):
            return "the censoring adjustment never ran for risk interval \(interval): the at-risk numbers are inconsistent with the curve"
        }
    }
}

/// A number for a message: whole numbers without ".0", others to 6 significant digits
/// (`26.6973`, not `26.697269367162136`).
func fmt(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    let shown = Double(String(format: "%.6g", x)) ?? x
    return shown == shown.rounded() && abs(shown) < 1e15 ? String(Int(shown)) : String(shown)
}
