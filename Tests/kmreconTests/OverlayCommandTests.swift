import Foundation
import KMImage
import Testing

@Suite("kmrecon extract --overlay")
struct OverlayCommandTests {
    @Test("the overlay is a PNG of the figure's size with each reconstructed curve drawn on the figure's curve")
    func overlayFollowsTheFigure() throws {
        let dir = try temporaryFolder()
        let caseFolder = sampleCurves.appendingPathComponent("lung-sex-colour")
        let overlayURL = dir.appendingPathComponent("overlay.png"), reportURL = dir.appendingPathComponent("report.json")
        let result = try runKMRecon(["extract", caseFolder.appendingPathComponent("spec.json").path,
                                     "-o", dir.appendingPathComponent("ipd.csv").path,
                                     "--overlay", overlayURL.path, "--report", reportURL.path])
        #expect(result.status == 0, "\(result.stderr)")

        let figure = try PNGReader.read(contentsOf: caseFolder.appendingPathComponent("figure.png").path)
        let overlay = try PNGReader.read(contentsOf: overlayURL.path)
        #expect(overlay.width == figure.width && overlay.height == figure.height)

        let report = try jsonObject(reportURL)
        let arms = try #require(report["arms"] as? [[String: Any]])
        let spec = try jsonObject(caseFolder.appendingPathComponent("spec.json"))
        let specArms = try #require(spec["arms"] as? [[String: Any]])
        #expect(arms.count == 2)
        for (arm, specArm) in zip(arms, specArms) {
            let colors = try #require(arm["overlay_colors"] as? [String: String])
            let drawn = rgb(hex: try #require(colors["reconstructed"]))
            let curve = rgb(hex: try #require(specArm["color"] as? String))
            // Every pixel of the reconstructed curve's colour should sit on (within 3 px of) the
            // arm's own curve in the original figure, anti-aliased ink within 60 per channel.
            var drawnPixels = 0, onCurve = 0
            for y in 0..<overlay.height {
                for x in 0..<overlay.width {
                    let p = overlay[x: x, y: y]
                    guard Int(p.r) == drawn.0, Int(p.g) == drawn.1, Int(p.b) == drawn.2 else { continue }
                    drawnPixels += 1
                    search: for dy in -3...3 {
                        for dx in -3...3 where figure.contains(x: x + dx, y: y + dy) {
                            let q = figure[x: x + dx, y: y + dy]
                            if abs(Int(q.r) - curve.0) <= 60, abs(Int(q.g) - curve.1) <= 60, abs(Int(q.b) - curve.2) <= 60 {
                                onCurve += 1
                                break search
                            }
                        }
                    }
                }
            }
            #expect(drawnPixels > 500, "arm \(arm["name"] ?? ""): only \(drawnPixels) pixels of its reconstructed curve")
            #expect(Double(onCurve) >= 0.9 * Double(drawnPixels),
                    "arm \(arm["name"] ?? ""): \(onCurve) of \(drawnPixels) reconstructed-curve pixels lie on the figure's curve")
        }
    }
}
