/// One 8-bit sRGB colour, as stored in a ``Raster``.
public struct RGB: Sendable, Hashable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r; self.g = g; self.b = b
    }

    public static let white = RGB(r: 255, g: 255, b: 255)
    public static let black = RGB(r: 0, g: 0, b: 0)

    /// Parses `#RRGGBB`, or the CSS shorthand `#RGB`; the `#` is optional and case is ignored.
    public init(hex: String) throws(HexColorError) {
        var digits = Substring(hex.trimmingWhitespace())
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        guard digits.count == 6 || digits.count == 3,
              let value = UInt32(digits, radix: 16), digits.allSatisfy(\.isHexDigit) else {
            throw .invalid(hex)
        }
        if digits.count == 6 {
            self.init(r: UInt8(value >> 16), g: UInt8(value >> 8 & 0xFF), b: UInt8(value & 0xFF))
        } else {
            // #abc means #aabbcc: each nibble repeated (x * 17).
            self.init(r: UInt8(value >> 8) * 17, g: UInt8(value >> 4 & 0xF) * 17, b: UInt8(value & 0xF) * 17)
        }
    }

    /// `#RRGGBB` in upper case.
    public var hex: String {
        let digits = Array("0123456789ABCDEF")
        var s = "#"
        for byte in [r, g, b] { s.append(digits[Int(byte >> 4)]); s.append(digits[Int(byte & 0xF)]) }
        return s
    }

    public var description: String { hex }

    /// Spread between the strongest and weakest channel, 0…255: 0 for greys.
    public var chroma: Int { Int(max(r, g, b)) - Int(min(r, g, b)) }

    /// Relative luminance (CIE Y) from linearised sRGB with the Rec. 709 / sRGB weights:
    /// 0 for black, 1 for white. Perceptually uneven; use ``LabColor/L`` for lightness.
    @inlinable
    public var luminance: Double {
        0.2126 * SRGB.linear(r) + 0.7152 * SRGB.linear(g) + 0.0722 * SRGB.linear(b)
    }

    /// Fast 8-bit gray level (Rec. 709 weights on the encoded values, as most image tools do):
    /// 0 black … 255 white. Integer-only, for thresholding whole rasters.
    @inlinable
    public var gray: UInt8 {
        RGB.gray(r: UInt32(r), g: UInt32(g), b: UInt32(b))
    }

    /// 0.2126, 0.7152, 0.0722 in 1/65536ths; the weights sum to 65536 so 255 stays 255.
    @usableFromInline @inline(__always)
    static func gray(r: UInt32, g: UInt32, b: UInt32) -> UInt8 {
        let weighted: UInt32 = 13933 &* r &+ 46871 &* g &+ 4732 &* b &+ 32768
        return UInt8(truncatingIfNeeded: weighted >> 16)
    }

    /// Whether the colour is dark enough to be ink (line, text, mark) rather than paper:
    /// its ``luminance`` is below `maxLuminance` (0…1).
    @inlinable
    public func isInk(maxLuminance: Double = 0.5) -> Bool { luminance < maxLuminance }
}

/// A colour string that is not `#RRGGBB` or `#RGB`.
public enum HexColorError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let text):
            return "\"\(text)\" is not a hex colour; write it as #RRGGBB, e.g. #1F77B4 (or #RGB, e.g. #F00)"
        }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> Substring {
        let start = firstIndex(where: { !$0.isWhitespace }) ?? endIndex
        let end = lastIndex(where: { !$0.isWhitespace }).map(index(after:)) ?? start
        return self[start..<end]
    }
}
