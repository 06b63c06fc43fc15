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

    @Test("a thick flat tail a few rows above the x axis ends flat: it does not drop onto the axis")
    func tailAboveTheAxis() throws {
        // As in KM-GPT's figures: one patient left of many, the tail 6 rows above an axis line
        // that carries a tick mark under the curve's last column.
        var figure = FigureDrawing()
        figure.drawJournalAxes(grid: nil)
        figure.drawSteps([(1, 0.5), (3, 0.03)], end: 7, color: blue, thickness: 3)
        let result = try digitize(figure.raster, request([ArmDescription(name: "A", color: RGB(r: 31, g: 119, b: 180), patients: 60)]))
        let corners = result.arms[0].corners
        let last = try #require(corners.last)
        #expect(abs(last.time - 7) < 0.05)
        #expect(abs(last.survival - 0.03) < 0.01, "the tail ends at \(last.survival)")
        #expect(!corners.contains { $0.survival < 0.02 }, "no drop below the tail")
    }

    @Test("a light grey curve among grey grid lines, no axis lines or tick marks and no hint (Excel's style) is traced")
    func greyCurveOnGrid() throws {
        var figure = FigureDrawing()
        let grid: (UInt8, UInt8, UInt8) = (217, 217, 217)
        for t in 0...7 { figure.vline(figure.column(time: Double(t)), figure.row(survival: 1), figure.originY, grid) }
        for k in 0...4 { figure.hline(figure.originX, figure.column(time: 7), figure.row(survival: Double(k) * 0.25), grid) }
        figure.drawSteps([(0.5, 0.95), (1.5, 0.8), (3, 0.6), (5, 0.48)], end: 7, color: (165, 165, 165), thickness: 2)
        let result = try digitize(figure.raster, request([ArmDescription(name: "A", patients: 100)]))
        let corners = result.arms[0].corners
        #expect(abs((corners.last?.survival ?? 0) - 0.48) < 0.01)
        #expect(abs((corners.last?.time ?? 0) - 7) < 0.1)
    }

    @Test("whether a colour surrounds a path is asked safely of a path along the panel's bottom edge")
    func surroundsAtThePanelEdge() {
        // A 40 x 12 panel: class 0 is a line 4 rows above the bottom, class 1 runs along the
        // bottom row. Class 0 lies above class 1's path but nothing can lie below it, and asking
        // must not read outside the panel (a grey Excel-style figure once crashed here).
        let rect = PixelRect(left: 100, top: 50, right: 139, bottom: 61)
        var labels = [Int16](repeating: InkLabels.background, count: rect.width * rect.height)
        for x in 0..<rect.width { labels[(rect.height - 5) * rect.width + x] = 0; labels[(rect.height - 1) * rect.width + x] = 1 }
        let grey = InkClass(color: (165, 165, 165), lab: LabColor(RGB(r: 165, g: 165, b: 165)), count: rect.width)
        let ink = InkLabels(rect: rect, labels: labels, classes: [grey, grey])
        let path = StepTracer.Path(startColumn: rect.left, rows: Array(repeating: rect.bottom, count: rect.width))
        let curve = StepCurve(levels: [StepCurve.Level(start: Double(rect.left), row: Double(rect.bottom), firstColumn: rect.left, lastColumn: rect.right)],
                              endColumn: rect.right)
        let candidate = CurveFinder.Candidate(index: 1, path: path, curve: curve, support: rect.width, primary: true)
        #expect(!CurveFinder.surrounds(0, candidate, ink: ink, lineWidth: 2))
    }

    @Test("a band is its curve's colour or paler: black lines around a pale rim's path are curves, a pale pair around a black path is a band")
    func bandIsNotDarkerThanItsCurve() {
        // dev21 (base R, one black arm with dashed band lines) shrunk and saved as JPEG: the
        // black class holds the curve and its band lines, and the pale rim of the band lines,
        // traced on its own, runs between them. The black class must stay a curve.
        let rect = PixelRect(left: 100, top: 50, right: 159, bottom: 89)
        func ink(black: [Int], pale: [Int]) -> InkLabels {
            var labels = [Int16](repeating: InkLabels.background, count: rect.width * rect.height)
            for x in 0..<rect.width {
                for r in black { labels[r * rect.width + x] = 0 }
                for r in pale { labels[r * rect.width + x] = 1 }
            }
            let black = InkClass(color: (2, 2, 2), lab: LabColor(RGB(r: 2, g: 2, b: 2)), count: 2 * rect.width)
            let pale = InkClass(color: (190, 190, 190), lab: LabColor(RGB(r: 190, g: 190, b: 190)), count: 2 * rect.width)
            return InkLabels(rect: rect, labels: labels, classes: [black, pale])
        }
        func candidate(_ index: Int, row: Int, primary: Bool) -> CurveFinder.Candidate {
            let path = StepTracer.Path(startColumn: rect.left, rows: Array(repeating: rect.top + row, count: rect.width))
            let curve = StepCurve(levels: [StepCurve.Level(start: Double(rect.left), row: Double(rect.top + row),
                                                           firstColumn: rect.left, lastColumn: rect.right)],
                                  endColumn: rect.right)
            return CurveFinder.Candidate(index: index, path: path, curve: curve, support: rect.width, primary: primary)
        }
        let white = (255.0, 255.0, 255.0)
        let rim = ink(black: [11, 19], pale: [15])
        let black = CurveFinder.choose(count: 1, candidates: [candidate(0, row: 11, primary: true), candidate(1, row: 15, primary: false)],
                                       found: [], ink: rim, background: white, lineWidth: { _ in 1 })
        #expect(black.classes == [0])
        // The usual case is unchanged: pale band lines around a black curve are its band.
        let band = ink(black: [15], pale: [11, 19])
        let curveOnly = CurveFinder.choose(count: 2, candidates: [candidate(0, row: 15, primary: true), candidate(1, row: 11, primary: true)],
                                           found: [], ink: band, background: white, lineWidth: { _ in 1 })
        #expect(curveOnly.classes == [0])
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

    @Test("a drop hidden under another arm's thick drop at the same time is placed at that drop, not before it")
    func dropHiddenUnderAnotherArm() throws {
        // Both arms drop at t = 2 (whole-month times); the orange stroke, drawn later and longer,
        // covers every pixel of the blue one. Before, the blue drop was placed at the first column
        // of its lower level plus half a line width, a pixel before the orange one.
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(2, 0.7), (4, 0.4)], end: 6, color: blue, thickness: 4)
        figure.drawSteps([(2, 0.5), (5, 0.3)], end: 6.5, color: orange, thickness: 4)
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "A", color: RGB(r: 31, g: 119, b: 180), patients: 20),
            ArmDescription(name: "B", color: RGB(r: 255, g: 127, b: 14), patients: 20),
        ]))
        func dropTime(_ arm: Int, from upper: Double) throws -> Double {
            let corners = result.arms[arm].corners
            let i = try #require(corners.indices.dropFirst().first { corners[$0 - 1].survival > upper - 0.02 && corners[$0].survival < upper - 0.1 })
            return corners[i].time
        }
        let hidden = try dropTime(0, from: 1), covering = try dropTime(1, from: 1)
        let pixel = 1 / figure.pixelsPerTime
        #expect(abs(hidden - covering) < 0.25 * pixel, "hidden drop at \(hidden), covering drop at \(covering)")
        // The blue arm's own, visible drop at t = 4 is unaffected.
        #expect(abs(try dropTime(0, from: 0.7) - (4 + 1.5 * pixel)) < 0.5 * pixel)
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

