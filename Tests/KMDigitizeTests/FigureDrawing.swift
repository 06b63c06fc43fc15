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

    /// A step curve through (time, survival) steps, starting at survival 1.
    mutating func drawSteps(_ steps: [(Double, Double)], end: Double, color: (UInt8, UInt8, UInt8), dashed: Bool = false) {
        var s = 1.0, t = 0.0
        for (time, next) in steps + [(end, -1)] {
            let y = row(survival: s)
            for x in column(time: t)...column(time: time) where !dashed || (x / 4) % 2 == 0 { set(x, y, color) }
            guard next >= 0 else { break }
            vline(column(time: time), y, row(survival: next), color)
            s = next
            t = time
        }
    }
}
