/// A traced curve reduced to its steps: flat levels (sub-pixel rows) between drops, in pixels.
struct StepCurve: Sendable {
    struct Level: Sendable {
        /// Column where the level starts (the drop into it, or the curve's start), sub-pixel.
        var start: Double
        /// Row of the level's centre line, sub-pixel.
        var row: Double
        var firstColumn: Int
        var lastColumn: Int
    }
    /// A stretch of the curve hidden under a legend box, over which its drops were spread.
    struct HiddenStretch: Sendable {
        /// First and last column of the stretch.
        var firstColumn: Int
        var lastColumn: Int
        /// Rows of the curve where it goes in and where it comes out, sub-pixel.
        var entryRow: Double
        var exitRow: Double
    }
    var levels: [Level]
    /// Last column the curve is drawn in.
    var endColumn: Int
    /// Where the curve was hidden under a legend box and its drops there were spread evenly.
    var hidden: [HiddenStretch] = []
}

/// Turns a traced path into a clean step function: cuts where the path stops following its own
/// ink, then measures each level's centre line and each drop's column.
enum StepShaper {
    /// Fewest columns of a hidden stretch over which its drop is spread: 10, or four line widths.
    static func minimumHiddenStretch(lineWidth w: Double) -> Double { max(10, 4 * w) }

