import Foundation
import Testing
@testable import KMRecon

/// The shared benchmark folder, found relative to this file (package root = 3 levels up).
private let sharedBench: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.deletingLastPathComponent().appendingPathComponent("shared/bench/dev").path
}()
private let benchPresent = FileManager.default.fileExists(atPath: sharedBench)

private func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "kmrecon-tests-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Reads truth.csv into per-arm (time, event) lists.
private func truth(_ folder: String) throws -> [String: [(Double, Bool)]] {
    let text = try String(contentsOfFile: folder + "/truth.csv", encoding: .utf8)
    var out: [String: [(Double, Bool)]] = [:]
    for line in text.split(separator: "\n").dropFirst() {
        let f = line.split(separator: ",")
        out[String(f[0]), default: []].append((Double(f[1])!, f[2] == "1"))
    }
    return out
}

/// Kaplan–Meier steps (time, survival after it) of (time, event) pairs.
private func kaplanMeier(_ patients: [(Double, Bool)]) -> [(Double, Double)] {
    let sorted = patients.sorted { $0.0 < $1.0 }
    var steps: [(Double, Double)] = []
    var survival = 1.0, atRisk = sorted.count, i = 0
    while i < sorted.count {
        let time = sorted[i].0
        var events = 0, leaving = 0
        while i < sorted.count, sorted[i].0 == time { if sorted[i].1 { events += 1 }; leaving += 1; i += 1 }
        if events > 0 { survival *= 1 - Double(events) / Double(atRisk); steps.append((time, survival)) }
        atRisk -= leaving
    }
    return steps
}

/// ∫ |S₁ − S₂| dt over [0, window], for two step functions starting at 1.
private func integratedAbsoluteError(_ a: [(Double, Double)], _ b: [(Double, Double)], window: Double) -> Double {
    let times = Set((a + b).map(\.0).filter { $0 < window } + [0]).sorted() + [window]
    func value(_ steps: [(Double, Double)], _ t: Double) -> Double { steps.last { $0.0 <= t }?.1 ?? 1 }
    var total = 0.0
    for (t0, t1) in zip(times, times.dropFirst()) { total += abs(value(a, t0) - value(b, t0)) * (t1 - t0) }
    return total
}

@Suite("End to end on dev figures", .enabled(if: benchPresent))
struct EndToEndTests {
    @Test("dev01 (survminer, colour hints, at-risk table) reconstructs every patient and about the right events",
          arguments: ["dev01_lung_sex_survminer", "dev04_pbc_trt_lifelines"])
    func reconstructsDevFigure(_ name: String) throws {
        let folder = sharedBench + "/" + name
        let spec = try FigureSpec.load(folder + "/spec.json")
        let results = try extractPatients(spec)
        let truePatients = try truth(folder)
        #expect(results.count == spec.arms.count)
        for r in results {
            let t = try #require(truePatients[r.name])
            #expect(r.reconstruction.patients.count == t.count)
            let trueEvents = t.filter(\.1).count
            #expect(abs(r.reconstruction.eventCount - trueEvents) <= max(3, trueEvents / 10))
        }
        let csv = patientsCSV(results)
        #expect(csv.hasPrefix("arm,time,event\n"))
    }

    @Test("figures without tick marks (grid lines only), grey-on-black JPEG and four hinted colours stay within a per-figure bound on IAE/T against the true curve, per arm",
          arguments: [("dev03_colon_death_3arm_survminer", 0.015), ("dev13_larynx_4arm_lifelines", 0.01),
                      ("dev11_gbsg_step_jpeg_gray", 0.02), ("dev10_veteran_cell_4arm_survminer", 0.03)])
    func accuracyAgainstTruth(_ name: String, _ bound: Double) throws {
        for arm in try armsAgainstTruth(name) {
            #expect(arm.error <= bound, "arm \(arm.result.name): IAE/T \(arm.error)")
        }
    }

    /// Extracts a dev figure and compares each arm's reconstructed curve with its true one over
    /// the figure's window [0, last x tick]: IAE/T, with the arm's true patients.
    func armsAgainstTruth(_ name: String) throws -> [(result: ArmResult, truth: [(Double, Bool)], window: Double, error: Double)] {
        let folder = sharedBench + "/" + name
        let spec = try FigureSpec.load(folder + "/spec.json")
        let window = try #require(spec.xTicks?.last)
        let truePatients = try truth(folder)
        return try extractPatients(spec).map { r in
            let t = try #require(truePatients[r.name])
            let rebuilt = r.reconstruction.patients.map { ($0.time, $0.event) }
            let error = integratedAbsoluteError(kaplanMeier(t), kaplanMeier(rebuilt), window: window) / window
            return (r, t, window, error)
        }
    }

    @Test("two black curves told apart by line style (solid and dashed, crossing, with grey anti-aliased stretches: dev02; solid and dotted to the final drop: dev12) each follow their own curve, per arm IAE/T",
          arguments: [("dev02_veteran_trt_baseR_bw", 0.01), ("dev12_mgus2_baseR_dotted_noaa", 0.004)])
    func lineStyles(_ name: String, _ bound: Double) throws {
        for arm in try armsAgainstTruth(name) {
            #expect(arm.error <= bound, "arm \(arm.result.name): IAE/T \(arm.error)")
        }
    }

