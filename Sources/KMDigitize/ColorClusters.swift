import KMImage

/// A rectangle of the image, inclusive pixel bounds.
struct PixelRect: Sendable, Equatable {
    var left: Int, top: Int, right: Int, bottom: Int
    var width: Int { right - left + 1 }
    var height: Int { bottom - top + 1 }

    /// The same rectangle moved by (`dx`, `dy`) pixels: panel-relative to image pixels.
    func offset(by dx: Int, _ dy: Int) -> PixelRect {
        PixelRect(left: left + dx, top: top + dy, right: right + dx, bottom: bottom + dy)
    }
}

/// Every pixel of the plot panel labelled with the ink colour it shows, as background, or as
/// an axis line or printed text (which no curve is traced in).
///
/// Colours are found as peaks of the panel's colour histogram (compared in CIELAB), then
/// anti-aliasing fringes — pale blends of a colour with the background that only occur next
/// to that colour — are folded into the colour they surround.
struct InkLabels: Sendable {
    static let background: Int16 = -1
    /// Axis lines and frame sides, with their blurred edges.
    static let axis: Int16 = -2
    /// Words printed in the panel (see `TextFinder`).
    static let text: Int16 = -3

    let rect: PixelRect
    /// One label per panel pixel, row-major; class index, `background`, `axis` or `text`.
    var labels: [Int16]
    var classes: [InkClass]
    /// Boxes of the text lines labelled `text`, image pixels (inclusive).
    var textLines: [PixelRect] = []
    /// Panel pixels (row-major index) of curve colours inside a framed legend box, left of a
    /// line of its text on that line's rows: the entries' keys. They keep their colour (the
    /// legend's order is read from them) but are no arm's curve: a curve passing under the box
    /// would otherwise be traced along its own key.
    var legendKeys: [Int] = []
    /// Framed boxes with words in them (legends) that hide the curves behind them, image pixels
    /// (inclusive of their frame lines).
    var legendBoxes: [PixelRect] = []

    @inline(__always) func label(_ x: Int, _ y: Int) -> Int16 {
        labels[(y - rect.top) * rect.width + (x - rect.left)]
    }

    /// The end of the run of background labels from `start` (exclusive; `start` itself if it is
    /// not background), looking no further than `limit`. Background (-1, all bits set) fills most
    /// of a panel, so the labels are tested sixteen, then four, at a time.
    @inline(__always)
    static func endOfBackground(_ labels: UnsafePointer<Int16>, from start: Int, limit: Int) -> Int {
        let raw = UnsafeRawPointer(labels)
        var i = start
        while i + 16 <= limit {
            let all = raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt64.self)
                & raw.loadUnaligned(fromByteOffset: 2 * i + 8, as: UInt64.self)
                & raw.loadUnaligned(fromByteOffset: 2 * i + 16, as: UInt64.self)
                & raw.loadUnaligned(fromByteOffset: 2 * i + 24, as: UInt64.self)
            guard all == .max else { break }
            i += 16
        }
        while i + 4 <= limit, raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt64.self) == .max { i += 4 }
        while i < limit, labels[i] == background { i += 1 }
        return i
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
    /// Fraction of pixels on rows or columns that this colour fills almost entirely, or on two
    /// or more dotted lines across the panel (grid lines; see `GridTally`).
    var gridFraction: Double = 0

    /// Share of steps between neighbouring columns where the colour's lowest pixel does not
    /// climb: near 1 for a survival curve, lower for text and symbols.
    var monotoneFraction: Double = 0

    /// Thin enough, spread across the panel, not a grid and not climbing: a curve's colour. A
    /// line's median run is its width, at most `maximumLineWidth` pixels in a panel `panelHeight`
    /// pixels tall; filled areas (confidence bands) run taller.
    func isLineLike(panelHeight: Int) -> Bool {
        medianRun <= Self.maximumLineWidth(panelHeight: panelHeight) && columnCoverage >= 0.06 && gridFraction < 0.3
            && monotoneFraction >= 0.9
    }

    /// The widest median run a curve's colour has, pixels: 9, or a fiftieth of a taller panel's
    /// height (thick lines, and dense censor circles on them, in large figures).
    static func maximumLineWidth(panelHeight: Int) -> Double { max(9, Double(panelHeight) / 50) }
}

