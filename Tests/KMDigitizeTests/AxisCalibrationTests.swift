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

    @Test("with five or more values, one whose mark is missing (blurred away) still calibrates, with a note; with four it fails")
    func oneMissingMark() throws {
        // Marks for 0, 0.25, 0.5 and 1 but none for 0.75, as in a figure shrunk to 40 %.
        let marks = [160.0, 120, 80, 0].map { TickMark(position: $0, length: 3) }
        #expect(CalibrationFit.match(values: [0, 0.25, 0.5, 0.75, 1], marks: marks, increasing: false) == nil)
        let m = try #require(CalibrationFit.match(values: [0, 0.25, 0.5, 0.75, 1], marks: marks, increasing: false, allowMissing: 1))
        #expect(m.missing == [0.75])
        #expect(abs(m.calibration.pixel(forValue: 0.75) - 40) < 1e-9)
        // A missing first or last mark is refused: the scale moved by one step fits as well.
        let noFirst = [120.0, 80, 40, 0].map { TickMark(position: $0, length: 3) }
        #expect(CalibrationFit.match(values: [0, 0.25, 0.5, 0.75, 1], marks: noFirst, increasing: false, allowMissing: 1) == nil)
        let noLast = [160.0, 120, 80, 40].map { TickMark(position: $0, length: 3) }
        #expect(CalibrationFit.match(values: [0, 0.25, 0.5, 0.75, 1], marks: noLast, increasing: false, allowMissing: 1) == nil)

        var figure = FigureDrawing()
        let black: (UInt8, UInt8, UInt8) = (0, 0, 0)
        figure.hline(figure.originX - 5, figure.column(time: 7) + 5, figure.originY + 6, black)
        figure.vline(figure.originX - 6, figure.row(survival: 1) - 5, figure.originY + 6, black)
        for t in 0...7 { figure.vline(figure.column(time: Double(t)), figure.originY + 7, figure.originY + 12, black) }
        for k in [0, 1, 2, 4] { figure.hline(figure.originX - 12, figure.originX - 7, figure.row(survival: Double(k) * 0.25), black) }
        let request = DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1],
                                      arms: [ArmDescription(name: "A", patients: 10)])
        let axes = try AxisDetector.detect(PixelGrid(figure.raster), request: request)
        #expect(abs(axes.y.pixel(forValue: 0.75) - Double(figure.row(survival: 0.75))) < 0.1)
        #expect(axes.notes.contains { $0.contains("y tick 0.75 has no tick mark") })
        // Four values leave three marks: too few to check a scale, so it fails as before.
        let four = DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.5, 0.75, 1],
                                   arms: [ArmDescription(name: "A", patients: 10)])
        #expect(throws: DigitizeError.self) { try AxisDetector.detect(PixelGrid(figure.raster), request: four) }
    }

    @Test("a figure shrunk to half keeps ticks a pixel beyond the axis's fringe: four or more values still calibrate, with a note")
    func shortTicks() throws {
        // dev18 at 50 %: the axis line has an anti-aliased fringe along its whole length, and
        // each tick reaches one pixel past it.
        var figure = FigureDrawing()
        let black: (UInt8, UInt8, UInt8) = (0, 0, 0), fringe: (UInt8, UInt8, UInt8) = (125, 125, 125)
        let xAxisRow = figure.originY + 6, yAxisColumn = figure.originX - 6
        figure.hline(figure.originX - 5, figure.column(time: 7) + 5, xAxisRow, black)
        figure.hline(figure.originX - 5, figure.column(time: 7) + 5, xAxisRow + 1, fringe)
        figure.vline(yAxisColumn, figure.row(survival: 1) - 5, xAxisRow, black)
        figure.vline(yAxisColumn - 1, figure.row(survival: 1) - 5, xAxisRow, fringe)
        for t in 0...7 { figure.set(figure.column(time: Double(t)), xAxisRow + 2, black) }
        for k in 0...4 { figure.set(yAxisColumn - 2, figure.row(survival: Double(k) * 0.25), black) }
        let request = DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1],
                                      arms: [ArmDescription(name: "A", patients: 10)])
        let axes = try AxisDetector.detect(PixelGrid(figure.raster), request: request)
        #expect(abs(axes.x.pixel(forValue: 7) - Double(figure.column(time: 7))) < 0.2)
        #expect(abs(axes.y.pixel(forValue: 0.75) - Double(figure.row(survival: 0.75))) < 0.2)
        #expect(axes.notes.contains { $0.contains("y axis was calibrated from tick marks only a pixel or two long") })
        #expect(axes.notes.contains { $0.contains("x axis was calibrated from tick marks only a pixel or two long") })
        // Three values on one-pixel marks could be specks: fail closed, naming the axis.
        let three = DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.5, 1],
                                    arms: [ArmDescription(name: "A", patients: 10)])
        let error = #expect(throws: DigitizeError.self) { try AxisDetector.detect(PixelGrid(figure.raster), request: three) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("could not match the y ticks"))
    }

    @Test("a risk table drawn as a panel of its own below, with its own x axis, is not taken for the plot's x axis")
    func tableAxisBelow() throws {
        var figure = FigureDrawing(width: 400, height: 340)
        figure.drawAxes()
        let black: (UInt8, UInt8, UInt8) = (0, 0, 0)
        // The table's panel: a short y axis and an x axis with the same ticks, 50 px lower.
        let tableAxis = figure.originY + 56
        figure.vline(figure.originX - 6, tableAxis - 30, tableAxis, black)
        figure.hline(figure.originX - 5, figure.column(time: 7) + 5, tableAxis, black)
        for t in 0...7 { figure.vline(figure.column(time: Double(t)), tableAxis + 1, tableAxis + 6, black) }
        let location = try #require(locatePlot(figure.raster))
        #expect(abs(location.bottom - Double(figure.originY + 6)) < 1.5)
        #expect(location.xTickPixels.count == 8)
    }

    @Test("SAS-style minor ticks between the printed ones are not taken for them")
    func minorTicksIgnored() throws {
        var figure = FigureDrawing()
        let black: (UInt8, UInt8, UInt8) = (0, 0, 0)
        figure.hline(figure.originX - 5, figure.column(time: 7) + 5, figure.originY + 6, black)
        figure.vline(figure.originX - 6, figure.row(survival: 1) - 5, figure.originY + 6, black)
        // Major ticks 8 pixels long at the printed values, four minor ticks 4 long between them.
        for step in 0...35 {
            let length = step % 5 == 0 ? 8 : 4
            figure.vline(figure.column(time: Double(step) / 5), figure.originY + 7, figure.originY + 6 + length, black)
        }
        for step in 0...20 {
            let length = step % 5 == 0 ? 8 : 4
            figure.hline(figure.originX - 6 - length, figure.originX - 7, figure.row(survival: Double(step) / 20), black)
        }
        let request = DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1],
                                      arms: [ArmDescription(name: "A", patients: 10)])
        let axes = try AxisDetector.detect(PixelGrid(figure.raster), request: request)
        #expect(abs(axes.x.pixel(forValue: 0) - 60) < 0.1)
        #expect(abs(axes.x.pixel(forValue: 7) - 340) < 0.1)
        #expect(abs(axes.y.pixel(forValue: 1) - 60) < 0.1)
        #expect(abs(axes.y.pixel(forValue: 0) - 260) < 0.1)
    }

    @Test("small regular marks bunched in part of the axis are refused as ticks, with an error naming the axis")
    func bunchedMarksRefused() {
        var figure = FigureDrawing()
        let black: (UInt8, UInt8, UInt8) = (0, 0, 0)
        figure.hline(figure.originX - 5, figure.column(time: 7) + 5, figure.originY + 6, black)
        figure.vline(figure.originX - 6, figure.row(survival: 1) - 5, figure.originY + 6, black)
        // Eight evenly spaced marks over the first 35 pixels of a 290-pixel axis.
        for k in 0..<8 { figure.vline(figure.originX + 5 * k, figure.originY + 7, figure.originY + 10, black) }
        for k in 0...4 { figure.hline(figure.originX - 12, figure.originX - 7, figure.row(survival: Double(k) * 0.25), black) }
        let request = DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1],
                                      arms: [ArmDescription(name: "A", patients: 10)])
        let error = #expect(throws: DigitizeError.self) { try AxisDetector.detect(PixelGrid(figure.raster), request: request) }
        guard case let .ticksNotMatched(axis, _, _)? = error else {
            Issue.record("expected ticksNotMatched, got \(String(describing: error))")
            return
        }
        #expect(axis == "x")
    }

    @Test("an x tick at time 0 hidden in the corner of the axes is taken at the y axis")
    func cornerTick() throws {
        var figure = FigureDrawing()
        figure.drawJournalAxes(tickAtZero: false, grid: nil)
        let request = DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1],
                                      arms: [ArmDescription(name: "A", patients: 10)])
        let axes = try AxisDetector.detect(PixelGrid(figure.raster), request: request)
        #expect(abs(axes.x.pixel(forValue: 0) - 60) < 0.1)
        #expect(abs(axes.x.pixel(forValue: 7) - 340) < 0.1)
    }

    @Test("matching prefers the long marks: values fit minor ticks as evenly, on a smaller scale")
    func matchPrefersLongMarks() throws {
        // Majors 8 pixels long every 40 pixels, four minors 4 long between each pair.
        let marks = (0...35).map { TickMark(position: 10 + 8 * Double($0), length: $0 % 5 == 0 ? 8 : 4) }
        let m = try #require(CalibrationFit.match(values: [0, 1, 2, 3, 4, 5, 6, 7], marks: marks, increasing: true))
        #expect(abs(m.calibration.pixel(forValue: 0) - 10) < 1e-9)
        #expect(abs(m.calibration.pixel(forValue: 7) - 290) < 1e-9)
    }

    @Test("manual calibration off the image is rejected")
    func manualOffImage() {
        #expect(throws: DigitizeError.calibrationOffImage(axis: "x", pixel: 900, size: 400)) {
            try AxisDetector.manualCalibration([(10, 0), (900, 7)], axis: "x", size: 400)
        }
    }
}

