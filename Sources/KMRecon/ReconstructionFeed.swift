import KMDigitize
import KMReconstruct

/// How a traced curve and the printed numbers are handed to the IPDfromKM reconstruction.
public enum ReconstructionFeed: Sendable, Hashable {
    /// The traced corners with the printed at-risk table (else n) and events, as a user of
    /// IPDfromKM would give them.
    case plain
    /// First infers the whole numbers at risk and events at every drop (`RiskSetInference`:
    /// drop sizes, printed table, steady censoring between table times), then gives IPDfromKM
    /// a table with a row at every drop and the corners on the levels those numbers give (where
    /// they lie within reading noise of the trace). Censor marks found on the curve count as
    /// censorings in the gap between drops where they sit. In small arms this recovers the patients
    /// almost exactly; in large ones it behaves like `plain`. Falls back to `plain` when there
    /// is nothing to infer. Then the events IPDfromKM tied to one drop are spread evenly over
    /// that drop's pixel column (``spreadingTiedEvents(_:timePerPixel:curveEnd:table:)``), the
    /// latest censoring is put at the end of the drawn curve, which is where the last follow-up
    /// ends (``placingLastFollowUpAtCurveEnd(_:curveEnd:table:)``), and others censored there
    /// go to the censor marks found on the flat tail
    /// (``movingTailCensoringsToMarks(_:curveEnd:table:censorMarks:)``). `plain` does none of
    /// these: its patients are exactly IPDfromKM's.
    case inferredAtRisk

    /// What `extractPatients` uses unless told otherwise.
    public static let standard = ReconstructionFeed.inferredAtRisk
}

/// The inferred-at-risk input for one arm, or nil when inference does not apply (no drops, no
/// n, no pixel size).
func inferredReconstructionInput(_ arm: FigureSpec.Arm, _ curve: DigitizedArm, _ table: AtRiskTable?) -> ReconstructionInput? {
    let corners = curve.corners
    guard corners.count >= 2, curve.survivalPerPixel > 0,
          let patients = table.flatMap({ $0.times.first == 0 ? $0.counts.first : nil }) ?? arm.patients ?? table?.counts.first
    else { return nil }
    let pixel = curve.survivalPerPixel
    let endTime = corners[corners.count - 1].time
    // The curve starts at 1. A first level read up to about a pixel below it is the line at 1,
    // drawn lower than its centre (its top half clipped by a panel that ends at 1, or hidden
    // under a frame or reference line there), or small drops the trace merged into the first
    // level; either way that level is 1 and the levels below keep their own readings (shifting
    // them all up by the gap lifted every later level of such figures by a pixel). Further
    // down, the start is a drop near time 0 that the trace did not resolve: it happened within
    // the first column or so, and goes half a column in (before the first traced drop), not at
    // 0 itself, where events break fits on the logarithm of time (Weibull, log-normal).
    let start = corners[0].survival
    // A start less than half one patient's step below 1 is no drop either.
    let startIsOne = 1 - start <= 1.2 * pixel || 1 - start < 0.5 / Double(patients)
    var drops: [RiskSetInference.Drop] = []
    if !startIsOne, start < 1 {
        let firstDrop = corners.indices.dropFirst().first { corners[$0].survival < corners[$0 - 1].survival }.map { corners[$0].time } ?? endTime
        drops.append(.init(time: min(curve.timePerPixel / 2, firstDrop / 2), before: 1, after: start))
    }
    for i in 1..<corners.count where corners[i].time == corners[i - 1].time && corners[i].survival < corners[i - 1].survival {
        let before = corners[i - 1].survival
        drops.append(.init(time: corners[i].time, before: startIsOne && before == start ? 1 : before, after: corners[i].survival))
    }
    let inference = RiskSetInference(
        drops: drops, patients: patients, atRiskTimes: table?.times ?? [], atRiskCounts: table?.counts ?? [],
        totalEvents: arm.events, censorMarkTimes: curve.censorMarks.map(\.time),
        endTime: endTime, levelNoise: 0.7 * pixel,
        timeTolerance: curve.timePerPixel > 0 ? curve.timePerPixel : endTime / 500)
    guard let history = inference.infer() else { return nil }

    // Levels: the inferred Kaplan–Meier value where it is within reading noise of the trace.
    var levels = [1.0]
    for (j, drop) in drops.enumerated() {
        let fitted = history.survivalAfter[j]
        levels.append(abs(fitted - drop.after) <= 1.5 * pixel ? fitted : drop.after)
    }
    var points = [SurvivalReading(time: 0, survival: 1)]
    for (j, drop) in drops.enumerated() {
        points.append(SurvivalReading(time: drop.time, survival: levels[j]))
        points.append(SurvivalReading(time: drop.time, survival: levels[j + 1]))
    }
    points.append(SurvivalReading(time: endTime, survival: levels[levels.count - 1]))

    // The table: a row at every drop, plus the printed rows kept within what the drops allow.
    var rows: [(time: Double, count: Int)] = [(0, patients)]
    for (j, drop) in drops.enumerated() where drop.time > 0 {
        rows.append((drop.time, history.atRisk[j]))
    }
    if let table {
        for (tau, count) in zip(table.times, table.counts) where tau > 0 && !drops.contains(where: { $0.time == tau }) {
            let after = drops.lastIndex { $0.time < tau }.map { history.atRisk[$0] - history.events[$0] } ?? patients
            let before = drops.firstIndex { $0.time > tau }.map { history.atRisk[$0] } ?? 0
            rows.append((tau, min(after, max(before, count))))
        }
    }
    rows.sort { $0.time < $1.time }
    var times: [Double] = [], counts: [Int] = []
    for row in rows where times.last != row.time {
        times.append(row.time)
        counts.append(min(row.count, counts.last ?? row.count))
    }
    guard let dense = try? AtRiskTable(times: times, counts: counts) else { return nil }
    let withReadings = reconstructionPoints(withReadingsAt: times, points)
    return ReconstructionInput(points: reconstructionPoints(withReadings), atRisk: dense,
                               totalPatients: nil, totalEvents: arm.events, scale: .probability)
}

