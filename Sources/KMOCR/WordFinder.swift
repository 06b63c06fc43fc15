import KMImage

/// Finds and reads the words of a figure: ink map, glyph components, words by equal height and
/// shared baseline, then one OCR crop per word (``WordReader``).
///
/// Letters of one word differ in height ("Male": M vs ale), so the digit rules split text into
/// pieces, which are joined into lines (``TextLineJoiner``) and read whole. A line of several
/// pieces is read first: when that read has letters and no digit, its pieces are text and are
/// not read one by one (saving about a fifth of the OCR calls on the dev figures). Otherwise
/// every piece is read on its own, and the pieces that are text are joined and read again.
public struct WordFinder: Sendable {
    /// Smallest glyph height read, pixels; smaller digits are not read reliably.
    public var minimumGlyphHeight = 4
    /// Largest glyph height read, as a share of the image height.
    public var maximumGlyphShare = 0.07
    /// Vote on every number (digits-only reads at four glyph heights) even when its first reads
    /// are unambiguous; see ``ReadWord/reads``. About 3× the OCR calls, for the same values on
    /// the benchmark figures.
    public var alwaysVote = false

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
        let reader = WordReader(engine: engine, ink: ink, components: map, raster: raster, alwaysVote: alwaysVote)
        // Text read whole, by the members of its candidate or line.
        var read: [[Int]: ReadWord] = [:]
        var texts: [WordCandidate] = []
        var textMembers: Set<Int> = []
        let pieceOf = Dictionary(candidates.indices.flatMap { i in candidates[i].members.map { ($0, i) } },
                                 uniquingKeysWith: { first, _ in first })
        for line in TextLineJoiner.join(candidates) {
            let pieces = Set(line.members.compactMap { pieceOf[$0] })
            guard pieces.count > 1 else { continue }
            let word = reader.readText(line)
            guard NumberText.hasLetters(word.text), !NumberText.hasDigit(word.text) else { continue }
            read[line.members] = word
            textMembers.formUnion(line.members)
        }
        var numbers: [ReadWord] = []
        for candidate in candidates {
            if textMembers.contains(candidate.members[0]) {
                texts.append(candidate)
                continue
            }
            let reading = reader.read(candidate)
            let words = reading.words
            if words.count == 1, words[0].value == nil, words[0].box == candidate.box {
                texts.append(candidate)
                if reading.isWholeText { read[candidate.members] = words[0] }
            } else {
                numbers += words
            }
        }
        // Join the text pieces into lines; a line read already (a piece on its own, or a line
        // read whole above) reads the same again.
        let lines = TextLineJoiner.join(texts).map { read[$0.members] ?? reader.readText($0) }
        return (numbers + lines).sorted {
            $0.box.top != $1.box.top ? $0.box.top < $1.box.top : $0.box.left < $1.box.left
        }
    }
}
