import KMReconstruct

/// IPDfromKM gives every event of one drop the drop's time. The trace, though, locates a drop
/// only to within one pixel column, and a drop several patients deep in one column stands for
/// patients whose true times are distinct and lie somewhere inside that column's span of time
/// (in a large arm one column often merges several drops the line's width cannot separate).
/// Tying them all to one instant is a product of the reading, and it weighs on what is computed
/// from the patients: the order of two arms' events at the same column decides a Cox model's
/// risk sets, and a curve drawn through the patients' times treats the whole drop as one point.
///
/// Spreads each group of k ≥ 2 events an arm has at one time evenly over the column around
/// it: the j-th of them (j = 0..<k) at lo + (hi − lo)·(j + ½)/k, where [lo, hi] is the span
/// [t − w/2, t + w/2] of width w = `timePerPixel`, kept inside [0, `curveEnd`] and on the
/// side of every at-risk table time that t is on (an event at or after a table time stays at or
/// after it, one before it stays before), so the numbers at risk at the table's times do not
/// change. Each event moves by at most half a column, below what the figure resolves; the
/// Kaplan–Meier curve of the patients changes only inside the drops' own columns. Censorings
/// and lone events keep their times.
///
/// - Parameters:
///   - patients: the reconstructed patients of one arm (any order).
///   - timePerPixel: the x calibration's time per pixel column, in the figure's time unit; 0 or
///     less leaves the patients alone.
///   - curveEnd: the time of the traced curve's last point.
///   - table: the printed numbers at risk, when known.
/// - Returns: the patients in the same order, tied events spread.
func spreadingTiedEvents(_ patients: [ReconstructedPatient], timePerPixel: Double, curveEnd: Double,
                         table: AtRiskTable?) -> [ReconstructedPatient] {
    guard timePerPixel > 0, timePerPixel.isFinite else { return patients }
    var groups: [Double: [Int]] = [:]
    for (i, p) in patients.enumerated() where p.event { groups[p.time, default: []].append(i) }
    let tableTimes = table?.times ?? []
    var spread = patients
    for (t, members) in groups where members.count >= 2 && t.isFinite {
        var lo = max(0, t - timePerPixel / 2), hi = t + timePerPixel / 2
        if curveEnd.isFinite, curveEnd >= t { hi = min(hi, curveEnd) }
        for tau in tableTimes {
            if tau <= t, tau > lo { lo = tau }
            if tau > t, tau < hi { hi = tau }
        }
        guard hi > lo else { continue }
        let k = Double(members.count)
        for (j, i) in members.enumerated() {
            spread[i].time = lo + (hi - lo) * (Double(j) + 0.5) / k
        }
    }
    return spread
}
