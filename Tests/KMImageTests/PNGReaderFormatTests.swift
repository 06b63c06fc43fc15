import Testing
@testable import KMImage

/// Every PNG colour type and bit depth decodes to the same 8-bit RGB-on-white raster.
@Suite struct PNGReaderFormatTests {
    func decode(_ builder: PNGBuilder) throws -> Raster {
        try PNGReader.decode(builder.build(), source: "built.png")
    }

    @Test func gray8BitIsRepeatedIntoRGB() throws {
        let raster = try decode(PNGBuilder(width: 16, height: 16, colorType: .gray) { x, y in [y * 16 + x] })
        #expect(raster.width == 16 && raster.height == 16)
        #expect(raster[x: 0, y: 0] == RGB(r: 0, g: 0, b: 0))
        #expect(raster[x: 5, y: 3] == RGB(r: 53, g: 53, b: 53))
        #expect(raster[x: 15, y: 15] == RGB.white)
    }

    @Test(arguments: [(1, 255), (2, 85), (4, 17)])
    func lowBitDepthGrayScalesToFullRange(bitDepth: Int, step: Int) throws {
        let levels = 1 << bitDepth
        // Width 11 is deliberately not a multiple of the samples per byte.
        let raster = try decode(PNGBuilder(width: 11, height: 3, colorType: .gray, bitDepth: bitDepth) { x, _ in
            [x % levels]
        })
        for x in 0..<11 {
            let v = UInt8((x % levels) * step)
            #expect(raster[x: x, y: 2] == RGB(r: v, g: v, b: v), "x=\(x)")
        }
    }

    /// 16-bit files without a gAMA chunk are sRGB-encoded, not linear: 0x8080 (= 128 × 257) is mid-gray 128.
    @Test func gray16BitIsTreatedAsSRGBNotLinear() throws {
        let values = [0, 64, 128, 200, 255]
        let raster = try decode(PNGBuilder(width: values.count, height: 1, colorType: .gray, bitDepth: 16) { x, _ in
            [values[x] * 257]
        })
        #expect(raster.rgb == values.flatMap { [UInt8($0), UInt8($0), UInt8($0)] })
    }

    @Test func rgb16BitKeepsEachChannel() throws {
        let raster = try decode(PNGBuilder(width: 2, height: 1, colorType: .rgb, bitDepth: 16) { x, _ in
            x == 0 ? [0xFFFF, 0, 128 * 257] : [31 * 257, 119 * 257, 180 * 257]
        })
        #expect(raster[x: 0, y: 0] == RGB(r: 255, g: 0, b: 128))
        #expect(raster[x: 1, y: 0] == (try RGB(hex: "#1F77B4")))
    }

    @Test func rgb8BitIsCopiedExactly() throws {
        let builder = PNGBuilder(width: 7, height: 5, colorType: .rgb) { x, y in [x * 36, y * 60, (x * y * 7) % 256] }
        let raster = try decode(builder)
        for y in 0..<5 { for x in 0..<7 {
            #expect(raster[x: x, y: y] == RGB(r: UInt8(x * 36), g: UInt8(y * 60), b: UInt8((x * y * 7) % 256)))
        } }
    }

    /// Black at alpha 128/255 over white is 127: the blend is on encoded values, as a browser shows it
    /// (libpng's linear-light background would give 188).
    @Test func grayAlphaIsCompositedOnWhite() throws {
        let alphas = [0, 64, 128, 255]
        let raster = try decode(PNGBuilder(width: 4, height: 1, colorType: .grayAlpha) { x, _ in [0, alphas[x]] })
        #expect(raster.rgb == [255, 255, 255, 191, 191, 191, 127, 127, 127, 0, 0, 0])
    }

    @Test func rgbaIsCompositedOnWhite() throws {
        let raster = try decode(PNGBuilder(width: 3, height: 1, colorType: .rgba) { x, _ in
            [[200, 0, 100, 0], [200, 0, 100, 255], [200, 0, 100, 128]][x]
        })
        #expect(raster[x: 0, y: 0] == .white)
        #expect(raster[x: 1, y: 0] == RGB(r: 200, g: 0, b: 100))
        // (c·128 + 255·127) / 255, rounded: 200 → 227, 0 → 127, 100 → 177.
        #expect(raster[x: 2, y: 0] == RGB(r: 227, g: 127, b: 177))
    }

