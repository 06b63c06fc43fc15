import Testing
import KMImage
@testable import KMOCR

@Suite("Glyph components and words")
struct WordGroupingTests {
    /// Boxes drawn like "0.50" (three 10×14 glyphs and a 2×2 point on the baseline) at row 40.
    static let decimal = [PixelBox(left: 50, top: 40, right: 59, bottom: 53), PixelBox(left: 63, top: 52, right: 64, bottom: 53),
                          PixelBox(left: 68, top: 40, right: 77, bottom: 53), PixelBox(left: 81, top: 40, right: 90, bottom: 53)]

    func words(_ boxes: [PixelBox], width: Int = 200, height: Int = 200) -> (ComponentMap, [WordCandidate]) {
        let raster = SyntheticWords.raster(width: width, height: height, boxes: boxes)
        let map = ComponentMap(InkMap(raster))
        let glyphs = map.components.indices.filter { map.components[$0].isGlyph(imageHeight: height) }
        return (map, WordGrouper.words(map, glyphs: glyphs))
    }

    @Test("digits and a decimal point of one height and baseline form one word; the point keeps the glyph height")
    func decimalWord() {
        let (_, found) = words(Self.decimal)
        #expect(found.count == 1)
        #expect(found[0].members.count == 4)
        #expect(found[0].glyphHeight == 14)
        #expect(found[0].box == PixelBox(left: 50, top: 40, right: 90, bottom: 53))
    }

    @Test("a taller neighbour (a rotated axis-title letter) and a far word stay separate")
    func separateWords() {
        let title = PixelBox(left: 30, top: 36, right: 40, bottom: 57)     // 22 px tall, 9 px gap
        let far = PixelBox(left: 140, top: 40, right: 149, bottom: 53)    // same height, 49 px away
        let (_, found) = words(Self.decimal + [title, far], height: 400)   // 22 px is under 9 % of 400
        #expect(found.count == 3)
        #expect(found.contains { $0.box == PixelBox(left: 50, top: 40, right: 90, bottom: 53) })
    }

    @Test("a tick mark touching its label's end is stripped from the word")
    func tickStripped() {
        let tick = PixelBox(left: 94, top: 46, right: 95, bottom: 47)   // 2×2, raised off the baseline
        let (_, found) = words(Self.decimal + [tick])
        let word = found.first { $0.box.left == 50 }!
        #expect(word.box.right == 90)
    }

    @Test("lines and solid dashes are not glyphs")
    func notGlyphs() {
        let raster = SyntheticWords.raster(width: 200, height: 200, boxes: [
            PixelBox(left: 10, top: 10, right: 150, bottom: 11),   // axis line
            PixelBox(left: 10, top: 30, right: 16, bottom: 31),    // y tick mark: 7×2 solid dash
            PixelBox(left: 10, top: 50, right: 11, bottom: 90),    // vertical rule
            PixelBox(left: 40, top: 50, right: 49, bottom: 63),    // a glyph
        ])
        let map = ComponentMap(InkMap(raster))
        #expect(map.components.map { $0.isGlyph(imageHeight: 200) } == [false, false, false, true])
    }

    @Test("ink is 255 − min(R, G, B): yellow text is dark, a grey panel stays light")
    func inkMap() {
        var raster = Raster(width: 2, height: 1)
        raster[x: 0, y: 0] = RGB(r: 0xEF, g: 0xC0, b: 0x00)
        raster[x: 1, y: 0] = RGB(r: 0xEB, g: 0xEB, b: 0xEB)
        let ink = InkMap(raster)
        #expect(ink[0, 0] == 255)
        #expect(ink[1, 0] == 20)
    }

    @Test("a crop blanks every other component and keeps the word's own pixels")
    func cropBlanks() {
        let neighbour = PixelBox(left: 50, top: 37, right: 90, bottom: 38)   // a line just above the word
        let (map, found) = words(Self.decimal + [neighbour])
        let word = found.first { $0.box.left == 50 && $0.box.top == 40 }!
        let crop = WordCrop(word: word, ink: InkMap(SyntheticWords.raster(width: 200, height: 200, boxes: Self.decimal + [neighbour])), components: map)
        // The line's rows inside the crop are white; the first glyph is black.
        #expect(crop.originY <= 37)
        for x in 0..<crop.image.width { #expect(crop.image[x, 37 - crop.originY] == 255) }
        #expect(crop.image[55 - crop.originX, 45 - crop.originY] == 0)
        let normal = crop.normalized(glyphHeight: 24)
        #expect(normal.height >= 24 + 20)
    }
}

@Suite("Broken glyphs")
struct GlyphPiecesTests {
    @Test("a faint digit broken into a bar and a bowl 1 px apart is one glyph; stacked rotated letters are not")
    func pieces() {
        let five = [PixelBox(left: 10, top: 10, right: 13, bottom: 14), PixelBox(left: 10, top: 16, right: 13, bottom: 17)]
        let rotated = [PixelBox(left: 40, top: 10, right: 47, bottom: 14), PixelBox(left: 41, top: 16, right: 47, bottom: 20),
                       PixelBox(left: 40, top: 22, right: 47, bottom: 26)]
        let raster = SyntheticWords.raster(width: 100, height: 100, boxes: five + rotated)
        let map = ComponentMap(InkMap(raster))
        let units = GlyphPieces.units(map, glyphs: Array(map.components.indices))
        #expect(units.contains { $0.box == PixelBox(left: 10, top: 10, right: 13, bottom: 17) && $0.members.count == 2 })
        #expect(units.filter { $0.box.left >= 40 }.allSatisfy { $0.members.count == 1 })
    }
}
