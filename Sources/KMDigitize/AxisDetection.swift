import KMImage

/// The figure's axes: calibrations for both axes and the panel the curves live in.
struct PlotAxes: Sendable {
    var x: AxisCalibration
    /// Row → y value in printed units.
    var y: AxisCalibration
    var panel: PixelRect
    /// Drawn axis lines and frame sides, masked out of the curve search.
    var edges: [AxisEdge]
    /// What a user should check about the calibration.
    var notes: [String] = []
}

/// Calibrates both axes from the printed tick values (or the spec's manual calibration) and
/// derives the plot panel.
enum AxisDetector {
    /// Share of its axis line the printed ticks must span. Labels run along most of the axis
    /// (at least 0.78 of it on all 372 benchmark, sample and stress axes); small regular marks
    /// bunched in a part of it (minor ticks, JPEG blocks, a curve's step corners), or minor grid
    /// lines as strong as the major ones, can fit the values on a smaller scale over half the
    /// axis, and such a fit is refused rather than used.
    static let minimumTickSpan = 0.6

    static func detect(_ grid: PixelGrid, request: DigitizeRequest) throws(DigitizeError) -> PlotAxes {
        guard grid.width >= 40, grid.height >= 40 else { throw .imageTooSmall(width: grid.width, height: grid.height) }
        let edges = AxisLineDetector.edges(in: grid)
        var notes: [String] = []
        // Grey axis lines and ticks, found only if the printed ticks match nothing darker.
        var greyEdges: [AxisEdge]? = nil
        func grey() -> [AxisEdge] {
            if let known = greyEdges { return known }
            let found = AxisLineDetector.greyEdges(in: grid)
            greyEdges = found
            return found
        }

        // y first: its lowest tick tells which horizontal edge is the x axis of this panel.
        var yEdge: AxisEdge? = nil
        let y: AxisCalibration
        if let manual = request.manualY {
            y = try manualCalibration(manual, axis: "y", size: grid.height)
        } else {
            try validate(request.yTicks, axis: "y")
            let found = try calibrate(axis: "y", values: request.yTicks, increasing: false, orientation: .vertical,
                                      grid: grid, edges: edges, grey: grey, notes: &notes,
                                      extraMark: { _, _ in nil },
                                      better: { m, edge, b, bEdge in
                                          m.rmsPixels < 0.6 && b.rmsPixels < 0.6 ? edge.first < bEdge.first : m.rmsPixels < b.rmsPixels
                                      })
            y = found.calibration
            yEdge = found.edge
        }
        let yLowRow = y.pixel(forValue: request.manualY?.map(\.value).min() ?? request.yTicks.first ?? 0)

        var xEdge: AxisEdge? = nil
        let x: AxisCalibration
        if let manual = request.manualX {
            x = try manualCalibration(manual, axis: "x", size: grid.width)
        } else {
            try validate(request.xTicks, axis: "x")
            let found = try calibrate(axis: "x", values: request.xTicks, increasing: true, orientation: .horizontal,
                                      grid: grid, edges: edges, grey: grey, notes: &notes,
                                      extraMark: { edge, marks in cornerMark(on: edge, yAxis: yEdge, marks: marks) },
                                      better: { m, edge, b, bEdge in
                                          // Prefer the first good axis at or below the lowest y tick.
                                          let mBelow = Double(edge.last) >= yLowRow - 3, bBelow = Double(bEdge.last) >= yLowRow - 3
                                          if m.rmsPixels < 0.8 && b.rmsPixels < 0.8 {
                                              return mBelow != bBelow ? mBelow : (mBelow ? edge.first < bEdge.first : edge.first > bEdge.first)
                                          }
                                          return m.rmsPixels < b.rmsPixels
                                      })
            x = found.calibration
            xEdge = found.edge
        }

        // Every tick must land on the image.
        let xValues = request.manualX?.map(\.value) ?? request.xTicks
        for v in xValues {
            let p = x.pixel(forValue: v)
            if p < -0.5 || p > Double(grid.width) - 0.5 { throw .calibrationOffImage(axis: "x", pixel: p, size: grid.width) }
        }
        let yValues = request.manualY?.map(\.value) ?? request.yTicks
        for v in yValues {
            let p = y.pixel(forValue: v)
            if p < -0.5 || p > Double(grid.height) - 0.5 { throw .calibrationOffImage(axis: "y", pixel: p, size: grid.height) }
        }

        // The panel: from time 0 to the end of the x axis, from just above survival 1 down to
        // the x axis.
        let percent = request.yInPercent
        let one = percent ? 100.0 : 1.0
        let topValue = max(one, yValues.max() ?? one)
        let topRow = y.pixel(forValue: topValue)
        let bottomValueRow = y.pixel(forValue: yValues.min() ?? 0)
        let span = max(10, bottomValueRow - topRow)
        let left = max(0, Int(x.pixel(forValue: min(0, xValues.first ?? 0)).rounded()))
        let lastTick = x.pixel(forValue: xValues.max() ?? 0)
        var right = Int((lastTick + 0.02 * (lastTick - Double(left))).rounded())
        if let e = xEdge, Double(e.end) > lastTick { right = e.end }
        right = min(grid.width - 1, right)
        let top = max(0, Int((topRow - max(4, 0.04 * span)).rounded()))
        var bottom = Int((bottomValueRow + max(3, 0.02 * span)).rounded())
        if let e = xEdge, Double(e.first) >= bottomValueRow - 3 { bottom = max(bottom, e.first - 1) }
        bottom = min(grid.height - 1, bottom)
        guard right - left >= 10, bottom - top >= 10 else {
            throw .ticksNotMatched(axis: "x", ticks: request.xTicks, marksFound: 0)
        }
        // Mask only lines on the panel's border (axes, frame); a long flat stretch of a dark
        // curve also looks like a line and must stay.
        let panelRect = PixelRect(left: left, top: top, right: right, bottom: bottom)
        // The grey lines' pass found the axes: its lines are the figure's axes and frame.
        let lines = greyEdges.map { grey in edges + grey.filter { !edges.contains($0) } } ?? edges
        var drawn = lines.filter { e in
            guard e.drawn else { return false }
            if e == xEdge || e == yEdge { return true }
            switch e.orientation {
            // A frame line above survival 1 cannot be a curve either.
            case .horizontal: return e.last <= panelRect.top + 2 || e.first >= panelRect.bottom - 2 || Double(e.last) < topRow - 2
            case .vertical: return e.last <= panelRect.left + 2 || e.first >= panelRect.right - 2
            }
        }
        if let e = yEdge, !drawn.contains(e) { drawn.append(e) }
        return PlotAxes(x: x, y: y, panel: panelRect, edges: drawn, notes: notes)
    }

