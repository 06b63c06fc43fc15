import KMImage

/// How an arm's colour hint finds its colour class when no class is within ΔE 30 of it.
enum ColorHintMatch {
    /// Largest RGB distance of a class colour from the hint–background blend line.
    static let blendResidual = 15.0
    /// Least share of hint in the blend: paler classes are anti-aliasing fringes or bands.
    static let minimumBlendAlpha = 0.3
    /// Largest CIELAB distance (ΔE76) of a curve-like class from a hint it stands for when
    /// neither matches: JPEG shifts a thin line over a band by up to about 40 (dev03 at q90:
    /// #ED0000 drawn as #B21422, ΔE 37).
    static let maximumShift = 45.0
}

/// Reads every arm's survival curve off a Kaplan–Meier figure.
///
/// Stages: axis calibration (`AxisDetector`), colour labelling of the panel with axis lines and
/// printed text masked out (`ColorClusterer`, `TextFinder`), one traced path per arm
/// (`StepTracer`), cleaned into steps (`StepShaper`) with censor marks (`CensorMarkFinder`). The
/// colours of arms without a colour hint are found by tracing the candidates (`CurveFinder`),
/// and their curves matched to the arms by `ArmAssigner`.
public func digitize(_ raster: Raster, _ request: DigitizeRequest) throws(DigitizeError) -> DigitizedFigure {
    guard !request.arms.isEmpty else { throw .noCurveFound(arm: "(none)") }
    let grid = PixelGrid(raster)
    let axes = try AxisDetector.detect(grid, request: request)
    let panel = axes.panel
    let background = grid.dominantColor(x0: panel.left, y0: panel.top, x1: panel.right, y1: panel.bottom)
    var ink = ColorClusterer.label(grid, rect: panel, background: background, axisEdges: axes.edges)
    var notes: [String] = axes.notes

    // Which colour class each arm is traced in.
    var classOfArm = [Int](repeating: -1, count: request.arms.count)
    for (i, arm) in request.arms.enumerated() {
        guard let hint = arm.color else { continue }
        let lab = LabColor(hint)
        var best = -1, bestD = Double.infinity
        for (c, cls) in ink.classes.enumerated() where cls.count > 0 {
            let d = cls.lab.deltaE76(lab)
            if d < bestD { bestD = d; best = c }
        }
        let minimumCount = max(20, panel.width / 20)
        if best >= 0, bestD < 30, ink.classes[best].count >= minimumCount {
            classOfArm[i] = best
            continue
        }
        // A thin line in a blurred or downsampled figure never reaches its colour: the class is
        // the hint blended with the background. The strongest such line-like class is the arm's.
        let blend = BlendModel(ink: (Double(hint.r), Double(hint.g), Double(hint.b)), background: background)
        var blended: (cls: Int, alpha: Double)? = nil
        // Not a class another hint takes (assigned already, or within ΔE 30 of another hint).
        let otherHints = request.arms.enumerated().compactMap { j, other in j == i ? nil : other.color.map { LabColor($0) } }
        // Curve-like classes no arm has taken yet: the candidates of both searches below.
        let free = ink.classes.indices.filter { c in
            ink.classes[c].count >= minimumCount && ink.classes[c].isLineLike(panelHeight: panel.height) && !classOfArm.contains(c)
        }
        for c in free where !otherHints.contains(where: { $0.deltaE76(ink.classes[c].lab) < 30 }) {
            let cls = ink.classes[c]
            let fit = blend.fit(cls.color.0, cls.color.1, cls.color.2)
            if fit.residual < ColorHintMatch.blendResidual, fit.alpha >= ColorHintMatch.minimumBlendAlpha, fit.alpha > blended?.alpha ?? 0 { blended = (c, fit.alpha) }
        }
        if let blended {
            classOfArm[i] = blended.cls
            notes.append("arm \"\(arm.name)\": its colour \(hint.hex) is drawn only as a paler blend with the background (\(Int((blended.alpha * 100).rounded())) % ink); check that the traced curve is the arm's")
            continue
        }
        // JPEG's halved colour resolution mixes a thin line with what it crosses (a band, the
        // paper), shifting its colour further: the nearest curve-like colour, if no other
        // hint is nearer to it, is the arm's, with a note.
        var shifted: (cls: Int, distance: Double)? = nil
        for c in free {
            let d = ink.classes[c].lab.deltaE76(lab)
            guard d < ColorHintMatch.maximumShift, !otherHints.contains(where: { $0.deltaE76(ink.classes[c].lab) <= d }) else { continue }
            if d < shifted?.distance ?? .infinity { shifted = (c, d) }
        }
        guard let shifted else { throw .colorNotInFigure(arm: arm.name, color: hint.hex) }
        classOfArm[i] = shifted.cls
        notes.append("arm \"\(arm.name)\": its colour \(hint.hex) is not in the figure; the nearest curve colour, \(RGB(ink.classes[shifted.cls].color).hex) (ΔE \(Int(shifted.distance.rounded()))), was traced; check that it is the arm's")
    }
    // Weak (dashed or dotted) pixels per colour class, computed once.
    let pieceExtent = max(25, panel.width * 3 / 100)
    var weakByClass: [Int: [Bool]] = [:]
    func weakPixels(_ cls: Int) -> [Bool] {
        if let known = weakByClass[cls] { return known }
        let weak = LineStyleSplitter.weakPixels(ink: ink, target: Int16(cls), minimumExtent: pieceExtent)
        weakByClass[cls] = weak
        return weak
    }
    let percent = request.yInPercent
    let scale = percent ? 100.0 : 1.0
    let none = [Bool](repeating: false, count: ink.labels.count)
    // A legend's keys are taken before any curve is traced: no arm's path follows them.
    var legendKeys = none
    for i in ink.legendKeys { legendKeys[i] = true }
    var tracer = ClassTracer(ink: ink, columns: ColumnInk(ink), startRow: axes.y.pixel(forValue: scale))
    // Each class traced on its own (nothing claimed), kept for the arm traced the same way.
    var alone: [Int: (path: StepTracer.Path, curve: StepCurve)?] = [:]
    func traceAlone(_ cls: Int) -> (path: StepTracer.Path, curve: StepCurve)? {
        if let known = alone[cls] { return known }
        let traced = tracer.trace(cls, claimed: legendKeys, weak: weakPixels(cls))
        alone[cls] = traced
        return traced
    }
    /// Gives the pixels of each class in `into`'s keys to its value; what was found on the old
    /// labels is dropped.
    func relabel(_ into: [Int: Int]) {
        for i in ink.labels.indices where ink.labels[i] >= 0 {
            if let target = into[Int(ink.labels[i])] { ink.labels[i] = Int16(target) }
        }
        weakByClass = [:]
        alone = [:]
        tracer = ClassTracer(ink: ink, columns: ColumnInk(ink), startRow: tracer.startRow)
    }

    // A hinted colour may be one shade of a line that JPEG or anti-aliasing split into several
    // (a thin black line comes out in greys, a navy one in two blues, the hint nearest the
    // paler): related shades no hint names, whose traced curve follows it, are its ink, as they
    // are for arms without hints. Only when every arm has a hint: an unhinted arm's curve could
    // be such a shade.
    let hinted = Set(classOfArm.filter { $0 >= 0 })
    var shades: [Int: Int] = [:]
    for c in hinted.sorted() where !classOfArm.contains(-1) && classOfArm.filter({ $0 == c }).count == 1 {
        guard let traced = traceAlone(c) else { continue }
        let own = CurveFinder.candidate(c, traced: traced, ink: ink, lineWidth: tracer.lineWidth(c), primary: true)
        let widest = InkClass.maximumLineWidth(panelHeight: panel.height)
        for s in ink.classes.indices where !hinted.contains(s) && shades[s] == nil {
            let shade = ink.classes[s]
            // The colour and width test first: a shade that fails it is not traced.
            guard shade.count > 0, shade.medianRun <= widest, shade.gridFraction < 0.3,
                  CurveFinder.mayRepeat(s, c, ink: ink, background: background, lineWidth: tracer.lineWidth),
                  let other = traceAlone(s) else { continue }
            let candidate = CurveFinder.candidate(s, traced: other, ink: ink, lineWidth: tracer.lineWidth(s), primary: false)
            if CurveFinder.repeats(candidate, own, ink: ink, background: background, lineWidth: tracer.lineWidth) { shades[s] = c }
        }
    }
    // As for arms without hints, shades that repeat a curve are its ink, without a note.
    if !shades.isEmpty { relabel(shades) }

    let unhinted = request.arms.indices.filter { classOfArm[$0] < 0 }
    if !unhinted.isEmpty {
        let used = Set(classOfArm.filter { $0 >= 0 })
        func candidate(_ cls: Int, primary: Bool) -> CurveFinder.Candidate? {
            traceAlone(cls).map { CurveFinder.candidate(cls, traced: $0, ink: ink, lineWidth: tracer.lineWidth(cls), primary: primary) }
        }
        let found = used.sorted().compactMap { candidate($0, primary: true) }
        // Colours that could hold a curve: line-like ones first, then thin, sparse colours the
        // statistics doubt (pale copies of another colour, text-like climbs), at most ten.
        let widest = InkClass.maximumLineWidth(panelHeight: panel.height)
        let pool = ink.classes.indices.filter { c in
            let cls = ink.classes[c]
            return !used.contains(c) && cls.count > 0 && cls.medianRun <= widest && cls.columnCoverage >= 0.06 && cls.gridFraction < 0.3
        }.map { c in (c, ink.classes[c].isLineLike(panelHeight: panel.height) && !isPaleCopy(c, of: ink.classes, background: background)) }
            .sorted { a, b in a.1 != b.1 ? a.1 : score(ink.classes[a.0]) > score(ink.classes[b.0]) }
            .prefix(10)
        let choice = CurveFinder.choose(count: unhinted.count, candidates: pool.compactMap { candidate($0.0, primary: $0.1) },
                                        found: found, ink: ink, background: background, lineWidth: tracer.lineWidth)
        // The colours found, strongest first by their statistics: the tracing order is a weak
        // prior in matching curves to arms (see `ArmAssigner`).
        var chosen = choice.classes.sorted { score(ink.classes[$0]) > score(ink.classes[$1]) }
        // Shades that repeat a curve are that curve's ink.
        if !choice.repeats.isEmpty { relabel(choice.repeats) }
        if chosen.isEmpty {
            chosen = ink.classes.indices.filter { !used.contains($0) && choice.repeats[$0] == nil && ink.classes[$0].count > 0 }
                .sorted { score(ink.classes[$0]) > score(ink.classes[$1]) }.prefix(unhinted.count).map { $0 }
        }
        if chosen.isEmpty, let any = used.min() { chosen = [any] }
        guard !chosen.isEmpty else { throw .noCurveFound(arm: request.arms[unhinted[0]].name) }
        // A strongest colour that holds a dashed or dotted curve besides its solid one already
        // has two arms: a lighter shade of it is then the stretches of its lines drawn between
        // pixel rows, not another arm, and its pixels are the strong colour's.
        if chosen.count > 1, let top = chosen.first,
           LineStyleSplitter.hasBrokenCurve(ink: ink, target: Int16(top), weak: weakPixels(top)) {
            let strong = ink.classes[top].color
            let shades = chosen.dropFirst().filter { c in
                let lighter = ink.classes[c].color
                let fit = BlendModel(ink: strong, background: background).fit(lighter.0, lighter.1, lighter.2)
                return fit.residual < 20 && fit.alpha < 0.97
            }
            if !shades.isEmpty {
                chosen.removeAll { shades.contains($0) }
                relabel(Dictionary(uniqueKeysWithValues: shades.map { ($0, top) }))
            }
        }
        for (j, arm) in unhinted.enumerated() {
            // More arms than colours: the extra arms share the strongest colour (line types).
            classOfArm[arm] = j < chosen.count ? chosen[j] : chosen[0]
        }
    }

    // Trace, colour by colour; arms sharing a colour are traced one after another.
    var traced = [StepCurve?](repeating: nil, count: request.arms.count)
    var widths = [Double](repeating: 1, count: request.arms.count)
    var claimedByClass: [Int: [Bool]] = [:]
    for (armIndex, cls) in classOfArm.enumerated() {
        let w = tracer.lineWidth(cls)
        widths[armIndex] = w
        let sharing = classOfArm.filter { $0 == cls }.count
        let weak = weakPixels(cls)
        let firstOfClass = claimedByClass[cls] == nil
        var claimed = claimedByClass[cls] ?? legendKeys
        var weakForPath = weak
        if sharing > 1 {
            if firstOfClass {
                // Several arms in one colour: the first path takes the solid stroke only.
                claimed = ink.legendKeys.isEmpty ? weak : zip(weak, legendKeys).map { $0 || $1 }
            }
            weakForPath = none
        }
        let result = sharing == 1 ? traceAlone(cls) : tracer.trace(cls, claimed: claimed, weak: weakForPath)
        guard let (path, curve) = result else { throw .noCurveFound(arm: request.arms[armIndex].name) }
        traced[armIndex] = curve
        claimedByClass[cls] = claim(curve, path: path, ink: ink, target: Int16(cls),
                                    claimed: firstOfClass ? legendKeys : claimed, lineWidth: w)
    }

    // Curves for arms without a hint: match them to the arm names.
    var curveOfArm = Array(request.arms.indices)
    var legend: [LegendEntry] = []
    var confidence = [Double](repeating: 1, count: request.arms.count)
    if unhinted.count > 1 {
        let curves = unhinted.map { summary(traced[$0]!, axes: axes, scale: scale) }
        // Curves in distinct colours of one default palette: the palette's order is a prior.
        var paletteOrder: [Int]? = nil
        let classes = unhinted.map { classOfArm[$0] }
        if unhinted.count == request.arms.count, Set(classes).count == classes.count,
           let ranks = DefaultPalettes.ranks(of: classes.map {
               RGB(inkRoot($0, of: ink.classes, background: background, panelHeight: panel.height))
           }) {
            let sorted = ranks.sorted()
            paletteOrder = ranks.map { r in sorted.firstIndex(of: r)! }
        }
        // Distinct colours listed in a legend in the panel: the legend's order is a prior too.
        let keys = Set(classes).count == classes.count ? LegendReader.entries(of: classes, ink: ink) : nil
        let legendOrder = keys.map { LegendReader.order($0, of: classes) }
        // For a reader of the legend's text (never a prior here), also keys beside blurred text.
        legend = LegendReader.readable(keys, classes: classes, ink: ink)
        let (order, conf) = ArmAssigner.assign(arms: unhinted.map { request.arms[$0] }, curves: curves,
                                               paletteOrder: paletteOrder, legendOrder: legendOrder)
        for (j, arm) in unhinted.enumerated() {
            curveOfArm[arm] = unhinted[order[j]]
            confidence[arm] = conf
        }
        if conf < 0.5 { notes.append("arm assignment is uncertain (confidence \(Int((conf * 100).rounded())) %); give each arm's \"color\" to be sure") }
    }

    var arms: [DigitizedArm] = []
    for (armIndex, arm) in request.arms.enumerated() {
        let source = curveOfArm[armIndex]
        let curve = traced[source]!
        let cls = classOfArm[source]
        let corners = cornerReadings(curve, axes: axes, scale: scale)
        let marks = CensorMarkFinder.marks(on: curve, ink: ink, target: Int16(cls), lineWidth: widths[source]).map {
            SurvivalReading(time: axes.x.value(atPixel: $0.0), survival: clamp(axes.y.value(atPixel: $0.1) / scale))
        }
        for stretch in curve.hidden {
            let entry = clamp(axes.y.value(atPixel: stretch.entryRow) / scale), exit = clamp(axes.y.value(atPixel: stretch.exitRow) / scale)
            guard entry - exit >= hiddenDropNoted else { continue }
            let from = axes.x.value(atPixel: Double(stretch.firstColumn)), to = axes.x.value(atPixel: Double(stretch.lastColumn))
            notes.append("arm \"\(arm.name)\": hidden under a legend box from t=\(noteNumber(from)) to t=\(noteNumber(to)), where it falls from \(noteNumber(entry)) to \(noteNumber(exit)); its deaths there are spread evenly over that time")
        }
        if let note = CurveConsistency.note(arm, corners: corners, timePerPixel: abs(axes.x.slope),
                                            survivalPerPixel: abs(axes.y.slope) / scale) {
            notes.append(note)
        }
        arms.append(DigitizedArm(name: arm.name, color: RGB(ink.classes[cls].color), corners: corners,
                                 censorMarks: marks, assignmentConfidence: confidence[armIndex],
                                 timePerPixel: abs(axes.x.slope), survivalPerPixel: abs(axes.y.slope) / scale))
    }
    return DigitizedFigure(xAxis: axes.x, yAxis: axes.y, yInPercent: percent,
                           panel: [panel.left, panel.top, panel.right, panel.bottom], arms: arms, notes: notes, legend: legend)
}

