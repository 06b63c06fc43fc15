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
