import KMImage

/// Reads the order of the curves' colours from a legend drawn inside the plot panel.
///
/// A legend entry is a key, a short horizontal stroke in a curve's colour, just left of a line
/// of text (`InkLabels.textLines`); the entries of one legend stand in a column (keys starting
/// at the same column) or side by side in a row (keys on the same row), with keys of about
/// one length. Plotting code lists the groups in its legend in the order it colours them, which
/// is the arms' order more often than not, so the legend's order is a prior for matching
/// curves to arms (see `ArmAssigner`).
///
/// The entries also go out with the traced figure (`DigitizedFigure.legend`, `readable`), so
/// that a reader of their text (OCR, outside the digitiser) can match them to arm names; for
/// that, keys beside legend text too blurred to be found as text are found as well
/// (`strokeEntries`).
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
        /// The text line it stands beside, image pixels (inclusive).
        var line: PixelRect
    }

    /// For each of `classes`, the position of its key in `legend` (as `entries` gives it; 0 first).
    static func order(_ legend: [Key], of classes: [Int]) -> [Int] {
        classes.map { c in legend.firstIndex { $0.cls == c }! }
    }

    /// The legend's keys, one per class of `classes` (distinct), in legend order, or nil unless
    /// exactly one arrangement of keys, one per class, lines up as one legend.
    static func entries(of classes: [Int], ink: InkLabels) -> [Key]? {
        guard classes.count >= 2, Set(classes).count == classes.count else { return nil }
        return legend(ink.textLines.compactMap { key(beside: $0, classes: classes, ink: ink) }, classes: classes)
    }

    /// The one legend `keys` make, one key per class of `classes`, in legend order; nil unless
    /// exactly one arrangement lines up.
    static func legend(_ keys: [Key], classes: [Int]) -> [Key]? {
        let byClass = classes.map { c in keys.filter { $0.cls == c } }
        guard byClass.allSatisfy({ !$0.isEmpty }), byClass.reduce(1, { min(257, $0 * $1.count) }) <= 256 else { return nil }
        var legends: [[Key]] = []
        func pick(_ i: Int, _ chosen: [Key]) {
            guard i < byClass.count else {
                if let legend = arranged(chosen) { legends.append(legend) }
                return
            }
            for k in byClass[i] { pick(i + 1, chosen + [k]) }
        }
        pick(0, [])
        guard legends.count == 1 else { return nil }
        return legends[0]
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
                        best = Key(cls: c, row: y, start: runStart, length: length, textHeight: h, line: line)
                    }
                }
            }
        }
        guard let key = best, 2 * key.length >= 3 * h,
              Double(key.start + key.length - 1) >= Double(line.left) - 1.5 * Double(h) else { return nil }
        return key
    }

    /// The legend entries for `DigitizedFigure.legend`: `keys` (found beside text lines), else
    /// those `strokeEntries` finds; empty when neither lines up as one legend.
    static func readable(_ keys: [Key]?, classes: [Int], ink: InkLabels) -> [LegendEntry] {
        let found = keys ?? (Set(classes).count == classes.count ? strokeEntries(of: classes, ink: ink) : nil)
        return (found ?? []).map {
            LegendEntry(color: RGB(ink.classes[$0.cls].color), textBox: [$0.line.left, $0.line.top, $0.line.right, $0.line.bottom],
                        keyBox: [$0.start, $0.row, $0.start + $0.length - 1, $0.row])
        }
    }

    /// The legend's keys found from the strokes rather than from text lines, for legends whose
    /// small or blurred letters run together so that `TextFinder` does not take them for text:
    /// per class of `classes` (distinct), a key is a horizontal stroke of that class, 8 pixels
    /// to a fifth of the panel long, with no ink of its class above, below or beyond its ends
    /// (a curve's flat stretch meets its drops), and ink just right of it: the text's box is the
    /// ink columns right of the stroke (starting at most the stroke's length away, up to a gap
    /// of 8 empty columns) and the rows they fill next to the stroke's row. The keys must line
    /// up as one legend (`arranged`). The text is not known to be text: it is for a reader
    /// (OCR) to check; the digitiser's own priors never use these keys.
    static func strokeEntries(of classes: [Int], ink: InkLabels) -> [Key]? {
        guard classes.count >= 2, Set(classes).count == classes.count else { return nil }
        let rect = ink.rect
        let longest = max(8, rect.width / 5)
        func inside(_ x: Int, _ y: Int) -> Bool { x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom }
        func isInk(_ x: Int, _ y: Int) -> Bool {
            guard inside(x, y) else { return false }
            let l = ink.label(x, y)
            return l >= 0 || l == InkLabels.text
        }
        var keys: [Key] = []
        for c in classes {
            let label = Int16(c)
            func isClass(_ x: Int, _ y: Int) -> Bool { inside(x, y) && ink.label(x, y) == label }
            var found: [Key] = []
            for y in rect.top...rect.bottom {
                var runStart = -1, lastHit = -10
                func close() {
                    defer { runStart = -1 }
                    guard runStart >= 0 else { return }
                    let length = lastHit - runStart + 1
                    guard length >= 8, length <= longest else { return }
                    // Already found on a neighbouring row of a thick stroke.
                    if found.contains(where: { abs($0.row - y) <= 3 && abs($0.start - runStart) <= 3 }) { return }
                    // Isolated: nothing of its class around it but its own band of rows.
                    var stray = 0
                    for yy in (y - 6)...(y + 6) where abs(yy - y) > 2 {
                        for x in (runStart - 4)...(lastHit + 4) where isClass(x, yy) { stray += 1 }
                    }
                    for yy in (y - 2)...(y + 2) {
                        for x in (runStart - 4)...(runStart - 1) where isClass(x, yy) { stray += 1 }
                        for x in (lastHit + 1)...(lastHit + 4) where isClass(x, yy) { stray += 1 }
                    }
                    guard stray <= 2 else { return }
                    guard let box = textBox(rightOf: lastHit, row: y, within: length, isInk: isInk) else { return }
                    found.append(Key(cls: c, row: y, start: runStart, length: length, textHeight: box.height, line: box))
                }
                for x in rect.left...rect.right {
                    guard ink.label(x, y) == label else { continue }
                    if runStart >= 0, x - lastHit > 2 { close() }
                    if runStart < 0 { runStart = x }
                    lastHit = x
                }
                close()
            }
            keys += found
        }
        return legend(keys, classes: classes)
    }

    /// The box of the ink right of a key stroke ending at column `end` on `row`: starting at
    /// most `reach` columns after it, up to 8 empty columns; its rows are those next to `row`
    /// with ink in those columns. Nil unless 5 to 40 pixels tall and at least as wide as tall.
    static func textBox(rightOf end: Int, row: Int, within reach: Int, isInk: (Int, Int) -> Bool) -> PixelRect? {
        let band = 6
        func columnHasInk(_ x: Int) -> Bool { ((row - band)...(row + band)).contains { isInk(x, $0) } }
        guard let first = ((end + 2)...(end + 1 + reach)).first(where: columnHasInk) else { return nil }
        var last = first, x = first + 1
        while x - last <= 8 {
            if columnHasInk(x) { last = x }
            x += 1
            if x - first > 2000 { break }
        }
        func rowHasInk(_ y: Int) -> Bool { (first...last).contains { isInk($0, y) } }
        var top = row, bottom = row
        while top > row - 40, rowHasInk(top - 1) { top -= 1 }
        while bottom < row + 40, rowHasInk(bottom + 1) { bottom += 1 }
        // Trim rows with no ink at the key's own row when the text sits above or below it.
        while top < bottom, !rowHasInk(top) { top += 1 }
        while bottom > top, !rowHasInk(bottom) { bottom -= 1 }
        let box = PixelRect(left: first, top: top, right: last, bottom: bottom)
        guard box.height >= 5, box.height <= 40, box.width >= box.height else { return nil }
        return box
    }
}
