import Testing
@testable import KMDigitize
import KMImage

@Suite("Curve tracing")
struct CurveTracingTests {
    let blue: (UInt8, UInt8, UInt8) = (31, 119, 180)
    let orange: (UInt8, UInt8, UInt8) = (255, 127, 14)

    func request(_ arms: [ArmDescription]) -> DigitizeRequest {
        DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1], arms: arms)
    }

    @Test("a coloured step curve is read back with its drops and levels")
    func singleCurve() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.8), (2.5, 0.6), (4, 0.3)], end: 6, color: blue)
        let result = try digitize(figure.raster, request([ArmDescription(name: "A", color: RGB(r: 31, g: 119, b: 180), patients: 10)]))
        let corners = result.arms[0].corners
        #expect(corners.first?.time == 0)
        #expect(abs((corners.first?.survival ?? 0) - 1) < 0.01)
        // Corners: start, 3 drops × 2, end.
        #expect(corners.count == 8)
        #expect(abs(corners[1].time - 1) < 0.05)
        #expect(abs(corners[2].survival - 0.8) < 0.01)
        #expect(abs(corners[6].survival - 0.3) < 0.01)
        #expect(abs((corners.last?.time ?? 0) - 6) < 0.05)
    }

    @Test("a curve that drops at time 0 (deaths in the first time unit) is traced from its first level")
    func dropAtTimeZero() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(0, 0.88), (2, 0.6)], end: 6, color: blue)
        let result = try digitize(figure.raster, request([ArmDescription(name: "A", color: RGB(r: 31, g: 119, b: 180), patients: 10)]))
        let corners = result.arms[0].corners
        #expect(abs((corners.last?.survival ?? 0) - 0.6) < 0.01)
        #expect(abs((corners.last?.time ?? 0) - 6) < 0.05)
        // The level before the drop at t = 2 is the one after the drop at time 0.
        let beforeSecondDrop = try #require(corners.last { abs($0.time - 2) < 0.05 && $0.survival > 0.7 })
        #expect(abs(beforeSecondDrop.survival - 0.88) < 0.01)
    }

    @Test("two colours without hints are separated and each curve is complete")
    func twoColoursNoHints() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.8), (3, 0.5)], end: 6.5, color: blue)
        figure.drawSteps([(2, 0.7), (4, 0.2)], end: 5, color: orange)
        let result = try digitize(figure.raster, request([ArmDescription(name: "A", patients: 10), ArmDescription(name: "B", patients: 10)]))
        let ends = result.arms.map { $0.corners.last!.survival }.sorted()
        #expect(abs(ends[0] - 0.2) < 0.01)
        #expect(abs(ends[1] - 0.5) < 0.01)
    }

    @Test("a colour hint that is not in the figure is an error naming the arm")
    func missingColour() {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.8)], end: 6, color: blue)
        #expect(throws: DigitizeError.colorNotInFigure(arm: "A", color: "#00FF00")) {
            try digitize(figure.raster, request([ArmDescription(name: "A", color: RGB(r: 0, g: 255, b: 0), patients: 10)]))
        }
    }

    @Test("solid and dashed curves of one colour are both traced")
    func lineStyles() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.9), (3, 0.6)], end: 6.5, color: (0, 0, 0))
        figure.drawSteps([(2, 0.5), (4, 0.25)], end: 5.5, color: (0, 0, 0), dashed: true)
        let result = try digitize(figure.raster, request([ArmDescription(name: "A", patients: 10), ArmDescription(name: "B", patients: 10)]))
        let ends = result.arms.map { $0.corners.last!.survival }.sorted()
        #expect(abs(ends[0] - 0.25) < 0.02)
        #expect(abs(ends[1] - 0.6) < 0.02)
    }

    @Test("a '+' on a level is reported as a censor mark")
    func censorMark() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.8)], end: 6, color: blue)
        let x = figure.column(time: 3), y = figure.row(survival: 0.8)
        figure.vline(x, y - 4, y + 4, blue)
        let result = try digitize(figure.raster, request([ArmDescription(name: "A", color: RGB(r: 31, g: 119, b: 180), patients: 10)]))
        let marks = result.arms[0].censorMarks
        #expect(marks.count == 1)
        #expect(abs((marks.first?.time ?? 0) - 3) < 0.05)
    }
}
