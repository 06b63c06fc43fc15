import KMImage

/// Where a Kaplan–Meier plot sits on its figure, found without any tick values: the panel box
/// and the tick positions along both axes. This is what reading the tick labels needs before
/// anything is known about them.
///
/// Pixels have their origin at the image's top-left, x to the right, y down; positions are
/// pixel indices (the centre of column 3 is 3.0).
public struct PlotLocation: Sendable, Equatable {
    /// Where an axis's tick positions came from.
    public enum TickSource: String, Sendable, Equatable {
        /// Short strokes across the axis line.
        case tickMarks
        /// Grid lines across the panel (figures drawn without tick marks).
        case gridLines
        /// Neither was found.
        case none
    }

    /// The y axis line (or the panel's left border), a column, pixels.
    public var left: Double
    /// The panel's top, a row, pixels.
    public var top: Double
    /// The panel's right end, a column, pixels.
    public var right: Double
    /// The x axis line (or the panel's bottom border), a row, pixels.
    public var bottom: Double
    /// Columns of the x tick marks (or vertical grid lines), increasing, pixels.
    public var xTickPixels: [Double]
    /// Rows of the y tick marks (or horizontal grid lines), increasing, pixels.
    public var yTickPixels: [Double]
    public var xTickSource: TickSource
    public var yTickSource: TickSource

    public init(left: Double, top: Double, right: Double, bottom: Double, xTickPixels: [Double], yTickPixels: [Double],
                xTickSource: TickSource, yTickSource: TickSource) {
        self.left = left; self.top = top; self.right = right; self.bottom = bottom
        self.xTickPixels = xTickPixels; self.yTickPixels = yTickPixels
        self.xTickSource = xTickSource; self.yTickSource = yTickSource
    }
}

/// Finds the plot panel and its tick positions with no tick values: the y axis is the vertical
/// axis line (or filled-panel border) with the most tick marks on its left, preferring the
/// leftmost; the x axis is the horizontal one with the most tick marks below it whose span starts
/// at the y axis. Ticks are ``TickDetector`` marks along those lines; an axis without marks takes
/// the grid lines across the panel instead.
///
/// Returns nil when the figure has no axis line, panel border or grid to go by.
public func locatePlot(_ raster: Raster) -> PlotLocation? {
    guard raster.width >= 40, raster.height >= 40 else { return nil }
    let grid = PixelGrid(raster)
    return PlotLocator(grid: grid).locate()
}

/// The steps of ``locatePlot(_:)``.
struct PlotLocator {
    let grid: PixelGrid
    /// Fewest marks that make a tick row.
    static let minimumMarks = 3
    /// Rows within which an x axis line meets the y axis line's lower end, pixels.
    static let cornerReach = 6
    /// Grid pixels are at least this light (luma); darker ones are text, ticks or curves.
    static let lightLuma = 150

    /// Marks along `edge` on whichever side has more (outward first on a tie), with marks much
    /// shorter than the typical one (minor ticks) kept: label snapping only uses the nearest.
    func marks(_ edge: AxisEdge, inkLuma: Int = TickDetector.inkLuma) -> [TickMark] {
        let outward = TickDetector.ticks(along: edge, outward: true, in: grid, inkLuma: inkLuma)
        let inward = TickDetector.ticks(along: edge, outward: false, in: grid, inkLuma: inkLuma)
        return inward.count > outward.count ? inward : outward
    }

    /// The panel from the dark axis lines; when those do not give both axes tick marks, from
    /// grey ones (``AxisLineDetector/greyEdges(in:)``) if those do.
    func locate() -> PlotLocation? {
        let dark = locate(edges: AxisLineDetector.edges(in: grid), inkLuma: TickDetector.inkLuma)
        guard !dark.credible else { return dark.location }
        let grey = locate(edges: AxisLineDetector.greyEdges(in: grid), inkLuma: TickDetector.greyInkLuma)
        return grey.credible ? grey.location : dark.location
    }

