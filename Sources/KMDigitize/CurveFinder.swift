import KMImage

/// Traces one colour class's curve from the top of the y range at the panel's left edge, the way
/// every arm is traced.
struct ClassTracer {
    let ink: InkLabels
    let columns: ColumnInk
    /// Row of survival 1 (100 %), pixels.
    let startRow: Double

    /// The class's line width: its median vertical run, 1 to 12 pixels.
    func lineWidth(_ cls: Int) -> Double { max(1, min(12, ink.classes[cls].medianRun)) }

    /// The cheapest path of the class from survival 1 at the panel's left edge, cut into steps;
    /// failing that, from a little below survival 1 (deaths at time 0, or in the first unit of a
    /// coarse time scale, drawn as a drop at the axis). `claimed` pixels were taken by a curve
    /// of the same colour already; `weak` pixels are dashes or dots (see `StepTracer`).
    func trace(_ cls: Int, claimed: [Bool], weak: [Bool]) -> (path: StepTracer.Path, curve: StepCurve)? {
        let w = lineWidth(cls)
        let tracer = StepTracer(ink: ink, columns: columns, target: Int16(cls), claimed: claimed, weak: weak,
                                dashReach: max(4, Int((4 * w).rounded())))
        let tolerance = max(4, Int((3 * w).rounded()))
        let start = Int(startRow.rounded())
        func attempt(below reach: Int) -> (path: StepTracer.Path, curve: StepCurve)? {
            guard let path = tracer.trace(startColumn: ink.rect.left, startRows: (start - tolerance)...(start + reach)),
                  let curve = StepShaper.shape(path, ink: ink, target: Int16(cls), claimed: claimed, lineWidth: w) else { return nil }
            return (path, curve)
        }
        return attempt(below: tolerance) ?? attempt(below: max(tolerance, ink.rect.height / 10))
    }
}

/// Chooses the colour classes that hold the curves of arms given no colour hint.
///
/// Colour statistics alone cannot tell a light grey curve from grey text, from the blurred edge
/// of a dark line or from a shade JPEG split off it. So each candidate colour is traced as a
/// curve from survival 1 at time 0 and judged by its `support`: the columns where its own ink
/// lies on its traced path. A curve supports most of its path; text, legend keys and marks
/// support only short stretches. A candidate whose path follows a curve already found in a
/// related colour (a paler or darker shade of it) is that curve again.
enum CurveFinder {
    /// One colour class traced on its own.
    struct Candidate {
        var index: Int
        var path: StepTracer.Path
        var curve: StepCurve
        /// Columns of the traced curve with the class's own ink within a line width of the path.
        var support: Int
        /// Whether the class's colour statistics already call it a curve (line-like and not a
        /// pale copy of another colour); such candidates go before the others of similar support.
        var primary: Bool
    }

    /// A candidate whose support is below this share of the best candidate's is not a curve
    /// (text, marks) unless nothing better is left.
    static let weakSupport = 0.4

    /// A band is drawn in its curve's colour or paler: a class with more than this much more
    /// lightness contrast against the background (CIELAB L*) than a path is not a band around
    /// it. In a blurred grey figure the darkest class holds a curve and its dashed band lines,
    /// and the pale rim of those lines, traced, runs between them.
    static let bandStrengthMargin = 10.0

    static func candidate(_ index: Int, traced: (path: StepTracer.Path, curve: StepCurve), ink: InkLabels,
                          lineWidth w: Double, primary: Bool) -> Candidate {
        Candidate(index: index, path: traced.path, curve: traced.curve,
                  support: support(traced, ink: ink, target: index, lineWidth: w), primary: primary)
    }

    /// Columns of a traced curve, from its start to its end, with a pixel of class `target`
    /// within the line's reach (its width plus a pixel) of the path.
    static func support(_ traced: (path: StepTracer.Path, curve: StepCurve), ink: InkLabels, target: Int,
                        lineWidth w: Double) -> Int {
        let rect = ink.rect
        let reach = Int(w.rounded(.up)) + 1
        let label = Int16(target)
        let path = traced.path
        var support = 0
        let last = min(path.rows.count - 1, traced.curve.endColumn - path.startColumn)
        guard last >= 0 else { return 0 }
        for c in 0...last {
            let x = path.startColumn + c
            let low = max(rect.top, path.rows[c] - reach), high = min(rect.bottom, path.rows[c] + reach)
            guard low <= high else { continue }
            for y in low...high {
                let i = (y - rect.top) * rect.width + (x - rect.left)
                if ink.labels[i] == label { support += 1; break }
            }
        }
        return support
    }

    /// Whether class `c` can be class `t`'s ink by its colour and width: a related colour
    /// (``related(_:_:background:)``), its line at most 2 pixels thicker.
    static func mayRepeat(_ c: Int, _ t: Int, ink: InkLabels, background: (Double, Double, Double),
                          lineWidth: (Int) -> Double) -> Bool {
        lineWidth(c) <= lineWidth(t) + 2 && related(ink.classes[c], ink.classes[t], background: background)
    }

    /// Whether candidate `c` is `t`'s ink: ``mayRepeat(_:_:ink:background:lineWidth:)``, and the
    /// same path within twice the wider line plus a pixel (at least 3 rows).
    static func repeats(_ c: Candidate, _ t: Candidate, ink: InkLabels, background: (Double, Double, Double),
                        lineWidth: (Int) -> Double) -> Bool {
        let tolerance = max(3, Int((2 * max(lineWidth(t.index), lineWidth(c.index))).rounded()) + 1)
        return mayRepeat(c.index, t.index, ink: ink, background: background, lineWidth: lineWidth)
            && sameCurve(t, c, tolerance: tolerance)
    }

