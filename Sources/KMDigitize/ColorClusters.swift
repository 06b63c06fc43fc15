import KMImage

/// A rectangle of the image, inclusive pixel bounds.
struct PixelRect: Sendable, Equatable {
    var left: Int, top: Int, right: Int, bottom: Int
    var width: Int { right - left + 1 }
    var height: Int { bottom - top + 1 }
}

/// Every pixel of the plot panel labelled with the ink colour it shows, or as background.
///
/// Colours are found as peaks of the panel's colour histogram (compared in CIELAB), then
/// anti-aliasing fringes — pale blends of a colour with the background that only occur next
/// to that colour — are folded into the colour they surround.
struct InkLabels: Sendable {
    static let background: Int16 = -1
    static let axis: Int16 = -2

    let rect: PixelRect
    /// One label per panel pixel, row-major; class index, `background` or `axis`.
    var labels: [Int16]
    var classes: [InkClass]

    @inline(__always) func label(_ x: Int, _ y: Int) -> Int16 {
        labels[(y - rect.top) * rect.width + (x - rect.left)]
    }
}

/// One ink colour of the panel and how its pixels are laid out.
struct InkClass: Sendable {
    var color: (Double, Double, Double)
    var lab: LabColor
    var count: Int
    /// Columns of the panel holding at least one pixel of this colour, as a fraction.
    var columnCoverage: Double = 0
    /// Median length of vertical runs of this colour, pixels (≈ line width for a curve).
    var medianRun: Double = 1
    /// Fraction of pixels on rows or columns that this colour fills almost entirely (grid lines).
    var gridFraction: Double = 0

    /// Share of steps between neighbouring columns where the colour's lowest pixel does not
    /// climb: near 1 for a survival curve, lower for text and symbols.
    var monotoneFraction: Double = 0

    var isLineLike: Bool { medianRun <= 9 && columnCoverage >= 0.06 && gridFraction < 0.3 && monotoneFraction >= 0.9 }
}

enum ColorClusterer {
    /// Labels the panel. `background` is the panel's fill colour.
    static func label(_ grid: PixelGrid, rect: PixelRect, background bg: (Double, Double, Double),
                      axisEdges: [AxisEdge]) -> InkLabels {
        let w = rect.width, h = rect.height
        // 1. Histogram of ink pixels (clearly different from the background), 5 bits a channel.
        var keys = [Int32](repeating: -1, count: w * h)
        var counts = [Int](repeating: 0, count: 32768)
        var sums = [(Double, Double, Double)](repeating: (0, 0, 0), count: 32768)
        var inkTotal = 0
        for y in rect.top...rect.bottom {
            for x in rect.left...rect.right {
                let c = grid.color(x, y)
                let dr = c.0 - bg.0, dg = c.1 - bg.1, db = c.2 - bg.2
                if dr * dr + dg * dg + db * db < 40 * 40 { continue }
                let key = (Int(c.0) >> 3) << 10 | (Int(c.1) >> 3) << 5 | (Int(c.2) >> 3)
                keys[(y - rect.top) * w + (x - rect.left)] = Int32(key)
                counts[key] += 1
                sums[key].0 += c.0; sums[key].1 += c.1; sums[key].2 += c.2
                inkTotal += 1
            }
        }
        // 2. Greedy peaks in CIELAB.
        let occupied = counts.indices.filter { counts[$0] > 0 }.sorted { counts[$0] > counts[$1] }
        var centers: [(Double, Double, Double)] = []
        var centerLabs: [LabColor] = []
        let minimum = max(8, inkTotal / 1000)
        var binLab = [Int: LabColor]()
        for key in occupied {
            let n = Double(counts[key])
            let mean = (sums[key].0 / n, sums[key].1 / n, sums[key].2 / n)
            let lab = LabColor(mean)
            binLab[key] = lab
            guard counts[key] >= minimum, centers.count < 24 else { continue }
            if centerLabs.allSatisfy({ $0.deltaE76(lab) > 14 }) {
                centers.append(mean)
                centerLabs.append(lab)
            }
        }
        // 3. Every ink bin goes to its nearest centre.
        var binClass = [Int16](repeating: InkLabels.background, count: 32768)
        for key in occupied {
            guard let lab = binLab[key] else { continue }
            var best = -1, bestD = Double.infinity
            for (i, c) in centerLabs.enumerated() {
                let d = c.deltaE76(lab)
                if d < bestD { bestD = d; best = i }
            }
            if best >= 0, bestD < 40 { binClass[key] = Int16(best) }
        }
        var labels = [Int16](repeating: InkLabels.background, count: w * h)
        for i in 0..<(w * h) where keys[i] >= 0 { labels[i] = binClass[Int(keys[i])] }
        // Axis lines inside the panel are not curve ink.
        for edge in axisEdges where edge.drawn {
            for a in edge.first...edge.last {
                for b in edge.start...edge.end {
                    let (x, y) = edge.orientation == .horizontal ? (b, a) : (a, b)
                    guard x >= rect.left, x <= rect.right, y >= rect.top, y <= rect.bottom else { continue }
                    labels[(y - rect.top) * w + (x - rect.left)] = InkLabels.axis
                }
            }
        }
        var classes = centers.enumerated().map { i, c in InkClass(color: c, lab: centerLabs[i], count: 0) }
        // 4. Fold anti-aliasing fringes into the colour they border.
        mergeFringes(&labels, &classes, width: w, height: h, background: bg)
        FringeFolder.fold(&labels, classes: classes, grid: grid, rect: rect, background: bg)
        describe(&classes, labels: labels, width: w, height: h)
        return InkLabels(rect: rect, labels: labels, classes: classes)
    }

