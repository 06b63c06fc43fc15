import Foundation
import Testing

/// R's `aml` data (survival package): maintained chemotherapy against none.
let amlCSV = """
arm,time,event
Maintained,9,1
Maintained,13,1
Maintained,13,0
Maintained,18,1
Maintained,23,1
Maintained,28,0
Maintained,31,1
Maintained,34,1
Maintained,45,0
Maintained,48,1
Maintained,161,0
Nonmaintained,5,1
Nonmaintained,5,1
Nonmaintained,8,1
Nonmaintained,8,1
Nonmaintained,12,1
Nonmaintained,16,0
Nonmaintained,23,1
Nonmaintained,27,1
Nonmaintained,30,1
Nonmaintained,33,1
Nonmaintained,43,1
Nonmaintained,45,1
"""

@Suite("kmrecon report and pool")
struct ReportCommandTests {

    @Test("report --json gives R's median, log-rank and Cox for aml")
    func reportJSON() throws {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("aml.csv")
        try write(amlCSV, to: file)
        let result = try runKMRecon(["report", file.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let arms = json["arms"] as! [[String: Any]]
        #expect(arms.map { $0["name"] as! String } == ["Maintained", "Nonmaintained"])
        #expect(arms[0]["median"] as? Double == 31 && arms[0]["median_lower"] as? Double == 18)
        #expect(arms[0]["median_upper"] is NSNull, "median not reached is null")
        let logrank = json["logrank"] as! [String: Any]
        // survdiff(Surv(time, status) ~ x, aml): chisq 3.3963886989776
        #expect(abs(logrank["chisq"] as! Double - 3.3963886989776) < 1e-9)
        let cox = json["cox"] as! [String: Any]
        let term = (cox["terms"] as! [[String: Any]])[0]
        // coxph(Surv(time, status) ~ x, aml): coef 0.915532575014718, HR 2.49810532617214
        #expect(abs(term["coef"] as! Double - 0.915532575014718) < 1e-7)
        #expect(abs(term["hr"] as! Double - 2.49810532617214) < 1e-6)
        #expect(cox["reference"] as? String == "Maintained")
    }

    @Test("report prints a readable table")
    func reportTable() throws {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("aml.csv")
        try write(amlCSV, to: file)
        let result = try runKMRecon(["report", file.path, "--landmarks", "12,24", "--reference", "Nonmaintained"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Log-rank test: chi-square = 3.396 on 1 df"))
        #expect(result.stdout.contains("hazard ratios against Nonmaintained"))
        #expect(!result.stdout.contains("nan") && !result.stdout.contains("NaN"))
    }

    @Test("pool stacks files with a study column that report can stratify by")
    func poolThenStratify() throws {
        let dir = try temporaryFolder()
        let a = dir.appendingPathComponent("a.csv"), b = dir.appendingPathComponent("b.csv")
        try write(amlCSV, to: a)
        try write(amlCSV, to: b)
        let pooled = dir.appendingPathComponent("pooled.csv")
        let pool = try runKMRecon(["pool", a.path, b.path, "-o", pooled.path, "--study-names", "first", "second"])
        #expect(pool.status == 0, "\(pool.stderr)")
        let lines = try String(contentsOf: pooled, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 47)
        #expect(lines[0].split(separator: ",").contains("study"))
        let report = try runKMRecon(["report", pooled.path, "--strata", "study", "--json"])
        #expect(report.status == 0, "\(report.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as! [String: Any]
        let cox = json["cox"] as! [String: Any]
        #expect(cox["stratified_by"] as? String == "study")
        // Two identical strata: the stratified coefficient equals the single-study one.
        let term = (cox["terms"] as! [[String: Any]])[0]
        #expect(abs(term["coef"] as! Double - 0.915532575014718) < 1e-6)
    }

    @Test("report errors name the problem and exit non-zero")
    func reportErrors() throws {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("aml.csv")
        try write(amlCSV.replacingOccurrences(of: "Maintained,18,1", with: "Maintained,x,1"), to: file)
        let bad = try runKMRecon(["report", file.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("aml.csv, line 5"), "\(bad.stderr)")
        try write(amlCSV, to: file)
        let unknown = try runKMRecon(["report", file.path, "--reference", "Placebo"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("Placebo"), "\(unknown.stderr)")
        let pooled = dir.appendingPathComponent("pooled.csv")
        let missing = try runKMRecon(["pool", file.path, dir.appendingPathComponent("none.csv").path, "-o", pooled.path])
        #expect(missing.status != 0)
        #expect(!FileManager.default.fileExists(atPath: pooled.path))
    }
}
