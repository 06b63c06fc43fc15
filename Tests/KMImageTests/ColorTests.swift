import Testing
@testable import KMImage

@Suite struct LabColorTests {
    func expectLab(_ hex: String, _ L: Double, _ a: Double, _ b: Double, tolerance: Double = 0.01) throws {
        let lab = try LabColor(hex: hex)
        #expect(abs(lab.L - L) < tolerance && abs(lab.a - a) < tolerance && abs(lab.b - b) < tolerance,
                "\(hex) → L \(lab.L), a \(lab.a), b \(lab.b); expected \(L), \(a), \(b)")
    }

    /// Reference values: the standard sRGB (D65) → CIELAB conversion as published by
    /// Bruce Lindbloom's calculator and colormath/skimage.
    @Test func srgbPrimariesAndGraysMatchReferenceLab() throws {
        try expectLab("#FFFFFF", 100, 0, 0)
        try expectLab("#000000", 0, 0, 0)
        try expectLab("#FF0000", 53.2408, 80.0925, 67.2032)
        try expectLab("#00FF00", 87.7347, -86.1827, 83.1793)
        try expectLab("#0000FF", 32.2970, 79.1875, -107.8602)
        try expectLab("#808080", 53.5850, 0, 0)
    }

    /// Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula: implementation notes,
    /// supplementary test data, and mathematical observations", Table 1: all 34 pairs, including
    /// the hue wrap-around (9–16), neutral (7–8) and blue-region cases.
    @Test(arguments: [
        (50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425),
        (50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615),
        (50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412),
        (50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000),
        (50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000),
        (50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000),
        (50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669),
        (50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669),
        (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792),
        (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792),
        (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195),
        (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195),
        (50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045),
        (50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045),
        (50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461),
        (50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065),
        (50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492),
        (50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977),
        (50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030),
        (50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535),
        (50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000),
        (50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000),
        (50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000),
        (50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000),
        (60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644),
        (63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630),
        (61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731),
        (35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645),
        (22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373),
        (36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146),
        (90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441),
        (90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381),
        (6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377),
        (2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082),
    ] as [(Double, Double, Double, Double, Double, Double, Double)])
    func ciede2000MatchesSharmasTestPairs(L1: Double, a1: Double, b1: Double, L2: Double, a2: Double, b2: Double,
                                          expected: Double) {
        let x = LabColor(L: L1, a: a1, b: b1), y = LabColor(L: L2, a: a2, b: b2)
        #expect(abs(x.deltaE2000(y) - expected) < 0.0001, "got \(x.deltaE2000(y))")
        #expect(abs(y.deltaE2000(x) - expected) < 0.0001)   // symmetric
    }

    @Test func cie76IsEuclideanDistance() {
        let x = LabColor(L: 50, a: 10, b: -10), y = LabColor(L: 53, a: 14, b: -10)
        #expect(x.deltaE76(y) == 5)
        #expect(x.deltaE2000(x) == 0)
    }

    /// ggplot2's default two-arm colours are far apart; anti-aliased pixels of one curve are close to it.
    @Test func plottingColoursSeparateInDeltaE() throws {
        let red = try LabColor(hex: "#F8766D"), teal = try LabColor(hex: "#00BFC4")
        #expect(red.deltaE2000(teal) > 40)
        let halfRed = LabColor(RGB(r: 252, g: 186, b: 182))   // #F8766D at 50 % on white
        #expect(halfRed.deltaE2000(red) < red.deltaE2000(teal))
    }
}

@Suite struct RGBTests {
    @Test func hexParsesWithOrWithoutHashAndShorthand() throws {
        #expect(try RGB(hex: "#1F77B4") == RGB(r: 0x1F, g: 0x77, b: 0xB4))
        #expect(try RGB(hex: "1f77b4") == RGB(r: 0x1F, g: 0x77, b: 0xB4))
        #expect(try RGB(hex: " #F00 ") == RGB(r: 255, g: 0, b: 0))
        #expect(RGB(r: 0x1F, g: 0x77, b: 0xB4).hex == "#1F77B4")
    }

    @Test(arguments: ["", "#", "#12345", "#1234567", "#GG0000", "#+12345", "red", "#12 345"])
    func badHexIsATypedError(text: String) {
        #expect(throws: HexColorError.invalid(text)) { try RGB(hex: text) }
    }

    @Test func badHexMessageShowsTheExpectedForm() {
        #expect(HexColorError.invalid("red").description.contains("#RRGGBB"))
    }

    @Test func luminanceAndGrayRunFromBlackToWhite() {
        #expect(RGB.black.luminance == 0 && RGB.white.luminance == 1)
        #expect(RGB.black.gray == 0 && RGB.white.gray == 255)
        #expect(abs(RGB(r: 128, g: 128, b: 128).luminance - 0.21586) < 0.0001)
        #expect(RGB(r: 255, g: 0, b: 0).gray == 54)
        #expect(RGB(r: 40, g: 40, b: 40).isInk())
        #expect(!RGB(r: 230, g: 230, b: 230).isInk())
    }

    @Test func srgbTableMatchesTheCurve() {
        #expect(SRGB.linearTable.count == 256)
        #expect(SRGB.linear(0) == 0 && SRGB.linear(255) == 1)
        #expect(abs(SRGB.linear(10) - 10.0 / 255 / 12.92) < 1e-12)   // linear segment
        for byte in 0...255 { #expect(SRGB.encode(SRGB.linear(UInt8(byte))) == UInt8(byte)) }
    }
}

@Suite struct RasterPixelTests {
    @Test func subscriptReadsAndWritesRowMajorFromTopLeft() {
        var raster = Raster(width: 3, height: 2)
        raster[x: 2, y: 1] = RGB(r: 1, g: 2, b: 3)
        #expect(Array(raster.rgb[15..<18]) == [1, 2, 3])
        #expect(raster[x: 2, y: 1] == RGB(r: 1, g: 2, b: 3))
        #expect(raster[x: 0, y: 0] == .white)
        #expect(raster.contains(x: 2, y: 1) && !raster.contains(x: 3, y: 0) && !raster.contains(x: 0, y: -1))
    }

    @Test func grayscaleHasOneBytePerPixel() {
        var raster = Raster(width: 2, height: 2)
        raster[x: 1, y: 0] = .black
        raster[x: 0, y: 1] = RGB(r: 255, g: 0, b: 0)
        #expect(raster.grayscale() == [255, 0, 54, 255])
        #expect(raster.luminance(x: 1, y: 0) == 0)
    }
}