enum ColorClusterer {
    /// Labels the panel. `background` is the panel's fill colour.
    static func label(_ grid: PixelGrid, rect: PixelRect, background bg: (Double, Double, Double),
                      axisEdges: [AxisEdge]) -> InkLabels {
        let w = rect.width, h = rect.height
        // 1. Histogram of ink pixels (clearly different from the background), 5 bits a channel.
        //    Each ink pixel's bin goes into `labels` for now (0…32767); the rest stay background.
        var labels = [Int16](repeating: InkLabels.background, count: w * h)
        var counts = [Int](repeating: 0, count: 32768)
        // Integer sums: exact, so the bin means are what summing in `Double` gives.
        var sums = [Int](repeating: 0, count: 3 * 32768)
        var inkTotal = 0
        // Panel indices of the ink pixels, row-major. Every later stage only turns ink into
        // background, axis or text (or another class), never the reverse, so walking this list
        // instead of the whole panel finds every pixel they look at; ink is a few per cent of it.
        var ink: [Int] = []
        // The previous pixel's colour and bin (-1: not ink): a run of one colour is tested once,
        // and inside a long run of paper eight pixels are passed over at once.
        var lastR = -1, lastG = -1, lastB = -1, lastKey = -1, run = 0
        var pattern = EightPixels(255, 255, 255)
        grid.rgb.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            for y in rect.top...rect.bottom {
                var i = 3 * (y * grid.width + rect.left)
                let end = 3 * (y * grid.width + rect.right)
                var j = (y - rect.top) * w
                while i <= end {
                    if lastKey < 0, run >= 8 {
                        if !pattern.isColor(lastR, lastG, lastB) { pattern = EightPixels(UInt8(lastR), UInt8(lastG), UInt8(lastB)) }
                        while i + 21 <= end, pattern.match(base + i) { i += 24; j += 8 }
                        guard i <= end else { break }
                    }
                    let p = base + i
                    let r = Int(p.load(as: UInt8.self)), g = Int(p.load(fromByteOffset: 1, as: UInt8.self))
                    let b = Int(p.load(fromByteOffset: 2, as: UInt8.self))
                    i += 3
                    if r != lastR || g != lastG || b != lastB {
                        lastR = r; lastG = g; lastB = b; run = 0
                        let dr = Double(r) - bg.0, dg = Double(g) - bg.1, db = Double(b) - bg.2
                        lastKey = dr * dr + dg * dg + db * db < 40 * 40 ? -1 : (r >> 3) << 10 | (g >> 3) << 5 | (b >> 3)
                    }
                    run += 1
                    if lastKey >= 0 {
                        labels[j] = Int16(lastKey)
                        ink.append(j)
                        counts[lastKey] += 1
                        sums[3 * lastKey] += r; sums[3 * lastKey + 1] += g; sums[3 * lastKey + 2] += b
                        inkTotal += 1
                    }
                    j += 1
                }
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
            let mean = (Double(sums[3 * key]) / n, Double(sums[3 * key + 1]) / n, Double(sums[3 * key + 2]) / n)
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
        for i in ink { labels[i] = binClass[Int(labels[i])] }
        // Axis lines inside the panel are not curve ink, and neither are their blurred or
        // anti-aliased edges, which a grey curve's colour would otherwise claim.
        for edge in axisEdges where edge.drawn {
            let covered = fringeExtent(of: edge, grid: grid, rect: rect, labels: labels, background: bg)
            for a in covered {
                for b in edge.start...edge.end {
                    let (x, y) = edge.orientation == .horizontal ? (b, a) : (a, b)
                    guard x >= rect.left, x <= rect.right, y >= rect.top, y <= rect.bottom else { continue }
                    labels[(y - rect.top) * w + (x - rect.left)] = InkLabels.axis
                }
            }
        }
        ink.removeAll { labels[$0] < 0 }
        var classes = centers.enumerated().map { i, c in InkClass(color: c, lab: centerLabs[i], count: 0) }
        // 4. Fold anti-aliasing fringes into the colour they border.
        mergeFringes(&labels, &classes, ink: ink, width: w, height: h, background: bg)
        FringeFolder.fold(&labels, ink: ink, classes: classes, grid: grid, rect: rect, background: bg)
        // 5. Printed words are not curve ink.
        let text = TextFinder.lines(labels: labels, width: w, height: h, ink: ink)
        for line in text { for i in line.pixels { labels[i] = InkLabels.text } }
        // 6. A framed box with words in it (a legend) hides the curves behind it: its paper and
        //    its frame are not empty paper but cover, like text. Its words stay text; its keys
        //    keep their colour (the legend reader reads them) and are listed as `legendKeys`.
        let textBoxes = text.map(\.box)
        var legendKeys: [Int] = []
        let legendBoxes = LegendBoxFinder.boxes(labels: labels, width: w, height: h, text: textBoxes, ink: ink)
        for box in legendBoxes {
            for line in textBoxes where line.left > box.left + LegendBoxFinder.maximumLineWidth && line.right < box.right
                && line.top > box.top && line.bottom < box.bottom {
                for y in line.top...line.bottom {
                    for x in (box.left + LegendBoxFinder.maximumLineWidth)..<line.left where labels[y * w + x] >= 0 {
                        legendKeys.append(y * w + x)
                    }
                }
            }
            let frame = Set([labels[box.top * w + (box.left + box.right) / 2], labels[box.bottom * w + (box.left + box.right) / 2]])
            for y in box.top...box.bottom {
                for x in box.left...box.right {
                    let i = y * w + x
                    let onFrame = x - box.left < LegendBoxFinder.maximumLineWidth || box.right - x < LegendBoxFinder.maximumLineWidth
                        || y - box.top < LegendBoxFinder.maximumLineWidth || box.bottom - y < LegendBoxFinder.maximumLineWidth
                    if labels[i] == InkLabels.background || (onFrame && frame.contains(labels[i])) { labels[i] = InkLabels.text }
                }
            }
        }
        describe(&classes, labels: labels, ink: ink, width: w, height: h)
        return InkLabels(rect: rect, labels: labels, classes: classes, textLines: textBoxes.map { $0.offset(by: rect.left, rect.top) },
                         legendKeys: legendKeys, legendBoxes: legendBoxes.map { $0.offset(by: rect.left, rect.top) })
    }

    /// Deepest anti-aliased or blurred edge an axis line is widened by on each side, pixels.
    static let maximumAxisFringe = 3

    /// The rows (for a horizontal edge; columns for a vertical one) an axis line covers: its own,
    /// plus up to `maximumAxisFringe` on each side whose pixels, along at least 60 % of the
    /// line's stretch inside the panel, are ink in a blend of the line's colour with the
    /// background. A curve never runs beside an axis for most of its length; a line's fringe does.
    static func fringeExtent(of edge: AxisEdge, grid: PixelGrid, rect: PixelRect, labels: [Int16],
                             background bg: (Double, Double, Double)) -> ClosedRange<Int> {
        let horizontal = edge.orientation == .horizontal
        let lo = max(edge.start, horizontal ? rect.left : rect.top), hi = min(edge.end, horizontal ? rect.right : rect.bottom)
        guard hi - lo >= 20 else { return edge.first...edge.last }
        func pixel(_ across: Int, _ along: Int) -> (x: Int, y: Int) { horizontal ? (along, across) : (across, along) }
        // The line's colour: the mean of its darkest row (column) of pixels.
        var darkest = edge.first, darkestLuma = Int.max
        for a in edge.first...edge.last {
            var sum = 0
            for b in lo...hi { let p = pixel(a, b); sum += grid.lum(p.x, p.y) }
            if sum < darkestLuma { darkestLuma = sum; darkest = a }
        }
        var mean = (0.0, 0.0, 0.0)
        for b in lo...hi {
            let p = pixel(darkest, b), c = grid.color(p.x, p.y)
            mean.0 += c.0; mean.1 += c.1; mean.2 += c.2
        }
        let n = Double(hi - lo + 1)
        let model = BlendModel(ink: (mean.0 / n, mean.1 / n, mean.2 / n), background: bg)
        func isFringe(_ across: Int) -> Bool {
            var hits = 0
            for b in lo...hi {
                let p = pixel(across, b)
                guard p.x >= rect.left, p.x <= rect.right, p.y >= rect.top, p.y <= rect.bottom,
                      labels[(p.y - rect.top) * rect.width + (p.x - rect.left)] >= 0 else { continue }
                let c = grid.color(p.x, p.y)
                if model.fit(c.0, c.1, c.2).residual < 25 { hits += 1 }
            }
            return Double(hits) >= 0.6 * n
        }
        var first = edge.first, last = edge.last
        while edge.first - first < Self.maximumAxisFringe, isFringe(first - 1) { first -= 1 }
        while last - edge.last < Self.maximumAxisFringe, isFringe(last + 1) { last += 1 }
        return first...last
    }

    /// Merges classes that are mostly the fringe of another into it. `ink` lists the panel
    /// indices (row-major) of every pixel with a class.
    private static func mergeFringes(_ labels: inout [Int16], _ classes: inout [InkClass], ink: [Int],
                                     width w: Int, height h: Int, background bg: (Double, Double, Double)) {
        let k = classes.count
        guard k > 1 else { return }
        // Only a paler blend of class `a` with the background can be a fringe of `a`, so only
        // such a class's pixels need their neighbours counted (`fringeOf[b * k + a]`).
        let fringeOf = FringeFolder.palerPairs(classes, background: bg)
        let mayBeFringe = (0..<k).map { b in (0..<k).contains { fringeOf[b * k + $0] } }
        guard mayBeFringe.contains(true) else { return }
        var remap = Array(0..<k)
        for _ in 0..<3 {
            var count = [Int](repeating: 0, count: k)
            var adjacency = [Int](repeating: 0, count: k * k)
            labels.withUnsafeBufferPointer { labels in
                count.withUnsafeMutableBufferPointer { count in
                    adjacency.withUnsafeMutableBufferPointer { adjacency in
                        // The row of pixel `i`, followed along the row-major list without dividing.
                        var y = 0, rowStart = 0
                        for i in ink {
                            let l = Int(labels[i])
                            guard l >= 0 else { continue }
                            while i >= rowStart + w { rowStart += w; y += 1 }
                            let x = i - rowStart
                            count[l] += 1
                            guard mayBeFringe[l] else { continue }
                            // Each other class among the 4 neighbours counts once.
                            var seen = 0 as UInt64
                            @inline(__always) func neighbour(_ j: Int) {
                                let m = Int(labels[j])
                                if m >= 0, m != l, m < 64, seen & (1 << UInt64(m)) == 0 {
                                    seen |= 1 << UInt64(m)
                                    adjacency[l * k + m] += 1
                                }
                            }
                            if x + 1 < w { neighbour(i + 1) }
                            if x > 0 { neighbour(i - 1) }
                            if y + 1 < h { neighbour(i + w) }
                            if y > 0 { neighbour(i - w) }
                        }
                    }
                }
            }
            var changed = false
            let order = (0..<k).filter { count[$0] > 0 }.sorted { count[$0] < count[$1] }
            for b in order {
                var bestA = -1, bestFrac = 0.0
                for a in 0..<k where fringeOf[b * k + a] && count[a] > 0 {
                    let frac = Double(adjacency[b * k + a]) / Double(max(1, count[b]))
                    if frac > bestFrac { bestFrac = frac; bestA = a }
                }
                guard bestA >= 0, bestFrac > 0.55 else { continue }
                // Two pale classes that are each other's fringe: the first merge stands.
                var r = bestA
                while remap[r] != r { r = remap[r] }
                guard r != b else { continue }
                remap[b] = bestA
                changed = true
            }
            guard changed else { break }
            func root(_ i: Int) -> Int { var j = i; while remap[j] != j { j = remap[j] }; return j }
            for i in ink where labels[i] >= 0 { labels[i] = Int16(root(Int(labels[i]))) }
            for i in 0..<k { remap[i] = root(i) }
        }
    }

    /// Counts and layout of each class. `ink` lists (row-major) every index whose label may be a class.
    private static func describe(_ classes: inout [InkClass], labels: [Int16], ink: [Int], width w: Int, height h: Int) {
        let k = classes.count
        guard k > 0 else { return }
        var count = [Int](repeating: 0, count: k)
        var rowCount = [Int](repeating: 0, count: k * h)
        var colCount = [Int](repeating: 0, count: k * w)
        // Lowest row (largest y) of each class in each column, -1 where it has none; its
        // highest row there, and its first and last column in each row.
        var lowestRow = [Int](repeating: -1, count: k * w)
        var highestRow = [Int](repeating: -1, count: k * w)
        var firstColumn = [Int](repeating: -1, count: k * h), lastColumn = [Int](repeating: -1, count: k * h)
        // Vertical runs per class as a histogram of their lengths (1…h): a run starts at a pixel
        // whose upper neighbour has another label and ends at one whose lower neighbour has.
        var runHistogram = [Int](repeating: 0, count: k * (h + 1))
        var runTotal = [Int](repeating: 0, count: k)
        var runStart = [Int](repeating: 0, count: w)
        labels.withUnsafeBufferPointer { labels in
            // The row of pixel `i`, followed along the row-major list without dividing.
            var y = 0, rowStart = 0
            for i in ink {
                let l = labels[i]
                guard l >= 0 else { continue }
                while i >= rowStart + w { rowStart += w; y += 1 }
                let x = i - rowStart
                let c = Int(l)
                count[c] += 1
                if rowCount[c * h + y] == 0 { firstColumn[c * h + y] = x }
                if colCount[c * w + x] == 0 { highestRow[c * w + x] = y }
                rowCount[c * h + y] += 1
                colCount[c * w + x] += 1
                lowestRow[c * w + x] = y
                lastColumn[c * h + y] = x
                if y == 0 || labels[i - w] != l { runStart[x] = y }
                if y == h - 1 || labels[i + w] != l {
                    runHistogram[c * (h + 1) + y - runStart[x] + 1] += 1
                    runTotal[c] += 1
                }
            }
        }
        // The median run; beyond 200,000 runs a class's median is taken over its first 200,000
        // runs in column order (see `cappedMedianRuns`), as it always was.
        var medianRun = [Double](repeating: 0, count: k)
        for c in 0..<k where runTotal[c] > 0 {
            var seen = 0
            for length in 1...h {
                seen += runHistogram[c * (h + 1) + length]
                if seen > runTotal[c] / 2 { medianRun[c] = Double(length); break }
            }
        }
        if runTotal.contains(where: { $0 > 200_000 }) {
            let capped = cappedMedianRuns(labels: labels, classes: k, width: w, height: h)
            for c in 0..<k where runTotal[c] > 200_000 { medianRun[c] = capped[c] }
        }
        for c in 0..<k {
            classes[c].count = count[c]
            guard count[c] > 0 else { continue }
            var columns = 0, gridPixels = 0
            var dottedColumns = GridTally(), dottedRows = GridTally()
            for x in 0..<w where colCount[c * w + x] > 0 {
                columns += 1
                let n = colCount[c * w + x]
                if n > h * 9 / 10 {
                    gridPixels += n
                } else {
                    dottedColumns.add(x, pixels: n, span: lowestRow[c * w + x] - highestRow[c * w + x] + 1, across: h)
                }
            }
            for y in 0..<h where rowCount[c * h + y] > 0 {
                let n = rowCount[c * h + y]
                if n > w * 9 / 10 {
                    gridPixels += n
                } else {
                    dottedRows.add(y, pixels: n, span: lastColumn[c * h + y] - firstColumn[c * h + y] + 1, across: w)
                }
            }
            gridPixels += dottedColumns.gridPixels + dottedRows.gridPixels
            classes[c].columnCoverage = Double(columns) / Double(w)
            classes[c].gridFraction = Double(gridPixels) / Double(count[c])
            // Lowest pixel per column, then the highest of those within ±3 columns, so that
            // censor ticks hanging below the line do not count as climbs.
            let lowestRow = Array(lowestRow[(c * w)..<(c * w + w)])
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
            classes[c].medianRun = medianRun[c]
        }
    }

    /// Dotted or dashed grid lines of one class and orientation: rows (columns) that the class
    /// spans across at least 80 % of the panel, inked along at least a quarter of the span.
    /// Neighbouring rows make one line; they count as grid only when there are two lines or
    /// more, since a curve has at most one level (or drop) that long.
    private struct GridTally {
        var lines = 0
        var pixels = 0
        private var last = Int.min

        mutating func add(_ position: Int, pixels n: Int, span: Int, across length: Int) {
            guard 10 * span >= 8 * length, 4 * n >= span else { return }
            if position != last + 1 { lines += 1 }
            last = position
            pixels += n
        }

        var gridPixels: Int { lines >= 2 ? pixels : 0 }
    }

    /// Per class, the median length of its first 200,000 vertical runs in column order (0 for
    /// none): the median for classes with more runs than that.
    private static func cappedMedianRuns(labels: [Int16], classes k: Int, width w: Int, height h: Int) -> [Double] {
        var runs = [[Int]](repeating: [], count: k)
        for x in 0..<w {
            var runLabel: Int16 = -1, runLength = 0
            for y in 0...h {
                let l: Int16 = y < h ? labels[y * w + x] : -1
                if l == runLabel { runLength += 1; continue }
                if runLabel >= 0, runs[Int(runLabel)].count < 200_000 { runs[Int(runLabel)].append(runLength) }
                runLabel = l
                runLength = 1
            }
        }
        return runs.map { r in
            let sorted = r.sorted()
            return sorted.isEmpty ? 0 : Double(sorted[sorted.count / 2])
        }
    }
}
