import KMImage

/// A raster to draw diagnostics on: lines, rectangles, markers and 5×7 text.
///
/// All coordinates are image pixels (x to the right, y downwards, origin top-left). Drawing
/// outside the raster is clipped silently, so callers can draw shapes that cross the edge.
public struct OverlayCanvas: Sendable {
    public private(set) var raster: Raster

    public init(_ raster: Raster) { self.raster = raster }

    /// Blends every pixel towards white by `amount` (0 = unchanged, 1 = white), so that drawing
    /// on top stands out while the original stays recognisable.
    public mutating func fade(_ amount: Double) {
        let keep = max(0, min(1, 1 - amount))
        let add = 255 * (1 - keep)
        raster.rgb.withUnsafeMutableBufferPointer { bytes in
            for i in bytes.indices { bytes[i] = UInt8((Double(bytes[i]) * keep + add).rounded()) }
        }
    }

    /// Sets one pixel, mixing `color` over the existing one with opacity `alpha` (0…1).
    public mutating func plot(_ x: Int, _ y: Int, _ color: RGB, alpha: Double = 1) {
        guard raster.contains(x: x, y: y) else { return }
        if alpha >= 1 { raster[x: x, y: y] = color; return }
        let old = raster[x: x, y: y]
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * (1 - alpha) + Double(b) * alpha).rounded()) }
        raster[x: x, y: y] = RGB(r: mix(old.r, color.r), g: mix(old.g, color.g), b: mix(old.b, color.b))
    }

    /// A straight line from (`x0`, `y0`) to (`x1`, `y1`) with a square pen `width` pixels wide.
    /// `dash` = (on, off) lengths in pixels along the line, counted from its start; nil = solid.
    public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, color: RGB, width: Int = 1,
                              dash: (on: Int, off: Int)? = nil, dashPhase: Int = 0) {
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var x = x0, y = y0
        var step = dashPhase
        let lo = -(width - 1) / 2, hi = width / 2
        while true {
            if let dash, dash.on + dash.off > 0, step % (dash.on + dash.off) >= dash.on {
                // in a gap
            } else {
                for oy in lo...hi { for ox in lo...hi { plot(x + ox, y + oy, color) } }
            }
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
            step += 1
        }
    }

    /// A polyline through `points`; the dash pattern runs on across the corners.
    public mutating func polyline(_ points: [(x: Int, y: Int)], color: RGB, width: Int = 1,
                                  dash: (on: Int, off: Int)? = nil) {
        guard points.count >= 2 else { return }
        var phase = 0
        for i in 1..<points.count {
            let a = points[i - 1], b = points[i]
            line(a.x, a.y, b.x, b.y, color: color, width: width, dash: dash, dashPhase: phase)
            phase += max(abs(b.x - a.x), abs(b.y - a.y))
        }
    }

    /// The outline of the rectangle with corners (`left`, `top`) and (`right`, `bottom`), inclusive.
    public mutating func strokeRect(left: Int, top: Int, right: Int, bottom: Int, color: RGB,
                                    dash: (on: Int, off: Int)? = nil) {
        polyline([(left, top), (right, top), (right, bottom), (left, bottom), (left, top)], color: color, dash: dash)
    }

    /// Fills the rectangle (inclusive corners) with `color` at opacity `alpha`.
    public mutating func fillRect(left: Int, top: Int, right: Int, bottom: Int, color: RGB, alpha: Double = 1) {
        // Clipped to the image; a rectangle wholly outside it draws nothing.
        let x0 = max(0, left), x1 = min(raster.width - 1, right)
        let y0 = max(0, top), y1 = min(raster.height - 1, bottom)
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            for x in x0...x1 { plot(x, y, color, alpha: alpha) }
        }
    }

    /// A ring of `radius` pixels centred on (`cx`, `cy`), one pixel thick (midpoint circle).
    public mutating func ring(_ cx: Int, _ cy: Int, radius: Int, color: RGB) {
        var x = radius, y = 0, err = 1 - radius
        while x >= y {
            for (px, py) in [(x, y), (y, x), (-y, x), (-x, y), (-x, -y), (-y, -x), (y, -x), (x, -y)] {
                plot(cx + px, cy + py, color)
            }
            y += 1
            if err < 0 { err += 2 * y + 1 } else { x -= 1; err += 2 * (y - x) + 1 }
        }
    }

    /// Draws `text` in the 5×7 ``BitmapFont`` with its top-left corner at (`x`, `y`); `scale`
    /// image pixels per font pixel. Returns the drawn width in pixels.
    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, color: RGB, scale: Int = 1) -> Int {
        var cursor = x
        for character in text {
            let rows = BitmapFont.rows(for: character)
            for (row, bits) in rows.enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (1 << (BitmapFont.glyphWidth - 1 - column)) != 0 {
                    for sy in 0..<scale { for sx in 0..<scale {
                        plot(cursor + column * scale + sx, y + row * scale + sy, color)
                    } }
                }
            }
            cursor += BitmapFont.advance * scale
        }
        return BitmapFont.width(of: text, scale: scale)
    }
}
