/// Reads the order of the curves' colours from a legend drawn inside the plot panel.
///
/// A legend entry is a key, a short horizontal stroke in a curve's colour, just left of a line
/// of text (`InkLabels.textLines`); the entries of one legend stand in a column (keys starting
/// at the same column) or side by side in a row (keys on the same row), with keys of about
/// one length. Plotting code lists the groups in its legend in the order it colours them, which
/// is the arms' order more often than not, so the legend's order is a prior for matching
/// curves to arms (see `ArmAssigner`).
enum LegendReader {
    struct Key: Equatable {
        var cls: Int
        /// Row of the stroke and its first column, image pixels.
        var row: Int
        var start: Int
        /// Length of the stroke, pixels.
        var length: Int
        /// Height of the text line it stands beside, pixels.
        var textHeight: Int
    }

    /// For each of `classes` (distinct), the position of its entry in the legend (0 first), or
    /// nil unless exactly one arrangement of keys, one per class, lines up as one legend.
    static func order(of classes: [Int], ink: InkLabels) -> [Int]? {
        guard classes.count >= 2, Set(classes).count == classes.count else { return nil }
        let keys = ink.textLines.compactMap { key(beside: $0, classes: classes, ink: ink) }
        let byClass = classes.map { c in keys.filter { $0.cls == c } }
        guard byClass.allSatisfy({ !$0.isEmpty }), byClass.reduce(1, { $0 * $1.count }) <= 256 else { return nil }
        var legends: [[Key]] = []
        func pick(_ i: Int, _ chosen: [Key]) {
            guard i < byClass.count else {
                if let legend = arranged(chosen) { legends.append(legend) }
                return
            }
            for k in byClass[i] { pick(i + 1, chosen + [k]) }
        }
        pick(0, [])
        guard legends.count == 1, let legend = legends.first else { return nil }
        return classes.map { c in legend.firstIndex { $0.cls == c }! }
    }

    /// The keys in legend order when they line up as one legend: a column (starts within a text
    /// height, successive entries at most three text heights apart) or a row (rows within half
    /// a text height), key lengths within a factor 1.5. Nil otherwise.
    static func arranged(_ keys: [Key]) -> [Key]? {
        let h = keys.map(\.textHeight).max()!
        let lengths = keys.map(\.length)
        guard Double(lengths.max()!) <= 1.5 * Double(lengths.min()!) else { return nil }
        if keys.map(\.start).max()! - keys.map(\.start).min()! <= h {
            let sorted = keys.sorted { $0.row < $1.row }
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.row - a.row < h / 2 || b.row - a.row > 3 * h { return nil }
            return sorted
        }
        if 2 * (keys.map(\.row).max()! - keys.map(\.row).min()!) <= h {
            return keys.sorted { $0.start < $1.start }
        }
        return nil
    }

    /// The longest horizontal stroke of one of `classes` on the rows of a text line, ending at
    /// most 1.5 text heights left of it, at least 1.5 and at most 5 text heights long.
    static func key(beside line: PixelRect, classes: [Int], ink: InkLabels) -> Key? {
        let rect = ink.rect
        let h = line.height
        let x0 = max(rect.left, line.left - 5 * h), x1 = min(rect.right, line.left - 1)
        let y0 = max(rect.top, line.top), y1 = min(rect.bottom, line.bottom)
        guard x1 > x0, y1 >= y0 else { return nil }
        var best: Key? = nil
        for y in y0...y1 {
            for c in classes {
                let label = Int16(c)
                var runStart = -1, lastHit = -10
                for x in x0...x1 where ink.label(x, y) == label {
                    // A pixel's gap (anti-aliasing, JPEG) does not break the stroke.
                    if runStart < 0 || x - lastHit > 2 { runStart = x }
                    lastHit = x
                    let length = lastHit - runStart + 1
                    if best == nil || length > best!.length {
                        best = Key(cls: c, row: y, start: runStart, length: length, textHeight: h)
                    }
                }
            }
        }
        guard let key = best, 2 * key.length >= 3 * h,
              Double(key.start + key.length - 1) >= Double(line.left) - 1.5 * Double(h) else { return nil }
        return key
    }
}
