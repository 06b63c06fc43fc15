import Foundation
import KMDigitize
import KMImage
import KMOCR

/// Matches the text of a figure's legend entries to the arm names of a spec, one to one, and
/// accepts only an unambiguous match.
///
/// Names and texts are compared after ``normalized(_:)`` (case, accents, punctuation, spacing and
/// a count annotation such as "(n=20)" dropped) by ``similarity(_:_:)``, a normalised Levenshtein
/// similarity in [0, 1] that also credits a name printed with extra words ("Arm A" for "A") or
/// abbreviated ("Chemo" for "Chemotherapy"). Of all one-to-one assignments, the one with the
/// largest total similarity is taken when
///
/// - every name's similarity to its entry is at least ``minimumSimilarity``, and
/// - its total beats every other assignment's by at least ``minimumMargin``,
///
/// so that a name that could as well be another entry's (OCR garbling two similar names, a
/// legend naming other groups than the spec) never decides a colour.
public struct LegendNameMatcher: Sendable, Equatable {
    /// Least similarity of a name to the entry it is matched to.
    public var minimumSimilarity = 0.6
    /// Least lead of the best assignment's total similarity over the next best assignment's.
    public var minimumMargin = 0.3
    /// Similarity from which a match is near-exact: a colour read from such a match with a
    /// confident OCR read needs no review.
    public var nearExactSimilarity = 0.9
    /// Most names matched (the assignments are enumerated).
    public var maximumNames = 7

    /// Weight of a match between the shorter string and part of the longer one's words.
    static let partialWeight = 0.8
    /// Weight of a match of the shorter string (at least `abbreviationLength` characters) as
    /// the start of the longer one.
    static let abbreviationWeight = 0.75
    static let abbreviationLength = 3

    public init() {}

    /// One accepted match.
    public struct Match: Sendable, Equatable {
        /// For each name, the index of its text.
        public var textOfName: [Int]
        /// For each name, its similarity to its text.
        public var similarity: [Double]
        /// The lead of this assignment's total similarity over the next best assignment's.
        public var margin: Double
    }

    /// The names matched to `texts` one to one (as many texts as names), or nil unless the
    /// match is unambiguous (see the type's documentation).
    public func match(names: [String], texts: [String]) -> Match? {
        let k = names.count
        guard k >= 1, texts.count == k, k <= maximumNames else { return nil }
        let sim = names.map { name in texts.map { Self.similarity(name, $0) } }
        var best: (perm: [Int], total: Double)? = nil
        var second = -Double.infinity
        for perm in ArmAssigner.permutations(k) {
            let total = perm.enumerated().reduce(0.0) { $0 + sim[$1.offset][$1.element] }
            if let b = best, total <= b.total {
                second = max(second, total)
            } else {
                if let b = best { second = max(second, b.total) }
                best = (perm, total)
            }
        }
        guard let best else { return nil }
        let similarity = best.perm.enumerated().map { sim[$0.offset][$0.element] }
        let margin = k == 1 ? similarity[0] : best.total - second
        guard similarity.allSatisfy({ $0 >= minimumSimilarity }), margin >= minimumMargin else { return nil }
        return Match(textOfName: best.perm, similarity: similarity, margin: margin)
    }

