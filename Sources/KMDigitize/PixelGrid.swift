import KMImage

/// Read-only access to a raster's pixels with the luminance precomputed, the form every
/// detection stage works on. Coordinates are pixels from the top-left.
struct PixelGrid: Sendable {
    let width: Int
    let height: Int
    let rgb: [UInt8]
    /// Rec. 601 luma in 0…255, row-major.
    let luma: [UInt8]

    init(_ raster: Raster) {
        width = raster.width
        height = raster.height
        rgb = raster.rgb
        var l = [UInt8](repeating: 255, count: raster.width * raster.height)
        rgb.withUnsafeBufferPointer { p in
            for i in 0..<l.count {
                let v = (299 * Int(p[3 * i]) + 587 * Int(p[3 * i + 1]) + 114 * Int(p[3 * i + 2])) / 1000
                l[i] = UInt8(v)
            }
        }
        luma = l
    }

    @inline(__always) func lum(_ x: Int, _ y: Int) -> Int { Int(luma[y * width + x]) }

    @inline(__always) func color(_ x: Int, _ y: Int) -> (Double, Double, Double) {
        let i = 3 * (y * width + x)
        return (Double(rgb[i]), Double(rgb[i + 1]), Double(rgb[i + 2]))
    }

    /// The most common colour in a rectangle (quantised to 4 bits a channel, then averaged).
    func dominantColor(x0: Int, y0: Int, x1: Int, y1: Int) -> (Double, Double, Double) {
        var counts = [Int](repeating: 0, count: 4096)
        var sums = [(Double, Double, Double)](repeating: (0, 0, 0), count: 4096)
        let xa = max(0, x0), xb = min(width - 1, x1), ya = max(0, y0), yb = min(height - 1, y1)
        guard xa <= xb, ya <= yb else { return (255, 255, 255) }
        let step = max(1, ((xb - xa + 1) * (yb - ya + 1)) / 200_000)
        var y = ya
        while y <= yb {
            var x = xa
            while x <= xb {
                let i = 3 * (y * width + x)
                let key = (Int(rgb[i]) >> 4) << 8 | (Int(rgb[i + 1]) >> 4) << 4 | (Int(rgb[i + 2]) >> 4)
                counts[key] += 1
                sums[key].0 += Double(rgb[i]); sums[key].1 += Double(rgb[i + 1]); sums[key].2 += Double(rgb[i + 2])
                x += step
            }
            y += step
        }
        let best = counts.indices.max { counts[$0] < counts[$1] } ?? 0
        let n = Double(max(1, counts[best]))
        return (sums[best].0 / n, sums[best].1 / n, sums[best].2 / n)
    }
}
