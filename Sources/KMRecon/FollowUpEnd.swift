import KMDigitize
import KMReconstruct

/// A drawn Kaplan–Meier curve runs on to the last patient's time: its flat tail after the last
/// drop ends where the last patient still under follow-up was censored. IPDfromKM spreads an
/// interval's censorings evenly inside it, so its latest censoring usually falls short of that
/// end (e.g. half-way through the last interval when one patient is censored there).
///
/// Moves the latest patient, when censored and earlier than `curveEnd`, to `curveEnd`. Nothing
/// else changes: no event comes after that patient, so the Kaplan–Meier curve of the patients
/// is the same at every time it was defined, it is now defined up to the drawn end, and the
/// follow-up (the largest time) matches the figure. The move is skipped when it would put more
/// patients at risk at a table time than the table reports.
///
/// - Parameters:
///   - patients: the reconstructed patients (any order).
///   - curveEnd: the time of the traced curve's last point, in the figure's time unit.
///   - table: the printed numbers at risk, when known.
/// - Returns: the patients with at most one censoring time changed, in the same order.
func placingLastFollowUpAtCurveEnd(_ patients: [ReconstructedPatient], curveEnd: Double,
                                   table: AtRiskTable?) -> [ReconstructedPatient] {
    guard curveEnd.isFinite, let last = patients.indices.max(by: { patients[$0].time < patients[$1].time }),
          !patients[last].event, patients[last].time < curveEnd
    else { return patients }
    let from = patients[last].time
    if let table {
        for (t, reported) in zip(table.times, table.counts) where t > from && t <= curveEnd {
            let atRisk = patients.lazy.filter { $0.time >= t }.count
            if atRisk + 1 > reported { return patients }
        }
    }
    var moved = patients
    moved[last].time = curveEnd
    return moved
}

/// A trace can stop a pixel or so short of where the line is drawn to: the line's last column
/// is anti-aliased, and the x calibration places tick marks to within half a pixel. When the
/// printed table counts patients still at risk at a time just past the trace's end, those
/// patients were followed at least to that time, so the drawn curve reaches it; left short,
/// IPDfromKM finds the table's last interval empty and censors them before the time at which the
/// table counts them.
///
/// Moves the curve's end (its last corner, when the curve ends on a flat tail) to the latest
/// printed at-risk time with patients at risk that lies after the end by at most `columns`
/// pixel columns. A curve that ends in a drop, or further short of the table, is left alone
/// (the report's review rules judge a trace that ends early).
///
/// - Parameters:
///   - curve: the traced arm (`timePerPixel` gives the column width; 0 leaves it alone).
///   - table: the printed numbers at risk, when known.
///   - columns: how far past the trace's end, in pixel columns, a table time still counts as
///     the drawn end.
/// - Returns: the arm with its last corner at that table time, or unchanged.
func reachingAtRiskTimeAtCurveEnd(_ curve: DigitizedArm, table: AtRiskTable?, columns: Double = 2) -> DigitizedArm {
    let corners = curve.corners
    guard let table, curve.timePerPixel > 0, corners.count >= 2 else { return curve }
    let end = corners[corners.count - 1], before = corners[corners.count - 2]
    guard end.time > before.time, end.survival == before.survival else { return curve }
    let reach = end.time + columns * curve.timePerPixel
    guard let i = table.times.indices.last(where: { table.times[$0] > end.time && table.times[$0] <= reach && table.counts[$0] > 0 })
    else { return curve }
    var reached = curve
    reached.corners[corners.count - 1].time = table.times[i]
    return reached
}

/// IPDfromKM censors every patient still at risk after the last drop at one time, the end of
/// the curve. Where the figure draws censor marks on the curve's flat tail, those patients left
/// follow-up at the marks (one by one, as patients enter a trial over months or years), and
/// tied at the end they would stay in every risk set of the tail: another arm's events there
/// (a Cox model, a pooled curve, the log-rank test) would see them all.
///
/// Moves as many of those k ≥ 2 censorings as there are marks in the tail (lo, `curveEnd`),
/// at most k − 1 (the last stays at the end; with more marks, evenly chosen ones), to the marks'
/// times. The rest stay at the end: without marks nothing tells when they left, and censoring
/// all at the end of a study's follow-up is common (administrative censoring). lo is the last
/// event's time, or the latest printed at-risk time before the end that still counts patients
/// (they were followed to it), whichever is later. The arm's Kaplan–Meier curve does not change
/// (no event comes after them), nor does any printed number at risk.
///
/// - Parameters:
///   - patients: the reconstructed patients of one arm (any order).
///   - curveEnd: the time of the traced curve's last point.
///   - table: the printed numbers at risk, when known.
///   - censorMarks: times of the censor marks found on the arm's curve.
/// - Returns: the patients in the same order, censorings moved to the tail's marks.
func movingTailCensoringsToMarks(_ patients: [ReconstructedPatient], curveEnd: Double, table: AtRiskTable?,
                             censorMarks: [Double]) -> [ReconstructedPatient] {
    guard curveEnd.isFinite else { return patients }
    let lastEvent = patients.lazy.filter(\.event).map(\.time).max() ?? 0
    let tail = patients.indices.filter { !patients[$0].event && patients[$0].time == curveEnd }
    guard tail.count >= 2, curveEnd > lastEvent else { return patients }
    var lo = lastEvent
    if let table {
        for (t, n) in zip(table.times, table.counts) where t <= curveEnd && n > 0 { lo = max(lo, t) }
    }
    guard curveEnd > lo else { return patients }
    let k = tail.count
    let marks = Array(Set(censorMarks.filter { $0 > lo && $0 < curveEnd })).sorted()
    let m = min(marks.count, k - 1)
    guard m > 0 else { return patients }
    // m marks, evenly chosen when there are more; the rest at the end.
    var times = (0..<m).map { marks[marks.count == m ? $0 : $0 * (marks.count - 1) / max(1, m - 1)] }
    times += Array(repeating: curveEnd, count: k - m)
    times.sort()
    var spread = patients
    for (i, t) in zip(tail, times) { spread[i].time = t }
    return spread
}
