import Testing
@testable import KMDigitize
import KMImage

/// Failure modes of journal figures (NEJM, JCO, SAS output), each drawn so that the test knows
/// the answer.
@Suite("Journal figures")
struct JournalFigureTests {
    typealias Color = (UInt8, UInt8, UInt8)
    let gold: Color = (219, 162, 82)
    let blue: Color = (31, 119, 180)
    let lightGrey: Color = (165, 165, 165)

    func request(_ arms: [ArmDescription]) -> DigitizeRequest {
        DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1], arms: arms)
    }

    func hint(_ c: Color) -> RGB { RGB(r: c.0, g: c.1, b: c.2) }

    @Test("a light grey arm beside blurred dark grey axes and a dotted grid is traced, not the axes")
    func lightGreyArmBesideAxes() throws {
        var figure = FigureDrawing()
        figure.drawJournalAxes()
        figure.drawSteps([(0.5, 0.95), (2, 0.85), (4, 0.8)], end: 6.5, color: gold, thickness: 2)
        figure.drawSteps([(0.5, 0.95), (1.5, 0.8), (3, 0.65)], end: 5, color: lightGrey)
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "gold", color: hint(gold), patients: 20),
            ArmDescription(name: "grey", patients: 20),
        ]))
        let grey = result.arms[1].corners
        #expect(abs(grey[0].survival - 1) < 0.02)
        #expect(grey.allSatisfy { $0.survival > 0.6 })
        #expect(abs((grey.last?.time ?? 0) - 5) < 0.1)
        #expect(abs((grey.last?.survival ?? 0) - 0.65) < 0.02)
    }

    @Test("grey axes and ticks (luma 165, as thin lines come out of downsampling or JPEG) calibrate both axes")
    func greyAxes() throws {
        var figure = FigureDrawing()
        figure.drawJournalAxes(line: (165, 165, 165), blur: (225, 225, 225), grid: nil)
        figure.drawSteps([(1, 0.8), (3, 0.55)], end: 6, color: blue, thickness: 2)
        let result = try digitize(figure.raster, request([ArmDescription(name: "A", color: hint(blue), patients: 20)]))
        #expect(abs(result.xAxis.pixel(forValue: 0) - Double(figure.originX)) < 0.5)
        #expect(abs(result.xAxis.pixel(forValue: 7) - Double(figure.column(time: 7))) < 0.5)
        #expect(abs(result.yAxis.pixel(forValue: 1) - Double(figure.row(survival: 1))) < 0.5)
        #expect(abs(result.yAxis.pixel(forValue: 0) - Double(figure.originY)) < 0.5)
        let corners = result.arms[0].corners
        #expect(abs((corners.last?.time ?? 0) - 6) < 0.1)
        #expect(abs((corners.last?.survival ?? 0) - 0.55) < 0.02)
    }

    @Test("a hinted colour drawn only as a pale blend with the paper (a blurred thin line) is still the arm's, with a note")
    func paleBlendOfHint() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        // Half ink, half paper: ΔE from the hint is about 40, beyond the direct match.
        let pale: Color = (143, 187, 218)
        #expect(LabColor(hint(pale)).deltaE76(LabColor(hint(blue))) > 30)
        figure.drawSteps([(1, 0.8), (3, 0.55)], end: 6, color: pale)
        let result = try digitize(figure.raster, request([ArmDescription(name: "A", color: hint(blue), patients: 20)]))
        let corners = result.arms[0].corners
        #expect(abs((corners.last?.time ?? 0) - 6) < 0.1)
        #expect(abs((corners.last?.survival ?? 0) - 0.55) < 0.02)
        #expect(result.notes.contains { $0.contains("paler blend") })
    }

    @Test("a hinted colour that JPEG shifted beyond the direct match (a thin red line over a band) is the nearest curve colour's, with a note, unless another hint is nearer")
    func shiftedHint() throws {
        // dev03 saved as JPEG q90: #ED0000 comes out as #B21422, ΔE 37, neither within the
        // direct match nor a blend with the paper.
        let shifted: Color = (178, 20, 34), red = RGB(r: 237, g: 0, b: 0)
        let distance = LabColor(hint(shifted)).deltaE76(LabColor(red))
        #expect(distance > 30 && distance < ColorHintMatch.maximumShift)
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.8), (3, 0.55)], end: 6, color: shifted, thickness: 2)
        figure.drawSteps([(2, 0.7), (4, 0.3)], end: 5, color: blue, thickness: 2)
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "red", color: red, patients: 20), ArmDescription(name: "blue", color: hint(blue), patients: 20),
        ]))
        #expect(abs((result.arms[0].corners.last?.survival ?? 0) - 0.55) < 0.02)
        #expect(abs((result.arms[1].corners.last?.survival ?? 0) - 0.3) < 0.02)
        #expect(result.notes.contains { $0.contains("arm \"red\": its colour #ED0000 is not in the figure; the nearest curve colour") })
        // Another arm's hint nearer to that colour claims it: the red arm's colour is not in the figure.
        #expect(throws: DigitizeError.colorNotInFigure(arm: "red", color: "#ED0000")) {
            try digitize(figure.raster, request([
                ArmDescription(name: "red", color: red, patients: 20), ArmDescription(name: "dark red", color: hint(shifted), patients: 20),
            ]))
        }
    }

    @Test("a hinted colour that is neither in the figure nor blended into it is still refused")
    func unrelatedHintRefused() {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.8), (3, 0.55)], end: 6, color: (143, 187, 218))
        #expect(throws: DigitizeError.colorNotInFigure(arm: "A", color: "#DBA252")) {
            try digitize(figure.raster, request([ArmDescription(name: "A", color: hint(gold), patients: 20)]))
        }
    }

    @Test("a hinted dark line that JPEG split into a lighter grey for most of its length is traced to its end")
    func hintedLineSplitIntoShades() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        let dark: Color = (40, 40, 40)
        // The drops stay dark; the levels after t = 1.5 come out grey.
        figure.drawSteps([(1, 0.8), (3, 0.55), (5, 0.4)], end: 6.5, color: dark, shade: (115, 115, 115), shadeFrom: 1.5)
        figure.drawSteps([(2, 0.9), (4, 0.75)], end: 6, color: gold, thickness: 2)
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "dark", color: hint(dark), patients: 20),
            ArmDescription(name: "gold", color: hint(gold), patients: 20),
        ]))
        let corners = result.arms[0].corners
        #expect(abs((corners.last?.time ?? 0) - 6.5) < 0.1)
        #expect(abs((corners.last?.survival ?? 0) - 0.4) < 0.02)
        #expect(abs((result.arms[1].corners.last?.survival ?? 0) - 0.75) < 0.02)
    }

    @Test("a hinted navy line JPEG split into two blues (the hint nearest the thinner, paler edge) is measured on both")
    func hintedLineSplitAlongItsWidth() throws {
        // A 3-px line: its top row in the blue nearest the hint, its two lower rows a darker
        // navy. Measured on the hinted blue alone, every level would read a pixel high.
        let navy: Color = (36, 52, 107), blue: Color = (36, 59, 141)
        let steps = [(1.0, 0.8), (2.5, 0.62), (4.0, 0.47), (5.5, 0.33)]
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps(steps, end: 7, color: navy, thickness: 3)
        figure.drawSteps(steps, end: 7, color: blue)
        let result = try digitize(figure.raster, request([ArmDescription(name: "A", color: RGB(r: 31, g: 58, b: 147), patients: 40)]))
        let corners = result.arms[0].corners
        // The line's centre is a pixel below each level's drawn row.
        let pixel = 1 / figure.pixelsPerSurvival
        for (time, level) in steps {
            let after = try #require(corners.last { abs($0.time - time) < 0.1 })
            #expect(abs(after.survival - (level - pixel)) < 0.4 * pixel, "level at t=\(time): \(after.survival)")
        }
    }

    @Test("a hinted dark arm mostly covered by an unhinted grey arm keeps the grey arm its own curve")
    func hintedUnderUnhinted() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        let dark: Color = (40, 40, 40)
        figure.drawSteps([(1, 0.8), (3, 0.55), (5, 0.4)], end: 6.5, color: dark)
        // Drawn after, on top: the same path until t = 4.5, then its own.
        figure.drawSteps([(1, 0.8), (3, 0.55), (4.5, 0.5)], end: 5.5, color: lightGrey)
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "dark", color: hint(dark), patients: 20),
            ArmDescription(name: "grey", patients: 20),
        ]))
        #expect(abs((result.arms[0].corners.last?.time ?? 0) - 6.5) < 0.1)
        #expect(abs((result.arms[0].corners.last?.survival ?? 0) - 0.4) < 0.02)
        #expect(abs((result.arms[1].corners.last?.time ?? 0) - 5.5) < 0.1)
        #expect(abs((result.arms[1].corners.last?.survival ?? 0) - 0.5) < 0.02)
    }

    @Test("a word printed in a curve's colour after its end does not extend the curve")
    func labelAfterCurveEnd() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.8), (3, 0.4)], end: 5, color: blue)
        figure.drawText("treatment", x: figure.column(time: 5) - 4, y: figure.row(survival: 0.4) + 3, color: blue)
        let result = try digitize(figure.raster, request([ArmDescription(name: "A", color: hint(blue), patients: 10)]))
        let corners = result.arms[0].corners
        #expect(abs((corners.last?.time ?? 0) - 5) < 0.1)
        #expect(abs((corners.last?.survival ?? 0) - 0.4) < 0.02)
    }

    @Test("a light grey dashed arm is found among dark grey text and marks with more ink than it")
    func curveAmongText() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        let darkGrey: Color = (90, 90, 90)
        figure.drawSteps([(1, 0.9), (3, 0.7)], end: 6.5, color: blue)
        figure.drawSteps([(1.5, 0.75), (4, 0.5)], end: 6, color: lightGrey, dashed: true)
        figure.drawText("treatment", x: 80, y: 175, color: darkGrey, scale: 2)
        // A printed table of short strokes, which is no text to `TextFinder`.
        for y in [205, 220, 235] {
            for x in stride(from: 120, through: 330, by: 6) { figure.vline(x, y, y + 7, darkGrey, thickness: 2) }
        }
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "blue", color: hint(blue), patients: 20),
            ArmDescription(name: "grey", patients: 20),
        ]))
        let grey = result.arms[1].corners
        #expect(abs((grey.last?.survival ?? 0) - 0.5) < 0.02)
        #expect(abs((grey.last?.time ?? 0) - 6) < 0.15)
    }

    @Test("a dark curve split into two tones and a light grey curve are two arms, each traced whole")
    func splitToneAndLightGrey() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.85), (3, 0.6), (5, 0.5)], end: 6.5, color: (50, 50, 50), thickness: 2,
                         shade: (105, 105, 105), shadeFrom: 4.5)
        figure.drawSteps([(0.5, 0.9), (2, 0.55), (4, 0.3)], end: 5.5, color: (175, 175, 175), thickness: 2)
        let times: [Double] = [0, 2, 4, 6]
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "dark", atRiskTimes: times, atRiskCounts: [40, 34, 24, 20]),
            ArmDescription(name: "light", atRiskTimes: times, atRiskCounts: [40, 22, 12, 0]),
        ]))
        let dark = result.arms[0].corners, light = result.arms[1].corners
        #expect(abs((dark.last?.time ?? 0) - 6.5) < 0.1)
        #expect(abs((dark.last?.survival ?? 0) - 0.5) < 0.02)
        #expect(abs((light.last?.time ?? 0) - 5.5) < 0.1)
        #expect(abs((light.last?.survival ?? 0) - 0.3) < 0.02)
    }

    @Test("a dashed dark curve and a solid light grey curve without hints are both traced")
    func dashedDarkAndLightGrey() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.85), (3, 0.6)], end: 6.5, color: (40, 40, 40), dashed: true, thickness: 3)
        figure.drawSteps([(0.5, 0.9), (2, 0.5)], end: 3.5, color: (180, 180, 180))
        let times: [Double] = [0, 2, 4, 6]
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "dark", atRiskTimes: times, atRiskCounts: [40, 34, 24, 20]),
            ArmDescription(name: "light", atRiskTimes: times, atRiskCounts: [40, 20, 0, 0]),
        ]))
        let dark = result.arms[0].corners, light = result.arms[1].corners
        #expect(abs((dark.last?.survival ?? 0) - 0.6) < 0.02)
        #expect(abs((light.last?.time ?? 0) - 3.5) < 0.1)
        #expect(abs((light.last?.survival ?? 0) - 0.5) < 0.02)
    }

    @Test("without hints, a dotted grid is not a curve, however much of the panel it spans")
    func dottedGridIsNoCurve() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawDottedGrid((200, 200, 200))
        figure.drawSteps([(1, 0.85), (3, 0.6)], end: 6.5, color: blue, thickness: 2)
        figure.drawSteps([(0.5, 0.8), (1.5, 0.4)], end: 2, color: (255, 127, 14), thickness: 2)
        let times: [Double] = [0, 2, 4, 6]
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "long", atRiskTimes: times, atRiskCounts: [40, 34, 24, 20]),
            ArmDescription(name: "short", atRiskTimes: [0, 1], atRiskCounts: [40, 32]),
        ]))
        #expect(abs((result.arms[0].corners.last?.survival ?? 0) - 0.6) < 0.02)
        #expect(abs((result.arms[1].corners.last?.time ?? 0) - 2) < 0.1)
        #expect(abs((result.arms[1].corners.last?.survival ?? 0) - 0.4) < 0.02)
    }

    @Test("without hints, a confidence band around one curve is not the other arm")
    func bandIsNoArm() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        let pink: Color = (247, 113, 137), teal: Color = (54, 173, 164)
        let long = [(1.0, 0.85), (3, 0.6)], short = [(0.5, 0.8), (1.5, 0.45)]
        figure.drawBand(long, end: 6.5, halfWidth: 0.03, color: (250, 187, 198))
        figure.drawSteps(long, end: 6.5, color: pink, thickness: 2)
        figure.drawSteps(short, end: 2.5, color: teal, thickness: 2)
        let times: [Double] = [0, 2, 4, 6]
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "long", atRiskTimes: times, atRiskCounts: [40, 34, 24, 20]),
            ArmDescription(name: "short", atRiskTimes: [0, 1, 2], atRiskCounts: [40, 32, 18]),
        ]))
        #expect(result.arms[0].color == hint(pink))
        #expect(result.arms[1].color == hint(teal))
        #expect(abs((result.arms[1].corners.last?.time ?? 0) - 2.5) < 0.1)
        #expect(abs((result.arms[1].corners.last?.survival ?? 0) - 0.45) < 0.02)
    }

    @Test("a framed legend box over both curves' tails: each curve is traced under it to its end")
    func legendBoxOverTails() throws {
        let blue: Color = (31, 119, 180), orange: Color = (255, 127, 14)
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.8), (3, 0.6), (4.5, 0.55)], end: 7, color: blue, thickness: 2)
        figure.drawSteps([(1.5, 0.7), (2.5, 0.4), (6, 0.35)], end: 7, color: orange, thickness: 2)
        // An opaque box from t = 3.8 to 5.3 and survival 0.75 to 0.3, grey frame, keys and words.
        let left = figure.column(time: 3.8), right = figure.column(time: 5.3)
        let top = figure.row(survival: 0.75), bottom = figure.row(survival: 0.3)
        for y in top...bottom { figure.hline(left, right, y, (255, 255, 255)) }
        figure.hline(left, right, top, (176, 176, 176)); figure.hline(left, right, bottom, (176, 176, 176))
        figure.vline(left, top, bottom, (176, 176, 176)); figure.vline(right, top, bottom, (176, 176, 176))
        for (i, entry) in [(blue, "treatment"), (orange, "dose")].enumerated() {
            let y = top + 20 + 24 * i
            figure.hline(left + 4, left + 16, y + 3, entry.0, thickness: 2)
            figure.drawText(entry.1, x: left + 20, y: y, color: (0, 0, 0))
        }
        let result = try digitize(figure.raster, DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1], arms: [
            ArmDescription(name: "A", color: hint(blue), patients: 40), ArmDescription(name: "B", color: hint(orange), patients: 40),
        ]))
        for (arm, level, dropAt) in [(0, 0.55, 4.5), (1, 0.35, 6.0)] {
            let corners = result.arms[arm].corners
            let last = try #require(corners.last)
            #expect(abs(last.time - 7) < 0.1, "arm \(arm) ends at \(last.time)")
            #expect(abs(last.survival - level) < 0.01, "arm \(arm) ends at survival \(last.survival)")
            // The last drop: under the box for A (placed somewhere under it), at t = 6 for B.
            let lastDrop = try #require(corners.indices.dropFirst().last { corners[$0].time == corners[$0 - 1].time && corners[$0].survival < corners[$0 - 1].survival })
            if arm == 1 { #expect(abs(corners[lastDrop].time - dropAt) < 0.05) } else {
                #expect(corners[lastDrop].time > 3.7 && corners[lastDrop].time < 5.4)
            }
        }
    }

    @Test("a curve that falls while hidden under a framed legend is not traced along its own key: its fall is spread over the box, with a note")
    func curveFallingUnderLegendBox() throws {
        let blue: Color = (31, 119, 180), orange: Color = (255, 127, 14)
        var figure = FigureDrawing()
        figure.drawAxes()
        let steps = [(1.0, 0.9), (2.6, 0.8), (3.4, 0.74), (3.7, 0.7), (4.1, 0.62), (4.5, 0.55), (6.0, 0.45)]
        figure.drawSteps(steps, end: 7, color: blue, thickness: 2)
        figure.drawSteps([(2, 0.4), (5, 0.3)], end: 6.5, color: orange, thickness: 2)
        // An opaque box from t = 3 to 4.8 and survival 0.86 to 0.47: the blue curve goes in at
        // 0.8 and comes out at 0.55; its key lies at 0.6.
        let left = figure.column(time: 3), right = figure.column(time: 4.8)
        let top = figure.row(survival: 0.86), bottom = figure.row(survival: 0.47)
        for y in top...bottom { figure.hline(left, right, y, (255, 255, 255)) }
        for y in [top, bottom] { figure.hline(left, right, y, (60, 60, 60)) }
        for x in [left, right] { figure.vline(x, top, bottom, (60, 60, 60)) }
        for (color, word, survival) in [(blue, "arm", 0.6), (orange, "dose", 0.52)] {
            let y = figure.row(survival: survival)
            figure.hline(left + 5, left + 20, y, color, thickness: 2)
            figure.drawText(word, x: left + 26, y: y - 3, color: (0, 0, 0))
        }
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "A", color: hint(blue), patients: 60), ArmDescription(name: "B", color: hint(orange), patients: 60),
        ]))
        let corners = result.arms[0].corners
        func survival(at t: Double) -> Double { corners.last { $0.time <= t }?.survival ?? 1 }
        // Visible on both sides of the box.
        #expect(abs(survival(at: 2.8) - 0.8) < 0.01)
        #expect(abs(survival(at: 5) - 0.55) < 0.01)
        // Under it, where only the way in and the way out are seen, the fall is spread evenly
        // (a row at a time) from where it goes in to where it comes out: half-way down at the
        // middle of the box. Before, the path bent towards the key and was 0.02 lower there.
        let inBox = corners.filter { $0.time > 3.05 && $0.time < 4.75 }
        #expect(zip(inBox, inBox.dropFirst()).allSatisfy { $0.survival - $1.survival < 0.011 }, "\(inBox)")
        #expect(abs(survival(at: 3.9) - 0.675) < 0.01, "survival \(survival(at: 3.9)) at t = 3.9")
        #expect(result.notes.contains { $0.contains("arm \"A\": hidden under a legend box") }, "\(result.notes)")
        // The orange arm runs below the box: no note for it.
        #expect(!result.notes.contains { $0.contains("arm \"B\"") })
        #expect(abs(survival(at: 6.5) - 0.45) < 0.01)
    }

    @Test("a legend box is a thin closed frame (corners may be rounded) around words, on paper; an empty frame or a filled block is not")
    func legendBoxShapes() {
        let w = 200, h = 120
        func panel(_ draw: (inout [Int16]) -> Void) -> [Int16] {
            var labels = [Int16](repeating: InkLabels.background, count: w * h)
            draw(&labels)
            return labels
        }
        func frame(_ l: inout [Int16], _ left: Int, _ top: Int, _ right: Int, _ bottom: Int, corner: Int = 0) {
            for x in (left + corner)...(right - corner) { l[top * w + x] = 1; l[bottom * w + x] = 1 }
            for y in (top + corner)...(bottom - corner) { l[y * w + left] = 1; l[y * w + right] = 1 }
        }
        let words = [PixelRect(left: 70, top: 45, right: 120, bottom: 52)]
        let rounded = panel { frame(&$0, 50, 30, 150, 80, corner: 4) }
        #expect(LegendBoxFinder.boxes(labels: rounded, width: w, height: h, text: words) == [PixelRect(left: 50, top: 30, right: 150, bottom: 80)])
        #expect(LegendBoxFinder.boxes(labels: rounded, width: w, height: h, text: []).isEmpty)
        let filled = panel { l in for y in 30...80 { for x in 50...150 { l[y * w + x] = 1 } } }
        #expect(LegendBoxFinder.boxes(labels: filled, width: w, height: h, text: words).isEmpty)
        let open = panel { l in for x in 50...150 { l[30 * w + x] = 1; l[80 * w + x] = 1 }; for y in 30...80 { l[y * w + 50] = 1 } }
        #expect(LegendBoxFinder.boxes(labels: open, width: w, height: h, text: words).isEmpty)
    }

    @Test("with nothing else to tell them apart, curves go to the arms in the order of the legend in the panel")
    func legendOrder() throws {
        let brown: Color = (150, 90, 30), slate: Color = (70, 90, 140)
        #expect(DefaultPalettes.ranks(of: [hint(brown), hint(slate)]) == nil)
        for brownFirst in [true, false] {
            var figure = FigureDrawing()
            figure.drawAxes()
            figure.drawSteps([(1, 0.95), (2, 0.9), (3, 0.85)], end: 6, color: brown)
            figure.drawSteps([(1.5, 0.95), (2.5, 0.9), (4, 0.85), (5, 0.8)], end: 6.5, color: slate)
            let entries = brownFirst ? [(brown, "treatment"), (slate, "dose")] : [(slate, "treatment"), (brown, "dose")]
            for (i, entry) in entries.enumerated() {
                let y = 200 + 14 * i
                figure.hline(80, 100, y + 3, entry.0, thickness: 2)
                figure.drawText(entry.1, x: 106, y: y, color: (0, 0, 0))
            }
            let result = try digitize(figure.raster, request([
                ArmDescription(name: "treatment", patients: 20), ArmDescription(name: "dose", patients: 20),
            ]))
            let first = brownFirst ? brown : slate
            #expect(result.arms[0].color == hint(first))
        }
    }
}

