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

    /// Per-pixel cost grid, panel-relative, row-major.
    func costGrid() -> [Float] {
        let w = ink.rect.width, h = ink.rect.height
        var cost = [Float](repeating: Float(Self.emptyCost), count: w * h)
        for y in 0..<h {
            var lastOwn = -100_000
            // Left to right: distance to the nearest own pixel on the left.
            var leftDistance = [Int](repeating: 100_000, count: w)
            for x in 0..<w {
                let i = y * w + x
                if ink.labels[i] == target && !claimed[i] { lastOwn = x }
                leftDistance[x] = x - lastOwn
            }
            var nextOwn = 100_000
            for x in stride(from: w - 1, through: 0, by: -1) {
                let i = y * w + x
                let l = ink.labels[i]
                let own = l == target && !claimed[i]
                if own { nextOwn = x }
                let c: Double
                if own {
                    c = weak[i] ? Self.gapCost : Self.ownCost
                } else if min(leftDistance[x], nextOwn - x) <= dashReach {
                    c = Self.gapCost
                } else if l == InkLabels.axis || (l >= 0 && l != target) || (l == target && claimed[i]) {
                    c = Self.hiddenCost
                } else {
                    c = Self.emptyCost
                }
                cost[i] = Float(c)
            }
        }
        return cost
    }

    /// Traces from `startColumn` (panel-absolute) with the start row within `startRows`.
    func trace(startColumn: Int, startRows: ClosedRange<Int>) -> Path? {
        let rect = ink.rect
        let w = rect.width, h = rect.height
        let x0 = startColumn - rect.left
        guard x0 >= 0, x0 < w else { return nil }
        let cost = costGrid()
        // Support for drops: any non-background pixel in the column or its neighbours.
        let columns = w - x0
        var back = [UInt16](repeating: 0, count: columns * h)
        var endEntry = [Int32](repeating: -1, count: columns)   // row from which the path ended, or -1 (already ended)
        var d = [Double](repeating: .infinity, count: h)
        let r0 = max(0, startRows.lowerBound - rect.top), r1 = min(h - 1, startRows.upperBound - rect.top)
        guard r0 <= r1 else { return nil }
        for r in r0...r1 { d[r] = Double(cost[r * w + x0]) }
        var ended = Double.infinity
        var next = [Double](repeating: .infinity, count: h)
        var gapPrefix = [Double](repeating: 0, count: h + 1)
        for c in 1..<columns {
            let x = x0 + c
            // End state: stop after column x-1.
            var bestD = Double.infinity, bestR = -1
            for r in 0..<h where d[r] < bestD { bestD = d[r]; bestR = r }
            if bestD < ended { ended = bestD; endEntry[c] = Int32(bestR) } else { endEntry[c] = -1 }
            ended += Self.endCost
            // Gap rows of this column (no ink at x-1, x, x+1).
            for r in 0..<h {
                var support = false
                for dx in -1...1 {
                    let xx = x + dx
                    if xx >= 0, xx < w, ink.labels[r * w + xx] != InkLabels.background { support = true; break }
                }
                gapPrefix[r + 1] = gapPrefix[r] + (support ? 0 : Self.gapRowCost)
            }
            var runningBest = Double.infinity, runningRow = -1
            for r in 0..<h {
                var value = d[r], from = r
                if r > 0 {
                    let cand = d[r - 1] - gapPrefix[r]
                    if cand < runningBest { runningBest = cand; runningRow = r - 1 }
                    let drop = runningBest + Self.dropPenalty + gapPrefix[r]
                    if drop < value { value = drop; from = runningRow }
                }
                next[r] = value + Double(cost[r * w + x])
                back[c * h + r] = UInt16(from)
            }
            swap(&d, &next)
        }
        // Choose the cheaper finish: still on the curve at the last column, or ended earlier.
        var bestD = Double.infinity, bestR = -1
        for r in 0..<h where d[r] < bestD { bestD = d[r]; bestR = r }
        var lastColumn = columns - 1
        var row = bestR
        if ended < bestD {
            // Walk back to where the end state was entered.
            var c = columns - 1
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