    /// Whether two paths follow one curve: within `tolerance` rows of each other in at least 70 %
    /// of the columns both traced curves cover.
    static func sameCurve(_ a: Candidate, _ b: Candidate, tolerance: Int) -> Bool {
        let start = max(a.path.startColumn, b.path.startColumn)
        let end = min(a.curve.endColumn, b.curve.endColumn, a.path.startColumn + a.path.rows.count - 1,
                      b.path.startColumn + b.path.rows.count - 1)
        guard end > start else { return false }
        var close = 0
        for x in start...end where abs(a.path.rows[x - a.path.startColumn] - b.path.rows[x - b.path.startColumn]) <= tolerance {
            close += 1
        }
        return Double(close) >= 0.7 * Double(end - start + 1)
    }

    /// Whether class `cls` lies both above and below `curve`'s path, within an eighth of the
    /// panel's height, in at least a quarter of the curve's columns: a confidence band around
    /// it (partly hidden where it overlaps another band), or its blurred rim. A curve of its own
    /// is on one side of another at any time, but for the drops where they cross.
    static func surrounds(_ cls: Int, _ curve: Candidate, ink: InkLabels, lineWidth w: Double) -> Bool {
        let rect = ink.rect
        let label = Int16(cls)
        let near = Int(w.rounded(.up)) + 1, far = max(near + 2, rect.height / 8)
        let path = curve.path
        let last = min(path.rows.count - 1, curve.curve.endColumn - path.startColumn)
        guard last >= 0 else { return false }
        /// Whether the class has ink in column `x` within `rows`, clipped to the panel (a path
        /// along the panel's top or bottom edge has no rows on one side).
        func has(_ x: Int, _ rows: ClosedRange<Int>) -> Bool {
            let top = max(rect.top, rows.lowerBound), bottom = min(rect.bottom, rows.upperBound)
            guard top <= bottom, x >= rect.left, x <= rect.right else { return false }
            return (top...bottom).contains { ink.label(x, $0) == label }
        }
        var both = 0
        for c in 0...last {
            let x = path.startColumn + c, r = path.rows[c]
            if has(x, (r - far)...(r - near)), has(x, (r + near)...(r + far)) { both += 1 }
        }
        return 4 * both >= last + 1
    }

    /// Whether two colours can be one line's ink: close in CIELAB (ΔE below 25, as JPEG spreads
    /// one colour), or one a blend of the other with the background (an anti-aliased or blurred edge).
    static func related(_ a: InkClass, _ b: InkClass, background: (Double, Double, Double)) -> Bool {
        if a.lab.deltaE76(b.lab) < 25 { return true }
        let ab = BlendModel(ink: a.color, background: background).fit(b.color.0, b.color.1, b.color.2)
        let ba = BlendModel(ink: b.color, background: background).fit(a.color.0, a.color.1, a.color.2)
        return min(ab.residual, ba.residual) < 30
    }

    /// What `choose` found.
    struct Choice {
        /// Classes of distinct curves, best first.
        var classes: [Int]
        /// Candidate classes whose path repeats the curve of a found or chosen class in a
        /// related colour (key → that class): the same line's ink, split off by JPEG blocks or
        /// blurring.
        var repeats: [Int: Int]
    }

    /// The classes of up to `count` distinct curves among `candidates`, best first.
    ///
    /// A candidate in a colour related to another candidate or to one of `found` (curves
    /// already taken, such as the hinted arms'), with a line no thicker, that follows its path
    /// (`sameCurve`) repeats that curve's ink; one that surrounds another's path otherwise
    /// (`surrounds`), and is not clearly darker than it (`bandStrengthMargin`), is a band around
    /// it. Bands are left out. The others go in order: candidates with at least `weakSupport` of
    /// the best support first, primary ones first among those, then by support; one that
    /// repeats a curve already taken is listed in `repeats` instead.
    static func choose(count: Int, candidates: [Candidate], found: [Candidate], ink: InkLabels,
                       background: (Double, Double, Double), lineWidth: (Int) -> Double) -> Choice {
        func related(_ a: Candidate, _ b: Candidate) -> Bool {
            Self.related(ink.classes[a.index], ink.classes[b.index], background: background)
        }
        func repeats(_ c: Candidate, _ t: Candidate) -> Bool {
            Self.repeats(c, t, ink: ink, background: background, lineWidth: lineWidth)
        }
        let paper = LabColor(RGB(background))
        /// Lightness contrast against the background.
        func strength(_ c: Candidate) -> Double { abs(ink.classes[c.index].lab.L - paper.L) }
        let curves = candidates.filter { c in
            !(found + candidates).contains { t in
                t.index != c.index && related(c, t) && !repeats(c, t) && strength(c) <= strength(t) + bandStrengthMargin
                    && surrounds(c.index, t, ink: ink, lineWidth: lineWidth(t.index))
            }
        }
        let best = curves.map(\.support).max() ?? 0
        func strong(_ c: Candidate) -> Bool { Double(c.support) >= weakSupport * Double(best) }
        let ordered = curves.sorted { a, b in
            if strong(a) != strong(b) { return strong(a) }
            if a.primary != b.primary { return a.primary }
            return a.support > b.support
        }
        var taken = found
        var choice = Choice(classes: [], repeats: [:])
        for c in ordered {
            if let t = taken.first(where: { repeats(c, $0) }) {
                choice.repeats[c.index] = t.index
            } else if choice.classes.count < count {
                taken.append(c)
                choice.classes.append(c.index)
            }
        }
        return choice
    }
}
