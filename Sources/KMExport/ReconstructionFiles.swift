import Foundation
import KMReconstruct

/// Reading IPDfromKM's input files: digitised points (`time,surv`) and a numbers-at-risk table
/// (`trisk,nrisk`). Every problem is reported with the file and line.
public enum ReconstructionFiles {
    /// Reads `time,surv` rows. Blank, `NA`, `NaN` and non-numeric cells are errors, and at
    /// least 5 rows are needed (IPDfromKM's minimum).
    public static func readPoints(_ path: String) throws(CSVError) -> [CurvePoint] {
        let table = try CSVTable(contentsOf: path)
        let times = try table.doubles("time")
        let survival = try table.doubles("surv")
        guard times.count >= 5 else {
            throw .invalid(path: path, line: nil,
                           problem: "\(times.count) point(s), at least 5 are needed")
        }
        return zip(times, survival).map { CurvePoint(time: $0, survival: $1) }
    }

    /// Reads `trisk,nrisk` rows into a validated `AtRiskTable`: times increasing, counts whole,
    /// ≥ 0 and non-increasing. An error names the offending line.
    public static func readAtRiskTable(_ path: String) throws(CSVError) -> AtRiskTable {
        let table = try CSVTable(contentsOf: path)
        let times = try table.doubles("trisk")
        let counts = try table.counts("nrisk")
        guard !times.isEmpty else { throw .invalid(path: path, line: nil, problem: "no rows after the header") }
        do {
            return try AtRiskTable(times: times, counts: counts)
        } catch {
            let line: Int? = switch error {
            case let .atRiskTimesNotIncreasing(index, _, _), let .atRiskCountsIncrease(index, _, _, _, _),
                 let .negativeCount(index, _, _), let .atRiskTimeNotFinite(index):
                table.lineNumbers[index]
            default: nil
            }
            throw .invalid(path: path, line: line, problem: error.description)
        }
    }
}