/// IPDfromKM's warnings on an inferred-feed reconstruction, kept where they concern what the
/// figure and the spec give. That feed hands IPDfromKM a table of its own, with a row at every
/// drop and the printed counts clipped to what the drops allow, so some warnings are about that
/// table and would mislead if reported as they are:
/// - "at t the reconstruction has m at risk where the table reports n": `n` is an inferred
///   count. All of them go; the report compares the patients with every printed count instead
///   (`at_risk`: reported, reconstructed, difference).
/// - "no point lies in the risk interval starting at t": kept only for printed table times
///   before the end of the traced curve. From the curve's end on, no interval has points, and a
///   table that still counts patients there is a reason to review of its own (the curve ends
///   early).
/// - "the curve stops before the last at-risk time; k patients are assumed still at risk": kept
///   only when k > 0; with k = 0 nothing was assumed.
///
/// - Parameters:
///   - warnings: the reconstruction's warnings.
///   - table: the printed numbers at risk, when known.
///   - curveEnd: the time of the traced curve's last point.
func warningsOnTheGivenNumbers(_ warnings: [ReconstructionWarning], table: AtRiskTable?, curveEnd: Double) -> [ReconstructionWarning] {
    let printed = table?.times ?? []
    return warnings.compactMap { warning in
        switch warning {
        case .atRiskNotMatched:
            return nil
        case let .emptyRiskIntervals(times):
            let kept = times.filter { t in t < curveEnd && printed.contains(t) }
            return kept.isEmpty ? nil : .emptyRiskIntervals(times: kept)
        case let .endPatientsAssumed(count, _, _):
            return count > 0 ? warning : nil
        default:
            return warning
        }
    }
}
