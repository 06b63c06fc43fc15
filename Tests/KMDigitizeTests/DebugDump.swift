import Foundation
import Testing
@testable import KMDigitize
import KMImage

/// Developer aid: dumps the colour classes of the figure named by KMDIG_DEBUG (a spec-less
/// PNG path); skipped unless that variable is set.
@Suite("Debug dump", .enabled(if: ProcessInfo.processInfo.environment["KMDIG_DEBUG"] != nil))
struct DebugDump {
    @Test func dump() throws {
        let env = ProcessInfo.processInfo.environment
        let path = env["KMDIG_DEBUG"]!
        let xt = env["KMDIG_X"]!.split(separator: ",").map { Double($0)! }
        let yt = env["KMDIG_Y"]!.split(separator: ",").map { Double($0)! }
        let raster = try PNGReader.read(contentsOf: path)
        let grid = PixelGrid(raster)
        let request = DigitizeRequest(xTicks: xt, yTicks: yt, arms: [ArmDescription(name: "A", patients: 10)])
        let axes = try AxisDetector.detect(grid, request: request)
        print("panel", axes.panel, "x", axes.x, "y", axes.y)
        let p = axes.panel
        let bg = grid.dominantColor(x0: p.left, y0: p.top, x1: p.right, y1: p.bottom)
        let ink = ColorClusterer.label(grid, rect: p, background: bg, axisEdges: axes.edges)
        print("bg", bg)
        for (i, c) in ink.classes.enumerated() {
            print(i, c.color, "n", c.count, "cov", c.columnCoverage, "run", c.medianRun, "grid", c.gridFraction, "mono", c.monotoneFraction, "line", c.isLineLike)
        }
        var out = "P5 \(p.width) \(p.height) 255\n".data(using: .ascii)!
        out.append(contentsOf: ink.labels.map { l in l < 0 ? UInt8(l == -1 ? 255 : 200) : UInt8(min(190, Int(l) * 20)) })
        try out.write(to: URL(fileURLWithPath: "/tmp/dig2/labels.pgm"))
        if let at = env["KMDIG_AT"] {
            let xy = at.split(separator: ",").map { Int($0)! }
            for y in (xy[1] - 10)...(xy[1] + 10) {
                var line = "\(y): "
                for x in (xy[0] - 5)...(xy[0] + 5) { line += String(format: "%4d", Int(ink.label(x, y))) }
                print(line)
            }
        }
        if let hint = env["KMDIG_CLASS"], let cls = Int16(hint) {
            let none = [Bool](repeating: false, count: ink.labels.count)
            let tracer = StepTracer(ink: ink, target: cls, claimed: none, weak: none, dashReach: 8)
            let start = Int(axes.y.pixel(forValue: yt.last!).rounded())
            if let path = tracer.trace(startColumn: p.left, startRows: (start - 6)...(start + 6)) {
                var line = ""
                for (c, r) in path.rows.enumerated() where c % 10 == 0 || c == path.rows.count - 1 {
                    line += "\(path.startColumn + c):\(r) "
                }
                print("path", line)
            }
        }
    }
}
