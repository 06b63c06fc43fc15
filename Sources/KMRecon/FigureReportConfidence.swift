import Foundation
import KMReconstruct

/// The overall verdict on one figure's extraction.
public enum FigureConfidence: String, Sendable, Equatable, Comparable {
    /// Every check passed: the patients can be used without looking at the overlay.
    case ok
    /// Patients were written, but at least one check failed: look at the overlay first.
    case review
    /// Extraction stopped with an error; no patients.
    case failed

    public static func < (a: FigureConfidence, b: FigureConfidence) -> Bool {
        let order: [FigureConfidence] = [.ok, .review, .failed]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// The documented rules that turn an extraction into ``FigureConfidence``.
///
/// - `failed` when extraction threw (spec, image, digitising or reconstruction error).
/// - `review` when any of these holds, each adding one reason:
///   1. a reconstructed number at risk misses the reported one by more than
///      `atRiskRelativeTolerance` of it **and** by more than `atRiskAbsoluteTolerance` patients;
///   2. an arm's assignment confidence is below `minimumAssignmentConfidence` (no colour hint
///      and the curves could be swapped);
///   3. the mean vertical gap between the traced curve and the Kaplan–Meier curve of the
///      reconstructed patients (``ArmReport/curveGap``) is above `maximumCurveGap` (survival, a
///      probability). IPDfromKM's RMSE is reported but not judged: it compares each drop's top
///      corner with the curve after the drop, so it is about one step height even for a perfect
///      reconstruction of a small arm;
///   4. reported total events and reconstructed events differ by more than
///      `eventsRelativeTolerance` of the reported total;
///   5. a tick mark found on the image lies more than `maximumTickResidualPixels` from where
///      the calibration puts it;
///   6. the digitiser left a note, or the reconstruction a warning that changes the patients
///      (see ``needsReview(_:)``; warnings that describe normal figures — the curve ending
///      just before the last at-risk time, a drop at t=0 of under `maximumDropAtZero` — and
///      those already judged by rules 1 and 4 do not count);
///   7. the traced curve ends before an at-risk table time (by more than `curveEndSlack` of the
///      last table time) at which the table still reports more than `atRiskAbsoluteTolerance`
///      patients at risk: nobody is at risk after a curve's last time, so part of the curve was
///      not traced.
///   8. something was read from the figure that is not sure (see ``readingReasons(_:)``): a
///      tick label or table cell voted on and read the same way by fewer than 3 of 4 reads, a read label
///      more than `maximumReadingDisagreementPixels` from where the final calibration puts
///      its value, an axis calibrated from label positions because the read values fit no
///      tick marks, or a table row tied to its arm only by order.
/// - `ok` otherwise.
public struct ConfidenceRules: Sendable, Equatable {
    /// Largest accepted |reconstructed − reported| at risk, as a fraction of the reported count.
    public var atRiskRelativeTolerance: Double = 0.10
    /// Differences of at most this many patients are accepted whatever the fraction.
    public var atRiskAbsoluteTolerance: Int = 2
    /// Smallest accepted arm ↔ curve assignment confidence, in [0, 1].
    public var minimumAssignmentConfidence: Double = 0.5
    /// Largest accepted mean gap between the traced and reconstructed curves (survival units).
    public var maximumCurveGap: Double = 0.02
    /// Largest accepted |reconstructed − reported| events, as a fraction of the reported total.
    public var eventsRelativeTolerance: Double = 0.10
    /// Largest accepted tick residual, in pixels.
    public var maximumTickResidualPixels: Double = 3.0
    /// Whether notes and warnings alone ask for review.
    public var reviewOnWarnings: Bool = true
    /// A traced drop at t = 0 up to this size (survival) is taken as tracing noise, not a warning.
    public var maximumDropAtZero: Double = 0.02
    /// How far past the traced curve's end (as a fraction of the last table time) a table time
    /// must lie before a positive count there means the curve was cut short.
    public var curveEndSlack: Double = 0.01
    /// Largest accepted distance between a read tick label and where the calibration puts its
    /// value, pixels.
    public var maximumReadingDisagreementPixels: Double = 3.0

    public init() {}

    /// The reasons a successful extraction needs review; empty means `ok`.
    public func reviewReasons(arms: [ArmReport], calibration: [AxisCheck], notes: [String]) -> [String] {
        var reasons: [String] = []
        for arm in arms {
            for row in arm.atRisk {
                let miss = abs(row.reconstructed - row.reported)
                if miss > atRiskAbsoluteTolerance, Double(miss) > atRiskRelativeTolerance * Double(row.reported) {
                    reasons.append("arm \"\(arm.name)\": \(row.reconstructed) reconstructed at risk at t=\(short(row.time)) against \(row.reported) reported (more than \(percent(atRiskRelativeTolerance)) off)")
                }
            }
            if let times = arm.tableTimes, let counts = arm.tableCounts, let last = times.last,
               let curveEnd = arm.tracedPoints.last?.time,
               let i = times.indices.first(where: { times[$0] > curveEnd + curveEndSlack * last && $0 < counts.count && counts[$0] > atRiskAbsoluteTolerance }) {
                reasons.append("arm \"\(arm.name)\": the traced curve ends at t=\(short(curveEnd)), but the table reports \(counts[i]) at risk at t=\(short(times[i])): part of the curve was not traced")
            }
            if arm.assignmentConfidence < minimumAssignmentConfidence {
                reasons.append("arm \"\(arm.name)\": curve assignment confidence \(short(arm.assignmentConfidence)) is below \(short(minimumAssignmentConfidence)); give the arm's \"color\" in the spec")
            }
            if arm.curveGap > maximumCurveGap {
                reasons.append("arm \"\(arm.name)\": the reconstructed curve is on average \(short(arm.curveGap)) away from the traced one (more than \(short(maximumCurveGap)))")
            }
            if let reported = arm.reportedEvents, reported > 0,
               Double(abs(arm.events - reported)) > eventsRelativeTolerance * Double(reported) {
                reasons.append("arm \"\(arm.name)\": \(arm.events) reconstructed events against \(reported) reported (more than \(percent(eventsRelativeTolerance)) off)")
            }
            if reviewOnWarnings {
                let curveEnd = arm.tracedPoints.last?.time ?? 0
                for w in arm.warnings where needsReview(w, lastRiskTime: arm.tableTimes?.last, curveEnd: curveEnd) { reasons.append("arm \"\(arm.name)\": \(w)") }
            }
        }
        for axis in calibration {
            for tick in axis.ticks {
                if let r = tick.residualPixels, abs(r) > maximumTickResidualPixels {
                    reasons.append("\(axis.axis) tick \(short(tick.value)): the tick mark is \(short(abs(r))) px from the calibrated position (more than \(short(maximumTickResidualPixels)) px)")
                }
            }
        }
        if reviewOnWarnings {
            for n in notes { reasons.append("digitiser: \(n)") }
        }
        return reasons
    }
}

extension ConfidenceRules {
    /// Whether a reconstruction warning asks for review: yes for anything that removed readings,
    /// guessed censoring, capped a loop or emitted extra patients; no for the normal end of a
    /// figure (empty risk intervals at the table's last time or after the curve ends, patients assumed at risk at the end), an ignored total,
    /// merged readings, small drops at t=0, and the at-risk and event mismatches that rules 1
    /// and 4 judge with their tolerances.
    /// `lastRiskTime` is the arm's last at-risk table time and `curveEnd` the traced curve's last
    /// time: empty risk intervals there or after the curve ends are normal.
    public func needsReview(_ warning: ReconstructionWarning, lastRiskTime: Double?, curveEnd: Double) -> Bool {
        switch warning {
        case let .emptyRiskIntervals(times):
            return times.contains { $0 != lastRiskTime && $0 < curveEnd }
        case .totalPatientsIgnored, .middleReadingsDropped, .endPatientsAssumed,
             .atRiskNotMatched, .totalEventsDiffer:
            return false
        case let .dropAtTimeZero(survival):
            return 1 - survival > maximumDropAtZero
        case .scaleLooksWrong, .missingReadingsDropped, .outliersRemoved, .belowZeroRemovedLaterPoints,
             .aboveOneRemoved, .negativeTimesRemoved, .iterationCapReached, .extraPatients, .noCensoringInformation:
            return true
        }
    }
}

func short(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NA" : (x > 0 ? "Inf" : "-Inf") }
    return String(format: "%.4g", x)
}

private func percent(_ fraction: Double) -> String { "\(short(fraction * 100)) %" }