/// Least fall in survival (a probability) under a legend box for the digitiser to note it: the
/// drops there are an even spread, not a reading.
let hiddenDropNoted = 0.05

private func score(_ c: InkClass) -> Double { Double(c.count) * c.columnCoverage * c.monotoneFraction * c.monotoneFraction }

/// A colour that is a pale blend of another ink with the background: a fringe, a
/// confidence-band fill or a light grid, not a curve of its own.
private func isPaleCopy(_ index: Int, of classes: [InkClass], background: (Double, Double, Double)) -> Bool {
    let c = classes[index].color
    for (j, other) in classes.enumerated() where j != index && other.count > 0 {
        let fit = BlendModel(ink: other.color, background: background).fit(c.0, c.1, c.2)
        if fit.residual < 20, fit.alpha < 0.45 { return true }
    }
    return false
}

/// The full-strength colour a class is an anti-aliased blend of (a pale blue line's blue), or
/// its own colour: the line-like class it blends from exactly with the most ink.
private func inkRoot(_ index: Int, of classes: [InkClass], background: (Double, Double, Double),
                     panelHeight: Int) -> (Double, Double, Double) {
    let c = classes[index].color
    var best = c, bestAlpha = 1.0
    for (j, other) in classes.enumerated() where j != index && other.count > 0 && other.isLineLike(panelHeight: panelHeight) {
        let fit = BlendModel(ink: other.color, background: background).fit(c.0, c.1, c.2)
        if fit.residual < 12, fit.alpha >= 0.3, fit.alpha < bestAlpha { best = other.color; bestAlpha = fit.alpha }
    }
    return best
}

