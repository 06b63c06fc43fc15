/// Finds framed boxes printed inside the plot panel with text in them (a legend, a box of
/// statistics), so that the curves they cover are traced under them: an opaque box hides
/// every curve behind it, and its white inside would otherwise read as empty paper, where a
/// path stops (the rest of the curve, past the box, is lost) or drops onto the box's key
/// line of its own colour.
///
/// A box is a closed rectangle of thin lines: two horizontal runs of one ink class with the
/// same ends (to within `endSlack` pixels) at least `minimumHeight` rows apart, joined at both
/// ends by columns with ink on at least 90 % of the rows between (rounded corners are allowed
/// for: the columns may lie up to `cornerSlack` outside the runs' ends, and that many rows at
/// each end of them are not counted), with at least one text
/// line (`TextFinder`) wholly inside and mostly paper inside. The sides are lines at most
/// `maximumLineWidth` thick (a filled band's rows are not). A monotone curve never closes such a
/// rectangle, and boxes over a quarter of the panel are taken for frames, not boxes.
enum LegendBoxFinder {
    /// How far two horizontal sides' ends may differ, pixels.
    static let endSlack = 3
    /// How far outside a side's ends the vertical sides may lie (a rounded corner), pixels.
    static let cornerSlack = 8
    /// Fewest rows between the top and bottom sides.
    static let minimumHeight = 8
    /// Thickest frame line, pixels.
    static let maximumLineWidth = 3
    /// Least share of a box's inside that is paper (a legend is words and short keys on it).
    static let minimumPaperShare = 0.5

    /// The boxes in a panel's labels (`width` × `height`, row-major; ink ≥ 0, background −1),
    /// panel-relative and inclusive of their frame lines. `text` holds the text lines' boxes.
    /// `ink`, when given, lists (row-major) every index whose label may be ink, so that the
    /// panel's paper need not be scanned.
    static func boxes(labels: [Int16], width w: Int, height h: Int, text: [PixelRect], ink: [Int]? = nil) -> [PixelRect] {
        guard w > 0, h > 0, !text.isEmpty else { return [] }
        let minimumRun = max(20, w / 30)
        struct Run { var row: Int, left: Int, right: Int, label: Int16 }
        /// Whether the label's ink at (column, row) is at most `maximumLineWidth` rows tall
        /// there: a line, not a filled band.
        func thin(row y: Int, column x: Int, label: Int16) -> Bool {
            var top = y, bottom = y
            while top > 0, labels[(top - 1) * w + x] == label, y - top < maximumLineWidth { top -= 1 }
            while bottom + 1 < h, labels[(bottom + 1) * w + x] == label, bottom - y < maximumLineWidth { bottom += 1 }
            return bottom - top + 1 <= maximumLineWidth
        }
        var runs: [Run] = []
        let cells = ink ?? Array(0..<(w * h))
        var k = 0
        while k < cells.count {
            let start = cells[k], l = labels[start]
            var end = start
            k += 1
            guard l >= 0 else { continue }
            // Ink indices are row-major, so a run is a stretch of consecutive indices in one row.
            while k < cells.count, cells[k] == end + 1, (end + 1) % w != 0, labels[cells[k]] == l { end += 1; k += 1 }
            let y = start / w, x = start % w, right = end % w
            if right - x + 1 >= minimumRun, thin(row: y, column: (x + right) / 2, label: l) {
                runs.append(Run(row: y, left: x, right: right, label: l))
            }
        }
        guard runs.count >= 2 else { return [] }
        func inked(_ x: Int, _ y: Int) -> Bool { labels[y * w + x] != InkLabels.background }
        /// A column near `x` (within `cornerSlack` outside, `endSlack` inside, on the side
        /// `outward` points to) inked on at least 90 % of the rows between top and bottom, leaving
        /// out `cornerSlack` rows at each end (rounded corners) when the box is tall enough.
        func side(near x: Int, outward: Int, top: Int, bottom: Int) -> Int? {
            let trim = bottom - top - 1 > 2 * cornerSlack + 2 ? cornerSlack : 0
            let from = top + 1 + trim, to = bottom - 1 - trim
            guard from <= to else { return nil }
            let rows = to - from + 1
            for d in -endSlack...cornerSlack {
                let c = x + outward * d
                guard c >= 0, c < w else { continue }
                var hits = 0
                for y in from...to where inked(c, y) { hits += 1 }
                if 10 * hits >= 9 * rows { return c }
            }
            return nil
        }
        func paperShare(inside box: PixelRect) -> Double {
            guard box.right - box.left > 1, box.bottom - box.top > 1 else { return 0 }
            var paper = 0
            for y in (box.top + 1)..<box.bottom {
                for x in (box.left + 1)..<box.right where labels[y * w + x] == InkLabels.background { paper += 1 }
            }
            return Double(paper) / Double((box.right - box.left - 1) * (box.bottom - box.top - 1))
        }
        var found: [PixelRect] = []
        for (i, a) in runs.enumerated() {
            for b in runs[(i + 1)...] where b.row - a.row >= minimumHeight && b.label == a.label
                && abs(b.left - a.left) <= endSlack && abs(b.right - a.right) <= endSlack {
                guard let left = side(near: min(a.left, b.left), outward: -1, top: a.row, bottom: b.row),
                      let right = side(near: max(a.right, b.right), outward: 1, top: a.row, bottom: b.row) else { continue }
                let box = PixelRect(left: left, top: a.row, right: right, bottom: b.row)
                guard box.width * box.height * 4 <= w * h, paperShare(inside: box) >= minimumPaperShare,
                      text.contains(where: { $0.left > box.left && $0.right < box.right && $0.top > box.top && $0.bottom < box.bottom }),
                      !found.contains(where: { $0.left <= box.left && $0.right >= box.right && $0.top <= box.top && $0.bottom >= box.bottom })
                else { continue }
                found.removeAll { box.left <= $0.left && box.right >= $0.right && box.top <= $0.top && box.bottom >= $0.bottom }
                found.append(box)
                break
            }
        }
        return found
    }
}
