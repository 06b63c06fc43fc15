import Testing
@testable import KMDigitize
import KMImage

@Suite("Axis calibration")
struct AxisCalibrationTests {
    @Test("tick marks on drawn axes calibrate both axes to within a tenth of a pixel")
    func ticksCalibrate() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        let request = DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1],
                                      arms: [ArmDescription(name: "A", patients: 10)])
        let axes = try AxisDetector.detect(PixelGrid(figure.raster), request: request)
        #expect(abs(axes.x.pixel(forValue: 0) - 60) < 0.1)
        #expect(abs(axes.x.pixel(forValue: 7) - 340) < 0.1)
        #expect(abs(axes.y.pixel(forValue: 1) - 60) < 0.1)
        #expect(abs(axes.y.pixel(forValue: 0) - 260) < 0.1)
    }

    @Test("a tick list that does not fit the marks fails with a message naming the axis")
    func wrongTicksFail() {
        var figure = FigureDrawing()
        figure.drawAxes()
        // 0, 1, 2 and 2.5 cannot all sit on marks spaced one unit apart.
        let request = DigitizeRequest(xTicks: [0, 1, 2, 2.5], yTicks: [0, 0.25, 0.5, 0.75, 1],
                                      arms: [ArmDescription(name: "A", patients: 10)])
        #expect(throws: DigitizeError.self) { try AxisDetector.detect(PixelGrid(figure.raster), request: request) }
    }

    @Test("matching ignores minor marks and marks outside the ticks, and finds the linear map")
    func matchIgnoresExtras() throws {
        let marks = [10.0, 50, 90, 130, 170, 250].map { TickMark(position: $0, length: 5) } + [TickMark(position: 30, length: 2)]
        let m = try #require(CalibrationFit.match(values: [0, 10, 20, 30, 40], marks: marks, increasing: true))
        #expect(abs(m.calibration.value(atPixel: 170) - 40) < 1e-9)
        #expect(m.rmsPixels < 1e-9)
    }

    @Test("manual calibration off the image is rejected")
    func manualOffImage() {
        #expect(throws: DigitizeError.calibrationOffImage(axis: "x", pixel: 900, size: 400)) {
            try AxisDetector.manualCalibration([(10, 0), (900, 7)], axis: "x", size: 400)
        }
    }
}