    /// The in-place RGBA → RGB pass copies opaque pixels four bytes at a time; every pixel, opaque
    /// or not, must still come out as the blend (c·α + 255·(255 − α) + 127) / 255.
    @Test func inPlaceCompositingMatchesTheBlendForEveryAlpha() {
        let count = 257   // every alpha, opaque runs between them, and an odd length
        var bytes = [UInt8](repeating: 0, count: count * 4)
        var expected: [UInt8] = []
        for i in 0..<count {
            let alpha = i % 2 == 0 ? UInt32(255) : UInt32((i * 37) % 256)
            let color = [UInt32((i * 11) % 256), UInt32((i * 53 + 7) % 256), UInt32((i * 101 + 3) % 256)]
            for c in 0..<3 { bytes[4 * i + c] = UInt8(color[c]) }
            bytes[4 * i + 3] = UInt8(alpha)
            for c in color { expected.append(UInt8((c * alpha + 255 * (255 - alpha) + 127) / 255)) }
        }
        // Into a buffer of exactly 3 bytes a pixel (the last pixel is opaque: no write past its end)…
        var rgb = [UInt8](repeating: 0, count: 3 * count)
        bytes.withUnsafeBufferPointer { source in
            rgb.withUnsafeMutableBufferPointer { AlphaCompositing.straightRGBAOnWhite(source.baseAddress!, into: $0.baseAddress!, pixels: count) }
        }
        #expect(rgb == expected)
        // …and in place.
        bytes.withUnsafeMutableBufferPointer { AlphaCompositing.straightRGBAOnWhite($0.baseAddress!, into: $0.baseAddress!, pixels: count) }
        #expect(Array(bytes[0..<(3 * count)]) == expected)
    }

    @Test func rgba16BitIsCompositedOnWhite() throws {
        let raster = try decode(PNGBuilder(width: 2, height: 1, colorType: .rgba, bitDepth: 16) { x, _ in
            x == 0 ? [0, 0, 0, 0] : [0, 100 * 257, 255 * 257, 0xFFFF]
        })
        #expect(raster[x: 0, y: 0] == .white)
        #expect(raster[x: 1, y: 0] == RGB(r: 0, g: 100, b: 255))
    }

    @Test func paletteWithTransparencyIsCompositedOnWhite() throws {
        // tRNS shorter than the palette: entries without an alpha are opaque.
        let builder = PNGBuilder(width: 4, height: 2, colorType: .palette,
                                 palette: [(200, 0, 100), (200, 0, 100), (10, 20, 30), (0, 0, 255)],
                                 transparency: [0, 128]) { x, _ in [x] }
        let raster = try decode(builder)
        #expect(raster[x: 0, y: 1] == .white)
        #expect(raster[x: 1, y: 1] == RGB(r: 227, g: 127, b: 177))
        #expect(raster[x: 2, y: 1] == RGB(r: 10, g: 20, b: 30))
        #expect(raster[x: 3, y: 1] == RGB(r: 0, g: 0, b: 255))
    }

    @Test func fourBitPaletteWithoutTransparency() throws {
        let palette: [(UInt8, UInt8, UInt8)] = (0..<16).map { (i: Int) in (UInt8(i * 16), UInt8(255 - i * 16), UInt8(i * 8)) }
        let raster = try decode(PNGBuilder(width: 9, height: 2, colorType: .palette, bitDepth: 4,
                                           palette: palette) { x, y in [(x + y) % 16] })
        for x in 0..<9 {
            let p = palette[(x + 1) % 16]
            #expect(raster[x: x, y: 1] == RGB(r: p.0, g: p.1, b: p.2))
        }
    }

    @Test func grayTransparencyKeyBecomesWhite() throws {
        // tRNS for gray is one 16-bit sample: pixels equal to 50 are fully transparent.
        let raster = try decode(PNGBuilder(width: 3, height: 1, colorType: .gray, transparency: [0, 50]) { x, _ in
            [[50, 0, 51][x]]
        })
        #expect(raster.rgb == [255, 255, 255, 0, 0, 0, 51, 51, 51])
    }

    @Test func rgbTransparencyKeyBecomesWhite() throws {
        let raster = try decode(PNGBuilder(width: 2, height: 1, colorType: .rgb, transparency: [0, 1, 0, 2, 0, 3]) { x, _ in
            x == 0 ? [1, 2, 3] : [1, 2, 4]
        })
        #expect(raster.rgb == [255, 255, 255, 1, 2, 4])
    }