    private static func mergeFringes(_ labels: inout [Int16], _ classes: inout [InkClass],
                                     width w: Int, height h: Int, background bg: (Double, Double, Double)) {
        let k = classes.count
        guard k > 1 else { return }
        var remap = Array(0..<k)
        for _ in 0..<3 {
            var count = [Int](repeating: 0, count: k)
            var adjacency = [Int](repeating: 0, count: k * k)
            for y in 0..<h {
                for x in 0..<w {
                    let l = Int(labels[y * w + x])
                    guard l >= 0 else { continue }
                    count[l] += 1
                    var seen = 0 as UInt64
                    for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                        let m = Int(labels[ny * w + nx])
                        if m >= 0, m != l, m < 64, seen & (1 << UInt64(m)) == 0 {
                            seen |= 1 << UInt64(m)
                            adjacency[l * k + m] += 1
                        }
                    }
                }
            }
            var changed = false
            let order = (0..<k).filter { count[$0] > 0 }.sorted { count[$0] < count[$1] }
            for b in order {
                var bestA = -1, bestFrac = 0.0
                for a in 0..<k where a != b && count[a] > 0 {
                        let frac = Double(adjacency[b * k + a]) / Double(max(1, count[b]))
                    // Only a paler blend of `a` with the background can be its fringe.
                    let fit = BlendModel(ink: classes[a].color, background: bg).fit(classes[b].color.0, classes[b].color.1, classes[b].color.2)
                    guard fit.residual < 30, fit.alpha < 0.9 else { continue }
                    if frac > bestFrac { bestFrac = frac; bestA = a }
                }
                guard bestA >= 0, bestFrac > 0.55 else { continue }
                remap[b] = bestA
                changed = true
            }
            guard changed else { break }
            func root(_ i: Int) -> Int { var j = i; while remap[j] != j { j = remap[j] }; return j }
            for i in 0..<labels.count where labels[i] >= 0 {
                labels[i] = Int16(root(Int(labels[i])))
            }
            for i in 0..<k { remap[i] = root(i) }
        }
    }

    private static func describe(_ classes: inout [InkClass], labels: [Int16], width w: Int, height h: Int) {
        let k = classes.count
        guard k > 0 else { return }
        var count = [Int](repeating: 0, count: k)
        var rowCount = [Int](repeating: 0, count: k * h)
        var colCount = [Int](repeating: 0, count: k * w)
        var runs = [[Int]](repeating: [], count: k)
        for x in 0..<w {
            var runLabel: Int16 = -1, runLength = 0
            for y in 0...h {
                let l: Int16 = y < h ? labels[y * w + x] : -1
                if l >= 0 {
                    count[Int(l)] += 1
                    rowCount[Int(l) * h + y] += 1
                    colCount[Int(l) * w + x] += 1
                }
                if l == runLabel { runLength += 1; continue }
                if runLabel >= 0, runs[Int(runLabel)].count < 200_000 { runs[Int(runLabel)].append(runLength) }
                runLabel = l
                runLength = 1
            }
        }
        for c in 0..<k {
            classes[c].count = count[c]
            guard count[c] > 0 else { continue }
            var columns = 0, gridPixels = 0
            for x in 0..<w where colCount[c * w + x] > 0 {
                columns += 1
                if colCount[c * w + x] > h * 9 / 10 { gridPixels += colCount[c * w + x] }
            }
            for y in 0..<h where rowCount[c * h + y] > w * 9 / 10 { gridPixels += rowCount[c * h + y] }
            classes[c].columnCoverage = Double(columns) / Double(w)
            classes[c].gridFraction = Double(gridPixels) / Double(count[c])
            // Lowest pixel per column, then the highest of those within ±3 columns, so that
            // censor ticks hanging below the line do not count as climbs.
            var lowestRow = [Int](repeating: -1, count: w)
            for x in 0..<w where colCount[c * w + x] > 0 {
                var y = h - 1
                while y > 0, labels[y * w + x] != Int16(c) { y -= 1 }
                lowestRow[x] = y
            }
            var lowest = -1, ups = 0, steps = 0
            for x in 0..<w where lowestRow[x] >= 0 {
                var y = lowestRow[x]
                for xx in max(0, x - 3)...min(w - 1, x + 3) where lowestRow[xx] >= 0 { y = min(y, lowestRow[xx]) }
                if lowest >= 0 {
                    steps += 1
                    if y < lowest - 3 { ups += 1 }
                }
                lowest = y
            }
            classes[c].monotoneFraction = steps == 0 ? 0 : 1 - Double(ups) / Double(steps)
            let sorted = runs[c].sorted()
            classes[c].medianRun = sorted.isEmpty ? 0 : Double(sorted[sorted.count / 2])
        }
    }
}