    /// The panel and ticks from `edges`, with tick pixels darker than `inkLuma`; `credible` when
    /// both axes have tick marks.
    func locate(edges: [AxisEdge], inkLuma: Int) -> (location: PlotLocation?, credible: Bool) {
        func marks(_ edge: AxisEdge) -> [TickMark] { self.marks(edge, inkLuma: inkLuma) }
        let vertical = edges.filter { $0.orientation == .vertical }
        let horizontal = edges.filter { $0.orientation == .horizontal }
        // y axis: most marks, then leftmost.
        let yScored = vertical.map { (edge: $0, marks: marks($0)) }
        let yBest = yScored.filter { $0.marks.count >= Self.minimumMarks }
            .max { a, b in a.marks.count != b.marks.count ? a.marks.count < b.marks.count : a.edge.first > b.edge.first }
            ?? yScored.min { $0.edge.first < $1.edge.first }
        // x axis: among lines that reach the y axis and lie in its lower half (a frame's top
        // side, with censor marks hanging from it, is not the x axis), most marks, then lowest.
        let yColumn = yBest.map { Double($0.edge.first + $0.edge.last) / 2 }
        let reaching = horizontal.filter { e in
            guard let y = yBest?.edge, let c = yColumn else { return true }
            return Double(e.start) <= c + 0.05 * Double(grid.width) && Double(e.end) > c + 0.2 * Double(grid.width)
                && e.first >= (y.start + y.end) / 2
        }
        let xScored = (reaching.isEmpty ? horizontal : reaching).map { (edge: $0, marks: marks($0)) }
        // Most marks; then the line that meets the y axis's lower end (a risk table drawn as a
        // panel of its own below, as survminer can, has an x axis of its own further down);
        // then the lowest.
        func cornerGap(_ e: AxisEdge) -> Int { yBest.map { abs(e.first - $0.edge.end) } ?? 0 }
        let xBest = xScored.filter { $0.marks.count >= Self.minimumMarks }
            .max { a, b in
                if a.marks.count != b.marks.count { return a.marks.count < b.marks.count }
                let ga = cornerGap(a.edge), gb = cornerGap(b.edge)
                if min(ga, gb) <= Self.cornerReach, max(ga, gb) > Self.cornerReach { return ga > gb }
                return a.edge.first < b.edge.first
            }
            ?? xScored.max { $0.edge.first < $1.edge.first }

        // Without a credible axis line (ggplot's minimal theme, seaborn), the grid's extent is the panel.
        let xCredible = (xBest?.marks.count ?? 0) >= Self.minimumMarks
        let yCredible = (yBest?.marks.count ?? 0) >= Self.minimumMarks
        let vLines = xCredible && yCredible ? [] : GridLineDetector.lines(in: grid, vertical: true).map(\.position)
        let hLines = xCredible && yCredible ? [] : GridLineDetector.lines(in: grid, vertical: false).map(\.position)
        let vExtent = xCredible ? nil : extent(of: vLines, vertical: true)
        let hExtent = yCredible ? nil : extent(of: hLines, vertical: false)
        guard xBest != nil || yBest != nil || (vExtent != nil && hExtent != nil) else { return (nil, false) }

        var left = yColumn ?? xBest.map { Double($0.edge.start) } ?? Double(grid.width / 10)
        var bottom = xBest.map { Double($0.edge.first + $0.edge.last) / 2 } ?? yBest.map { Double($0.edge.end) } ?? Double(grid.height * 9 / 10)
        var top = yBest.map { Double($0.edge.start) } ?? 0
        var right = xBest.map { Double($0.edge.end) } ?? Double(grid.width - 1)
        if let v = vExtent { top = Double(v.lowerBound); bottom = Double(v.upperBound) }
        if let h = hExtent { left = Double(h.lowerBound); right = Double(h.upperBound) }

        // Tick marks on a panel border that is not a drawn line (they hang from the panel's edge).
        var xMarks = xBest?.marks, yMarks = yBest?.marks
        if !xCredible {
            let edge = AxisEdge(orientation: .horizontal, first: Int(bottom.rounded()), last: Int(bottom.rounded()),
                                start: Int(left.rounded()), end: Int(right.rounded()), drawn: false)
            let found = TickDetector.ticks(along: edge, outward: true, in: grid, inkLuma: inkLuma)
            if found.count >= Self.minimumMarks { xMarks = found }
        }
        if !yCredible {
            let edge = AxisEdge(orientation: .vertical, first: Int(left.rounded()), last: Int(left.rounded()),
                                start: Int(top.rounded()), end: Int(bottom.rounded()), drawn: false)
            let found = TickDetector.ticks(along: edge, outward: true, in: grid, inkLuma: inkLuma)
            if found.count >= Self.minimumMarks { yMarks = found }
        }

        func ticks(_ found: [TickMark]?, lines: [Double], from low: Double, to high: Double) -> ([Double], PlotLocation.TickSource) {
            if let found, found.count >= 2 { return (found.map(\.position).sorted(), .tickMarks) }
            let inside = lines.filter { $0 >= low - 2 && $0 <= high + 2 }.sorted()
            return inside.count >= 2 ? (inside, .gridLines) : ([], .none)
        }
        let (xTicks, xSource) = ticks(xMarks, lines: vLines.isEmpty && !xCredible ? [] : vLines, from: left, to: right)
        let (yTicks, ySource) = ticks(yMarks, lines: hLines, from: top, to: bottom)
        return (PlotLocation(left: left, top: top, right: right, bottom: bottom, xTickPixels: xTicks, yTickPixels: yTicks,
                             xTickSource: xSource, yTickSource: ySource), xCredible && yCredible)
    }

