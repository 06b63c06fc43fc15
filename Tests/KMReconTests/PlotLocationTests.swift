import Foundation
import Testing
import KMRecon

/// The dev benchmark folder beside the checkout (../shared/bench/dev), or nil.
let devBenchFolder: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = root.deletingLastPathComponent().appendingPathComponent("shared/bench/dev").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

/// A dev case's rendering facts (truth.json; test input only): the panel and the true ticks,
/// converted to pixel indices (truth.json measures from the image's corner).
struct DevTruth {
    var panel: [Double]
    var xTicks: [(pixel: Double, value: Double)]
    var yTicks: [(pixel: Double, value: Double)]

    init(_ folder: String) throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/truth.json"))) as! [String: Any]
        panel = (json["plot_region_px"] as! [NSNumber]).map { $0.doubleValue - 0.5 }
        let ticks = json["ticks_px"] as! [String: [[NSNumber]]]
        xTicks = ticks["x"]!.map { ($0[0].doubleValue - 0.5, $0[1].doubleValue) }
        yTicks = ticks["y"]!.map { ($0[0].doubleValue - 0.5, $0[1].doubleValue) }
    }
}

@Suite("Locating the plot without tick values", .enabled(if: devBenchFolder != nil))
struct PlotLocationTests {
    @Test("on every dev figure the panel is found and a tick position lies within 1.5 px of every true x and y tick")
    func devFigures() throws {
        let folder = devBenchFolder!
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("dev") }.sorted()
        var hits = 0, total = 0
        for name in names {
            let raster = try PNGReader.read(contentsOf: folder + "/" + name + "/figure.png")
            let truth = try DevTruth(folder + "/" + name)
            let location = try #require(locatePlot(raster), "\(name): no plot found")
            var missed: [String] = []
            for (axis, ticks, found) in [("x", truth.xTicks, location.xTickPixels), ("y", truth.yTicks, location.yTickPixels)] {
                for t in ticks {
                    total += 1
                    if found.contains(where: { abs($0 - t.pixel) <= 1.5 }) { hits += 1 } else { missed.append("\(axis)=\(t.value)") }
                }
            }
            if ProcessInfo.processInfo.environment["KMRECON_DIAGNOSE"] != nil || !missed.isEmpty {
                print(name, "panel", [location.left, location.top, location.right, location.bottom].map { Int($0) },
                      "truth", truth.panel.map { Int($0) }, location.xTickSource, location.yTickSource, "missed", missed)
            }
        }
        print("tick positions found: \(hits)/\(total)")
        #expect(Double(hits) >= 0.95 * Double(total))
    }
}
