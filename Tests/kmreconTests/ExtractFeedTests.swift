import Foundation
import Testing

/// The bundled aml sample figure (SampleCurves/aml-censor-marks): 7 of 11 and 11 of 12 deaths.
let amlSampleSpec = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("SampleCurves/aml-censor-marks/spec.json")

@Suite("kmrecon extract --feed")
struct ExtractFeedTests {
    func events(_ csv: URL) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            if fields[2] == "1" { counts[String(fields[0]), default: 0] += 1 }
        }
        return counts
    }

    @Test("the inferred feed recovers aml's true event counts; plain IPDfromKM misses one")
    func feeds() throws {
        let dir = try temporaryFolder()
        let inferred = dir.appendingPathComponent("inferred.csv"), plain = dir.appendingPathComponent("plain.csv")
        let a = try runKMRecon(["extract", amlSampleSpec.path, "-o", inferred.path])
        let b = try runKMRecon(["extract", amlSampleSpec.path, "-o", plain.path, "--feed", "plain"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        #expect(try events(inferred) == ["Maintained": 7, "Nonmaintained": 11])
        #expect(try events(plain) == ["Maintained": 7, "Nonmaintained": 10])
    }
}
