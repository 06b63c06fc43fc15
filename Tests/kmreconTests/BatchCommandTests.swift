import Foundation
import KMImage
import Testing

/// Copies SampleCurves/NAME into `folder`, so a batch sees exactly the figures a test chooses.
private func copySample(_ name: String, into folder: URL) throws {
    try FileManager.default.copyItem(at: sampleCurves.appendingPathComponent(name), to: folder.appendingPathComponent(name))
}

/// Output names without their hidden or temporary files.
private func outputs(_ folder: URL) -> [String] { filesIn(folder).filter { !$0.hasPrefix(".") } }

@Suite("kmrecon extract --out-dir (batch)")
struct BatchCommandTests {
    @Test("a batch over sample figures writes NAME.csv, NAME.overlay.png and NAME.report.json each, then a summary")
    func batchWritesThreeFilesEach() throws {
        let dir = try temporaryFolder()
        let out = dir.appendingPathComponent("out")
        let result = try runKMRecon(["extract", sampleCurves.appendingPathComponent("aml-censor-marks").path,
                                     sampleCurves.appendingPathComponent("ovarian-rx-grey-censor/spec.json").path,
                                     "--out-dir", out.path, "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(outputs(out) == ["aml-censor-marks.csv", "aml-censor-marks.overlay.png", "aml-censor-marks.report.json",
                                 "ovarian-rx-grey-censor.csv", "ovarian-rx-grey-censor.overlay.png", "ovarian-rx-grey-censor.report.json"])
        #expect(filesIn(out).allSatisfy { !$0.hasSuffix(".tmp") })
        #expect(result.stdout.contains("2 figure(s):"), "summary: \(result.stdout)")
        #expect(result.stdout.contains("aml-censor-marks") && result.stdout.contains("ovarian-rx-grey-censor"))
        #expect(!result.stderr.contains("\u{1B}["), "no terminal control codes when standard error is not a terminal")
        #expect(result.stderr.contains("[2/2]"))
        let csv = try String(contentsOf: out.appendingPathComponent("aml-censor-marks.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 24, "23 aml patients and a header")
        let png = try PNGReader.read(contentsOf: out.appendingPathComponent("ovarian-rx-grey-censor.overlay.png").path)
        #expect(png.width == 700 && png.height == 560)
    }

    @Test("one broken spec fails alone: the others are written, its report says failed, the exit is non-zero")
    func brokenSpecFailsAlone() throws {
        let dir = try temporaryFolder()
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input.appendingPathComponent("broken"), withIntermediateDirectories: true)
        try copySample("aml-censor-marks", into: input)
        try write("""
        {"format": "km-figure-spec/1", "image": "figure.png", "x_axis": {"ticks": [0, 10]},
         "y_axis": {"ticks": [0, 1]}, "arms": [{"name": "A", "n": 10}]}
        """, to: input.appendingPathComponent("broken/spec.json"))
        let result = try runKMRecon(["extract", input.path, "--out-dir", out.path])
        #expect(result.status != 0)
        #expect(outputs(out) == ["aml-censor-marks.csv", "aml-censor-marks.overlay.png", "aml-censor-marks.report.json",
                                 "broken.report.json"])
        let report = try jsonObject(out.appendingPathComponent("broken.report.json"))
        #expect(report["confidence"] as? String == "failed")
        #expect((report["error"] as? String)?.contains("figure.png") == true)
        #expect(result.stdout.contains("1 failed"))
    }

    @Test("SIGINT part-way leaves only complete figures and no temporary files")
    func interruptLeavesNoPartialFiles() throws {
        let dir = try temporaryFolder()
        let out = dir.appendingPathComponent("out")
        let process = Process()
        process.executableURL = kmreconBinary
        process.arguments = ["extract", sampleCurves.path, "--out-dir", out.path, "--jobs", "1", "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, outputs(out).isEmpty, Date() < deadline { usleep(5_000) }
        process.interrupt()   // SIGINT
        process.waitUntilExit()

        let names = outputs(out)
        #expect(process.terminationStatus == 130, "exit status after SIGINT")
        #expect(!names.isEmpty && names.count < 30, "interrupted part-way: \(names)")
        #expect(filesIn(out).allSatisfy { !$0.hasSuffix(".tmp") }, "\(filesIn(out))")
        // Each figure's three files are written together, and each is whole.
        let figures = Set(names.map { String($0.split(separator: ".")[0]) })
        for name in figures {
            #expect(names.contains("\(name).csv") && names.contains("\(name).overlay.png") && names.contains("\(name).report.json"))
            _ = try PNGReader.read(contentsOf: out.appendingPathComponent("\(name).overlay.png").path)
            #expect(try jsonObject(out.appendingPathComponent("\(name).report.json"))["format"] as? String == "kmrecon-figure-report/1")
            #expect(try String(contentsOf: out.appendingPathComponent("\(name).csv"), encoding: .utf8).hasSuffix("\n"))
        }
    }
}