    static func shape(_ path: StepTracer.Path, ink: InkLabels, target: Int16, claimed: [Bool], lineWidth w: Double) -> StepCurve? {
        let rect = ink.rect
        let width = rect.width
        var rows = path.rows
        guard !rows.isEmpty else { return nil }
        let reach = Int(w.rounded(.up)) + 1
        /// Index of image pixel (x, y) in the panel's labels, or nil outside the panel.
        func index(_ x: Int, _ y: Int) -> Int? {
            guard x >= rect.left, x <= rect.right, y >= rect.top, y <= rect.bottom else { return nil }
            return (y - rect.top) * width + (x - rect.left)
        }
        func own(_ x: Int, _ y: Int) -> Bool {
            guard let i = index(x, y) else { return false }
            return ink.labels[i] == target && !claimed[i]
        }
        func onAxis(_ x: Int, _ y: Int) -> Bool {
            guard let i = index(x, y) else { return false }
            return ink.labels[i] == InkLabels.axis
        }
        /// Curve ink of any colour, or text or a legend box that may hide a curve (not paper,
        /// not an axis line).
        func anyInk(_ x: Int, _ y: Int) -> Bool {
            guard let i = index(x, y) else { return false }
            return ink.labels[i] >= 0 || ink.labels[i] == InkLabels.text
        }
        /// Curve ink of any arm (own or another colour class), not text, axis or paper.
        func curveInk(_ x: Int, _ y: Int) -> Bool {
            guard let i = index(x, y) else { return false }
            return ink.labels[i] >= 0
        }
        // 1. Cut at drops through empty space: the path jumped to something else.
        for c in 1..<rows.count where rows[c] > rows[c - 1] {
            let drop = rows[c] - rows[c - 1]
            guard drop > 2 * reach + 2 else { continue }
            let x = path.startColumn + c
            // A dotted or dashed drop is only partly inked, but its gaps are short; a jump to
            // something else crosses one long empty stretch.
            var supported = 0, total = 0, gap = 0, longestGap = 0
            for y in (rows[c - 1] + reach)..<(rows[c] - reach + 1) {
                total += 1
                var hit = false
                for xx in (x - reach - 3)...(x + reach + 3) where anyInk(xx, y) { hit = true; break }
                if hit { supported += 1; gap = 0 } else { gap += 1; longestGap = max(longestGap, gap) }
            }
            if total > 0, Double(supported) / Double(total) < 0.3, longestGap > 2 * reach + 2 {
                rows.removeSubrange(c...)
                break
            }
        }
        // 2. The curve ends at the last column with its own ink on the path, where the ink is
        //    not just a stray pixel of something the path drifted along.
        func ownNear(_ c: Int) -> Bool {
            let x = path.startColumn + c
            for y in (rows[c] - reach)...(rows[c] + reach) where own(x, y) { return true }
            return false
        }
        let window = 2 * reach + 6
        var last = rows.count - 1
        while last > 0 {
            if ownNear(last) {
                var hits = 0
                let from = max(0, last - window)
                for c in from...last where ownNear(c) { hits += 1 }
                if Double(hits) >= 0.3 * Double(last - from + 1) { break }
            }
            last -= 1
        }
        rows.removeSubrange((last + 1)...)
        guard rows.count >= 2 else { return nil }

        // 3. Levels: runs of equal path rows, each measured at its ink's centre line. A thick
        //    line hides drops smaller than its width from the path (the row stays on ink), so a
        //    run is split where the centre line itself steps down by most of a pixel.
        var levels: [StepCurve.Level] = []
        var a = 0
        while a < rows.count {
            var b = a
            while b + 1 < rows.count, rows[b + 1] == rows[a] { b += 1 }
            let r = rows[a]
            let trim = (b - a + 1) > 2 * reach + 2 ? reach : 0
            var centres: [(column: Int, row: Double)] = []
            if a + trim <= b - trim {
                for c in (a + trim)...(b - trim) {
                    let x = path.startColumn + c
                    // The run of own ink nearest the path row.
                    var hit = -1
                    for d in 0...(reach + 1) {
                        if own(x, r + d) { hit = r + d; break }
                        if own(x, r - d) { hit = r - d; break }
                    }
                    guard hit >= 0 else { continue }
                    var top = hit, bottom = hit
                    while own(x, top - 1), hit - top < 4 * reach { top -= 1 }
                    while own(x, bottom + 1), bottom - hit < 4 * reach { bottom += 1 }
                    let run = bottom - top + 1
                    if Double(run) <= w + 2 { centres.append((c, Double(top + bottom) / 2)) }
                }
            }
            if centres.isEmpty {
                levels.append(StepCurve.Level(start: Double(path.startColumn + a), row: Double(r) + (w - 1) / 2,
                                              firstColumn: path.startColumn + a, lastColumn: path.startColumn + b))
                a = b + 1
                continue
            }
            var segmentStart = a
            var segment: [Double] = []
            func closeSegment(through last: Int) {
                let sorted = segment.sorted()
                levels.append(StepCurve.Level(start: Double(path.startColumn + segmentStart), row: sorted[sorted.count / 2],
                                              firstColumn: path.startColumn + segmentStart, lastColumn: path.startColumn + last))
            }
            for (i, centre) in centres.enumerated() {
                if segment.count >= 2, i + 1 < centres.count {
                    let sorted = segment.sorted()
                    let median = sorted[sorted.count / 2]
                    if centre.row >= median + 0.75, centres[i + 1].row >= median + 0.75 {
                        closeSegment(through: centre.column - 1)
                        segmentStart = centre.column
                        segment.removeAll()
                    }
                }
                segment.append(centre.row)
            }
            closeSegment(through: b)
            a = b + 1
        }
        // 4. Monotone, and no level closer than a third of a pixel to the previous one.
        var merged: [StepCurve.Level] = []
        for var level in levels {
            if let prev = merged.last {
                if level.row < prev.row + 0.34 {
                    merged[merged.count - 1].lastColumn = level.lastColumn
                    continue
                }
            }
            level.start = Double(level.firstColumn)
            merged.append(level)
        }
        /// A drop whose own stroke cannot be seen lies under another arm's vertical stroke drawn
        /// over it (two arms dropping at the same time, common when times are whole months): the
        /// hidden stroke is inside the covering one, so its column is the covering stroke's
        /// centre (median over `strokeRows`, those between the two levels' lines). `estimate`
        /// (the lower level's first column plus half a line width, about a pixel early under a
        /// thick stroke) stands for lines under 3 px, where it is within half a pixel, without
        /// stroke rows, and when no single stroke one line wide (± 1 px; wider is two strokes
        /// side by side) covers most of those rows within half a line width and a pixel of it.
        func hiddenDropColumn(strokeRows: ClosedRange<Int>?, estimate: Double) -> Double {
            guard w >= 3, let strokeRows else { return estimate }
            let x0 = Int(estimate.rounded()), limit = Int(w.rounded(.up)) + 2
            var centres: [Double] = []
            for y in strokeRows {
                var x = x0
                if !curveInk(x, y) {
                    if curveInk(x - 1, y) { x -= 1 } else if curveInk(x + 1, y) { x += 1 } else { continue }
                }
                var l = x, r = x
                while curveInk(l - 1, y), x - l < limit { l -= 1 }
                while curveInk(r + 1, y), r - x < limit { r += 1 }
                let run = Double(r - l + 1)
                if run >= w - 1, run <= w + 1 { centres.append(Double(l + r) / 2) }
            }
            guard Double(centres.count) >= 0.5 * Double(strokeRows.count) else { return estimate }
            centres.sort()
            let centre = centres[centres.count / 2]
            return abs(centre - estimate) <= w / 2 + 1 ? centre : estimate
        }
        /// Whether path column `c` (index into `rows`) shows none of the curve's own ink near the
        /// path's row and lies inside a legend box (`InkLabels.legendBoxes`), which hides it.
        func hiddenUnderLegend(_ c: Int, rows: [Int]) -> Bool {
            guard c >= 0, c < rows.count else { return false }
            let x = path.startColumn + c, y = rows[c]
            guard ink.legendBoxes.contains(where: { x >= $0.left && x <= $0.right && y >= $0.top - reach && y <= $0.bottom + reach })
            else { return false }
            for yy in (y - reach)...(y + reach) where own(x, yy) { return false }
            return true
        }
        /// Over each stretch of at least `minimumHiddenStretch(w)` path columns hidden under a
        /// legend (`hiddenUnderLegend`; gaps of a few columns where a drop's own stroke shows are
        /// bridged), the curve is known only where it goes in and where it comes out. When no
        /// drop placed in it was seen (`strokeSeen`, or the curve seen on both sides of it), those
        /// drops (often one, where it comes out) become one drop per row of their total depth,
        /// evenly spaced over the stretch,
        /// and the stretch is listed in `hidden`. Less than two rows of drop are left alone.
        func spreadingDropsOverHiddenStretches(_ levels: [StepCurve.Level], strokeSeen: [Bool], rows: [Int],
                                               hidden: inout [StepCurve.HiddenStretch]) -> [StepCurve.Level] {
            guard levels.count >= 2, !ink.legendBoxes.isEmpty else { return levels }
            let bridge = 2 * reach + 2, minimum = StepShaper.minimumHiddenStretch(lineWidth: w)
            var stretches: [(first: Int, last: Int)] = []
            var c = 0
            while c < rows.count {
                guard hiddenUnderLegend(c, rows: rows) else { c += 1; continue }
                var last = c, next = c + 1
                while next < rows.count, next - last <= bridge + 1 {
                    if hiddenUnderLegend(next, rows: rows) { last = next }
                    next += 1
                }
                if Double(last - c + 1) >= minimum { stretches.append((path.startColumn + c, path.startColumn + last)) }
                c = last + 1
            }
            guard !stretches.isEmpty else { return levels }
            var out: [StepCurve.Level] = []
            var i = 0
            for stretch in stretches {
                // Drops at or inside the stretch (a drop's stroke may stand just outside it).
                let lo = Double(stretch.first - reach - 1), hi = Double(stretch.last + reach + 1)
                // (The first level is the curve's start, never a drop.)
                while i < levels.count, levels[i].start < lo || i == 0 { out.append(levels[i]); i += 1 }
                var j = i
                while j < levels.count, levels[j].start <= hi { j += 1 }
                // A drop seen as a stroke, or with the curve seen on both sides of it (a small drop
                // just outside the box), is where it is.
                let seen = (i..<j).contains { k in
                    let c = Int(levels[k].start.rounded()) - path.startColumn
                    return strokeSeen[k] || (!hiddenUnderLegend(c - reach - 1, rows: rows) && !hiddenUnderLegend(c + reach + 1, rows: rows))
                }
                guard j > i, let entry = out.last, !seen else { continue }
                let exit = levels[j - 1]
                let steps = Int((exit.row - entry.row).rounded())
                guard steps >= 2 else { continue }
                let first = Double(stretch.first), span = Double(stretch.last - stretch.first)
                hidden.append(StepCurve.HiddenStretch(firstColumn: stretch.first, lastColumn: stretch.last, entryRow: entry.row, exitRow: exit.row))
                for k in 0..<steps {
                    var level = exit
                    level.row = entry.row + (exit.row - entry.row) * Double(k + 1) / Double(steps)
                    level.start = first + span * (Double(k) + 0.5) / Double(steps)
                    level.firstColumn = Int(level.start.rounded(.down))
                    if k + 1 < steps {
                        level.lastColumn = max(level.firstColumn, Int((first + span * (Double(k) + 1.5) / Double(steps)).rounded(.down)) - 1)
                    }
                    out.append(level)
                }
                i = j
            }
            out.append(contentsOf: levels[i...])
            return out
        }
        // 5. Each drop's column: the centre of the vertical stroke between the two levels.
        var strokeSeen = [Bool](repeating: false, count: merged.count)
        for i in 1..<merged.count {
            let upper = merged[i - 1].row, lower = merged[i].row
            let b = merged[i].firstColumn
            // The rows of the stroke between the two levels' lines, when it has any.
            var strokeRows: ClosedRange<Int>? = nil
            if lower - upper > w + 2 {
                let y0 = Int((upper + w / 2 + 1).rounded(.up)), y1 = Int((lower - w / 2 - 1).rounded(.down))
                if y0 <= y1 { strokeRows = y0...y1 }
            }
            if let strokeRows {
                var sum = 0.0, n = 0.0
                for y in strokeRows {
                    for x in (b - 2 * reach - 2)...(b + reach + 1) where own(x, y) {
                        sum += Double(x); n += 1
                    }
                }
                if n >= Double(strokeRows.count) * 0.5 {
                    merged[i].start = sum / n
                    strokeSeen[i] = true
                }
            }
            if !strokeSeen[i] { merged[i].start = hiddenDropColumn(strokeRows: strokeRows, estimate: Double(b) + (w - 1) / 2) }
        }
        // 5b. A stretch hidden under a legend box shows nothing of the curve: the path keeps its
        //     row across it and drops where the curve comes out. Deaths under the box may have
        //     fallen anywhere in it; one drop at its end is off by half the stretch on average,
        //     an even spread by a quarter, so the fall is spread over the stretch.
        var hidden: [StepCurve.HiddenStretch] = []
        merged = spreadingDropsOverHiddenStretches(merged, strokeSeen: strokeSeen, rows: rows, hidden: &hidden)
        // 6. A curve that ends with a drop (last patient has the event) ends in a vertical stroke
        //    with nothing to its right: follow it down.
        let endColumn = path.startColumn + rows.count - 1
        if let level = merged.last {
            let levelRow = Int(level.row.rounded())
            var bestDown = 0, bestUp = 0, bestX = endColumn
            // The level's own line reaches this far below its centre row; only ink below it
            // is a stroke going down.
            let halfWidth = Int((w / 2).rounded(.up))
            for x in (endColumn - reach)...(endColumn + reach) {
                var down = 0, up = 0
                // The stroke may end on the x axis line, which is masked out of the ink, and a
                // dotted or dashed stroke has gaps of up to about the line's reach. The axis
                // counts only once a stroke has started below the level's own line: a flat
                // tail a few rows above the axis does not drop onto it across the empty rows.
                var y = levelRow + 1, gap = 0
                while gap <= reach + 1, y <= rect.bottom + 1 {
                    if own(x, y) {
                        if y - levelRow > halfWidth { down = y - levelRow }
                        gap = 0
                    } else if y - levelRow > 1, down > 0, onAxis(x, y) {
                        down = y - levelRow; gap = 0
                    } else {
                        gap += 1
                    }
                    y += 1
                }
                while own(x, levelRow - up - 1), up < 200 { up += 1 }
                if down > bestDown { bestDown = down; bestUp = up; bestX = x }
            }
            // A censor tick reaches as far up as down; a last drop, however small, only down.
            if Double(bestDown - bestUp) > max(3, w) {
                let bottom = Double(levelRow + bestDown) - (w - 1) / 2
                merged.append(StepCurve.Level(start: Double(bestX), row: bottom, firstColumn: endColumn, lastColumn: endColumn))
                return StepCurve(levels: merged, endColumn: max(endColumn, bestX), hidden: hidden)
            }
        }
        return StepCurve(levels: merged, endColumn: endColumn, hidden: hidden)
    }
}
