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
    for (i, arm) in figure.arms.enumerated() {
        canvas.polyline(arm.corners.map { point($0.time, $0.survival) }, color: palette.traced[i], width: s)
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
        canvas.polyline(points, color: palette.reconstructed[i], width: s + 1, dash: (6 * s, 4 * s))
    }

    drawReadWords(&canvas, extraction.reading)
    drawLegend(&canvas, original: extraction.raster, report: report, palette: palette, panel: (left, top, right, bottom), scale: s)
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

/// The legend box, in the panel corner that covers the least ink of the original figure
/// (bottom-left first, where Kaplan–Meier curves rarely are).
private func drawLegend(_ canvas: inout OverlayCanvas, original: Raster, report: FigureReport, palette: OverlayPalette,
                        panel: (Int, Int, Int, Int), scale s: Int) {
    let swatch = 18 * s, gap = 4 * s, lineH = (BitmapFont.glyphHeight + 4) * s
    var lines: [(text: String, traced: RGB?, reconstructed: RGB?, textColor: RGB)] = [
        ("KMRECON: \(report.confidence.rawValue.uppercased())", nil, nil, .black),
    ]
    for (i, arm) in report.arms.enumerated() {
        let name = arm.name.count > 18 ? String(arm.name.prefix(17)) + "." : arm.name
        lines.append(("\(name) TRACED", palette.traced[i], nil, .black))
        lines.append(("KM OF IPD N=\(arm.patients) E=\(arm.events)", nil, palette.reconstructed[i], .black))
    }
    lines.append(("O  CENSOR MARK FOUND", nil, nil, .black))
    lines.append(("|  CALIBRATED TICK", nil, nil, OverlayPalette.ticks))
    lines.append(("#  TICK MARK FOUND", nil, nil, OverlayPalette.foundTick))
    if report.reading?.readAnything == true {
        lines.append(("BOXED: READ FROM FIGURE", nil, nil, OverlayPalette.readWord))
        if report.reading?.wordsUsed.contains(where: { !$0.confident }) == true {
            lines.append(("BOXED: READ, CHECK IT", nil, nil, OverlayPalette.weakWord))
        }
    }
    let textW = lines.map { BitmapFont.width(of: $0.text, scale: s) }.max() ?? 0
    let boxW = swatch + gap * 3 + textW
    let boxH = lines.count * lineH + gap
    let (left, top, right, bottom) = panel
    let margin = 8 * s, labelRoom = 12 * s + BitmapFont.glyphHeight * s
    let corners = [(left + margin, bottom - labelRoom - boxH), (right - margin - boxW, top + margin),
                   (right - margin - boxW, bottom - labelRoom - boxH), (left + 12 * s + BitmapFont.width(of: "0.00", scale: s), top + margin)]
    func ink(_ x0: Int, _ y0: Int) -> Int {
        var n = 0
        for y in stride(from: max(0, y0), to: min(original.height, y0 + boxH), by: 2) {
            for x in stride(from: max(0, x0), to: min(original.width, x0 + boxW), by: 2) where original[x: x, y: y].gray < 200 { n += 1 }
        }
        return n
    }
    var (x0, y0) = corners[0]
    var least = Int.max
    for c in corners where c.0 >= 0 && c.1 >= 0 && c.0 + boxW < original.width && c.1 + boxH < original.height {
        let n = ink(c.0, c.1)
        if n < least { least = n; (x0, y0) = c }
    }
    if y0 < 0 { y0 = max(0, top + 2) }
    canvas.fillRect(left: x0, top: y0, right: x0 + boxW, bottom: y0 + boxH, color: .white, alpha: 0.88)
    canvas.strokeRect(left: x0, top: y0, right: x0 + boxW, bottom: y0 + boxH, color: RGB(r: 120, g: 120, b: 120))
    for (k, line) in lines.enumerated() {
        let y = y0 + gap + k * lineH
        let mid = y + BitmapFont.glyphHeight * s / 2
        if let c = line.traced { canvas.line(x0 + gap, mid, x0 + gap + swatch, mid, color: c, width: s) }
        if let c = line.reconstructed { canvas.line(x0 + gap, mid, x0 + gap + swatch, mid, color: c, width: s + 1, dash: (5 * s, 3 * s)) }
        let textX = line.traced == nil && line.reconstructed == nil ? x0 + gap : x0 + 2 * gap + swatch
        canvas.text(line.text, x: textX, y: y, color: line.textColor, scale: s)
    }
}