    /// Adam7 at a size that is not a multiple of 8, so some passes are partial.
    @Test(arguments: [(13, 11), (1, 1), (3, 2), (9, 17)])
    func interlacedRGBMatchesTheSamePixels(width: Int, height: Int) throws {
        let pixel: (Int, Int) -> [Int] = { x, y in [x * 17 % 256, y * 23 % 256, (x ^ y) * 5 % 256] }
        let interlaced = try decode(PNGBuilder(width: width, height: height, colorType: .rgb, interlaced: true, pixel: pixel))
        let expected = (0..<height).flatMap { y in (0..<width).flatMap { x in pixel(x, y).map(UInt8.init) } }
        #expect(interlaced.rgb == expected)
    }

    @Test func interlacedTwoBitPaletteWithAlpha() throws {
        let palette: [(UInt8, UInt8, UInt8)] = [(0, 0, 0), (255, 0, 0), (0, 128, 0), (0, 0, 255)]
        let raster = try decode(PNGBuilder(width: 10, height: 10, colorType: .palette, bitDepth: 2, interlaced: true,
                                           palette: palette, transparency: [0]) { x, y in [(x + 2 * y) % 4] })
        for y in 0..<10 { for x in 0..<10 {
            let index = (x + 2 * y) % 4
            let p = palette[index]
            #expect(raster[x: x, y: y] == (index == 0 ? .white : RGB(r: p.0, g: p.1, b: p.2)))
        } }
    }

    @Test func interlacedGrayAlpha16Bit() throws {
        let raster = try decode(PNGBuilder(width: 5, height: 4, colorType: .grayAlpha, bitDepth: 16, interlaced: true) { x, y in
            [(x * 50) * 257, y == 0 ? 0 : 0xFFFF]
        })
        #expect(raster[x: 3, y: 0] == .white)
        #expect(raster[x: 3, y: 2] == RGB(r: 150, g: 150, b: 150))
    }
}

/// libpng 1.6's own 16-bit-with-alpha → 8-bit conversion scrambles the rows of interlaced
/// images; these pin the reader's workaround.
@Suite struct SixteenBitAlphaTests {
    static let pixel: @Sendable (Int, Int) -> [Int] = { x, y in [(x * 40) * 257, (y * 40) * 257, 100 * 257, ((x + y) * 30 % 256) * 257] }

    /// The encoded-value blend on white, to within 1 for the 16-bit linear round trip.
    static func expected(_ x: Int, _ y: Int) -> [Int] {
        let s = pixel(x, y).map { $0 / 257 }
        let a = s[3]
        return s[0..<3].map { (($0 * a) + 255 * (255 - a) + 127) / 255 }
    }

    @Test(arguments: [false, true])
    func rgba16BitMatchesTheBlendInterlacedOrNot(interlaced: Bool) throws {
        let raster = try PNGReader.decode(PNGBuilder(width: 6, height: 6, colorType: .rgba, bitDepth: 16,
                                                     interlaced: interlaced, pixel: Self.pixel).build(), source: "t.png")
        for y in 0..<6 { for x in 0..<6 {
            let got = raster[x: x, y: y], want = Self.expected(x, y)
            #expect(abs(Int(got.r) - want[0]) <= 1 && abs(Int(got.g) - want[1]) <= 1 && abs(Int(got.b) - want[2]) <= 1,
                    "(\(x), \(y)): \(got) vs \(want)")
        } }
    }

    @Test func interlacedRGB16BitWithoutAlpha() throws {
        let raster = try PNGReader.decode(PNGBuilder(width: 9, height: 7, colorType: .rgb, bitDepth: 16, interlaced: true) { x, y in
            [x * 20 * 257, y * 30 * 257, 7 * 257]
        }.build(), source: "t.png")
        for y in 0..<7 { for x in 0..<9 {
            #expect(raster[x: x, y: y] == RGB(r: UInt8(x * 20), g: UInt8(y * 30), b: 7))
        } }
    }

    @Test func interlacedRGBA8Bit() throws {
        let raster = try PNGReader.decode(PNGBuilder(width: 6, height: 6, colorType: .rgba, interlaced: true) { x, y in
            Self.pixel(x, y).map { $0 / 257 }
        }.build(), source: "t.png")
        for y in 0..<6 { for x in 0..<6 {
            let want = Self.expected(x, y).map(UInt8.init)
            #expect(raster[x: x, y: y] == RGB(r: want[0], g: want[1], b: want[2]))
        } }
    }
}
