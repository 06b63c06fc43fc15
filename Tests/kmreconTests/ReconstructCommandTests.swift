import Foundation
import Testing

/// The Kaplan–Meier corners of ten patients: deaths at 1, 2, 4, 5, 7, 8; censored at 3, 6, 9, 10.
let tenPatientPoints = """
time,surv
0,1
1,1
1,0.9
2,0.9
2,0.8
4,0.8
4,0.6857
5,0.6857
5,0.5714
7,0.5714
7,0.4286
8,0.4286
8,0.2857
10,0.2857
"""

let tenPatientRisk = """
trisk,nrisk
0,10
3,7
6,4
9,2
"""

@Suite("kmrecon reconstruct")
struct ReconstructCommandTests {

    @Test("writes arm,time,event rows and prints the accuracy statistics")
    func reconstructs() throws {
        let dir = try temporaryFolder()
        try write(tenPatientPoints, to: dir.appendingPathComponent("points.csv"))
        try write(tenPatientRisk, to: dir.appendingPathComponent("risk.csv"))
        let out = dir.appendingPathComponent("ipd.csv")
        let result = try runKMRecon(["reconstruct", "--points", dir.appendingPathComponent("points.csv").path,
                                     "--risk-table", dir.appendingPathComponent("risk.csv").path,
                                     "--arm", "Control", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "arm,time,event")
        #expect(lines.count == 11, "ten patients and a header")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("Control,") })
        let events = lines.dropFirst().filter { $0.hasSuffix(",1") }.map { Double($0.split(separator: ",")[1])! }
        #expect(events == [1, 2, 4, 5, 7, 8], "the six deaths at their own times")
        #expect(result.stdout.contains("RMSE"))
    }

    @Test("matches R's IPDfromKM on its own example (Radiationdata, radiotherapy arm)",
          .enabled(if: FileManager.default.fileExists(atPath: sharedFolder.appendingPathComponent("ipdfromkm/cases/ipdfromkm_radiation_radio").path)))
    func radiationExample() throws {
        let folder = sharedFolder.appendingPathComponent("ipdfromkm/cases/ipdfromkm_radiation_radio")
        let dir = try temporaryFolder()
        let out = dir.appendingPathComponent("ipd.csv")
        let result = try runKMRecon(["reconstruct", "--points", folder.appendingPathComponent("points.csv").path,
                                     "--risk-table", folder.appendingPathComponent("risktable.csv").path,
                                     "--max-y", "100", "--arm", "0", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let ours = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").dropFirst()
        let theirs = try String(contentsOf: folder.appendingPathComponent("ref_ipd.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        #expect(ours.count == theirs.count)
        for (a, b) in zip(ours, theirs) {
            let x = a.split(separator: ","), y = b.split(separator: ",")
            #expect(abs(Double(x[1])! - Double(y[0])!) <= 1e-9 * max(1, abs(Double(y[0])!)) && x[2] == y[1],
                    "\(a) vs R \(b)")
        }
        #expect(result.stdout.contains("RMSE 0.004, mean abs error 0.003, max error (signed) 0.013"))
    }

    /// Each bad input: a one-line error naming the file (and line), a non-zero exit, no output file.
    @Test("bad input gets a one-line error and leaves no output file", arguments: [
        ("fewer than 5 points", "time,surv\n0,1\n1,0.9\n2,0.8\n", tenPatientRisk, "points.csv: 3 point(s), at least 5 are needed"),
        ("blank cell", tenPatientPoints.replacingOccurrences(of: "2,0.9\n", with: "2,\n"), tenPatientRisk,
         "points.csv, line 5: column 'surv' has a blank cell"),
        ("NaN cell", tenPatientPoints.replacingOccurrences(of: "2,0.9\n", with: "2,NaN\n"), tenPatientRisk,
         "points.csv, line 5: column 'surv' has 'NaN'"),
        ("non-numeric cell", tenPatientPoints.replacingOccurrences(of: "4,0.8\n", with: "four,0.8\n"), tenPatientRisk,
         "points.csv, line 7: column 'time' has 'four'"),
        ("negative count", tenPatientPoints, tenPatientRisk.replacingOccurrences(of: "9,2", with: "9,-2"),
         "risk.csv, line 5: column 'nrisk' has '-2', expected a whole number ≥ 0"),
        ("at-risk counts increase", tenPatientPoints, tenPatientRisk.replacingOccurrences(of: "6,4", with: "6,8"),
         "risk.csv, line 4: at-risk counts must not increase: 8 at t=6 (entry 3) after 7 at t=3"),
        ("columns of different lengths", tenPatientPoints, tenPatientRisk + "\n12\n",
         "risk.csv, line 6: 1 fields, expected 2 like the header"),
    ])
    func badInput(name: String, points: String, risk: String, message: String) throws {
        let dir = try temporaryFolder()
        try write(points, to: dir.appendingPathComponent("points.csv"))
        try write(risk, to: dir.appendingPathComponent("risk.csv"))
        let out = dir.appendingPathComponent("ipd.csv")
        let result = try runKMRecon(["reconstruct", "--points", dir.appendingPathComponent("points.csv").path,
                                     "--risk-table", dir.appendingPathComponent("risk.csv").path, "-o", out.path])
        #expect(result.status != 0, "\(name): exit status")
        #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(name): one line, got \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "\(name): no output file")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("a missing file is named in the error")
    func missingFile() throws {
        let dir = try temporaryFolder()
        let out = dir.appendingPathComponent("ipd.csv")
        let missing = dir.appendingPathComponent("nope.csv").path
        let result = try runKMRecon(["reconstruct", "--points", missing, "--total-patients", "10", "-o", out.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(missing): no such file"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