@Suite("Grid-line calibration")
struct GridLineCalibrationTests {
    @Test("without tick marks, faint major grid lines calibrate both axes and minor ones are not mistaken for ticks")
    func gridLinesCalibrate() throws {
        var figure = FigureDrawing()
        let major: (UInt8, UInt8, UInt8) = (215, 215, 215), minor: (UInt8, UInt8, UInt8) = (240, 240, 240)
        for t in 0...7 {
            figure.vline(figure.column(time: Double(t)), 40, 280, major, thickness: 2)
            if t < 7 { figure.vline(figure.column(time: Double(t) + 0.5), 40, 280, minor) }
        }
        for k in 0...4 {
            figure.hline(40, 360, figure.row(survival: Double(k) * 0.25), major, thickness: 2)
            if k < 4 { figure.hline(40, 360, figure.row(survival: Double(k) * 0.25 + 0.125), minor) }
        }
        let request = DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1],
                                      arms: [ArmDescription(name: "A", patients: 10)])
        let axes = try AxisDetector.detect(PixelGrid(figure.raster), request: request)
        // A 2-pixel line's centre lies half a pixel past its first row or column.
        #expect(abs(axes.x.pixel(forValue: 0) - 60.5) < 0.2)
        #expect(abs(axes.x.pixel(forValue: 7) - 340.5) < 0.2)
        #expect(abs(axes.y.pixel(forValue: 1) - 60.5) < 0.2)
        #expect(abs(axes.y.pixel(forValue: 0) - 260.5) < 0.2)
    }

    @Test("a curve's long coloured flat between two grid lines is not a grid line, so it does not spoil the match")
    func colouredFlatIsNotAGridLine() throws {
        // dev13 at 50 %: three arms' flats near survival 0.59 add up to a grid line's length.
        // Taken as a line, it is an unclaimed mark between 0.5 and 0.75 and no match survives.
        var figure = FigureDrawing()
        let line: (UInt8, UInt8, UInt8) = (215, 215, 215), green: (UInt8, UInt8, UInt8) = (44, 160, 44)
        for t in 0...7 { figure.vline(figure.column(time: Double(t)), 40, 280, line, thickness: 2) }
        for k in 0...4 { figure.hline(40, 360, figure.row(survival: Double(k) * 0.25), line, thickness: 2) }
        figure.hline(figure.column(time: 1), figure.column(time: 5), figure.row(survival: 0.59), green, thickness: 2)
        let request = DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1],
                                      arms: [ArmDescription(name: "A", patients: 10)])
        let axes = try AxisDetector.detect(PixelGrid(figure.raster), request: request)
        #expect(abs(axes.y.pixel(forValue: 1) - 60.5) < 0.2)
        #expect(abs(axes.y.pixel(forValue: 0) - 260.5) < 0.2)
        // A grey flat of the same length is indistinguishable from a grid line and still refused.
        figure.hline(figure.column(time: 1), figure.column(time: 5), figure.row(survival: 0.59), (110, 110, 110), thickness: 2)
        #expect(throws: DigitizeError.self) { try AxisDetector.detect(PixelGrid(figure.raster), request: request) }
    }

    @Test("minor grid lines as strong as the major ones fit the values at half the scale over half the axis: refused, not used")
    func gridAtHalfScaleRefused() throws {
        // ggplot's theme_bw seen through JPEG or a crop: minor lines halfway between the major
        // ones, no weaker. The eight x values fit lines 0..7 of fifteen (half the scale, half
        // the axis); on the major lines the minor ones between are unclaimed marks. Neither
        // may calibrate the axis: the spec's calibration has to say.
        var figure = FigureDrawing()
        let line: (UInt8, UInt8, UInt8) = (215, 215, 215)
        for t in 0...14 { figure.vline(figure.column(time: Double(t) / 2), 40, 280, line, thickness: 2) }
        for k in 0...4 { figure.hline(40, 360, figure.row(survival: Double(k) * 0.25), line, thickness: 2) }
        let request = DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1],
                                      arms: [ArmDescription(name: "A", patients: 10)])
        let error = #expect(throws: DigitizeError.self) { try AxisDetector.detect(PixelGrid(figure.raster), request: request) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("could not match the x ticks"))
    }
}

