import KMImage

/// Finds and reads the words of a figure: ink map, glyph components, words by equal height and
/// shared baseline, then one OCR crop per word (``WordReader``).
public struct WordFinder: Sendable {
    /// Smallest glyph height read, pixels; smaller digits are not read reliably.
    public var minimumGlyphHeight = 4
    /// Largest glyph height read, as a share of the image height.
    public var maximumGlyphShare = 0.07

    public init() {}

    /// Every word whose box `include` accepts, left to right within top-to-bottom order.
    ///
    /// - Parameter include: a filter on word boxes (pixels), applied before reading, so words
    ///   inside the plot panel (legends, annotations) cost nothing when they are not wanted.
    public func words(in raster: Raster, engine: OCREngine, include: (PixelBox) -> Bool = { _ in true }) -> [ReadWord] {
        let ink = InkMap(raster)
        let map = ComponentMap(ink)
        let glyphs = map.components.indices.filter { map.components[$0].isGlyph(imageHeight: raster.height) }
        let maximum = Double(raster.height) * maximumGlyphShare
        let candidates = WordGrouper.words(map, glyphs: glyphs).filter {
            $0.glyphHeight >= minimumGlyphHeight && Double($0.glyphHeight) <= maximum && include($0.box)
        }
        let reader = WordReader(engine: engine, ink: ink, components: map, raster: raster)
        var numbers: [ReadWord] = []
        var texts: [WordCandidate] = []
        for candidate in candidates {
            let read = reader.read(candidate)
            if read.count == 1, read[0].value == nil, read[0].box == candidate.box { texts.append(candidate) } else { numbers += read }
        }
        // Letters of one word differ in height ("Male": M vs ale), so the digit rules split
        // text; join text pieces on one line and read them together.
        let lines = TextLineJoiner.join(texts)
        return (numbers + lines.map(reader.readText)).sorted {
            $0.box.top != $1.box.top ? $0.box.top < $1.box.top : $0.box.left < $1.box.left
        }
    }
}
