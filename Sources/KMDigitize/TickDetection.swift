/// A tick mark found along an axis edge: its centre in pixels along the edge (a column for the
/// x axis, a row for the y axis) and its length in pixels away from the edge.
struct TickMark: Sendable, Equatable {
    var position: Double
    var length: Int
}

/// Finds tick marks: short dark strokes that touch an axis edge and stand perpendicular to it.
enum TickDetector {
    static let inkLuma = 175
    /// Tick ink on a grey axis (see ``AxisLineDetector/greyLineLuma``).
    static let greyInkLuma = 215
    /// Pixels a tick must reach beyond the edge's own fringe. A small figure (a journal figure
    /// shrunk to half) keeps ticks only a pixel or two long; ``shortTickExcess`` finds those,
    /// as a last resort, since one pixel also picks up specks.
    static let tickExcess = 2
    static let shortTickExcess = 1

    /// Ticks on one side of an edge. `outward` means below a horizontal edge or left of a
    /// vertical one (where axis ticks usually point). Tick pixels have luma below `inkLuma`; a
    /// tick reaches at least `excess` pixels further from the edge than most positions along it.
    static func ticks(along edge: AxisEdge, outward: Bool, in grid: PixelGrid, inkLuma: Int = TickDetector.inkLuma,
                      excess: Int = TickDetector.tickExcess) -> [TickMark] {
        let horizontal = edge.orientation == .horizontal
        let limit = horizontal ? grid.width : grid.height
        let depthLimit = horizontal ? grid.height : grid.width
        let lo = max(0, edge.start - 12), hi = min(limit - 1, edge.end + 12)
        guard lo < hi else { return [] }
        // Rows (columns) just beyond the edge, walking away from it.
        let origin = outward ? (horizontal ? edge.last + 1 : edge.first - 1) : (horizontal ? edge.first - 1 : edge.last + 1)
        let direction = (outward == horizontal) ? 1 : -1
        let maxDepth = 40
        func lum(_ along: Int, _ depth: Int) -> Int? {
            let d = origin + direction * depth
            guard d >= 0, d < depthLimit else { return nil }
            return horizontal ? grid.lum(along, d) : grid.lum(d, along)
        }
        var runLength = [Int](repeating: 0, count: hi - lo + 1)
        var weight = [Double](repeating: 0, count: hi - lo + 1)
        for a in lo...hi {
            var depth = 0
            var w = 0.0
            // Allow one light pixel between the edge and the tick (anti-aliasing).
            if let l = lum(a, 0), l >= inkLuma, let l1 = lum(a, 1), l1 < inkLuma { depth = 1 }
            let begin = depth
            while depth < maxDepth, let l = lum(a, depth), l < inkLuma {
                w += Double(255 - l)
                depth += 1
            }
            runLength[a - lo] = depth - begin
            weight[a - lo] = w
        }
        // The edge's own anti-aliased fringe gives every position a short run; ticks stand out.
        let sorted = runLength.sorted()
        let baseline = sorted[sorted.count / 2]
        let minimum = baseline + excess
        var marks: [TickMark] = []
        var a = 0
        let maxWidth = max(8, limit / 80)
        while a < runLength.count {
            guard runLength[a] >= minimum else { a += 1; continue }
            var b = a
            while b + 1 < runLength.count, runLength[b + 1] >= minimum { b += 1 }
            if b - a + 1 <= maxWidth {
                var longest = 0
                for i in a...b { longest = max(longest, runLength[i]) }
                // Sub-pixel centre: ink-weighted mean across the stroke, in its middle depths
                // (a tick one pixel long has its ink only next to the edge).
                var sw = 0.0, sx = 0.0
                let depthEnd = max(1, longest / 2 + 1)
                for i in max(0, a - 2)...min(runLength.count - 1, b + 2) {
                    for d in (longest == 1 ? 0 : 1)...depthEnd {
                        guard let l = lum(lo + i, d) else { continue }
                        let w = Double(max(0, 250 - l))
                        sw += w
                        sx += w * Double(lo + i)
                    }
                }
                if sw > 0 {
                    marks.append(TickMark(position: sx / sw, length: longest))
                }
            }
            a = b + 1
        }
        // Long strokes (another axis, a legend box, text touching the edge) are not ticks.
        return marks.filter { $0.length <= 30 }
    }
}
