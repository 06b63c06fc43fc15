/// What a word's components say about its text, used to throw out reads that cannot be right:
/// a read with fewer characters than the word has full-height glyphs dropped one, and a read
/// without a decimal point for a word with a dot on its baseline dropped the point.
///
/// Dropped decimal points are the dangerous misread: "0.0 0.4 0.8 1.0" read as "0 4 8 10"
/// still lies on a straight line, so the axis fit alone cannot catch it.
struct GlyphShape {
    /// Full-height components (digits, the slash of `%`).
    var fullCount: Int
    /// Whether a small blob sits on the baseline, as a decimal point does.
    var hasDot: Bool

    init(fullCount: Int, hasDot: Bool) {
        self.fullCount = fullCount
        self.hasDot = hasDot
    }

    init(_ word: WordCandidate, _ map: ComponentMap) {
        let h = Double(word.glyphHeight)
        var full = 0, dot = false
        for index in word.members {
            let box = map.components[index].box
            if Double(box.height) > WordGrouper.smallShare * h { full += 1; continue }
            let small = Double(box.height) <= 0.35 * h && Double(box.width) <= 0.45 * h
            let onBaseline = Double(word.baseline - box.bottom) <= 0.15 * h + 1
            if small && onBaseline { dot = true }
        }
        fullCount = full
        hasDot = dot
    }

    /// Whether `text` (a digits-only read) fits the shape.
    func admits(_ text: String) -> Bool {
        let glyphs = text.filter { $0 != "." }.count
        guard glyphs >= fullCount else { return false }
        return text.contains(".") == hasDot
    }
}
