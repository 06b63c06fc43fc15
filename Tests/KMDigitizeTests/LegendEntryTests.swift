import Testing
@testable import KMDigitize
import KMImage

@Suite("Legend entries for a reader")
struct LegendEntryTests {
    typealias Color = (UInt8, UInt8, UInt8)
    let brown: Color = (150, 90, 30), slate: Color = (70, 90, 140)

    func request(_ arms: [ArmDescription]) -> DigitizeRequest {
        DigitizeRequest(xTicks: [0, 1, 2, 3, 4, 5, 6, 7], yTicks: [0, 0.25, 0.5, 0.75, 1], arms: arms)
    }

    func rgb(_ c: Color) -> RGB { RGB(r: c.0, g: c.1, b: c.2) }

    /// Two curves and a legend of two entries (key, then a text line) in legend order.
    /// `blurred` prints each entry's "text" as a solid grey bar, as small letters blurred
    /// together look: no texture of separate strokes, so it is not taken for text in the panel.
    func figure(blurred: Bool) -> FigureDrawing {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.95), (2, 0.9), (3, 0.85)], end: 6, color: brown)
        figure.drawSteps([(1.5, 0.95), (2.5, 0.9), (4, 0.85), (5, 0.8)], end: 6.5, color: slate)
        for (i, (color, name)) in [(slate, "treatment"), (brown, "dose")].enumerated() {
            let y = 200 + 14 * i
            figure.hline(80, 100, y + 3, color, thickness: 2)
            if blurred {
                for row in y...(y + 6) { figure.hline(106, 106 + 6 * name.count, row, (90, 90, 90)) }
            } else {
                figure.drawText(name, x: 106, y: y, color: (0, 0, 0))
            }
        }
        return figure
    }

    @Test("each entry of the legend beside the unhinted curves: its key's colour and its text's box", arguments: [false, true])
    func entries(blurred: Bool) throws {
        let result = try digitize(figure(blurred: blurred).raster, request([
            ArmDescription(name: "treatment", patients: 20), ArmDescription(name: "dose", patients: 20),
        ]))
        try #require(result.legend.count == 2)
        #expect(result.legend.map(\.color) == [rgb(slate), rgb(brown)])
        for (i, entry) in result.legend.enumerated() {
            let y = 200 + 14 * i
            #expect(abs(entry.textBox[0] - 106) <= 1 && abs(entry.textBox[1] - y) <= 1 && abs(entry.textBox[3] - (y + 6)) <= 1,
                    "entry \(i): \(entry.textBox)")
            #expect(entry.keyBox[0] == 80 && entry.keyBox[2] == 100 && abs(entry.keyBox[1] - (y + 3)) <= 1, "key \(i): \(entry.keyBox)")
        }
    }

    @Test("no legend is reported when every arm has its colour")
    func hintedArms() throws {
        let result = try digitize(figure(blurred: false).raster, request([
            ArmDescription(name: "treatment", color: rgb(slate), patients: 20), ArmDescription(name: "dose", color: rgb(brown), patients: 20),
        ]))
        #expect(result.legend.isEmpty)
    }

    @Test("a curve's flat stretch is no key: it meets its drops")
    func noStrayKeys() throws {
        var figure = FigureDrawing()
        figure.drawAxes()
        figure.drawSteps([(1, 0.95), (2, 0.9), (3, 0.85)], end: 6, color: brown)
        figure.drawSteps([(1.5, 0.95), (2.5, 0.9), (4, 0.85), (5, 0.8)], end: 6.5, color: slate)
        let result = try digitize(figure.raster, request([
            ArmDescription(name: "treatment", patients: 20), ArmDescription(name: "dose", patients: 20),
        ]))
        #expect(result.legend.isEmpty)
    }
}
