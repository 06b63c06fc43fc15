/// An 8-bit RGB image, composited on white, stored row-major from the top-left pixel.
///
/// Coordinates are pixels: `x` grows to the right, `y` grows downwards, as in the PNG.
public struct Raster: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Interleaved R, G, B bytes, `width * height * 3` of them.
    public var rgb: [UInt8]

    public init(width: Int, height: Int, rgb: [UInt8]) {
        precondition(width >= 0 && height >= 0 && rgb.count == width * height * 3,
                     "Raster: \(rgb.count) bytes for \(width)x\(height) RGB")
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// A raster filled with one colour.
    public init(width: Int, height: Int, fill: (r: UInt8, g: UInt8, b: UInt8) = (255, 255, 255)) {
        self.width = width
        self.height = height
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        var i = 0
        while i < bytes.count {
            bytes[i] = fill.r; bytes[i + 1] = fill.g; bytes[i + 2] = fill.b
            i += 3
        }
        self.rgb = bytes
    }
}
