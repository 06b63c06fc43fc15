extension Raster {
    /// The colour at pixel column `x` (0 = left), row `y` (0 = top). Out-of-range coordinates trap.
    @inlinable
    public subscript(x x: Int, y y: Int) -> RGB {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)x\(height)")
            let i = (y * width + x) * 3
            return rgb.withUnsafeBufferPointer { RGB(r: $0[i], g: $0[i + 1], b: $0[i + 2]) }
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)x\(height)")
            let i = (y * width + x) * 3
            rgb.withUnsafeMutableBufferPointer {
                $0[i] = newValue.r; $0[i + 1] = newValue.g; $0[i + 2] = newValue.b
            }
        }
    }

    /// Whether (`x`, `y`) is a pixel of this raster.
    @inlinable
    public func contains(x: Int, y: Int) -> Bool { x >= 0 && x < width && y >= 0 && y < height }

    /// Relative luminance (0 black … 1 white) of the pixel at (`x`, `y`); see ``RGB/luminance``.
    @inlinable
    public func luminance(x: Int, y: Int) -> Double { self[x: x, y: y].luminance }

    /// The 8-bit gray level of every pixel, row-major from the top-left (see ``RGB/gray``):
    /// `width * height` bytes, 0 black … 255 white.
    public func grayscale() -> [UInt8] {
        let count = width * height
        return [UInt8](unsafeUninitializedCapacity: count) { gray, initialized in
            rgb.withUnsafeBufferPointer { src in
                for i in 0..<count {
                    gray[i] = RGB.gray(r: UInt32(src[3 * i]), g: UInt32(src[3 * i + 1]), b: UInt32(src[3 * i + 2]))
                }
            }
            initialized = count
        }
    }
}
