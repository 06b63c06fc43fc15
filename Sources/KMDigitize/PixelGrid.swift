import KMImage

/// Read-only access to a raster's pixels, the form every detection stage works on, with the
/// dark pixels (axis-line candidates) marked in a bitmap. Coordinates are pixels from the top-left.
struct PixelGrid: Sendable {
    let width: Int
    let height: Int
    let rgb: [UInt8]
    /// One bit per pixel, set where the luma (``lum(_:_:)``) is below
    /// ``AxisLineDetector/lineLuma``, dark enough for an axis line: row `y` is the
    /// `darkWordsPerRow` words from `y * darkWordsPerRow`, column `x` is bit `x % 64` of word `x / 64`.
    let dark: [UInt64]
    let darkWordsPerRow: Int

    init(_ raster: Raster) {
        width = raster.width
        height = raster.height
        rgb = raster.rgb
        let wordsPerRow = (width + 63) / 64
        darkWordsPerRow = wordsPerRow
        let w = width, h = height, source = raster.rgb
        // lum < lineLuma exactly when the weighted sum is below 1000 · lineLuma.
        let threshold = 1000 * AxisLineDetector.lineLuma
        var bits = [UInt64](repeating: 0, count: wordsPerRow * h)
        let white = EightPixels(255, 255, 255)
        source.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            for y in 0..<h {
                let row = base + 3 * y * w
                var x = 0
                while x < w {
                    // Eight white pixels at once: none of them is dark.
                    if x & 7 == 0 {
                        while x + 8 <= w, white.match(row + 3 * x) { x += 8 }
                        guard x < w else { break }
                    }
                    let p = row + 3 * x
                    let sum = 299 * Int(p.load(as: UInt8.self)) + 587 * Int(p.load(fromByteOffset: 1, as: UInt8.self))
                        + 114 * Int(p.load(fromByteOffset: 2, as: UInt8.self))
                    if sum < threshold { bits[y * wordsPerRow + x >> 6] |= 1 << UInt64(x & 63) }
                    x += 1
                }
            }
        }
        dark = bits
    }

    /// Rec. 601 luma of pixel (x, y), 0…255.
    @inline(__always) func lum(_ x: Int, _ y: Int) -> Int {
        let i = 3 * (y * width + x)
        return Self.luma(Int(rgb[i]), Int(rgb[i + 1]), Int(rgb[i + 2]))
    }

    @inline(__always) static func luma(_ r: Int, _ g: Int, _ b: Int) -> Int { (299 * r + 587 * g + 114 * b) / 1000 }

    /// Every pixel's ``lum(_:_:)``, row-major, for the stages that read most of the image.
    func lumaPlane() -> [UInt8] {
        var l = [UInt8](repeating: 255, count: width * height)
        var j = 0
        for i in 0..<l.count {
            l[i] = UInt8(truncatingIfNeeded: Self.luma(Int(rgb[j]), Int(rgb[j + 1]), Int(rgb[j + 2])))
            j += 3
        }
        return l
    }

    @inline(__always) func color(_ x: Int, _ y: Int) -> (Double, Double, Double) {
        let i = 3 * (y * width + x)
        return (Double(rgb[i]), Double(rgb[i + 1]), Double(rgb[i + 2]))
    }

    /// The most common colour in a rectangle (quantised to 4 bits a channel, then averaged).
    func dominantColor(x0: Int, y0: Int, x1: Int, y1: Int) -> (Double, Double, Double) {
        let xa = max(0, x0), xb = min(width - 1, x1), ya = max(0, y0), yb = min(height - 1, y1)
        guard xa <= xb, ya <= yb else { return (255, 255, 255) }
        // Per 4-bit colour key, its pixel count then the sums of its red, green and blue. Integer
        // sums: exact, so the means are what summing in `Double` gives.
        var tally = [Int](repeating: 0, count: 4 * 4096)
        let step = max(1, ((xb - xa + 1) * (yb - ya + 1)) / 200_000)
        tally.withUnsafeMutableBufferPointer { tally in
            // Runs of one colour (the page, mostly) are counted first and added at once.
            var runR = -1, runG = 0, runB = 0, run = 0
            func flush() {
                guard run > 0 else { return }
                let key = (runR >> 4) << 8 | (runG >> 4) << 4 | (runB >> 4)
                tally[4 * key] += run
                tally[4 * key + 1] += run * runR; tally[4 * key + 2] += run * runG; tally[4 * key + 3] += run * runB
            }
            var pattern = EightPixels(255, 255, 255)
            rgb.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                var y = ya
                while y <= yb {
                    var i = 3 * (y * width + xa)
                    let end = 3 * (y * width + xb)
                    while i <= end {
                        // Inside a long run, eight more pixels of its colour at a time.
                        if step == 1, run >= 8 {
                            if !pattern.isColor(runR, runG, runB) { pattern = EightPixels(UInt8(runR), UInt8(runG), UInt8(runB)) }
                            while i + 21 <= end, pattern.match(base + i) { run += 8; i += 24 }
                            guard i <= end else { break }
                        }
                        let p = base + i
                        let r = Int(p.load(as: UInt8.self)), g = Int(p.load(fromByteOffset: 1, as: UInt8.self))
                        let b = Int(p.load(fromByteOffset: 2, as: UInt8.self))
                        if r == runR && g == runG && b == runB {
                            run += 1
                        } else {
                            flush()
                            runR = r; runG = g; runB = b; run = 1
                        }
                        i += 3 * step
                    }
                    y += step
                }
            }
            flush()
        }
        let best = (0..<4096).max { tally[4 * $0] < tally[4 * $1] } ?? 0
        let n = Double(max(1, tally[4 * best]))
        return (Double(tally[4 * best + 1]) / n, Double(tally[4 * best + 2]) / n, Double(tally[4 * best + 3]) / n)
    }
}

/// Eight pixels of one colour as laid out in an RGB raster (24 bytes, three 64-bit words), to
/// test eight pixels in three comparisons: the page's colour fills most of a figure.
struct EightPixels {
    let r: UInt8, g: UInt8, b: UInt8
    private let words: (UInt64, UInt64, UInt64)

    init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r; self.g = g; self.b = b
        // Bytes r g b r g b r g | b r g b r g b r | g b r g b r g b, little-endian words.
        let (r, g, b) = (UInt64(r), UInt64(g), UInt64(b))
        let w0 = r | g << 8 | b << 16 | r << 24 | g << 32 | b << 40 | r << 48 | g << 56
        let w1 = b | r << 8 | g << 16 | b << 24 | r << 32 | g << 40 | b << 48 | r << 56
        let w2 = g | b << 8 | r << 16 | g << 24 | b << 32 | r << 40 | g << 48 | b << 56
        words = (UInt64(littleEndian: w0), UInt64(littleEndian: w1), UInt64(littleEndian: w2))
    }

    /// Whether this is the colour (r, g, b).
    @inline(__always) func isColor(_ r: Int, _ g: Int, _ b: Int) -> Bool {
        Int(self.r) == r && Int(self.g) == g && Int(self.b) == b
    }

    /// Whether the eight pixels from `p` (the first pixel's red byte) all have this colour.
    @inline(__always) func match(_ p: UnsafeRawPointer) -> Bool {
        p.loadUnaligned(as: UInt64.self) == words.0
            && p.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == words.1
            && p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) == words.2
    }
}
