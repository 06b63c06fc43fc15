/// Builds PNG files byte by byte, for formats libpng's simplified writer cannot produce
/// (1–16-bit depths, gray+alpha, palettes with tRNS, Adam7 interlacing). The image data is
/// stored uncompressed in zlib "stored" blocks, which needs no zlib.
struct PNGBuilder {
    enum ColorType: UInt8 {
        case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6
        var channels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][rawValue]! }
    }

    var width: Int
    var height: Int
    var colorType: ColorType
    var bitDepth: Int = 8
    var interlaced = false
    /// RGB triples for PLTE.
    var palette: [(UInt8, UInt8, UInt8)] = []
    /// Raw tRNS payload (palette alphas, or a 2-byte gray / 6-byte RGB key colour).
    var transparency: [UInt8]? = nil
    /// The samples of pixel (x, y), one per channel, each in 0..<(1 << bitDepth).
    var pixel: (Int, Int) -> [Int]

    func build() -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += Self.chunk("IHDR", Self.be32(width) + Self.be32(height)
                          + [UInt8(bitDepth), colorType.rawValue, 0, 0, interlaced ? 1 : 0])
        if !palette.isEmpty { png += Self.chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] }) }
        if let transparency { png += Self.chunk("tRNS", transparency) }
        png += Self.chunk("IDAT", Self.zlibStored(scanlines()))
        png += Self.chunk("IEND", [])
        return png
    }

    /// Filter-type-0 scanlines, pass by pass for Adam7 (empty passes have no scanlines at all).
    func scanlines() -> [UInt8] {
        let passes = interlaced
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)]
        var out: [UInt8] = []
        for (x0, y0, dx, dy) in passes {
            let xs = Array(stride(from: x0, to: width, by: dx)), ys = Array(stride(from: y0, to: height, by: dy))
            guard !xs.isEmpty, !ys.isEmpty else { continue }
            for y in ys {
                out.append(0)
                var bits = BitWriter()
                for x in xs {
                    let samples = pixel(x, y)
                    precondition(samples.count == colorType.channels)
                    for s in samples { bits.append(s, width: bitDepth) }
                }
                out += bits.bytes()
            }
        }
        return out
    }

    struct BitWriter {
        var buffer: [UInt8] = []
        var current = 0, used = 0
        mutating func append(_ value: Int, width: Int) {
            if width >= 8 {
                for shift in stride(from: width - 8, through: 0, by: -8) { buffer.append(UInt8((value >> shift) & 0xFF)) }
                return
            }
            current = current << width | (value & ((1 << width) - 1))
            used += width
            if used == 8 { buffer.append(UInt8(current)); current = 0; used = 0 }
        }
        func bytes() -> [UInt8] { used == 0 ? buffer : buffer + [UInt8(current << (8 - used))] }
    }

    static func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeAndData = Array(type.utf8) + data
        return be32(data.count) + typeAndData + be32(Int(crc32(typeAndData)))
    }

    /// zlib header, stored deflate blocks of at most 65535 bytes, Adler-32 trailer.
    static func zlibStored(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65535, raw.count - offset)
            let final: UInt8 = offset + n == raw.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += raw[offset..<(offset + n)]
            offset += n
        } while offset < raw.count
        return out + be32(Int(adler32(raw)))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        return b << 16 | a
    }
}
