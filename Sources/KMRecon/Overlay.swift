import KMDigitize
import KMExport
import KMImage
import KMSurvival

/// The overlay's colours per arm: the traced curve in a darker shade of the arm's own colour,
/// and the reconstructed patients' Kaplan–Meier curve in a bold colour chosen to stand apart
/// (largest CIELAB ΔE76) from every curve colour in the figure.
public struct OverlayPalette: Sendable, Equatable {
    /// Per arm, in the figure's arm order.
    public var traced: [RGB]
    public var reconstructed: [RGB]
    /// Calibrated tick marks and their labels.
    public static let ticks = RGB(r: 0xE0, g: 0x00, b: 0xE0)
    /// Tick marks found on the image, where they agree with the calibration.
    public static let foundTick = RGB(r: 0x00, g: 0xA0, b: 0x30)

    /// Bold colours the reconstructed curves are chosen from.
    public static let candidates: [RGB] = [
        RGB(r: 0xFF, g: 0x00, b: 0xB4), RGB(r: 0x00, g: 0xC8, b: 0xFF), RGB(r: 0xFF, g: 0x96, b: 0x00),
        RGB(r: 0x00, g: 0xD2, b: 0x5A), RGB(r: 0x96, g: 0x00, b: 0xFF), RGB(r: 0xE6, g: 0xD2, b: 0x00),
    ]

    public init(_ figure: DigitizedFigure) {
        let colors = figure.arms.map(\.color)
        traced = colors.map { RGB(r: UInt8(Double($0.r) * 0.7), g: UInt8(Double($0.g) * 0.7), b: UInt8(Double($0.b) * 0.7)) }
        let labs = colors.map(LabColor.init)
        var used: Set<Int> = []
        reconstructed = colors.indices.map { _ in
            var best = 0, bestD = -1.0
            for (k, c) in Self.candidates.enumerated() where !used.contains(k) {
                let lab = LabColor(c)
                let d = labs.map { $0.deltaE76(lab) }.min() ?? 100
                if d > bestD { bestD = d; best = k }
            }
            if used.count + 1 < Self.candidates.count { used.insert(best) } else { used = [] }
            return Self.candidates[best]
        }
    }
}

