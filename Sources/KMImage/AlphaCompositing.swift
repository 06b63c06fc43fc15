#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flattens transparent pixels onto a white page.
///
/// The blend is done on sRGB-encoded values, `c·α + 255·(1−α)`, which is how browsers, PDF
/// viewers and plotting libraries show a transparent PNG on white, so anti-aliased curve edges
/// keep the shades they had on screen. (libpng's own background option blends in linear light,
/// which makes those edges noticeably lighter: black at 50 % becomes 188 instead of 127.)
enum AlphaCompositing {
    /// RGBA with straight (non-premultiplied) 8-bit alpha → RGB: pixel `i`'s RGB is written at
    /// `target + 3i` from the RGBA at `source + 4i`. `target` may be `source` (in place: the
    /// write at byte `3i` never overtakes the read at `4i`) or a buffer of exactly `3 · count`
    /// bytes.
    static func straightRGBAOnWhite(_ source: UnsafePointer<UInt8>, into target: UnsafeMutablePointer<UInt8>, pixels count: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        var s = 0, t = 0
        for i in 0..<count {
            let alpha = UInt32(source[s + 3])
            if alpha == 255, i + 1 < count {
                // Opaque, the common case: the blend below gives the colour itself. All four
                // bytes are copied at once; the fourth lands where the next pixel's red goes,
                // which is written next (so not for the last pixel, whose buffer may end there).
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: s, as: UInt32.self), toByteOffset: t, as: UInt32.self)
            } else if alpha == 255 {
                target[t] = source[s]; target[t + 1] = source[s + 1]; target[t + 2] = source[s + 2]
            } else {
                let white = 255 * (255 - alpha) + 127
                target[t] = UInt8((UInt32(source[s]) * alpha + white) / 255)
                target[t + 1] = UInt8((UInt32(source[s + 1]) * alpha + white) / 255)
                target[t + 2] = UInt8((UInt32(source[s + 2]) * alpha + white) / 255)
            }
            s += 4
            t += 3
        }
    }

    /// The 8-bit encoded value for each 16-bit linear value. libpng linearises 16-bit sRGB data
    /// with a pure 2.2 power curve (its `PNG_GAMMA_sRGB`), so this inverts that same curve: an
    /// opaque 16-bit sample `v · 257` then comes back as exactly `v`.
    static let linear16ToByte: [UInt8] = (0..<65536).map {
        UInt8((pow(Double($0) / 65535, 1 / 2.2) * 255).rounded())
    }

    /// libpng's 16-bit linear RGBA (colour premultiplied by alpha) → 8-bit sRGB composited on
    /// white, with the same encoded-value blend as ``straightRGBAOnWhite(_:into:pixels:)``.
    static func premultipliedLinearRGBAOnWhite(_ linear: UnsafePointer<UInt16>,
                                               into rgb: UnsafeMutablePointer<UInt8>, pixels count: Int) {
        linear16ToByte.withUnsafeBufferPointer { encode in
            for i in 0..<count {
                let alpha16 = UInt32(linear[4 * i + 3])
                guard alpha16 > 0 else {
                    rgb[3 * i] = 255; rgb[3 * i + 1] = 255; rgb[3 * i + 2] = 255
                    continue
                }
                let alpha = (alpha16 * 255 + 32767) / 65535
                let white = 255 * (255 - alpha) + 127
                for c in 0..<3 {
                    let straight = min(65535, (UInt32(linear[4 * i + c]) * 65535 + alpha16 / 2) / alpha16)
                    rgb[3 * i + c] = UInt8((UInt32(encode[Int(straight)]) * alpha + white) / 255)
                }
            }
        }
    }
}
