/// Recognises common image and document formats from their first bytes, so that a user who
/// passes a JPEG or a PDF is told what they passed instead of "bad PNG signature".
enum FormatSniffer {
    /// The 8-byte PNG signature: `\x89 P N G \r \n \x1a \n`.
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func isPNG(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 8 && zip(bytes.prefix(8), pngSignature).allSatisfy { $0 == $1 }
    }

    /// A short name for the format of `bytes` ("JPEG", "GIF", …), or `nil` if not recognised.
    /// Only called on data that is not a valid PNG.
    static func guessFormat(_ bytes: UnsafeRawBufferPointer) -> String? {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + magic.count
                && zip(bytes[offset..<(offset + magic.count)], magic).allSatisfy { $0 == $1 }
        }
        func ascii(_ s: String) -> [UInt8] { Array(s.utf8) }

        if starts([0x89]) && starts(ascii("PNG"), at: 1) {
            return "a PNG whose signature was damaged, e.g. by a text-mode (CRLF) transfer"
        }
        if starts([0xFF, 0xD8, 0xFF]) { return "JPEG" }
        if starts(ascii("GIF87a")) || starts(ascii("GIF89a")) { return "GIF" }
        if starts(ascii("BM")) && bytes.count >= 14 { return "BMP" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "TIFF" }
        if starts(ascii("RIFF")) && starts(ascii("WEBP"), at: 8) { return "WebP" }
        if starts(ascii("ftyp"), at: 4) {
            if starts(ascii("avif"), at: 8) || starts(ascii("avis"), at: 8) { return "AVIF" }
            if starts(ascii("hei"), at: 8) || starts(ascii("mif1"), at: 8) { return "HEIC" }
        }
        if starts(ascii("%PDF")) { return "PDF" }
        if starts(ascii("%!PS")) { return "PostScript" }
        if starts([0x00, 0x00, 0x01, 0x00]) { return "ICO" }
        return guessTextFormat(bytes)
    }

    /// SVG, XML or HTML text, judged from the first kilobyte after any BOM and whitespace.
    private static func guessTextFormat(_ bytes: UnsafeRawBufferPointer) -> String? {
        var head = Array(bytes.prefix(1024))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        guard let first = head.firstIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }),
              head[first] == UInt8(ascii: "<") else { return nil }
        let text = String(decoding: head[first...], as: UTF8.self).lowercased()
        if text.contains("<svg") { return "SVG" }
        if text.hasPrefix("<!doctype html") || text.contains("<html") { return "HTML" }
        if text.hasPrefix("<?xml") { return "XML" }
        return nil
    }
}
