/// Traces one Kaplan–Meier curve through the labelled panel as the cheapest non-increasing
/// path (rows may only grow, left to right), by dynamic programming over columns.
///
/// Per pixel a path pays 0 on its own colour, a little on its colour's dash gaps, something on
/// pixels that could hide it (other curves, axis lines, curves already traced in the same colour)
/// and 1 on empty background. Drops pay per background row they cross, so a path cannot jump
/// between curves through empty space, and a path may stop (end of follow-up) at a small cost
/// per remaining column.
struct StepTracer {
    struct Path: Sendable {
        /// First column of the path.
        var startColumn: Int
        /// Row of the path at each column from `startColumn` on.
        var rows: [Int]
    }

    let ink: InkLabels
    /// The same labels column by column, shared by every curve traced in them.
    let columns: ColumnInk
    /// Label of the curve being traced.
    let target: Int16
    /// Pixels (panel-relative index) already taken by another curve of the same colour.
    let claimed: [Bool]
    /// Own pixels that belong to dashes or dots rather than a solid stroke; they cost like a gap.
    let weak: [Bool]
    /// Horizontal reach, pixels, over which a dashed or dotted line counts as present.
    let dashReach: Int

    static let ownCost = 0.0
    static let gapCost = 0.15
    static let hiddenCost = 0.35
    static let emptyCost = 1.0
    static let dropPenalty = 0.05
    static let gapRowCost = 0.3
    static let endCost = 0.3

    /// The pixel costs as the search adds them: each rounded to `Float` first, as they were
    /// when the costs were kept in a `Float` grid, so that the traced paths stay the same.
    static let ownPixel = Double(Float(ownCost)), gapPixel = Double(Float(gapCost))
    static let hiddenPixel = Double(Float(hiddenCost)), emptyPixel = Double(Float(emptyCost))

