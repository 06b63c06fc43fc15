import Foundation
import Testing
import KMImage
import KMRecon

/// A lean copy of a SampleCurves spec in `dir`: the image (absolute), the arm names and any
/// n / events; everything else is left for kmrecon to read from the figure.
private func writeLeanSpec(_ sample: String, in dir: URL, image: URL? = nil) throws -> URL {
    let folder = sampleCurves.appendingPathComponent(sample)
    let full = try jsonObject(folder.appendingPathComponent("spec.json"))
    let arms = (full["arms"] as! [[String: Any]]).map { $0.filter { ["name", "n", "events"].contains($0.key) } }
    let figure = image ?? folder.appendingPathComponent(full["image"] as! String)
    let lean: [String: Any] = ["format": "km-figure-spec/1", "image": figure.path, "arms": arms]
    let url = dir.appendingPathComponent("\(sample).lean.json")
    try JSONSerialization.data(withJSONObject: lean).write(to: url)
    return url
}

/// Points the OCR loader at a library that does not exist: a machine without Tesseract.
private let noTesseract = ["KMOCR_TESSERACT_LIBRARY": "/nonexistent/libtesseract.so.5"]

@Suite("kmrecon with lean specs")
struct LeanExtractTests {
    @Test("without Tesseract a lean spec fails with one line that says what to install and what to type, and writes nothing")
    func noEngine() throws {
        let dir = try temporaryFolder()
        let spec = try writeLeanSpec("lung-sex-colour", in: dir)
        let csv = dir.appendingPathComponent("ipd.csv")
        let result = try runKMRecon(["extract", spec.path, "-o", csv.path], environment: noTesseract)
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/libtesseract.so.5 was not found"))
        #expect(result.stderr.contains("apt-get install libtesseract5 tesseract-ocr-eng"))
        #expect(result.stderr.contains("x_axis.ticks, y_axis.ticks, arms[0].at_risk (\"Male\"), arms[1].at_risk (\"Female\")"))
        #expect(result.stderr.contains("or type them into the spec"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: csv.path))
    }

    @Test("without Tesseract a spec that types everything still extracts")
    func noEngineTypedSpec() throws {
        let dir = try temporaryFolder()
        let spec = sampleCurves.appendingPathComponent("lung-sex-colour/spec.json")
        let result = try runKMRecon(["extract", spec.path, "-o", dir.appendingPathComponent("ipd.csv").path], environment: noTesseract)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("digitize --write-spec writes the typed and read values together; rerun on it, the points are the same",
          .enabled(if: OCRPool.isAvailable))
    func writeSpecRoundTrip() throws {
        let dir = try temporaryFolder()
        let lean = try writeLeanSpec("lung-sex-colour", in: dir)
        let completed = dir.appendingPathComponent("completed.json")
        let first = try runKMRecon(["digitize", lean.path, "-o", dir.appendingPathComponent("a.csv").path, "--write-spec", completed.path], environment: [:])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("x_axis.ticks read: 0, 6, 12, 18, 24, 30"))
        let typed = try jsonObject(sampleCurves.appendingPathComponent("lung-sex-colour/spec.json"))
        let written = try jsonObject(completed)
        #expect((written["x_axis"] as? [String: Any])?["ticks"] as? [Double] == (typed["x_axis"] as? [String: Any])?["ticks"] as? [Double])
        #expect((written["y_axis"] as? [String: Any])?["ticks"] as? [Double] == (typed["y_axis"] as? [String: Any])?["ticks"] as? [Double])
        let writtenArms = written["arms"] as! [[String: Any]], typedArms = typed["arms"] as! [[String: Any]]
        for (w, t) in zip(writtenArms, typedArms) {
            #expect((w["at_risk"] as? [String: Any])?["counts"] as? [Int] == (t["at_risk"] as? [String: Any])?["counts"] as? [Int])
        }
        let second = try runKMRecon(["digitize", completed.path, "-o", dir.appendingPathComponent("b.csv").path], environment: noTesseract)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("a.csv"), encoding: .utf8)
                == String(contentsOf: dir.appendingPathComponent("b.csv"), encoding: .utf8))
    }

    @Test("a lean extract reports what it read: read_from_figure with each label's box and votes, and boxes on the overlay",
          .enabled(if: OCRPool.isAvailable))
    func reportAndOverlay() throws {
        let dir = try temporaryFolder()
        let lean = try writeLeanSpec("lung-sex-colour", in: dir)
        let report = dir.appendingPathComponent("report.json")
        let result = try runKMRecon(["extract", lean.path, "-o", dir.appendingPathComponent("ipd.csv").path,
                                     "--report", report.path, "--overlay", dir.appendingPathComponent("o.png").path], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        let read = try #require(jsonObject(report)["read_from_figure"] as? [String: Any])
        let x = try #require(read["x"] as? [String: Any])
        #expect(x["source"] as? String == "read")
        let labels = try #require(x["labels"] as? [[String: Any]])
        #expect(labels.map { $0["text"] as? String } == ["0", "6", "12", "18", "24", "30"])
        #expect(labels.allSatisfy { ($0["box"] as? [Int])?.count == 4 && ($0["confident"] as? Bool) == true && [1, 2, 4].contains($0["reads"] as? Int ?? 0) })
        let arms = try #require(read["arms"] as? [[String: Any]])
        #expect(arms.map { $0["source"] as? String } == ["read", "read"])
        #expect(arms.map { $0["matched_by"] as? String } == ["label", "label"])
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("o.png").path))
    }

    @Test("when one arm's row cannot be read, --write-spec keeps what was read and the error says where it is",
          .enabled(if: OCRPool.isAvailable))
    func partialSpec() throws {
        let dir = try temporaryFolder()
        // The figure with its last table row (arm B's grey counts, from row 532 down) faded to a
        // third of its ink, too pale to be read.
        var raster = try PNGReader.read(contentsOf: sampleCurves.appendingPathComponent("ovarian-rx-grey-censor/figure.png").path)
        for y in 532..<raster.height {
            for x in 0..<raster.width {
                let c = raster[x: x, y: y]
                func fade(_ v: UInt8) -> UInt8 { 255 - (255 - v) / 3 }
                raster[x: x, y: y] = RGB(r: fade(c.r), g: fade(c.g), b: fade(c.b))
            }
        }
        let faded = dir.appendingPathComponent("figure.png")
        try PNGWriter.write(raster, to: faded.path)
        let lean = try writeLeanSpec("ovarian-rx-grey-censor", in: dir, image: faded)
        let completed = dir.appendingPathComponent("completed.json")
        let result = try runKMRecon(["digitize", lean.path, "-o", dir.appendingPathComponent("a.csv").path, "--write-spec", completed.path], environment: [:])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot trust the at-risk row read for arm \"B\""))
        #expect(result.stderr.contains("what could be read is in \(completed.path)"))
        let written = try jsonObject(completed)
        #expect((written["x_axis"] as? [String: Any])?["ticks"] as? [Double] == [0, 200, 400, 600, 800, 1000, 1200])
        let arms = written["arms"] as! [[String: Any]]
        #expect((arms[0]["at_risk"] as? [String: Any])?["counts"] as? [Int] == [13, 10, 8, 5, 4, 2, 0])
        #expect(arms[1]["at_risk"] == nil)
    }
}
