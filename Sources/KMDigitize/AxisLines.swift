/// A straight edge a tick row can hang from: a drawn axis line or frame side, or the border of
/// a filled (for example ggplot's grey) plot panel.
///
/// For a horizontal edge `first…last` are rows and `start…end` columns; for a vertical edge
/// `first…last` are columns and `start…end` rows. All in pixels.
struct AxisEdge: Sendable, Equatable {
    enum Orientation: Sendable { case horizontal, vertical }
    var orientation: Orientation
    var first: Int
    var last: Int
    var start: Int
    var end: Int
    /// True for a drawn line, false for the border of a filled panel.
    var drawn: Bool

    var length: Int { end - start + 1 }
}

/// Finds the long straight lines and filled-panel borders of a figure.
enum AxisLineDetector {
    /// Dark enough to be an axis line (grey20 and darker, with anti-aliasing slack).
    static let lineLuma = 150
    /// Dark enough to be a grey axis line: a thin dark line that anti-aliasing, downsampling or
    /// JPEG compression has spread over two pixels, or a grey one (ggplot themes draw axes and
    /// ticks in grey20 to grey50), reaches luma 155–175. Looked for only when the printed
    /// ticks match nothing with ``lineLuma`` (see `AxisDetector`), because grey curves and
    /// grid lines pass it too.
    static let greyLineLuma = 200

    static func edges(in grid: PixelGrid) -> [AxisEdge] {
        var result = lines(in: grid, horizontal: true) + lines(in: grid, horizontal: false)
        result += filledPanelBorders(in: grid)
        return result
    }

    /// The straight lines darker than ``greyLineLuma`` (no filled-panel borders: those do not
    /// depend on the line threshold).
    static func greyEdges(in grid: PixelGrid) -> [AxisEdge] {
        let bits = darkBitmap(grid, below: greyLineLuma)
        return lines(in: grid, horizontal: true, dark: bits) + lines(in: grid, horizontal: false, dark: bits)
    }

    /// One bit per pixel with luma below `luma`, laid out like ``PixelGrid/dark``.
    static func darkBitmap(_ grid: PixelGrid, below luma: Int) -> [UInt64] {
        let wordsPerRow = grid.darkWordsPerRow
        var bits = [UInt64](repeating: 0, count: wordsPerRow * grid.height)
        for y in 0..<grid.height {
            for x in 0..<grid.width where grid.lum(x, y) < luma { bits[y * wordsPerRow + x >> 6] |= 1 << UInt64(x & 63) }
        }
        return bits
    }

    /// Rows (or columns) whose longest dark run, allowing 2-pixel gaps, covers enough of the
    /// image, grouped into lines. `dark` is a bitmap laid out like ``PixelGrid/dark``, which it
    /// defaults to.
    static func lines(in grid: PixelGrid, horizontal: Bool, dark: [UInt64]? = nil) -> [AxisEdge] {
        let outer = horizontal ? grid.height : grid.width
        let inner = horizontal ? grid.width : grid.height
        let minimum = max(20, Int(Double(inner) * (horizontal ? 0.3 : 0.25)))
        var runs: [(index: Int, start: Int, end: Int)] = []
        // Only dark pixels change a run, so walk them alone, from the bitmap, in increasing
        // `inner` order per line: along each row for rows, row after row for columns.
        let dark = dark ?? grid.dark, wordsPerRow = grid.darkWordsPerRow
        if horizontal {
            for o in 0..<outer {
                var bestStart = 0, bestEnd = -1
                var runStart = -1, lastDark = -10
                for k in 0..<wordsPerRow {
                    var bits = dark[o * wordsPerRow + k]
                    while bits != 0 {
                        let i = k * 64 + bits.trailingZeroBitCount
                        bits &= bits - 1
                        if runStart < 0 || i - lastDark > 3 { runStart = i }
                        lastDark = i
                        if lastDark - runStart > bestEnd - bestStart { bestStart = runStart; bestEnd = lastDark }
                    }
                }
                if bestEnd - bestStart + 1 >= minimum { runs.append((o, bestStart, bestEnd)) }
            }
        } else {
            var bestStart = [Int](repeating: 0, count: outer), bestEnd = [Int](repeating: -1, count: outer)
            var runStart = [Int](repeating: -1, count: outer), lastDark = [Int](repeating: -10, count: outer)
            for i in 0..<inner {
                for k in 0..<wordsPerRow {
                    var bits = dark[i * wordsPerRow + k]
                    while bits != 0 {
                        let o = k * 64 + bits.trailingZeroBitCount
                        bits &= bits - 1
                        if runStart[o] < 0 || i - lastDark[o] > 3 { runStart[o] = i }
                        lastDark[o] = i
                        if lastDark[o] - runStart[o] > bestEnd[o] - bestStart[o] { bestStart[o] = runStart[o]; bestEnd[o] = lastDark[o] }
                    }
                }
            }
            for o in 0..<outer where bestEnd[o] - bestStart[o] + 1 >= minimum { runs.append((o, bestStart[o], bestEnd[o])) }
        }
        var edges: [AxisEdge] = []
        for run in runs {
            if var last = edges.last, last.drawn, run.index == last.last + 1,
               abs(run.start - last.start) < 6, abs(run.end - last.end) < 6 {
                last.last = run.index
                last.start = min(last.start, run.start)
                last.end = max(last.end, run.end)
                edges[edges.count - 1] = last
            } else {
                edges.append(AxisEdge(orientation: horizontal ? .horizontal : .vertical,
                                      first: run.index, last: run.index, start: run.start, end: run.end, drawn: true))
            }
        }
        // Thick blocks (filled areas, bars) are not lines.
        return edges.filter { $0.last - $0.first < max(12, outer / 60) }
    }

