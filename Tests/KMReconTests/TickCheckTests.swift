import Foundation
import Testing
@testable import KMDigitize
import KMImage
@testable import KMRecon

@Suite("Report tick check")
struct TickCheckTests {
    @Test("a tick mark touching the axis is found where it is drawn; a tick label set close under an axis without marks is not taken for one")
    func labelsAreNotTickMarks() throws {
        // An x axis line (rows 150-151) with marks at t = 0, 2, 4 (columns 50, 90, 130) and
        // none at 6 and 8, whose labels are drawn 4 rows below the line, 3 columns right of
        // the tick position (a two-digit label's right digit). The report once took those
        // digits for marks 3 px off and asked for review of a correct calibration.
        let width = 300, height = 200
        var rgb = [UInt8](repeating: 255, count: 3 * width * height)
        func ink(_ x: Int, _ y: Int) { for k in 0..<3 { rgb[3 * (y * width + x) + k] = 0 } }
        for x in 40...280 { ink(x, 150); ink(x, 151) }
        for y in 20...151 { ink(40, y); ink(41, y) }
        for p in [50, 90, 130] { for y in 152...156 { ink(p, y) } }
        for p in [170, 210] { for y in 155...159 { for x in (p + 2)...(p + 4) { ink(x, y) } } }
        let raster = Raster(width: width, height: height, rgb: rgb)
        let figure = DigitizedFigure(xAxis: AxisCalibration(intercept: -2.5, slope: 0.05),
                                     yAxis: AxisCalibration(intercept: 1.5, slope: -0.01), yInPercent: false,
                                     panel: [42, 30, 280, 149], arms: [], notes: [])
        let spec = try FigureSpec.parse(Data("""
            {"format": "km-figure-spec/1", "image": "figure.png", "x_axis": {"ticks": [0, 2, 4, 6, 8]},
             "y_axis": {"ticks": [0, 0.5, 1]}, "arms": [{"name": "A", "n": 10}]}
            """.utf8), path: "/tmp/spec.json")
        let x = try #require(TickChecker.check(raster, figure, spec: spec).first { $0.axis == "x" })
        #expect(x.ticks.map(\.value) == [0, 2, 4, 6, 8])
        for tick in x.ticks.prefix(3) {
            let found = try #require(tick.foundPixel, "tick \(tick.value)")
            #expect(abs(found - tick.calibratedPixel) < 0.01)
        }
        #expect(x.ticks.suffix(2).allSatisfy { $0.foundPixel == nil })
    }
}