/// Draws the trust overlay of one extraction on its figure (faded): the calibrated ticks (and
/// the tick marks found on the image), each arm's traced curve and detected censor marks, the
/// Kaplan–Meier curve of the reconstructed patients (dashed, contrasting colour), a box around
/// every word read from the figure into the spec, and a legend.
///
/// The result has the figure's size; write it with `PNGWriter`. `report` supplies the tick
/// checks and the confidence line; without it they are computed here.
public func overlayImage(_ extraction: FigureExtraction, report: FigureReport? = nil) -> Raster {
    let report = report ?? FigureReport(extraction)
    let figure = extraction.figure
    let palette = OverlayPalette(figure)
    var canvas = OverlayCanvas(extraction.raster)
    canvas.fade(0.6)
    let w = extraction.raster.width
    let s = max(1, min(3, (w + 300) / 750))   // text and pen scale: 1 up to 1199 px wide, 2 up to 1949, then 3
    let panel = figure.panel.count == 4 ? figure.panel : [0, 0, w - 1, extraction.raster.height - 1]
    let (left, top, right, bottom) = (panel[0], panel[1], panel[2], panel[3])
    let grey = RGB(r: 150, g: 150, b: 150)
    canvas.strokeRect(left: left, top: top, right: right, bottom: bottom, color: grey, dash: (2, 3))

    // Calibration: a dotted guide and a short tick per printed value, labelled inside the panel.
    let glyphH = BitmapFont.glyphHeight * s
    for axis in report.calibration {
        for tick in axis.ticks {
            let p = Int(tick.calibratedPixel.rounded())
            let label = short(tick.value)
            if axis.axis == "x" {
                guard p >= left - 2, p <= right + 2 else { continue }
                canvas.line(p, top, p, bottom, color: PaletteMix.light(OverlayPalette.ticks), dash: (1, 4))
                canvas.line(p, bottom - 5 * s, p, bottom + 5 * s, color: OverlayPalette.ticks, width: s)
                canvas.text(label, x: p - BitmapFont.width(of: label, scale: s) / 2, y: bottom - 7 * s - glyphH, color: OverlayPalette.ticks, scale: s)
                if let f = tick.foundPixel { canvas.fillRect(left: Int(f.rounded()) - s, top: bottom + 6 * s, right: Int(f.rounded()) + s, bottom: bottom + 8 * s, color: OverlayPalette.foundTick) }
            } else {
                guard p >= top - 2, p <= bottom + 2 else { continue }
                canvas.line(left, p, right, p, color: PaletteMix.light(OverlayPalette.ticks), dash: (1, 4))
                canvas.line(left - 5 * s, p, left + 5 * s, p, color: OverlayPalette.ticks, width: s)
                canvas.text(label, x: left + 7 * s, y: p - glyphH / 2, color: OverlayPalette.ticks, scale: s)
                if let f = tick.foundPixel { canvas.fillRect(left: left - 8 * s, top: Int(f.rounded()) - s, right: left - 6 * s, bottom: Int(f.rounded()) + s, color: OverlayPalette.foundTick) }
            }
        }
    }

    let yScale = figure.yInPercent ? 100.0 : 1.0
    func point(_ t: Double, _ survival: Double) -> (x: Int, y: Int) {
        (clampPixel(figure.xAxis.pixel(forValue: t)), clampPixel(figure.yAxis.pixel(forValue: survival * yScale)))
    }
    // Traced curves, then censor marks, then the reconstructed curves on top.
    var curves: [[(x: Int, y: Int)]] = []
    for (i, arm) in figure.arms.enumerated() {
        let traced = arm.corners.map { point($0.time, $0.survival) }
        curves.append(traced)
        canvas.polyline(traced, color: palette.traced[i], width: s)
        for mark in arm.censorMarks {
            let p = point(mark.time, mark.survival)
            canvas.ring(p.x, p.y, radius: 3 + 2 * s, color: palette.traced[i])
        }
    }
    for (i, result) in extraction.arms.enumerated() where i < palette.reconstructed.count {
        let patients = result.reconstruction.patients
        guard let km = try? KaplanMeier(times: patients.map(\.time), events: patients.map(\.event), arm: result.name) else { continue }
        var points = [point(0, 1)]
        var level = 1.0
        for step in km.steps where step.events > 0 {
            points.append(point(step.time, level))
            points.append(point(step.time, step.survival))
            level = step.survival
        }
        points.append(point(patients.map(\.time).max() ?? 0, level))
        curves.append(points)
        canvas.polyline(points, color: palette.reconstructed[i], width: s + 1, dash: (6 * s, 4 * s))
    }

    drawReadWords(&canvas, extraction.reading)
    drawLegend(&canvas, original: extraction.raster, curves: curves, report: report, palette: palette,
               panel: (left, top, right, bottom), scale: s)
    return canvas.raster
}

private func clampPixel(_ p: Double) -> Int {
    guard p.isFinite else { return -1_000_000 }
    return Int(max(-1_000_000, min(1_000_000, p.rounded())))
}

private enum PaletteMix {
    /// `c` blended halfway to white.
    static func light(_ c: RGB) -> RGB {
        RGB(r: UInt8((Int(c.r) + 255) / 2), g: UInt8((Int(c.g) + 255) / 2), b: UInt8((Int(c.b) + 255) / 2))
    }
}

/// One line of the overlay legend: its text, the swatches before it (a traced curve, a
/// reconstructed one, either or both) and the text colour.
struct LegendLine {
    var text: String
    var traced: RGB? = nil
    var reconstructed: RGB? = nil
    var textColor: RGB = .black
    var swatches: Int { (traced == nil ? 0 : 1) + (reconstructed == nil ? 0 : 1) }
}

