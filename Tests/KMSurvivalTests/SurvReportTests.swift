import Foundation
import Testing
@testable import KMSurvival

/// IPDfromKM's `survreport()` and two-arm labels, against the reference cases in
/// ../shared/ipdfromkm/cases (IPDfromKM 0.1.10 under R 4.2.2, survival 3.5-3).
@Suite("IPDfromKM survreport", .enabled(if: SharedReference.ipdfromkmAvailable,
       "needs ../shared/ipdfromkm/cases (IPDfromKM reference outputs) beside the package"))
struct SurvReportTests {
    static var caseNames: [String] {
        let root = SharedReference.ipdfromkmCases
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        return names.filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/ref_survreport_quantiles.csv").path)
        }.sorted()
    }

    /// A case's reconstructed IPD (`time,status,arm`) in R's output order.
    static func ipd(_ folder: URL) throws -> [PatientRecord] {
        try SharedReference.csv(folder.appendingPathComponent("ref_ipd.csv")).map {
            PatientRecord(arm: $0["arm"]!, time: Double($0["time"]!)!, event: $0["status"] == "1")
        }
    }

    static func optional(_ text: String?) -> Double? {
        guard let text, text != "NA" else { return nil }
        return Double(text)
    }

    @Test("Quantiles and landmark table equal survreport's", arguments: caseNames)
    func survreport(caseName: String) throws {
        let folder = SharedReference.ipdfromkmCases.appendingPathComponent(caseName)
        let params = try SharedReference.csv(folder.appendingPathComponent("params.csv"))
        let interval = try #require(params.first { $0["key"] == "survreport_interval" }?["value"].flatMap(Double.init))
        let report = try SurvReport(Self.ipd(folder), interval: interval)

        let quantiles = try SharedReference.csv(folder.appendingPathComponent("ref_survreport_quantiles.csv"))
        #expect(report.quantiles.count == quantiles.count)
        for (row, r) in zip(report.quantiles, quantiles) {
            let label = "\(caseName) s=\(r["surv"]!)"
            #expect(row.survival == Double(r["surv"]!)!)
            expectAgrees(row.time, Self.optional(r["time"]), relative: 1e-9, "\(label) time")
            expectAgrees(row.lower, Self.optional(r["lcl95"]), relative: 1e-9, "\(label) lower")
            expectAgrees(row.upper, Self.optional(r["ucl95"]), relative: 1e-9, "\(label) upper")
        }

        let landmarks = try SharedReference.csv(folder.appendingPathComponent("ref_survreport_landmarks.csv"))
        #expect(report.landmarks.count == landmarks.count, "\(caseName) landmark rows")
        for (row, r) in zip(report.landmarks, landmarks) {
            let label = "\(caseName) t=\(r["time"]!)"
            expectAgrees(row.time, Self.optional(r["time"]), relative: 1e-9, "\(label) time")
            expectAgrees(row.survival, Self.optional(r["surv"]), relative: 1e-9, "\(label) surv")
            expectAgrees(row.standardError, Self.optional(r["se"]), relative: 1e-9, "\(label) se")
            expectAgrees(row.lower, Self.optional(r["lcl95"]), relative: 1e-9, "\(label) lower")
            expectAgrees(row.upper, Self.optional(r["ucl95"]), relative: 1e-9, "\(label) upper")
        }
    }

    static var twoArmRows: [[String: String]] {
        (try? SharedReference.csv(SharedReference.ipdfromkmCases.appendingPathComponent("ref_two_arm.csv"))) ?? []
    }

    @Test("Two-arm Cox, score test and log-rank equal ref_two_arm.csv", arguments: twoArmRows.indices)
    func twoArm(index: Int) throws {
        let r = Self.twoArmRows[index]
        let control = try Self.ipd(SharedReference.ipdfromkmCases.appendingPathComponent(r["control"]!))
        let treated = try Self.ipd(SharedReference.ipdfromkmCases.appendingPathComponent(r["treated"]!))
        let controlID = r["control_arm_id"]!, treatedID = r["treated_arm_id"]!
        let stacked = control.map { PatientRecord(arm: controlID, time: $0.time, event: $0.event) }
            + treated.map { PatientRecord(arm: treatedID, time: $0.time, event: $0.event) }
        let summary = try TwoArmSummary(stacked, control: controlID, treated: treatedID)
        let label = "\(r["control"]!) vs \(r["treated"]!)"
        expectAgrees(summary.logHazardRatio, Double(r["logHR"]!), "\(label) log HR")
        expectAgrees(summary.standardError, Double(r["SE_logHR"]!), "\(label) SE")
        expectAgrees(summary.hazardRatio, Double(r["HR"]!), "\(label) HR")
        expectAgrees(summary.hazardRatioInterval.lower, Double(r["HR_lcl95"]!), "\(label) HR lower")
        expectAgrees(summary.hazardRatioInterval.upper, Double(r["HR_ucl95"]!), "\(label) HR upper")
        expectAgrees(summary.scoreTestP, Double(r["score_test_p"]!), "\(label) score p")
        expectAgrees(summary.logRank.chiSquare, Double(r["survdiff_logrank_chisq"]!), "\(label) log-rank chisq")
        expectAgrees(summary.logRank.pValue, Double(r["survdiff_logrank_p"]!), "\(label) log-rank p")
        expectAgrees(summary.breslowCoefficient, Double(r["breslow_logHR"]!), "\(label) Breslow log HR")
    }
}