    /// The span shared by most grid lines: per line its longest stretch (gaps of up to 1/150 of
    /// the image allowed, where curves cross it), then the start and end shared by most lines. Pixels; nil
    /// for fewer than two lines.
    func extent(of lines: [Double], vertical: Bool) -> ClosedRange<Int>? {
        guard lines.count >= 2 else { return nil }
        let inner = vertical ? grid.height : grid.width
        let outer = vertical ? grid.width : grid.height
        let reach = GridLineDetector.reach
        let maximumGap = max(6, inner / 150)
        var starts: [Int] = [], ends: [Int] = []
        for line in lines {
            let o = Int(line.rounded())
            guard o - 1 - reach >= 0, o + 1 + reach < outer else { continue }
            func lum(_ o: Int, _ i: Int) -> Int { vertical ? grid.lum(o, i) : grid.lum(i, o) }
            var best: (Int, Int)? = nil
            var runStart = -1, lastHit = -1_000_000
            for i in 0..<inner {
                // Grid lines are light; dark pixels on them are labels, ticks or curves.
                let hit = (o - 1...o + 1).contains { c in
                    let l = lum(c, i)
                    return l >= Self.lightLuma && l + GridLineDetector.minimumContrast <= min(lum(c - reach, i), lum(c + reach, i))
                }
                guard hit else { continue }
                if runStart < 0 || i - lastHit > maximumGap { runStart = i }
                lastHit = i
                if best == nil || lastHit - runStart > best!.1 - best!.0 { best = (runStart, lastHit) }
            }
            if let best { starts.append(best.0); ends.append(best.1) }
        }
        guard starts.count >= 2 else { return nil }
        // Every curve starts at the panel's top left, so curves and their bands break vertical
        // lines near the top: for those, the quartiles nearest the edges; else the medians.
        let q = vertical ? starts.count / 4 : starts.count / 2
        let s = starts.sorted()[q], e = ends.sorted()[ends.count - 1 - q]
        return e > s ? s...e : nil
    }
}