    /// One axis's calibration from its printed `values`: tick marks on the dark lines of
    /// `orientation`, else grid lines across that axis, else tick marks on grey lines (`grey`),
    /// else, with ``minimumTicksForOneMissing`` values or more, marks with one value missing
    /// between matched ones (a note says which). Among the lines whose marks match, `better`
    /// says whether a match (and its line) beats the best so far; `extraMark` may add a mark the
    /// tick search cannot see (the corner where the axes meet). The line is nil for grid lines.
    static func calibrate(axis: String, values: [Double], increasing: Bool, orientation: AxisEdge.Orientation,
                          grid: PixelGrid, edges: [AxisEdge], grey: () -> [AxisEdge], notes: inout [String],
                          extraMark: (AxisEdge, [TickMark]) -> TickMark?,
                          better: (CalibrationFit.Match, AxisEdge, CalibrationFit.Match, AxisEdge) -> Bool)
        throws(DigitizeError) -> (calibration: AxisCalibration, edge: AxisEdge?) {
        var marksSeen = 0
        func match(_ candidates: [AxisEdge], inkLuma: Int, allowMissing: Int = 0,
                   excess: Int = TickDetector.tickExcess) -> (CalibrationFit.Match, AxisEdge)? {
            var best: (CalibrationFit.Match, AxisEdge)? = nil
            for edge in candidates where edge.orientation == orientation {
                for outward in [true, false] {
                    var marks = TickDetector.ticks(along: edge, outward: outward, in: grid, inkLuma: inkLuma, excess: excess)
                    marksSeen = max(marksSeen, marks.count)
                    if let extra = extraMark(edge, marks) { marks.append(extra) }
                    guard let m = CalibrationFit.match(values: values, marks: marks, increasing: increasing,
                                                       minimumSpan: minimumTickSpan * Double(edge.length),
                                                       allowMissing: allowMissing) else { continue }
                    if let b = best, !better(m, edge, b.0, b.1) { continue }
                    best = (m, edge)
                }
            }
            return best
        }
        if let found = match(edges, inkLuma: TickDetector.inkLuma) { return (found.0.calibration, found.1) }
        // No tick marks: the grid lines across the axis mark the printed values.
        if let gridded = GridLineDetector.calibrate(values: values, lines: GridLineDetector.lines(in: grid, vertical: orientation == .horizontal),
                                                    increasing: increasing) {
            return (gridded.calibration, nil)
        }
        if let found = match(grey(), inkLuma: TickDetector.greyInkLuma) { return (found.0.calibration, found.1) }
        if values.count >= minimumTicksForOneMissing,
           let found = match(edges, inkLuma: TickDetector.inkLuma, allowMissing: 1)
            ?? match(grey(), inkLuma: TickDetector.greyInkLuma, allowMissing: 1) {
            notes.append(missingTickNote(axis, found.0))
            return (found.0.calibration, found.1)
        }
        // A small figure: ticks a pixel or two long, every printed value on one.
        if values.count >= minimumTicksForShortMarks,
           let found = match(edges, inkLuma: TickDetector.inkLuma, excess: TickDetector.shortTickExcess)
            ?? match(grey(), inkLuma: TickDetector.greyInkLuma, excess: TickDetector.shortTickExcess) {
            notes.append("the \(axis) axis was calibrated from tick marks only a pixel or two long; check it")
            return (found.0.calibration, found.1)
        }
        throw .ticksNotMatched(axis: axis, ticks: values, marksFound: marksSeen)
    }