@Suite("Text in the panel")
struct TextFinderTests {
    /// A panel's labels: class 0 where `figure` has ink.
    func labels(_ figure: FigureDrawing) -> [Int16] {
        var labels = [Int16](repeating: InkLabels.background, count: figure.raster.width * figure.raster.height)
        for i in labels.indices where figure.raster.rgb[3 * i] < 128 { labels[i] = 0 }
        return labels
    }

    @Test("a printed word is one text line, boxed")
    func wordFound() {
        var figure = FigureDrawing(width: 120, height: 40)
        figure.drawText("treatment", x: 10, y: 10, color: (0, 0, 0))
        let lines = TextFinder.lines(labels: labels(figure), width: 120, height: 40)
        #expect(lines.count == 1)
        #expect(lines.first?.box == PixelRect(left: 10, top: 10, right: 62, bottom: 16))
    }

    @Test("a dashed curve with '+' censor marks and a dotted line are not text")
    func dashesAreNoText() {
        var figure = FigureDrawing(width: 200, height: 40)
        for x in stride(from: 10, through: 180, by: 10) {
            figure.hline(x, x + 5, 20, (0, 0, 0))
            figure.vline(x + 2, 17, 23, (0, 0, 0))
        }
        for x in stride(from: 10, through: 180, by: 3) { figure.set(x, 32, (0, 0, 0)) }
        #expect(TextFinder.lines(labels: labels(figure), width: 200, height: 40).isEmpty)
    }
}