    @Test("small arms (aml n = 11/12, larynx 13-33 per arm): the inferred numbers at risk give every arm's true event count and curve, where plain IPDfromKM misses aml Maintained by a relapse",
          arguments: ["dev05_aml_baseR_small", "dev19_aml_survminer_median", "dev13_larynx_4arm_lifelines"])
    func smallArmsExact(_ name: String) throws {
        for arm in try armsAgainstTruth(name) {
            #expect(arm.error <= 0.002, "arm \(arm.result.name): IAE/T \(arm.error)")
            #expect(arm.result.reconstruction.eventCount == arm.truth.filter { $0.1 && $0.0 <= arm.window }.count,
                    "arm \(arm.result.name)")
        }
        if name == "dev05_aml_baseR_small" {
            let spec = try FigureSpec.load(sharedBench + "/" + name + "/spec.json")
            let plain = try extractPatients(spec, feed: .plain)
            #expect(plain[0].reconstruction.eventCount == 8)
        }
    }

    @Test("traced corners of dev07 (y axis from 0.5) stay within 0.01 of each other's drops")
    func yFromHalf() throws {
        let spec = try FigureSpec.load(sharedBench + "/dev07_rossi_survminer_y50/spec.json")
        let figure = try digitizeFigure(spec)
        for arm in figure.arms {
            #expect(abs(arm.corners[0].survival - 1) < 0.01)
            // Survival never increases along the traced step function.
            for (a, b) in zip(arm.corners, arm.corners.dropFirst()) { #expect(b.survival <= a.survival + 1e-9) }
        }
    }
}

@Suite("Bad input")
struct BadInputTests {
    func writeSpec(_ json: String, in folder: String) -> String {
        let path = folder + "/spec.json"
        FileManager.default.createFile(atPath: path, contents: Data(json.utf8))
        return path
    }

    let goodArms = #"[{"name": "A", "n": 10}]"#

    @Test("malformed JSON is a spec error")
    func malformed() {
        let dir = temporaryFolder()
        let path = writeSpec("{\"format\": ", in: dir)
        #expect { try FigureSpec.load(path) } throws: { e in
            guard case .malformed = e as? SpecError else { return false }
            return true
        }
    }

    @Test("a spec without arms names the missing field")
    func missingArms() {
        let dir = temporaryFolder()
        let path = writeSpec(#"{"format": "km-figure-spec/1", "image": "figure.png"}"#, in: dir)
        #expect(throws: SpecError.missingField(path: path, field: "arms")) { try FigureSpec.load(path) }
    }

    @Test("ticks that do not increase are rejected")
    func ticksNotIncreasing() {
        let dir = temporaryFolder()
        let path = writeSpec(#"{"format": "km-figure-spec/1", "image": "f.png", "x_axis": {"ticks": [0, 10, 5]}, "arms": \#(goodArms)}"#, in: dir)
        #expect(throws: SpecError.ticksNotIncreasing(path: path, axis: "x_axis", value: 5, previous: 10)) { try FigureSpec.load(path) }
    }

    @Test("an at-risk table that grows is rejected with both counts in the message")
    func atRiskGrows() throws {
        let dir = temporaryFolder()
        let path = writeSpec(#"{"format": "km-figure-spec/1", "image": "f.png", "arms": [{"name": "A", "at_risk": {"times": [0, 6], "counts": [50, 54]}}]}"#, in: dir)
        #expect(throws: SpecError.atRiskGrows(path: path, arm: "A", count: 54, time: 6, previousCount: 50, previousTime: 0)) {
            try FigureSpec.load(path)
        }
        #expect(SpecError.atRiskGrows(path: "s.json", arm: "A", count: 54, time: 6, previousCount: 50, previousTime: 0).description
            == "s.json: arm \"A\": at-risk counts must not increase: 54 at t=6 after 50 at t=0")
    }

    func specWithImage(_ bytes: [UInt8]) -> FigureSpec? {
        let dir = temporaryFolder()
        FileManager.default.createFile(atPath: dir + "/figure.png", contents: Data(bytes))
        let path = writeSpec(#"{"format": "km-figure-spec/1", "image": "figure.png", "x_axis": {"ticks": [0, 1]}, "y_axis": {"ticks": [0, 1]}, "arms": \#(goodArms)}"#, in: dir)
        return try? FigureSpec.load(path)
    }

    @Test("JPEG bytes, a truncated PNG and an empty file are image errors")
    func badImages() throws {
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0]
        let truncatedPNG: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48]
        for bytes in [jpeg, truncatedPNG, []] {
            let spec = try #require(specWithImage(bytes))
            #expect { try digitizeFigure(spec) } throws: { e in
                guard case .image = e as? ExtractionError else { return false }
                return true
            }
        }
    }

    @Test("a zero-size raster is refused by the digitiser")
    func zeroSize() {
        let request = DigitizeRequest(xTicks: [0, 1], yTicks: [0, 1], arms: [ArmDescription(name: "A", patients: 10)])
        #expect(throws: DigitizeError.imageTooSmall(width: 0, height: 0)) { try digitize(Raster(width: 0, height: 0), request) }
    }

    @Test("calibration pixels off the image are an error, and no ticks found is an error")
    func ticksOffImage() {
        let request = DigitizeRequest(xTicks: [0, 1], yTicks: [0, 1], manualX: [(5, 0), (5000, 1)], manualY: [(90, 0), (10, 1)],
                                      arms: [ArmDescription(name: "A", patients: 10)])
        #expect(throws: DigitizeError.calibrationOffImage(axis: "x", pixel: 5000, size: 100)) {
            try digitize(Raster(width: 100, height: 100), request)
        }
        let blank = DigitizeRequest(xTicks: [0, 1], yTicks: [0, 1], arms: [ArmDescription(name: "A", patients: 10)])
        #expect(throws: DigitizeError.self) { try digitize(Raster(width: 100, height: 100), blank) }
    }
}