    /// Fewest printed ticks for which one may lack its mark: the other four or more, evenly
    /// spaced on one line, still fix the scale and check it.
    static let minimumTicksForOneMissing = 5

    /// Fewest printed ticks to calibrate from marks only a pixel beyond the axis's fringe: such
    /// marks include specks, and four or more evenly spaced values fitting them are not chance.
    static let minimumTicksForShortMarks = 4

    static func missingTickNote(_ axis: String, _ match: CalibrationFit.Match) -> String {
        let values = match.missing.map(printedNumber).joined(separator: ", ")
        return "the \(axis) tick \(values) has no tick mark on the image; the other \(match.pairs.count) calibrate the \(axis) axis; check it"
    }

    /// The corner where an x axis line meets the y axis line, as one more tick mark (as long as
    /// the median mark): a tick at the first x value drawn there hides in the y axis, or is left
    /// out with its label set left of the corner. Nil when the lines do not meet there or a mark
    /// already sits at the corner.
    static func cornerMark(on edge: AxisEdge, yAxis: AxisEdge?, marks: [TickMark]) -> TickMark? {
        guard let y = yAxis, !marks.isEmpty else { return nil }
        let column = Double(y.first + y.last) / 2
        guard Double(edge.start) <= column + 3, Double(edge.end) > column,
              y.start < edge.first, y.end >= edge.first - 3,
              !marks.contains(where: { abs($0.position - column) <= 2 }) else { return nil }
        let lengths = marks.map(\.length).sorted()
        return TickMark(position: column, length: lengths[lengths.count / 2])
    }

    static func validate(_ ticks: [Double], axis: String) throws(DigitizeError) {
        guard ticks.count >= 2 else { throw .tooFewTicks(axis: axis, count: ticks.count) }
        for i in 1..<ticks.count where !(ticks[i] > ticks[i - 1]) { throw .ticksNotIncreasing(axis: axis) }
    }

    static func manualCalibration(_ pairs: [(pixel: Double, value: Double)], axis: String, size: Int) throws(DigitizeError) -> AxisCalibration {
        guard pairs.count >= 2 else { throw .badManualCalibration(axis: axis) }
        for p in pairs where p.pixel < 0 || p.pixel > Double(size - 1) {
            throw .calibrationOffImage(axis: axis, pixel: p.pixel, size: size)
        }
        guard let cal = CalibrationFit.fit(pairs.map { ($0.pixel, $0.value) }) else { throw .badManualCalibration(axis: axis) }
        return cal
    }
}