    /// Lower case without accents, a count annotation ("(n=20)", "n = 20", or a lone word "n"
    /// beside others) dropped, every run of characters other than letters and digits one
    /// space, trimmed.
    public static func normalized(_ text: String) -> String {
        var s = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        s = s.replacingOccurrences(of: #"[\(\[]?\s*n\s*[=:]\s*\d+\s*[\)\]]?"#, with: " ", options: .regularExpression)
        var out = ""
        var space = false
        for ch in s {
            if ch.isLetter || ch.isNumber {
                if space, !out.isEmpty { out.append(" ") }
                out.append(ch)
                space = false
            } else {
                space = true
            }
        }
        // What is left of a count annotation the OCR garbled ("(n" of "(n=190)").
        let words = out.split(separator: " ")
        if words.count > 1, words.contains("n") { return words.filter { $0 != "n" }.joined(separator: " ") }
        return out
    }

    /// How alike an arm name and a legend text are, in [0, 1] (1: the same after
    /// normalisation): the best of the Levenshtein similarity of the two without spaces,
    /// ``partialWeight`` times that of the shorter one (in words) with the best run of as many
    /// words of the longer one, and ``abbreviationWeight`` when the shorter (at least
    /// ``abbreviationLength`` characters) starts the longer.
    public static func similarity(_ name: String, _ text: String) -> Double {
        let a = normalized(name), b = normalized(text)
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        func joined(_ words: ArraySlice<Substring>) -> [Character] { Array(words.joined()) }
        let wa = a.split(separator: " "), wb = b.split(separator: " ")
        var best = levenshteinSimilarity(joined(wa[...]), joined(wb[...]))
        let (short, long) = wa.count <= wb.count ? (wa, wb) : (wb, wa)
        if short.count < long.count {
            let s = joined(short[...])
            for start in 0...(long.count - short.count) {
                let window = joined(long[start..<(start + short.count)])
                best = max(best, partialWeight * levenshteinSimilarity(s, window))
            }
        }
        let (x, y) = a.count <= b.count ? (joined(wa[...]), joined(wb[...])) : (joined(wb[...]), joined(wa[...]))
        if x.count >= abbreviationLength, x.count < y.count, Array(y.prefix(x.count)) == x { best = max(best, abbreviationWeight) }
        return best
    }

    /// 1 − (edit distance) / (longer length).
    static func levenshteinSimilarity(_ a: [Character], _ b: [Character]) -> Double {
        let longer = max(a.count, b.count)
        guard longer > 0 else { return 1 }
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return 1 - Double(previous[b.count]) / Double(longer)
    }
}

/// One legend entry's text as read.
struct LegendText: Sendable {
    var entry: LegendEntry
    /// The words read, left to right, joined with spaces.
    var text: String
    /// The words' box `[left, top, right, bottom]`, image pixels.
    var box: [Int]
    /// The lowest Tesseract confidence of its words, 0…100.
    var engineConfidence: Int
}

extension FigureTextFiller {
    /// The spec with the arms that have no colour given the colours of the legend keys whose
    /// text names them, and the record of every arm's colour; nil when the legend does not
    /// settle the colours of all those arms (see ``LegendNameMatcher``), when the feature is off
    /// (``readsLegend``), when the digitiser found no legend for them or when no OCR engine can
    /// be loaded. Only the legend's few text lines are read.
    func legendColors(_ spec: FigureSpec, legend: [LegendEntry], raster: Raster, pool: OCRPool)
        -> (spec: FigureSpec, colors: [ArmColorReading])? {
        let unhinted = spec.arms.indices.filter { spec.arms[$0].color == nil }
        guard readsLegend, !unhinted.isEmpty, legend.count == unhinted.count, OCREngine.isAvailable else { return nil }
        let finder = words
        guard let texts = try? pool.engines.withEngine({ engine in
            legend.map { Self.readLegendText($0, raster: raster, engine: engine, finder: finder) }
        }), texts.allSatisfy({ $0 != nil }) else { return nil }
        let read = texts.map { $0! }
        guard let match = legendMatcher.match(names: unhinted.map { spec.arms[$0].name }, texts: read.map(\.text)) else { return nil }
        var completed = spec
        var colors = FigureReading.typedColors(spec)
        for (j, arm) in unhinted.enumerated() {
            let entry = read[match.textOfName[j]]
            completed.arms[arm].color = entry.entry.color
            let confident = entry.engineConfidence >= minimumLegendConfidence
            colors[arm] = ArmColorReading(
                arm: spec.arms[arm].name, source: .legend, color: entry.entry.color,
                legendText: ReadText(text: entry.text, box: entry.box, votes: confident ? 1 : 0, reads: 1, confident: confident),
                engineConfidence: entry.engineConfidence, nameSimilarity: match.similarity[j],
                nearExact: match.similarity[j] >= legendMatcher.nearExactSimilarity)
        }
        return (completed, colors)
    }

    /// Reads one legend entry's text line: the line (with a margin, never reaching the key) is
    /// copied onto a blank page tall enough for ``WordFinder``'s glyph-size limits and read
    /// there; the words level with the key's row are the entry's, joined left to right. Nil
    /// when nothing is read.
    static func readLegendText(_ entry: LegendEntry, raster: Raster, engine: OCREngine, finder: WordFinder) -> LegendText? {
        let box = entry.textBox
        guard box.count == 4, entry.keyBox.count == 4 else { return nil }
        let h = box[3] - box[1] + 1
        let padX = max(2, h / 2), padY = max(2, h / 3)
        let left = max(0, box[0] - padX, entry.keyBox[2] + 2)
        let right = min(raster.width - 1, box[2] + h)
        let top = max(0, box[1] - padY), bottom = min(raster.height - 1, box[3] + padY)
        guard right > left, bottom > top else { return nil }
        let cropW = right - left + 1, cropH = bottom - top + 1
        let margin = h
        let width = cropW + 2 * margin, height = max(cropH + 2 * margin, 16 * h)
        var page = Raster(width: width, height: height)
        let y0 = (height - cropH) / 2
        for y in 0..<cropH {
            for x in 0..<cropW {
                let from = 3 * ((top + y) * raster.width + left + x), to = 3 * ((y0 + y) * width + margin + x)
                page.rgb[to] = raster.rgb[from]; page.rgb[to + 1] = raster.rgb[from + 1]; page.rgb[to + 2] = raster.rgb[from + 2]
            }
        }
        // The entry's own line: the words level with its key (a line above or below that
        // touches it may have come into the crop).
        let keyRow = entry.keyBox[1] - top + y0
        let words = finder.words(in: page, engine: engine).filter {
            !$0.text.isEmpty && $0.box.top - 1 <= keyRow && keyRow <= $0.box.bottom + 1
        }.sorted { $0.box.left < $1.box.left }
        guard !words.isEmpty else { return nil }
        let dx = left - margin, dy = top - y0
        let found = [words.map(\.box.left).min()! + dx, words.map(\.box.top).min()! + dy,
                     words.map(\.box.right).max()! + dx, words.map(\.box.bottom).max()! + dy]
        return LegendText(entry: entry, text: words.map(\.text).joined(separator: " "), box: found,
                          engineConfidence: words.map(\.engineConfidence).min()!)
    }
}
