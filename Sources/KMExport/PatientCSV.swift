import Foundation
import KMReconstruct
import KMSurvival

/// Patient-level survival files: `arm,time,event` rows (event 1 = event, 0 = censored), the
/// format `kmrecon reconstruct` writes and `kmrecon report` reads, and the pooled form with a
/// `study` column that `kmrecon pool` writes.
public enum PatientCSV {
    /// Reads patients from a CSV file with columns `arm`, `time` and `event` (or IPDfromKM's
    /// `status`), in any order; other columns are ignored unless named as the strata column.
    ///
    /// - Parameters:
    ///   - strataColumn: a column whose value becomes each patient's stratum (`PatientRecord.study`);
    ///     without it a `study` column, if present, is still read.
    /// - Throws: `CSVError` naming the file and line: a missing column, a time that is not a
    ///   finite number ≥ 0, an event that is not 0 or 1, a blank arm or stratum, or no rows.
    public static func read(_ path: String, strataColumn: String? = nil) throws(CSVError) -> [PatientRecord] {
        let table = try CSVTable(contentsOf: path)
        let armColumn = try table.column("arm")
        let times = try table.doubles("time")
        let eventName = table.header.contains("event") || !table.header.contains("status") ? "event" : "status"
        let eventColumn = try table.column(eventName)
        let strata: Int?
        if let strataColumn { strata = try table.column(strataColumn) } else { strata = table.header.firstIndex(of: "study") }
        guard !table.rows.isEmpty else {
            throw .invalid(path: path, line: nil, problem: "no patients: the file has a header but no rows")
        }
        var patients: [PatientRecord] = []
        patients.reserveCapacity(table.rows.count)
        for (i, row) in table.rows.enumerated() {
            let line = table.lineNumbers[i]
            let arm = row[armColumn]
            guard !arm.isEmpty else { throw .invalid(path: path, line: line, problem: "column 'arm' is blank; every patient needs an arm label") }
            guard times[i] >= 0 else {
                throw .invalid(path: path, line: line, problem: "column 'time' has \(row[table.header.firstIndex(of: "time")!]), expected a time ≥ 0")
            }
            let event: Bool
            switch row[eventColumn] {
            case "1", "1.0": event = true
            case "0", "0.0": event = false
            case let other:
                let shown = other.isEmpty ? "a blank cell" : "'\(other)'"
                throw .invalid(path: path, line: line, problem: "column '\(eventName)' has \(shown), expected 1 (event) or 0 (censored)")
            }
            var study: String? = nil
            if let strata {
                study = row[strata]
                guard !row[strata].isEmpty else {
                    throw .invalid(path: path, line: line, problem: "column '\(table.header[strata])' is blank; every patient needs a stratum")
                }
            }
            patients.append(PatientRecord(arm: arm, time: times[i], event: event, study: study))
        }
        return patients
    }

    /// CSV text `arm,time,event` with a header, one row per patient (event 1, censored 0), arms
    /// in the order given and each arm's patients in the order given. Times read back as the
    /// same doubles.
    public static func text(_ arms: [(name: String, patients: [ReconstructedPatient])]) -> String {
        var text = "arm,time,event\n"
        text.reserveCapacity(arms.reduce(16) { $0 + 24 * $1.patients.count })
        for (name, patients) in arms {
            let label = csvField(name)
            for p in patients {
                text += label + "," + csvNumber(p.time) + (p.event ? ",1\n" : ",0\n")
            }
        }
        return text
    }

    /// CSV text `study,arm,time,event` for patients from several studies, each labelled with
    /// its study name. Times read back as the same doubles.
    public static func pooledText(_ studies: [(name: String, patients: [PatientRecord])]) -> String {
        var text = "study,arm,time,event\n"
        for (name, patients) in studies {
            let label = csvField(name)
            for p in patients {
                text += label + "," + csvField(p.arm) + "," + csvNumber(p.time) + (p.event ? ",1\n" : ",0\n")
            }
        }
        return text
    }
}