/// The legend box, where it hides the least: no curve pixel if it can help it (traced or
/// reconstructed), then as little ink of the original figure as possible, then as close to a
/// panel corner as possible. Where the full legend hides a curve wherever it goes (a small
/// figure), a compact one is tried: the confidence and one line per arm with both swatches.
private func drawLegend(_ canvas: inout OverlayCanvas, original: Raster, curves: [[(x: Int, y: Int)]],
                        report: FigureReport, palette: OverlayPalette, panel: (Int, Int, Int, Int), scale pen: Int) {
    let header = LegendLine(text: "KMRECON: \(report.confidence.rawValue.uppercased())")
    func short(_ name: String) -> String { name.count > 18 ? String(name.prefix(17)) + "." : name }
    var full = [header]
    for (i, arm) in report.arms.enumerated() {
        full.append(LegendLine(text: "\(short(arm.name)) TRACED", traced: palette.traced[i]))
        full.append(LegendLine(text: "KM OF IPD N=\(arm.patients) E=\(arm.events)", reconstructed: palette.reconstructed[i]))
    }
    full.append(LegendLine(text: "O  CENSOR MARK FOUND"))
    full.append(LegendLine(text: "|  CALIBRATED TICK", textColor: OverlayPalette.ticks))
    full.append(LegendLine(text: "#  TICK MARK FOUND", textColor: OverlayPalette.foundTick))
    if report.reading?.readAnything == true {
        full.append(LegendLine(text: "BOXED: READ FROM FIGURE", textColor: OverlayPalette.readWord))
        if report.reading?.wordsUsed.contains(where: { !$0.confident }) == true {
            full.append(LegendLine(text: "BOXED: READ, CHECK IT", textColor: OverlayPalette.weakWord))
        }
    }
    let compact = [header] + report.arms.enumerated().map { i, arm in
        LegendLine(text: "\(short(arm.name)) N=\(arm.patients) E=\(arm.events)", traced: palette.traced[i], reconstructed: palette.reconstructed[i])
    }
    // Inside the panel at the overlay's text scale if that hides no curve; else at the
    // smallest scale; else anywhere on the image (the margins, the at-risk table); then the
    // compact legend, inside the panel, then anywhere.
    let placement = LegendPlacement(original: original, curves: curves, pen: pen)
    guard let best = chooseLegend(full: full, compact: compact, placement: placement, panel: panel, pen: pen,
                                  imageSize: (original.width, original.height)) else { return }
    let s = best.scale, (x0, y0) = (best.x, best.y), lines = best.compact ? compact : full
    let metrics = LegendMetrics(scale: s)
    let (swatch, gap, lineH) = (metrics.swatch, metrics.gap, metrics.lineHeight)
    let size = metrics.size(of: lines)
    canvas.fillRect(left: x0, top: y0, right: x0 + size.width, bottom: y0 + size.height, color: .white, alpha: 0.88)
    canvas.strokeRect(left: x0, top: y0, right: x0 + size.width, bottom: y0 + size.height, color: RGB(r: 120, g: 120, b: 120))
    for (k, line) in lines.enumerated() {
        let y = y0 + gap + k * lineH
        let mid = y + BitmapFont.glyphHeight * s / 2
        var x = x0 + gap
        if let c = line.traced { canvas.line(x, mid, x + swatch, mid, color: c, width: s); x += swatch + gap }
        if let c = line.reconstructed { canvas.line(x, mid, x + swatch, mid, color: c, width: s + 1, dash: (5 * s, 3 * s)); x += swatch + gap }
        canvas.text(line.text, x: x, y: y, color: line.textColor, scale: s)
    }
}

/// Where the legend goes and in which form: the full legend inside the panel at the overlay's
/// text scale if that hides no curve; else at the smallest scale; else anywhere on the image
/// (the margins, the at-risk table); then the compact legend inside the panel, then anywhere.
/// The first that hides no curve wins; failing all, the one that hides least.
func chooseLegend(full: [LegendLine], compact: [LegendLine], placement: LegendPlacement, panel: (Int, Int, Int, Int),
                  pen: Int, imageSize: (width: Int, height: Int)) -> (x: Int, y: Int, scale: Int, compact: Bool, cost: Int)? {
    let (left, top, right, bottom) = panel
    var best: (x: Int, y: Int, scale: Int, compact: Bool, cost: Int)? = nil
    let tries = [(pen, true, false), (1, true, false), (1, false, false), (1, true, true), (1, false, true)]
    for (scale, inPanel, isCompact) in tries where best.map({ $0.cost >= LegendPlacement.curveCost }) ?? true {
        let size = LegendMetrics(scale: scale).size(of: isCompact ? compact : full)
        let margin = 8 * scale, labelRoom = 12 * scale + BitmapFont.glyphHeight * scale
        let area = inPanel
            ? (left + 12 * scale + BitmapFont.width(of: "0.00", scale: scale), top + margin, right - margin, bottom - labelRoom)
            : (0, 0, imageSize.width - 1, imageSize.height - 1)
        let spot = placement.place(width: size.width, height: size.height, within: area)
        if best == nil || spot.cost < best!.cost { best = (spot.x, spot.y, scale, isCompact, spot.cost) }
    }
    return best
}

