import Testing
import KMImage
@testable import KMOCR

/// Text printed in pale colours: ggplot's salmon #F8766D reaches ink 146 (255 − min(R, G, B)),
/// ColorBrewer's purple #7570B3 143, where black reaches 255.
@Suite("Pale coloured text")
struct PaleInkTests {
    static let salmon = RGB(r: 0xF8, g: 0x76, b: 0x6D)
    static let purple = RGB(r: 0x75, g: 0x70, b: 0xB3)

    /// `color` laid over white paper with coverage `alpha` (0…1), as anti-aliased text is drawn.
    static func blend(_ color: RGB, _ alpha: Double) -> RGB {
        func channel(_ v: UInt8) -> UInt8 { UInt8((255 - alpha * (255 - Double(v))).rounded()) }
        return RGB(r: channel(color.r), g: channel(color.g), b: channel(color.b))
    }

    /// A 2×9 px stroke at columns 10–11 whose middle row (14) is only `joint` covered, as the
    /// thin waist of a small anti-aliased digit is.
    static func brokenStroke(_ color: RGB, joint: Double) -> [PixelBox] {
        var raster = Raster(width: 40, height: 40)
        for y in 10...18 { for x in 10...11 { raster[x: x, y: y] = blend(color, y == 14 ? joint : 1) } }
        let map = ComponentMap(InkMap(raster))
        return map.components.map(\.box)
    }

    @Test("a pale stroke is cut at half its own ink, so its thin waist (ink 80) holds; black is cut at 90 as before")
    func strokeHolds() {
        // 55 % of salmon is ink 80: half of 146 or more, but under 90.
        #expect(Self.brokenStroke(Self.salmon, joint: 0.55) == [PixelBox(left: 10, top: 10, right: 11, bottom: 18)])
        #expect(Self.brokenStroke(Self.purple, joint: 0.56) == [PixelBox(left: 10, top: 10, right: 11, bottom: 18)])
        // The same ink 80 next to black is a third of its strength: paper, and the stroke falls in two.
        #expect(Self.brokenStroke(.black, joint: 80.0 / 255) == [PixelBox(left: 10, top: 10, right: 11, bottom: 13),
                                                                 PixelBox(left: 10, top: 15, right: 11, bottom: 18)])
        // A blob that never reaches ink 90 stays paper, however uniform it is.
        #expect(Self.brokenStroke(Self.blend(Self.salmon, 0.6), joint: 1).isEmpty)
    }

    @Test("the bundled lung figure with its tick labels and table repainted in salmon or purple reads the same ticks and counts",
          .enabled(if: OCREngine.isAvailable), arguments: [salmon, purple])
    func repaintedTable(_ color: RGB) throws {
        let figure = try OCREngineTests.lungFigure()
        // Everything under the panel, repainted: each pixel's coverage (its ink over 255) in `color`.
        var raster = figure.raster
        for y in Int(figure.layout.bottom + 3)..<raster.height {
            for x in 0..<raster.width {
                let pixel = raster[x: x, y: y]
                raster[x: x, y: y] = Self.blend(color, Double(255 - min(pixel.r, pixel.g, pixel.b)) / 255)
            }
        }
        let text = FigureTextReader().read(raster, layout: figure.layout, engine: try OCREngine())
        #expect(try text.xAxis.get().ticks == figure.xTicks)
        let arms = text.atRisk(figure.arms.map { ArmHint(name: $0.name) })
        for (arm, read) in zip(figure.arms, arms) {
            #expect(try read.get().counts == arm.counts, "\(arm.name)")
        }
    }
}
