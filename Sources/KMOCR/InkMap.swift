import KMImage

/// How much ink each pixel holds: `255 − min(R, G, B)`, so 0 is white paper and 255 black.
///
/// Taking the darkest channel makes coloured text count as dark (yellow #EFC000 table numbers
/// reach 255 − 0 = 255 in blue) while grey panel backgrounds (ggplot's grey92, #F0F0F0) stay
/// light (ink ≈ 15–20).
struct InkMap: Sendable {
    let width: Int
    let height: Int
    /// `width * height` ink levels, row-major from the top-left.
    let ink: [UInt8]

    init(_ raster: Raster) {
        width = raster.width
        height = raster.height
        let count = width * height
        ink = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            raster.rgb.withUnsafeBufferPointer { rgb in
                for i in 0..<count {
                    out[i] = 255 - min(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2])
                }
            }
            initialized = count
        }
    }

    init(width: Int, height: Int, ink: [UInt8]) {
        precondition(ink.count == width * height)
        self.width = width
        self.height = height
        self.ink = ink
    }

    subscript(x: Int, y: Int) -> UInt8 { ink[y * width + x] }
}