    /// The border of a panel filled with a non-white colour (ggplot's theme_grey and similar).
    static func filledPanelBorders(in grid: PixelGrid) -> [AxisEdge] {
        let w = grid.width, h = grid.height
        let fill = grid.dominantColor(x0: w / 4, y0: h / 4, x1: 3 * w / 4, y1: 3 * h / 4)
        let fillLuma = 0.299 * fill.0 + 0.587 * fill.1 + 0.114 * fill.2
        guard fillLuma < 248, fillLuma > 150 else { return [] }
        func matches(_ x: Int, _ y: Int) -> Bool {
            let c = grid.color(x, y)
            return abs(c.0 - fill.0) < 10 && abs(c.1 - fill.1) < 10 && abs(c.2 - fill.2) < 10
        }
        var rowHits = [Int](repeating: 0, count: h)
        var colHits = [Int](repeating: 0, count: w)
        for y in 0..<h {
            for x in 0..<w where matches(x, y) {
                rowHits[y] += 1
                colHits[x] += 1
            }
        }
        guard let rows = longestBlock(rowHits, threshold: Int(Double(w) * 0.25), gap: 6),
              let cols = longestBlock(colHits, threshold: Int(Double(h) * 0.2), gap: 6) else { return [] }
        // Refine: the panel's own extent along the block.
        guard let rowsIn = longestBlock(rowHitsIn(grid, cols: cols, match: matches), threshold: (cols.1 - cols.0) / 3, gap: 6),
              let colsIn = longestBlock(colHitsIn(grid, rows: rowsIn, match: matches), threshold: (rowsIn.1 - rowsIn.0) / 3, gap: 6)
        else { return [] }
        _ = rows
        return [
            AxisEdge(orientation: .horizontal, first: rowsIn.1, last: rowsIn.1, start: colsIn.0, end: colsIn.1, drawn: false),
            AxisEdge(orientation: .vertical, first: colsIn.0, last: colsIn.0, start: rowsIn.0, end: rowsIn.1, drawn: false),
        ]
    }

    private static func rowHitsIn(_ grid: PixelGrid, cols: (Int, Int), match: (Int, Int) -> Bool) -> [Int] {
        var hits = [Int](repeating: 0, count: grid.height)
        for y in 0..<grid.height { for x in cols.0...cols.1 where match(x, y) { hits[y] += 1 } }
        return hits
    }

    private static func colHitsIn(_ grid: PixelGrid, rows: (Int, Int), match: (Int, Int) -> Bool) -> [Int] {
        var hits = [Int](repeating: 0, count: grid.width)
        for y in rows.0...rows.1 { for x in 0..<grid.width where match(x, y) { hits[x] += 1 } }
        return hits
    }

    /// The longest stretch of indices whose count reaches `threshold`, bridging short gaps.
    static func longestBlock(_ counts: [Int], threshold: Int, gap: Int) -> (Int, Int)? {
        var best: (Int, Int)? = nil
        var start = -1, lastHit = -1000
        for (i, c) in counts.enumerated() where c >= threshold {
            if start < 0 || i - lastHit > gap + 1 { start = i }
            lastHit = i
            if best == nil || lastHit - start > best!.1 - best!.0 { best = (start, lastHit) }
        }
        return best
    }
}
