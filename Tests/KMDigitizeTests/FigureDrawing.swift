import KMImage

/// Draws small Kaplan–Meier figures into a raster, so tests know the exact answer.
struct FigureDrawing {
    var raster: Raster
    /// Pixel of time 0 / survival 0 and pixels per unit.
    let originX = 60, originY = 260, pixelsPerTime = 40.0, pixelsPerSurvival = 200.0

    init(width: Int = 400, height: Int = 320) {
        raster = Raster(width: width, height: height)
    }

    mutating func set(_ x: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8)) {
        guard x >= 0, y >= 0, x < raster.width, y < raster.height else { return }
        let i = 3 * (y * raster.width + x)
        raster.rgb[i] = c.0; raster.rgb[i + 1] = c.1; raster.rgb[i + 2] = c.2
    }

    mutating func hline(_ x0: Int, _ x1: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8), thickness: Int = 1) {
        for t in 0..<thickness { for x in min(x0, x1)...max(x0, x1) { set(x, y + t, c) } }
    }

    mutating func vline(_ x: Int, _ y0: Int, _ y1: Int, _ c: (UInt8, UInt8, UInt8), thickness: Int = 1) {
        for t in 0..<thickness { for y in min(y0, y1)...max(y0, y1) { set(x + t, y, c) } }
    }

    func column(time: Double) -> Int { originX + Int((time * pixelsPerTime).rounded()) }
    func row(survival: Double) -> Int { originY - Int((survival * pixelsPerSurvival).rounded()) }

    /// L-shaped axes with outward ticks at times 0…7 and survival 0, 0.25, …, 1.
    mutating func drawAxes() {
        let black: (UInt8, UInt8, UInt8) = (0, 0, 0)
        hline(originX - 5, column(time: 7) + 5, originY + 6, black)
        vline(originX - 6, row(survival: 1) - 5, originY + 6, black)
        for t in 0...7 { vline(column(time: Double(t)), originY + 7, originY + 12, black) }
        for k in 0...4 { hline(originX - 12, originX - 7, row(survival: Double(k) * 0.25), black) }
    }

    /// Axes through the origin in a journal's style: a dark grey line with a lighter, blurred
    /// row (column) on each side, outward ticks at times 1…7 (and 0 unless `tickAtZero` is
    /// false, as when the 0 tick hides in the corner) and at survival 0, 0.25, …, 1, and a
    /// dotted grid at every survival tick.
    mutating func drawJournalAxes(line: (UInt8, UInt8, UInt8) = (70, 70, 70), blur: (UInt8, UInt8, UInt8) = (170, 170, 170),
                                  tickAtZero: Bool = true, grid: (UInt8, UInt8, UInt8)? = (205, 205, 205)) {
        if let grid {
            for k in 1...4 {
                let y = row(survival: Double(k) * 0.25)
                for x in stride(from: originX + 2, through: column(time: 7), by: 4) { set(x, y, grid) }
            }
        }
        let top = row(survival: 1) - 5, right = column(time: 7) + 5
        hline(originX, right, originY - 1, blur)
        hline(originX, right, originY + 1, blur)
        vline(originX - 1, top, originY, blur)
        vline(originX + 1, top, originY - 2, blur)
        hline(originX, right, originY, line)
        vline(originX, top, originY, line)
        for t in (tickAtZero ? 0 : 1)...7 { vline(column(time: Double(t)), originY + 2, originY + 7, line) }
        for k in 0...4 { hline(originX - 7, originX - 2, row(survival: Double(k) * 0.25), line) }
    }

    /// A confidence band: `halfWidth` of survival above and below the step curve through
    /// `steps` (as in `drawSteps`), filled in `color`; draw the curve over it.
    mutating func drawBand(_ steps: [(Double, Double)], end: Double, halfWidth: Double, color: (UInt8, UInt8, UInt8)) {
        for x in column(time: 0)...column(time: end) {
            let t = Double(x - originX) / pixelsPerTime
            let s = steps.last { $0.0 <= t }?.1 ?? 1
            vline(x, row(survival: min(1, s + halfWidth)), row(survival: max(0, s - halfWidth)), color)
        }
    }

    /// Dotted grid lines across the panel at every tick, every other pixel inked.
    mutating func drawDottedGrid(_ color: (UInt8, UInt8, UInt8)) {
        for t in 0...7 { for y in stride(from: row(survival: 1), through: originY, by: 2) { set(column(time: Double(t)), y, color) } }
        for k in 0...4 { for x in stride(from: originX, through: column(time: 7), by: 2) { set(x, row(survival: Double(k) * 0.25), color) } }
    }

    /// Word glyphs 5 pixels wide and 7 tall (`#` is ink), for the letters the tests print.
    static let font: [Character: [String]] = [
        "a": [".....", ".....", ".###.", "....#", ".####", "#...#", ".####"],
        "d": ["....#", "....#", ".####", "#...#", "#...#", "#...#", ".####"],
        "e": [".....", ".....", ".###.", "#...#", "#####", "#....", ".###."],
        "i": ["..#..", ".....", ".##..", "..#..", "..#..", "..#..", ".###."],
        "m": [".....", ".....", "##.#.", "#.#.#", "#.#.#", "#.#.#", "#.#.#"],
        "n": [".....", ".....", "#.##.", "##..#", "#...#", "#...#", "#...#"],
        "o": [".....", ".....", ".###.", "#...#", "#...#", "#...#", ".###."],
        "r": [".....", ".....", "#.##.", "##..#", "#....", "#....", "#...."],
        "s": [".....", ".....", ".####", "#....", ".###.", "....#", "####."],
        "t": [".#...", ".#...", "####.", ".#...", ".#...", ".#..#", "..##."],
    ]

    /// Prints `text` with its top-left corner at (x, y), each glyph pixel drawn as a
    /// `scale` × `scale` square, one glyph column of space between letters.
    mutating func drawText(_ text: String, x: Int, y: Int, color: (UInt8, UInt8, UInt8), scale: Int = 1) {
        var left = x
        for letter in text {
            if let rows = Self.font[letter] {
                for (r, line) in rows.enumerated() {
                    for (c, cell) in line.enumerated() where cell == "#" {
                        for dy in 0..<scale { for dx in 0..<scale { set(left + c * scale + dx, y + r * scale + dy, color) } }
                    }
                }
            }
            left += 6 * scale
        }
    }

    /// A step curve through (time, survival) steps, starting at survival 1.
    /// `shade`, where given, colours the levels from time `shadeFrom` on, as JPEG blocks and
    /// blur split one line into two tones.
    mutating func drawSteps(_ steps: [(Double, Double)], end: Double, color: (UInt8, UInt8, UInt8), dashed: Bool = false,
                            thickness: Int = 1, shade: (UInt8, UInt8, UInt8)? = nil, shadeFrom: Double = 0) {
        var s = 1.0, t = 0.0
        for (time, next) in steps + [(end, -1)] {
            let y = row(survival: s)
            for x in column(time: t)...column(time: time) where !dashed || (x / 4) % 2 == 0 {
                let c = x >= column(time: shadeFrom) ? shade ?? color : color
                for k in 0..<thickness { set(x, y + k, c) }
            }
            guard next >= 0 else { break }
            vline(column(time: time), y, row(survival: next) + thickness - 1, color, thickness: thickness)
            s = next
            t = time
        }
    }
}