/// The whole-image scans skip runs of paper several pixels at a time; their answers must be the
/// pixel-by-pixel ones.
@Suite("Pixel scans")
struct PixelScanTests {
    /// White paper with runs of other colours (dark, light, mid grey, colours) at odd offsets, on
    /// a width that is not a multiple of 64 or 8.
    func patchwork(width: Int = 203, height: Int = 37) -> Raster {
        var raster = Raster(width: width, height: height)
        let colors: [(UInt8, UInt8, UInt8)] = [(0, 0, 0), (149, 150, 151), (31, 119, 180), (255, 127, 14), (230, 230, 230), (254, 255, 255)]
        for y in 0..<height {
            var x = (y * 7) % 13
            var k = y
            while x < width {
                let run = 1 + (k * 5) % 11
                let c = colors[k % colors.count]
                for xx in x..<min(width, x + run) {
                    let i = 3 * (y * width + xx)
                    raster.rgb[i] = c.0; raster.rgb[i + 1] = c.1; raster.rgb[i + 2] = c.2
                }
                x += run + (k * 3) % 17
                k += 1
            }
        }
        return raster
    }

    @Test("the dark-pixel bitmap marks exactly the pixels whose luma is below the axis-line threshold")
    func darkBitmap() {
        let raster = patchwork()
        let grid = PixelGrid(raster)
        for y in 0..<raster.height {
            for x in 0..<raster.width {
                let c = raster[x: x, y: y]
                let luma = (299 * Int(c.r) + 587 * Int(c.g) + 114 * Int(c.b)) / 1000
                #expect(grid.lum(x, y) == luma)
                let bit = grid.dark[y * grid.darkWordsPerRow + x / 64] >> UInt64(x % 64) & 1 == 1
                #expect(bit == (luma < AxisLineDetector.lineLuma))
            }
        }
    }