/// The legend's proportions at a text scale, in pixels: a line swatch, the gap around things,
/// the height of one line.
struct LegendMetrics {
    let scale: Int
    var swatch: Int { 18 * scale }
    var gap: Int { 4 * scale }
    var lineHeight: Int { (BitmapFont.glyphHeight + 4) * scale }

    /// The box around these lines: room for the most swatches any line has (at least one), a
    /// gap after each and around the box, and the widest text; a gap below the last line.
    func size(of lines: [LegendLine]) -> (width: Int, height: Int) {
        let textW = lines.map { BitmapFont.width(of: $0.text, scale: scale) }.max() ?? 0
        let swatches = max(1, lines.map(\.swatches).max() ?? 1)
        return (swatches * (swatch + gap) + 2 * gap + textW, lines.count * lineHeight + gap)
    }
}

/// Chooses where the overlay legend goes: a cost per pixel (an original dark pixel costs 1, a
/// pixel on or next to a curve costs 1,000) summed over the box with an integral image, over
/// every position on a grid of about 4 px in the allowed area; ties go to the position
/// nearest a corner of that area.
struct LegendPlacement {
    /// The cost of a pixel on or near a curve; an original dark pixel costs 1.
    static let curveCost = 1_000
    let width: Int, height: Int
    /// Summed-area table of the cost, (width + 1) × (height + 1).
    let sums: [Int]

    init(original: Raster, curves: [[(x: Int, y: Int)]], pen: Int) {
        width = original.width
        height = original.height
        var cost = [Int](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width where original[x: x, y: y].gray < 200 { cost[y * width + x] = 1 }
        }
        let reach = 4 * pen + 4   // keep the box a few pixels clear of every curve
        for curve in curves {
            for (a, b) in zip(curve, curve.dropFirst()) {
                let steps = max(abs(b.x - a.x), abs(b.y - a.y), 1)
                guard steps < 100_000 else { continue }
                for k in 0...steps {
                    let x = a.x + (b.x - a.x) * k / steps, y = a.y + (b.y - a.y) * k / steps
                    let (x0, x1) = (max(0, x - reach), min(width - 1, x + reach))
                    let (y0, y1) = (max(0, y - reach), min(height - 1, y + reach))
                    guard x0 <= x1, y0 <= y1 else { continue }
                    for yy in y0...y1 {
                        for xx in x0...x1 { cost[yy * width + xx] = Self.curveCost }
                    }
                }
            }
        }
        var sums = [Int](repeating: 0, count: (width + 1) * (height + 1))
        for y in 0..<height {
            var row = 0
            for x in 0..<width {
                row += cost[y * width + x]
                sums[(y + 1) * (width + 1) + x + 1] = sums[y * (width + 1) + x + 1] + row
            }
        }
        self.sums = sums
    }

    /// The top-left corner, in pixels, of the cheapest `width` × `height` box inside `area`
    /// (left, top, right, bottom), with its cost; the area's top-left (cost `Int.max`) when the
    /// box does not fit.
    func place(width w: Int, height h: Int, within area: (Int, Int, Int, Int)) -> (x: Int, y: Int, cost: Int) {
        let (l, t) = (max(0, area.0), max(0, area.1))
        let (r, b) = (min(width - 1, area.2), min(height - 1, area.3))
        guard r - l >= w, b - t >= h else { return (max(0, min(l, width - w - 1)), max(0, min(t, height - h - 1)), Int.max) }
        var best = (x: l, y: t), bestCost = Int.max, bestDistance = Int.max
        for y in stride(from: t, through: b - h, by: 4) {
            for x in stride(from: l, through: r - w, by: 4) {
                let c = boxCost(x, y, w, h)
                let d = min(x - l, r - w - x) + min(y - t, b - h - y)
                if c < bestCost || (c == bestCost && d < bestDistance) { (best, bestCost, bestDistance) = ((x, y), c, d) }
            }
        }
        return (best.x, best.y, bestCost)
    }

    private func boxCost(_ x: Int, _ y: Int, _ w: Int, _ h: Int) -> Int {
        let stride = width + 1
        return sums[(y + h) * stride + x + w] - sums[y * stride + x + w] - sums[(y + h) * stride + x] + sums[y * stride + x]
    }
}
