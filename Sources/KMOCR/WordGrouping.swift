/// A word found on the image before it is read: glyph components that share a height and a
/// baseline and stand close together.
struct WordCandidate: Sendable, Equatable {
    /// Indices into ``ComponentMap/components``.
    var members: [Int]
    /// Box around all members, pixels.
    var box: PixelBox
    /// Reference glyph height, pixels: the tallest full-height member (small parts such as
    /// decimal points and pieces of `%` never change it).
    var glyphHeight: Int
    /// Lowest row of the full-height members, pixels.
    var baseline: Int
    /// Top row of the full-height members, pixels.
    var capTop: Int
}

/// Groups glyph components into words, left to right, by the measured rules:
///
/// * a component joins a word when its height is within ±(20 % + 1 px) of the word's glyph
///   height, its baseline within 20 % + 1 px, and the gap to the word ≤ 0.5·h + 1 px;
/// * a smaller component joins when it lies inside the word's vertical extent (decimal points,
///   the circles of `%`) and is as close.
///
/// The equal-height rule keeps a letter of a rotated axis title out of a y tick label.
enum WordGrouper {
    /// Largest height of a small part (decimal point, a circle of `%`) relative to the glyph height.
    static let smallShare = 0.6

    static func words(_ map: ComponentMap, glyphs: [Int]) -> [WordCandidate] {
        let units = GlyphPieces.units(map, glyphs: glyphs)
        let order = units.indices.sorted {
            let a = units[$0].box, b = units[$1].box
            return a.left != b.left ? a.left < b.left : a.top < b.top
        }
        var words: [WordCandidate] = []
        for unit in order {
            let c = units[unit].box
            let index = units[unit].members
            var joined = false
            // Most recently extended words first: the nearest neighbour on the left.
            for w in words.indices.reversed() {
                let word = words[w]
                let h = Double(word.glyphHeight)
                let tolerance = 0.2 * h + 1
                let gap = Double(c.left - word.box.right - 1)
                guard gap <= 0.5 * h + 1, c.right > word.box.right || c.left >= word.box.left else { continue }
                let sameHeight = abs(Double(c.height) - h) <= tolerance
                let sameBaseline = abs(Double(c.bottom - word.baseline)) <= tolerance
                if sameHeight && sameBaseline {
                    words[w].members += index
                    words[w].box = word.box.union(c)
                    words[w].glyphHeight = max(word.glyphHeight, c.height)
                    words[w].baseline = max(word.baseline, c.bottom)
                    words[w].capTop = min(word.capTop, c.top)
                    joined = true
                    break
                }
                let small = Double(c.height) <= smallShare * h
                let inside = c.top >= word.capTop - 1 && c.bottom <= word.baseline + 1
                if small && inside {
                    words[w].members += index
                    words[w].box = word.box.union(c)
                    joined = true
                    break
                }
            }
            if !joined {
                words.append(WordCandidate(members: index, box: c, glyphHeight: c.height, baseline: c.bottom, capTop: c.top))
            }
        }
        return mergeStraySmallParts(words).map { stripBars($0, map) }
    }

    /// Removes a leading or trailing solid bar (a tick mark touching its label, h ≤ 35 % of
    /// the glyph height, at least twice as wide as tall, ≥ 60 % filled), and a small trailing
    /// part raised above the baseline (a tick mark of a low-resolution figure, 2×2 px).
    private static func stripBars(_ word: WordCandidate, _ map: ComponentMap) -> WordCandidate {
        var word = word
        func isBar(_ i: Int) -> Bool {
            let c = map.components[i]
            return Double(c.box.height) <= 0.35 * Double(word.glyphHeight) && c.box.width >= 2 * c.box.height && c.fill >= 0.6
        }
        while word.members.count > 1 {
            let first = word.members.min { map.components[$0].box.left < map.components[$1].box.left }!
            let last = word.members.max { map.components[$0].box.right < map.components[$1].box.right }!
            // A small trailing part that floats above the baseline is a tick mark, not a decimal point.
            let lastBox = map.components[last].box
            let raised = Double(lastBox.height) <= WordGrouper.smallShare * Double(word.glyphHeight)
                && Double(lastBox.bottom) < Double(word.baseline) - 0.25 * Double(word.glyphHeight)
                && !word.members.contains { $0 != last && map.components[$0].box.right >= lastBox.left }
            guard let bar = isBar(last) || raised ? last : (isBar(first) ? first : nil) else { break }
            word.members.removeAll { $0 == bar }
            let boxes = word.members.map { map.components[$0].box }
            word.box = boxes.dropFirst().reduce(boxes[0]) { $0.union($1) }
        }
        return word
    }

    /// A small part met before its word's first full-height glyph (the upper circle of `%`
    /// reaches further left than the slash) starts a word of its own; fold such parts into the
    /// word whose extent holds them.
    private static func mergeStraySmallParts(_ words: [WordCandidate]) -> [WordCandidate] {
        var words = words
        var removed = Set<Int>()
        for s in words.indices where words[s].members.count <= 2 {
            let part = words[s].box
            var best: Int?
            for w in words.indices where w != s && !removed.contains(w) {
                let word = words[w]
                let h = Double(word.glyphHeight)
                guard Double(part.height) <= smallShare * h else { continue }
                let reach = Int(0.5 * h + 1)
                guard part.top >= word.capTop - 1, part.bottom <= word.baseline + 1,
                      part.right >= word.box.left - reach, part.left <= word.box.right + reach else { continue }
                if best == nil || word.glyphHeight > words[best!].glyphHeight { best = w }
            }
            if let w = best {
                words[w].members += words[s].members
                words[w].box = words[w].box.union(part)
                removed.insert(s)
            }
        }
        return words.indices.filter { !removed.contains($0) }.map { words[$0] }
    }
}
