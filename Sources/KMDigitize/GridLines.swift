import KMImage

/// Finds grid lines: long, thin, faint or dark straight lines across the figure. Figures drawn
/// without tick marks (seaborn's whitegrid, ggplot's minimal theme) put a grid line at every
/// printed tick, so these positions stand in for tick marks.
///
/// A pixel belongs to a vertical grid line when it is darker, by at least `minimumContrast`
/// luma, than the pixels `reach` columns to its left and right (so lines up to about
/// 2·`reach` − 1 pixels wide qualify and filled areas do not); a column is a line when such
/// pixels cover a long stretch of it. Horizontal lines likewise with rows.
///
/// Grid lines are grey. A stretch whose darkness (contrast against its sides) lies mostly in
/// coloured pixels is a curve's long flat step (in a small figure, several arms' flats near one
/// row add up to a grid line's length), and is not a grid line: taken as one, it stands between
/// two real lines and spoils the match.
enum GridLineDetector {
    static let minimumContrast = 3
    static let reach = 4
    /// A pixel's ``RGB/chroma`` at which it counts as coloured: above JPEG's tint on grey
    /// (under 20), below an anti-aliased edge of a curve in any common palette colour.
    static let colouredSpread = 40
    /// Share of a stretch's contrast that, when in coloured pixels, makes it a curve rather than
    /// a grid line.
    static let colouredShare = 0.75

    /// Grid line positions (columns for `vertical`, rows otherwise), pixels, sub-pixel centres.
    /// Each mark's `length` is the line's strength: its mean darkness against the neighbours
    /// times its width, in luma units, so major grid lines outweigh minor ones.
    static func lines(in grid: PixelGrid, vertical: Bool) -> [TickMark] {
        let outer = vertical ? grid.width : grid.height
        let inner = vertical ? grid.height : grid.width
        guard outer > 2 * reach + 2, inner >= 40 else { return [] }
        let minimumRun = max(30, Int(Double(inner) * (vertical ? 0.2 : 0.25)))
        let maximumGap = max(8, inner / 50)
        let luma = grid.lumaPlane(), width = grid.width, rgb = grid.rgb
        func lum(_ o: Int, _ i: Int) -> Int { Int(vertical ? luma[i * width + o] : luma[o * width + i]) }
        func coloured(_ o: Int, _ i: Int) -> Bool {
            let p = 3 * (vertical ? i * width + o : o * width + i)
            return RGB(r: rgb[p], g: rgb[p + 1], b: rgb[p + 2]).chroma >= colouredSpread
        }
        // Per position: covered length of the longest gappy run, and its summed contrast.
        var coverage = [Int](repeating: 0, count: outer)
        var contrast = [Double](repeating: 0, count: outer)
        for o in reach..<(outer - reach) {
            var runStart = -1, lastHit = -1_000_000, runHits = 0, runContrast = 0, runColoured = 0
            var bestHits = 0, bestContrast = 0, bestColoured = 0
            for i in 0..<inner {
                let l = lum(o, i)
                let side = min(lum(o - reach, i), lum(o + reach, i))
                guard l + minimumContrast <= side else { continue }
                if runStart < 0 || i - lastHit > maximumGap {
                    runStart = i
                    runHits = 0
                    runContrast = 0
                    runColoured = 0
                }
                lastHit = i
                runHits += 1
                runContrast += side - l
                if coloured(o, i) { runColoured += side - l }
                if runHits > bestHits { bestHits = runHits; bestContrast = runContrast; bestColoured = runColoured }
            }
            let curve = Double(bestColoured) >= colouredShare * Double(bestContrast)
            coverage[o] = curve ? 0 : bestHits
            contrast[o] = Double(bestContrast)
        }
        // Neighbouring qualifying positions form one line.
        var marks: [TickMark] = []
        var o = 0
        while o < outer {
            guard coverage[o] >= minimumRun else { o += 1; continue }
            var end = o
            while end + 1 < outer, coverage[end + 1] >= minimumRun { end += 1 }
            if end - o + 1 <= 2 * reach - 1 {
                var weight = 0.0, weighted = 0.0, longest = 0
                for p in o...end {
                    weight += contrast[p]
                    weighted += contrast[p] * Double(p)
                    longest = max(longest, coverage[p])
                }
                if weight > 0 {
                    let strength = weight / Double(longest)
                    marks.append(TickMark(position: weighted / weight, length: max(1, Int((strength * 4).rounded()))))
                }
            }
            o = end + 1
        }
        return marks
    }

    /// Calibrates one axis from grid lines: among the assignments of `values` to lines that
    /// pass the tick residual checks and span at least half the grid's extent, the widest
    /// (printed values run along most of the axis, and minor lines halfway between major ones
    /// also fit the values at half the scale, over half the extent), then the one on the
    /// strongest lines (major grid lines rather than minor ones), then the smallest residual.
    /// Needs at least three values, so that the residuals check something.
    static func calibrate(values: [Double], lines: [TickMark], increasing: Bool) -> CalibrationFit.Match? {
        guard values.count >= 3, let first = lines.map(\.position).min(), let last = lines.map(\.position).max() else { return nil }
        let candidates = CalibrationFit.candidates(values: values, marks: lines, increasing: increasing)
            .filter { $0.span >= AxisDetector.minimumTickSpan * (last - first) }
        guard let widest = candidates.map(\.span).max() else { return nil }
        let wide = candidates.filter { $0.span >= 0.9 * widest }
        func strength(_ m: CalibrationFit.Match) -> Double {
            var total = 0.0
            for (p, _) in m.pairs {
                if let line = lines.min(by: { abs($0.position - p) < abs($1.position - p) }) { total += Double(line.length) }
            }
            return total / Double(max(1, m.pairs.count))
        }
        return wide.max { a, b in
            let sa = strength(a), sb = strength(b)
            if abs(sa - sb) > 0.1 * max(sa, sb) { return sa < sb }
            return a.rmsPixels > b.rmsPixels
        }
    }
}