    @Test("the dominant colour is the mean of the most common 4-bit bin, as summed pixel by pixel")
    func dominantColor() {
        let raster = patchwork()
        let grid = PixelGrid(raster)
        for (x0, y0, x1, y1) in [(0, 0, 202, 36), (5, 3, 150, 30), (17, 0, 17, 36), (100, 10, 202, 10)] {
            var counts = [Int](repeating: 0, count: 4096)
            var sums = [(Double, Double, Double)](repeating: (0, 0, 0), count: 4096)
            for y in y0...y1 {
                for x in x0...x1 {
                    let c = raster[x: x, y: y]
                    let key = (Int(c.r) >> 4) << 8 | (Int(c.g) >> 4) << 4 | (Int(c.b) >> 4)
                    counts[key] += 1
                    sums[key].0 += Double(c.r); sums[key].1 += Double(c.g); sums[key].2 += Double(c.b)
                }
            }
            let best = counts.indices.max { counts[$0] < counts[$1] }!
            let n = Double(counts[best])
            let found = grid.dominantColor(x0: x0, y0: y0, x1: x1, y1: y1)
            #expect(found == (sums[best].0 / n, sums[best].1 / n, sums[best].2 / n))
        }
    }

    @Test("column-major ink cells keep each label and flag the rows with no curve ink beside a pixel")
    func columnInk() {
        let w = 23, h = 5
        var labels = [Int16](repeating: InkLabels.background, count: w * h)
        for (x, y, l) in [(0, 0, 0), (5, 0, 1), (6, 1, -2), (9, 2, 2), (10, 2, 2), (22, 4, 0), (13, 3, 1)] as [(Int, Int, Int16)] {
            labels[y * w + x] = l
        }
        let ink = InkLabels(rect: PixelRect(left: 0, top: 0, right: w - 1, bottom: h - 1), labels: labels, classes: [])
        let columns = ColumnInk(ink)
        for y in 0..<h {
            for x in 0..<w {
                let cell = columns.cells[columns.offset(x) + y]
                #expect(Int(cell & ColumnInk.labelMask) - ColumnInk.labelOffset == Int(labels[y * w + x]))
                let inkBeside = (max(0, x - 1)...min(w - 1, x + 1)).contains { labels[y * w + $0] >= 0 }
                #expect((cell & ColumnInk.gapRowFlag != 0) == !inkBeside)
            }
        }
    }
}
