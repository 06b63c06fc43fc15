import Foundation
import Testing

@Suite("kmrecon extract --report")
struct ExtractReportTests {
    @Test("the report holds the calibration with tick residuals, per-arm checks and a confidence")
    func reportShape() throws {
        let dir = try temporaryFolder()
        let caseFolder = sampleCurves.appendingPathComponent("aml-censor-marks")
        let reportURL = dir.appendingPathComponent("report.json")
        let result = try runKMRecon(["extract", caseFolder.appendingPathComponent("spec.json").path,
                                     "-o", dir.appendingPathComponent("ipd.csv").path, "--report", reportURL.path])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try jsonObject(reportURL)
        #expect(report["format"] as? String == "kmrecon-figure-report/1")
        #expect(["ok", "review"].contains(report["confidence"] as? String))
        #expect(report["reasons"] is [String])
        #expect(report["image_size"] as? [Int] == [700, 560])
        #expect(report["rules"] is [String: Any])

        // Calibration: every printed x tick is where matplotlib drew it (truth.json), within 1.5 px,
        // and the tick marks found on the image agree with the calibration within 1.5 px.
        let calibration = try #require(report["calibration"] as? [String: Any])
        let x = try #require(calibration["x"] as? [String: Any])
        let ticks = try #require(x["ticks"] as? [[String: Any]])
        let truth = try jsonObject(caseFolder.appendingPathComponent("truth.json"))
        let truePixels = try #require((truth["ticks_px"] as? [String: Any])?["x"] as? [[Double]])
        #expect(ticks.count == truePixels.count)
        for (tick, truePixel) in zip(ticks, truePixels) {
            let calibrated = try #require(tick["calibrated_pixel"] as? Double)
            #expect(abs(calibrated - truePixel[0]) <= 1.5, "x tick \(truePixel[1]) calibrated at \(calibrated), drawn at \(truePixel[0])")
            let residual = try #require(tick["residual_pixels"] as? Double, "tick mark \(truePixel[1]) not found")
            #expect(abs(residual) <= 1.5)
        }
        #expect((x["max_residual_pixels"] as? Double).map { $0 <= 1.5 } == true)

        // Arms: the spec's at-risk counts come back as reported, with reconstructed counts beside them.
        let spec = try jsonObject(caseFolder.appendingPathComponent("spec.json"))
        let specArms = try #require(spec["arms"] as? [[String: Any]])
        let arms = try #require(report["arms"] as? [[String: Any]])
        #expect(arms.map { $0["name"] as? String } == specArms.map { $0["name"] as? String })
        for (arm, specArm) in zip(arms, specArms) {
            let counts = try #require((specArm["at_risk"] as? [String: Any])?["counts"] as? [Int])
            #expect(arm["patients"] as? Int == counts[0])
            let atRisk = try #require(arm["at_risk"] as? [[String: Any]])
            #expect(atRisk.first?["reported"] as? Int == counts[0])
            #expect(atRisk.allSatisfy { $0["reconstructed"] is Int && $0["time"] is Double || $0["time"] is Int })
            let accuracy = try #require(arm["accuracy"] as? [String: Any])
            for key in ["rmse", "mean_absolute_error", "max_error", "ks_statistic", "ks_p_value"] {
                #expect(accuracy[key] is Double || accuracy[key] is Int, "accuracy.\(key)")
            }
            let traced = try #require(arm["traced_points"] as? [[Double]])
            #expect(traced.count >= 5 && traced.allSatisfy { $0.count == 2 })
            #expect(traced.first == [0, 1] || (traced.first?[1] ?? 0) > 0.95, "the curve starts near S = 1 at t = 0")
            #expect(arm["censor_marks"] is [[Double]] || (arm["censor_marks"] as? [Any])?.isEmpty == true)
            #expect(arm["events"] is Int && arm["warnings"] is [String])
            #expect((arm["assignment_confidence"] as? Double).map { (0...1).contains($0) } ?? ((arm["assignment_confidence"] as? Int) == 1))
        }
        // aml's censored patients are marked on the figure; the digitiser finds some of them.
        let marks = arms.compactMap { $0["censor_marks"] as? [[Double]] }.map(\.count).reduce(0, +)
        #expect(marks >= 2)
    }

    @Test("with --report the patients are the same as without it")
    func sameFiguresWithAndWithoutReport() throws {
        let dir = try temporaryFolder()
        let spec = sampleCurves.appendingPathComponent("ovarian-rx-grey-censor/spec.json").path
        let plain = dir.appendingPathComponent("plain.csv"), traced = dir.appendingPathComponent("traced.csv")
        #expect(try runKMRecon(["extract", spec, "-o", plain.path]).status == 0)
        #expect(try runKMRecon(["extract", spec, "-o", traced.path, "--report", dir.appendingPathComponent("r.json").path]).status == 0)
        #expect(try String(contentsOf: plain, encoding: .utf8) == String(contentsOf: traced, encoding: .utf8))
    }

    @Test("without --report the confidence and its reasons are still printed, as the report has them; --quiet prints nothing")
    func confidencePrinted() throws {
        let dir = try temporaryFolder()
        let spec = sampleCurves.appendingPathComponent("aml-censor-marks/spec.json").path
        let reportURL = dir.appendingPathComponent("r.json")
        let plain = try runKMRecon(["extract", spec, "-o", dir.appendingPathComponent("a.csv").path])
        #expect(try runKMRecon(["extract", spec, "-o", dir.appendingPathComponent("b.csv").path, "--report", reportURL.path]).status == 0)
        let report = try jsonObject(reportURL)
        let confidence = try #require(report["confidence"] as? String)
        let reasons = try #require(report["reasons"] as? [String])
        #expect(plain.status == 0)
        #expect(plain.stderr.contains("confidence: \(confidence)\n"), "\(plain.stderr)")
        for reason in reasons { #expect(plain.stderr.contains("  \(reason)\n")) }
        let quiet = try runKMRecon(["extract", spec, "-o", dir.appendingPathComponent("c.csv").path, "--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
        #expect(try String(contentsOf: dir.appendingPathComponent("a.csv"), encoding: .utf8)
                == String(contentsOf: dir.appendingPathComponent("c.csv"), encoding: .utf8))
    }

    @Test("a spec whose image is missing gives a failed report with the error and a non-zero exit")
    func failedReport() throws {
        let dir = try temporaryFolder()
        let specURL = dir.appendingPathComponent("spec.json")
        try write("""
        {"format": "km-figure-spec/1", "image": "missing.png", "x_axis": {"ticks": [0, 10]},
         "y_axis": {"ticks": [0, 1]}, "arms": [{"name": "A", "n": 10}]}
        """, to: specURL)
        let reportURL = dir.appendingPathComponent("report.json")
        let result = try runKMRecon(["extract", specURL.path, "-o", dir.appendingPathComponent("ipd.csv").path,
                                     "--report", reportURL.path])
        #expect(result.status != 0)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("ipd.csv").path))
        let report = try jsonObject(reportURL)
        #expect(report["confidence"] as? String == "failed")
        #expect((report["error"] as? String)?.contains("missing.png") == true)
        #expect((report["arms"] as? [Any])?.isEmpty == true)
    }
}