    /// Traces from `startColumn` (panel-absolute) with the start row within `startRows`.
    ///
    /// A pixel costs `ownPixel` on an unclaimed pixel of the target colour (`gapPixel` when it
    /// is weak), `gapPixel` within `dashReach` columns of one along its row, `hiddenPixel` on
    /// other ink, the axis or a claimed pixel, and `emptyPixel` on background.
    func trace(startColumn: Int, startRows: ClosedRange<Int>) -> Path? {
        let rect = ink.rect
        let w = rect.width, h = rect.height
        let x0 = startColumn - rect.left
        guard x0 >= 0, x0 < w else { return nil }
        let r0 = max(0, startRows.lowerBound - rect.top), r1 = min(h - 1, startRows.upperBound - rect.top)
        guard r0 <= r1 else { return nil }
        let claimed = self.claimed, weak = self.weak
        let targetCell = UInt8(Int(target) + ColumnInk.labelOffset)
        let backgroundCell = UInt8(Int(InkLabels.background) + ColumnInk.labelOffset)
        let labelMask = ColumnInk.labelMask, gapRowFlag = ColumnInk.gapRowFlag
        let reach = dashReach
        let ownPixel = Self.ownPixel, gapPixel = Self.gapPixel, hiddenPixel = Self.hiddenPixel, emptyPixel = Self.emptyPixel
        let dropPenalty = Self.dropPenalty, gapRowCost = Self.gapRowCost
        let columnCount = w - x0
        // Rows are stored as UInt16 in the back pointers.
        precondition(columnCount <= 1 || h <= Int(UInt16.max) + 1, "StepTracer: a panel of \(h) rows is too tall")

        // The search's working memory, raw so that the per-pixel loop carries no bounds checks;
        // every index below stays inside these sizes by construction.
        // `lastOwn`: per row, the last column (up to `x + reach` while column x is searched)
        // holding an unclaimed pixel of the target colour.
        let lastOwn = UnsafeMutablePointer<Int>.allocate(capacity: h)
        lastOwn.initialize(repeating: -100_000, count: h)
        let dBuffer = UnsafeMutablePointer<Double>.allocate(capacity: h)
        dBuffer.initialize(repeating: .infinity, count: h)
        let nextBuffer = UnsafeMutablePointer<Double>.allocate(capacity: h)
        nextBuffer.initialize(repeating: .infinity, count: h)
        // `back`: per column from x0 + 1 on, the row each row's best path came from.
        let back = UnsafeMutablePointer<UInt16>.allocate(capacity: columnCount * h)
        defer { lastOwn.deallocate(); dBuffer.deallocate(); nextBuffer.deallocate(); back.deallocate() }
        // Row from which the path ended at each column, or -1 (already ended).
        let endEntry = UnsafeMutablePointer<Int32>.allocate(capacity: columnCount)
        endEntry.initialize(repeating: -1, count: columnCount)
        defer { endEntry.deallocate() }
        // The search itself, with its state in locals (the closure's captures would live in memory).
        let (bestD, bestR, ended) = columns.cells.withUnsafeBufferPointer { cellBuffer -> (Double, Int, Double) in
            let cells = cellBuffer.baseAddress!
            var d = dBuffer, next = nextBuffer
            var bestD = Double.infinity, bestR = -1
            var ended = Double.infinity
            // Eight cells at a time: a byte of `(cells & mask) ^ target` is zero only on a target pixel.
            let ones: UInt64 = 0x0101_0101_0101_0101
            let maskWord = ones &* UInt64(labelMask), targetWord = ones &* UInt64(targetCell)
            func see(_ p: Int) {
                let column = cells + columns.offset(p)
                var r = 0
                while r < h {
                    if r + 8 <= h {
                        let v = (UnsafeRawPointer(column + r).loadUnaligned(as: UInt64.self) & maskWord) ^ targetWord
                        if (v &- ones) & ~v & (ones &* 0x80) == 0 { r += 8; continue }
                    }
                    if column[r] & labelMask == targetCell && !claimed[r * w + p] { lastOwn[r] = p }
                    r += 1
                }
            }
            /// The cost of pixel (x, r) with colour label `label`, with `lastOwn` brought up to
            /// column x + reach; `nearLimit` is x − reach.
            @inline(__always) func pixelCost(_ label: UInt8, _ x: Int, _ r: Int, nearLimit: Int) -> Double {
                if label == targetCell {
                    let i = r * w + x
                    if !claimed[i] { return weak[i] ? gapPixel : ownPixel }
                }
                if lastOwn[r] >= nearLimit { return gapPixel }
                return label == backgroundCell ? emptyPixel : hiddenPixel
            }
            for p in max(0, x0 - reach)..<min(w, x0 + reach) { see(p) }
            if x0 + reach < w { see(x0 + reach) }
            let firstColumn = cells + columns.offset(x0)
            for r in r0...r1 { d[r] = pixelCost(firstColumn[r] & labelMask, x0, r, nearLimit: x0 - reach) }
            // The cheapest state of the current column (first row on a tie).
            for r in 0..<h where d[r] < bestD { bestD = d[r]; bestR = r }
            for c in 1..<max(1, columnCount) {
                let x = x0 + c
                if x + reach < w { see(x + reach) }
                // End state: stop after column x-1.
                if bestD < ended { ended = bestD; endEntry[c] = Int32(bestR) } else { endEntry[c] = -1 }
                ended += Self.endCost
                // `gapPrefix`: what crossing the gap rows (no ink at x-1, x, x+1) above row r costs.
                let column = cells + columns.offset(x), backColumn = back + c * h
                let nearLimit = x - reach
                // Row 0 cannot be reached by a drop.
                let cell0 = column[0]
                var gapPrefix = cell0 & gapRowFlag != 0 ? 0.0 + gapRowCost : 0.0
                var above = d[0]   // d[r - 1]
                let total0 = above + pixelCost(cell0 & labelMask, x, 0, nearLimit: nearLimit)
                next[0] = total0
                bestD = .infinity; bestR = -1
                if total0 < bestD { bestD = total0; bestR = 0 }
                backColumn[0] = 0
                var runningBest = Double.infinity, runningRow = -1
                var r = 1
                while r < h {
                    let cell = column[r]
                    let here = d[r]
                    var value = here, from = r
                    let cand = above - gapPrefix
                    if cand < runningBest { runningBest = cand; runningRow = r - 1 }
                    let drop = runningBest + dropPenalty + gapPrefix
                    if drop < value { value = drop; from = runningRow }
                    above = here
                    if cell & gapRowFlag != 0 { gapPrefix += gapRowCost }
                    let total = value + pixelCost(cell & labelMask, x, r, nearLimit: nearLimit)
                    next[r] = total
                    if total < bestD { bestD = total; bestR = r }
                    backColumn[r] = UInt16(truncatingIfNeeded: from)   // 0 ≤ from < h ≤ 65536
                    r += 1
                }
                swap(&d, &next)
            }
            return (bestD, bestR, ended)
        }
        // Choose the cheaper finish: still on the curve at the last column, or ended earlier.
        var lastColumn = columnCount - 1
        var row = bestR
        if ended < bestD {
            // Walk back to where the end state was entered.
            var c = columnCount - 1
            while c > 0, endEntry[c] < 0 { c -= 1 }
            guard c > 0 else { return nil }
            lastColumn = c - 1
            row = Int(endEntry[c])
        }
        guard row >= 0 else { return nil }
        var rows = [Int](repeating: 0, count: lastColumn + 1)
        var r = row
        for c in stride(from: lastColumn, through: 0, by: -1) {
            rows[c] = r + rect.top
            if c > 0 { r = Int(back[c * h + r]) }
        }
        return Path(startColumn: startColumn, rows: rows)
    }
}

