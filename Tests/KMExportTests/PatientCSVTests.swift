import Foundation
import Testing
import KMExport
import KMSurvival

/// Reading and pooling patient files, and the report built on them.
@Suite("Patient CSV files")
struct PatientCSVTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    static let pooledReference = shared.appendingPathComponent("reference/survival/pooled_colon_by_nodes")
    static var referenceAvailable: Bool {
        FileManager.default.fileExists(atPath: pooledReference.appendingPathExtension("csv").path)
    }

    func temporaryFile(_ text: String, name: String = "patients.csv") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kmexport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("arm,time,event rows are read in order; IPDfromKM's status column works too")
    func readsRows() throws {
        let path = try temporaryFile("arm,time,event\nA,1.5,1\n\"B, late\",2,0\n")
        let patients = try PatientCSV.read(path)
        #expect(patients == [PatientRecord(arm: "A", time: 1.5, event: true), PatientRecord(arm: "B, late", time: 2, event: false)])
        let ipd = try temporaryFile("time,status,arm\n0.504,1,1\n0.6715,0,1\n")
        #expect(try PatientCSV.read(ipd).map(\.event) == [true, false])
    }

    @Test("Bad cells are errors naming the file, line and column")
    func badCells() throws {
        let time = try temporaryFile("arm,time,event\nA,1,1\nA,,0\n")
        #expect(throws: CSVError.notANumber(path: time, line: 3, column: "time", text: "")) { try PatientCSV.read(time) }
        let event = try temporaryFile("arm,time,event\nA,1,2\n")
        #expect(throws: CSVError.self) { try PatientCSV.read(event) }
        do { _ = try PatientCSV.read(event) } catch {
            #expect(error.description == "\(event), line 2: column 'event' has '2', expected 1 (event) or 0 (censored)")
        }
        let negative = try temporaryFile("arm,time,event\nA,-1,1\n")
        #expect(throws: CSVError.self) { try PatientCSV.read(negative) }
        let empty = try temporaryFile("arm,time,event\n")
        #expect(throws: CSVError.invalid(path: empty, line: nil, problem: "no patients: the file has a header but no rows")) {
            try PatientCSV.read(empty)
        }
        #expect(throws: CSVError.missingFile(path: "/nonexistent/x.csv")) { try PatientCSV.read("/nonexistent/x.csv") }
    }

    @Test("An unknown strata column is an error that lists the header")
    func unknownStrata() throws {
        let path = try temporaryFile("arm,time,event\nA,1,1\n")
        #expect(throws: CSVError.missingColumn(path: path, column: "site", header: ["arm", "time", "event"])) {
            try PatientCSV.read(path, strataColumn: "site")
        }
    }

    @Test("Pooled text reads back with the study as stratum, times exactly")
    func poolRoundTrip() throws {
        let a = [PatientRecord(arm: "Obs", time: 12, event: true), PatientRecord(arm: "Obs", time: 0.1 + 0.2, event: false)]
        let b = [PatientRecord(arm: "Lev", time: 3.25, event: true)]
        let text = PatientCSV.pooledText([("trial A", a), ("trial,B", b)])
        #expect(text.hasPrefix("study,arm,time,event\ntrial A,Obs,12,1\n"))
        let back = try PatientCSV.read(try temporaryFile(text), strataColumn: "study")
        #expect(back.map(\.time) == [12, 0.1 + 0.2, 3.25])
        #expect(back.map(\.study) == ["trial A", "trial A", "trial,B"])
    }

    @Test("Report of the pooled colon file: JSON shape and R's stratified numbers",
          .enabled(if: referenceAvailable, "needs ../shared/reference/survival beside the package"))
    func pooledReport() throws {
        let patients = try PatientCSV.read(Self.pooledReference.appendingPathExtension("csv").path, strataColumn: "study")
        let report = try SurvivalComparison(patients, reference: "Obs", stratifiedBy: "study", landmarks: [365, 1825])
        let json = try JSONSerialization.jsonObject(with: Data(report.jsonText().utf8)) as! [String: Any]
        let r = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.pooledReference.appendingPathExtension("json"))) as! [String: Any]

        let arms = json["arms"] as! [[String: Any]]
        #expect(arms.map { $0["name"] as! String } == ["Obs", "Lev+5FU"])
        for key in ["name", "n", "events", "median", "median_lower", "median_upper", "rmst", "rmst_tau"] {
            #expect(arms.allSatisfy { $0.keys.contains(key) }, "arms[].\(key)")
        }
        #expect(arms[1]["median"] is NSNull, "Lev+5FU's median is not reached")
        let cox = json["cox"] as! [String: Any]
        #expect(cox["ties"] as? String == "efron" && cox["reference"] as? String == "Obs")
        #expect(cox["stratified_by"] as? String == "study")
        let term = (cox["terms"] as! [[String: Any]])[0]
        let expected = r["stratified_cox_efron"] as! [String: Any]
        for (mine, theirs) in [("coef", "coef"), ("se", "se"), ("hr", "hr"), ("hr_lower", "hr_lower95"), ("hr_upper", "hr_upper95"), ("p", "wald_p")] {
            let a = (term[mine] as! NSNumber).doubleValue, e = (expected[theirs] as! NSNumber).doubleValue
            #expect(abs(a - e) <= 1e-6 * abs(e), "cox.terms[0].\(mine): \(a) vs R \(e)")
        }
        let logrank = json["logrank"] as! [String: Any]
        let expectedLogRank = r["stratified_logrank"] as! [String: Any]
        let chisq = (logrank["chisq"] as! NSNumber).doubleValue, rChisq = (expectedLogRank["chisq"] as! NSNumber).doubleValue
        #expect(abs(chisq - rChisq) <= 1e-6 * rChisq)
        #expect(logrank["df"] as? Int == 1)
        #expect(report.tableText().contains("stratified by study"))
    }
}
