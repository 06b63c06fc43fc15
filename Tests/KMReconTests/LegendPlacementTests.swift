import Testing
import KMImage
@testable import KMRecon

@Suite("Overlay legend placement")
struct LegendPlacementTests {
    /// A 400 × 300 white figure with a Kaplan–Meier-like staircase from the top-left corner
    /// down to the bottom-right, and a grey text block in the top-right corner.
    private let staircase: [(x: Int, y: Int)] = [(0, 10), (100, 10), (100, 100), (200, 100), (200, 200), (399, 200)]

    private func figure() -> Raster {
        var raster = Raster(width: 400, height: 300)
        for y in 20..<60 { for x in 300..<390 { raster[x: x, y: y] = RGB(r: 90, g: 90, b: 90) } }
        return raster
    }

    @Test("the box avoids every curve and prefers blank paper to the figure's ink")
    func avoidsCurvesThenInk() {
        let placement = LegendPlacement(original: figure(), curves: [staircase], pen: 1)
        let spot = placement.place(width: 80, height: 60, within: (0, 0, 399, 299))
        #expect(spot.cost == 0)
        // Clear of the staircase by its margin: the box lies in one of its blank regions.
        let box = (left: spot.x, top: spot.y, right: spot.x + 80, bottom: spot.y + 60)
        for (a, b) in zip(staircase, staircase.dropFirst()) {
            let (x0, x1) = (min(a.x, b.x), max(a.x, b.x)), (y0, y1) = (min(a.y, b.y), max(a.y, b.y))
            let overlaps = x1 >= box.left && x0 <= box.right && y1 >= box.top && y0 <= box.bottom
            #expect(!overlaps, "legend box \(box) crosses the curve segment \(a)–\(b)")
        }
        // Not over the grey block either.
        #expect(box.right < 300 || box.left >= 390 || box.bottom < 20 || box.top >= 60)
    }

    @Test("when every spot hides a curve it says so with a curve-sized cost")
    func reportsUnavoidableOverlap() {
        let placement = LegendPlacement(original: figure(), curves: [staircase], pen: 1)
        let spot = placement.place(width: 390, height: 290, within: (0, 0, 399, 299))
        #expect(spot.cost >= LegendPlacement.curveCost)
        #expect(placement.place(width: 500, height: 10, within: (0, 0, 399, 299)).cost == Int.max)
    }

    @Test("on a small figure where the full legend would hide a curve anywhere, the compact one goes where it hides none")
    func compactLegendOnSmallFigures() throws {
        let full = [LegendLine(text: "KMRECON: OK")]
            + (1...4).flatMap { i in [LegendLine(text: "ARM \(i) TRACED", traced: .black), LegendLine(text: "KM OF IPD N=100 E=50", reconstructed: .black)] }
            + [LegendLine(text: "O  CENSOR MARK FOUND"), LegendLine(text: "|  CALIBRATED TICK"), LegendLine(text: "#  TICK MARK FOUND")]
        let compact = [LegendLine(text: "KMRECON: OK")] + (1...4).map { i in LegendLine(text: "ARM \(i) N=100 E=50", traced: .black, reconstructed: .black) }
        // A 260 × 190 figure: a staircase from the top left to the bottom right.
        let steps: [(x: Int, y: Int)] = [(30, 10), (80, 10), (80, 60), (140, 60), (140, 110), (250, 110)]
        let small = LegendPlacement(original: Raster(width: 260, height: 190), curves: [steps], pen: 1)
        let choice = try #require(chooseLegend(full: full, compact: compact, placement: small, panel: (30, 5, 255, 150),
                                               pen: 1, imageSize: (260, 190)))
        #expect(choice.compact)
        #expect(choice.cost < LegendPlacement.curveCost)
        // With room to spare the full legend stays.
        let large = LegendPlacement(original: Raster(width: 800, height: 600), curves: [steps], pen: 1)
        let roomy = try #require(chooseLegend(full: full, compact: compact, placement: large, panel: (30, 5, 780, 560),
                                              pen: 1, imageSize: (800, 600)))
        #expect(!roomy.compact)
        #expect(roomy.cost == 0)
    }
}