/// A panel's ink labels stored column by column (`x * height + y`), the order in which
/// ``StepTracer`` reads them, with the drop-support test it needs folded in: one byte per pixel,
/// the label plus ``labelOffset`` in the low bits and ``gapRowFlag`` when the pixel's row has no
/// curve ink (a colour class label) in its own column or the two beside it. Axis lines and text
/// do not support a drop: a path sliding down the y axis is not a curve.
struct ColumnInk: Sendable {
    static let labelOffset = 3
    static let labelMask: UInt8 = 0x3F
    static let gapRowFlag: UInt8 = 0x80

    let height: Int
    let cells: [UInt8]

    init(_ ink: InkLabels) {
        let w = ink.rect.width, h = ink.rect.height
        height = h
        let background = InkLabels.background
        // A background pixel with no ink beside it, the common case.
        let paper = UInt8(Int(background) + Self.labelOffset) | Self.gapRowFlag
        cells = [UInt8](unsafeUninitializedCapacity: w * h) { cells, initialized in
            ink.labels.withUnsafeBufferPointer { labels in
                for y in 0..<h {
                    let row = y * w
                    // Whether columns x-1 and x hold curve ink, as the sweep moves right.
                    var leftInk = false
                    var hereInk = w > 0 && labels[row] >= 0
                    var x = 0
                    while x < w {
                        // Four background pixels between background neighbours: all paper.
                        if !leftInk, labels[row + x] == background, x + 4 < w, labels[row + x + 1] == background,
                           labels[row + x + 2] == background, labels[row + x + 3] == background,
                           labels[row + x + 4] == background {
                            cells[x * h + y] = paper; cells[(x + 1) * h + y] = paper
                            cells[(x + 2) * h + y] = paper; cells[(x + 3) * h + y] = paper
                            x += 4
                            continue
                        }
                        let l = labels[row + x]
                        let rightInk = x + 1 < w && labels[row + x + 1] >= 0
                        var cell = UInt8(Int(l) + Self.labelOffset)
                        if !(leftInk || hereInk || rightInk) { cell |= Self.gapRowFlag }
                        cells[x * h + y] = cell
                        leftInk = hereInk
                        hereInk = rightInk
                        x += 1
                    }
                }
            }
            initialized = w * h
        }
    }

    /// Index of column `x`'s first cell.
    @inline(__always) func offset(_ x: Int) -> Int { x * height }
}
