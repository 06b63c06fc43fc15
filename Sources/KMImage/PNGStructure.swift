/// What the reader checks in the PNG container itself, before libpng sees it: the IHDR size
/// (so that an oversized image is refused before any pixel buffer exists) and that the chunk
/// sequence reaches IEND (so that a cut-off download is reported as truncated, not as a vague
/// decompression error).
enum PNGStructure {
    /// Width and height in pixels from the IHDR chunk, which the PNG specification requires to
    /// come first. `nil` when the first chunk is not a complete IHDR.
    static func headerSize(_ bytes: UnsafeRawBufferPointer) -> (width: Int, height: Int)? {
        // signature (8) + length (4) + "IHDR" (4) + width (4) + height (4)
        guard bytes.count >= 24,
              readUInt32(bytes, at: 8) == 13,
              readUInt32(bytes, at: 12) == 0x4948_4452 /* "IHDR" */ else { return nil }
        return (Int(readUInt32(bytes, at: 16)), Int(readUInt32(bytes, at: 20)))
    }

    /// Whether the chunk sequence runs, chunk by chunk, to an IEND chunk within `bytes`.
    /// Only chunk lengths are read, so this costs one jump per chunk, not a pass over the data.
    static func reachesEnd(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(readUInt32(bytes, at: offset))
            let type = readUInt32(bytes, at: offset + 4)
            let next = offset + 12 + length   // length + type + data + CRC
            guard next <= bytes.count else { return false }
            if type == 0x4945_4E44 /* "IEND" */ { return true }
            offset = next
        }
        return false
    }

    @inline(__always)
    static func readUInt32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