private func clamp(_ s: Double) -> Double { min(1, max(0, s)) }

/// Both corners of every drop, from time 0 to the curve's end, survival as a probability.
private func cornerReadings(_ curve: StepCurve, axes: PlotAxes, scale: Double) -> [SurvivalReading] {
    var out: [SurvivalReading] = []
    func time(_ column: Double) -> Double { max(0, axes.x.value(atPixel: column)) }
    func surv(_ row: Double) -> Double { clamp(axes.y.value(atPixel: row) / scale) }
    guard let first = curve.levels.first else { return [] }
    out.append(SurvivalReading(time: 0, survival: surv(first.row)))
    for i in 1..<max(1, curve.levels.count) where i < curve.levels.count {
        let t = time(curve.levels[i].start)
        out.append(SurvivalReading(time: t, survival: surv(curve.levels[i - 1].row)))
        out.append(SurvivalReading(time: t, survival: surv(curve.levels[i].row)))
    }
    out.append(SurvivalReading(time: time(Double(curve.endColumn)), survival: surv(curve.levels.last!.row)))
    return out
}

/// The facts arm assignment compares with the printed numbers.
private func summary(_ curve: StepCurve, axes: PlotAxes, scale: Double) -> ArmAssigner.Curve {
    let corners = cornerReadings(curve, axes: axes, scale: scale)
    let endTime = corners.last?.time ?? 0
    var smallest: Double? = nil
    let early = endTime * 0.3
    var i = 1
    while i + 1 < corners.count {
        let drop = corners[i].survival - corners[i + 1].survival
        if corners[i].time <= early, drop > 0.002 { smallest = min(smallest ?? drop, drop) }
        i += 2
    }
    return ArmAssigner.Curve(
        survival: { t in
            var s = corners.first?.survival ?? 1
            for c in corners where c.time <= t { s = c.survival }
            return s
        },
        endTime: endTime, endSurvival: corners.last?.survival ?? 1, smallestDrop: smallest)
}

/// Marks the pixels a traced curve used, so the next curve of the same colour avoids them.
private func claim(_ curve: StepCurve, path: StepTracer.Path, ink: InkLabels, target: Int16, claimed: [Bool], lineWidth w: Double) -> [Bool] {
    var result = claimed
    let rect = ink.rect
    let reach = Int(w.rounded(.up)) + 1
    func mark(_ x: Int, _ y: Int) {
        guard x >= rect.left, x <= rect.right, y >= rect.top, y <= rect.bottom else { return }
        let i = (y - rect.top) * rect.width + (x - rect.left)
        if ink.labels[i] == target { result[i] = true }
    }
    let lastIndex = min(path.rows.count - 1, curve.endColumn - path.startColumn)
    guard lastIndex >= 0 else { return result }
    for c in 0...lastIndex {
        let x = path.startColumn + c
        let r = path.rows[c]
        for y in (r - reach)...(r + reach) { mark(x, y) }
        if c > 0, path.rows[c - 1] < r {
            for y in path.rows[c - 1]...r { for xx in (x - reach)...(x + reach) { mark(xx, y) } }
        }
    }
    return result
}
