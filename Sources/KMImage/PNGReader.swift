import CPNG
import Foundation

/// Reads PNG files into a ``Raster`` through libpng's simplified `png_image` API.
///
/// Every PNG colour type and bit depth is accepted: 1–16-bit gray, gray+alpha, RGB, RGBA,
/// palette (with or without tRNS transparency) and Adam7-interlaced images. Transparency is
/// composited onto white, so a figure saved with a transparent background reads as it looks
/// on a white page.
///
/// libpng reports errors through `png_image.message` rather than `longjmp`, so no C error
/// handling ever unwinds through Swift frames.
public struct PNGReader: Sendable {
    /// The largest image accepted by default: 100 megapixels (300 MB as RGB). A published
    /// figure is a few megapixels; anything bigger is almost certainly a mistake or hostile.
    public static let defaultPixelLimit = 100_000_000

    /// Reads and decodes the PNG file at `path`.
    ///
    /// - Parameter pixelLimit: the largest `width * height` accepted. Checked against the
    ///   IHDR header before any pixel memory is allocated.
    public static func read(contentsOf path: String, pixelLimit: Int = PNGReader.defaultPixelLimit)
        throws(ImageError) -> Raster
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a folder") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))   // not mapped: a file changed under us must not SIGBUS
        } catch {
            throw .unreadable(path: path, reason: FileManager.default.isReadableFile(atPath: path)
                                ? "\(error.localizedDescription)" : "permission denied")
        }
        return try decode(data, source: path, pixelLimit: pixelLimit)
    }

    /// Decodes PNG bytes already in memory. `source` names them in error messages (a path or a URL).
    public static func decode(_ data: Data, source: String, pixelLimit: Int = PNGReader.defaultPixelLimit)
        throws(ImageError) -> Raster
    {
        let result = data.withUnsafeBytes { bytes in
            Result { () throws(ImageError) in try decode(bytes, source: source, pixelLimit: pixelLimit) }
        }
        return try result.get()
    }

    /// Decodes PNG bytes already in memory. `source` names them in error messages (a path or a URL).
    public static func decode(_ bytes: [UInt8], source: String, pixelLimit: Int = PNGReader.defaultPixelLimit)
        throws(ImageError) -> Raster
    {
        let result = bytes.withUnsafeBytes { bytes in
            Result { () throws(ImageError) in try decode(bytes, source: source, pixelLimit: pixelLimit) }
        }
        return try result.get()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, source: String, pixelLimit: Int)
        throws(ImageError) -> Raster
    {
        guard !bytes.isEmpty else { throw .emptyFile(path: source) }
        guard FormatSniffer.isPNG(bytes) else {
            throw .notPNG(path: source, looksLike: FormatSniffer.guessFormat(bytes))
        }
        guard let (width, height) = PNGStructure.headerSize(bytes) else {
            throw PNGStructure.reachesEnd(bytes) || bytes.count >= 33
                ? .corrupt(path: source, message: "the first chunk is not a valid IHDR header")
                : .truncated(path: source, byteCount: bytes.count)
        }
        guard width > 0, height > 0 else { throw .zeroSize(path: source, width: width, height: height) }
        // Decoding needs up to 8 bytes per pixel (16-bit RGBA); refuse any size whose buffer overflows Int.
        let (pixels, overflow1) = width.multipliedReportingOverflow(by: height)
        let (_, overflow2) = pixels.multipliedReportingOverflow(by: 8)
        guard !overflow1, !overflow2, pixels <= pixelLimit else {
            throw .tooLarge(path: source, width: width, height: height, limit: pixelLimit)
        }

        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        guard png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count) != 0 else {
            throw failure(image, bytes, source)
        }
        // Without this flag the simplified API assumes a 16-bit PNG with no gAMA/sRGB chunk holds
        // *linear* values; in practice such files are sRGB-encoded like 8-bit ones, and reading
        // them as linear would make every mid-tone far too light.
        image.flags |= png_uint_32(PNG_IMAGE_FLAG_16BIT_sRGB)

        let hasAlpha = image.format & png_uint_32(PNG_FORMAT_FLAG_ALPHA) != 0
        let sixteenBit = image.format & png_uint_32(PNG_FORMAT_FLAG_LINEAR) != 0
        var ok = false
        let rgb: [UInt8]
        if sixteenBit {
            // libpng 1.6's simplified API scrambles the rows of interlaced 16-bit images when it
            // converts them to 8 bits itself, so take its 16-bit linear premultiplied RGBA output,
            // which is right, and convert that here.
            image.format = png_uint_32(PNG_FORMAT_RGB | PNG_FORMAT_FLAG_ALPHA | PNG_FORMAT_FLAG_LINEAR)
            let linear = UnsafeMutablePointer<UInt16>.allocate(capacity: pixels * 4)
            defer { linear.deallocate() }
            ok = png_image_finish_read(&image, nil, linear, png_int_32(width * 4), nil) != 0
            rgb = !ok ? [] : [UInt8](unsafeUninitializedCapacity: pixels * 3) { buffer, count in
                AlphaCompositing.premultipliedLinearRGBAOnWhite(linear, into: buffer.baseAddress!, pixels: pixels)
                count = pixels * 3
            }
        } else if !hasAlpha {
            image.format = png_uint_32(PNG_FORMAT_RGB)
            rgb = [UInt8](unsafeUninitializedCapacity: pixels * 3) { buffer, count in
                ok = png_image_finish_read(&image, nil, buffer.baseAddress, png_int_32(width * 3), nil) != 0
                count = ok ? pixels * 3 : 0
            }
        } else {
            // (PNG_FORMAT_RGBA is a compound macro Swift does not import.) The RGBA goes to a
            // buffer of its own, freed at once, so that the raster, which lives through the whole
            // extraction, holds 3 bytes per pixel rather than an RGBA-sized allocation.
            image.format = png_uint_32(PNG_FORMAT_RGB | PNG_FORMAT_FLAG_ALPHA)
            let rgba = UnsafeMutablePointer<UInt8>.allocate(capacity: pixels * 4)
            defer { rgba.deallocate() }
            ok = png_image_finish_read(&image, nil, rgba, png_int_32(width * 4), nil) != 0
            rgb = !ok ? [] : [UInt8](unsafeUninitializedCapacity: pixels * 3) { buffer, count in
                AlphaCompositing.straightRGBAOnWhite(rgba, into: buffer.baseAddress!, pixels: pixels)
                count = pixels * 3
            }
        }
        guard ok else { throw failure(image, bytes, source) }
        return Raster(width: width, height: height, rgb: rgb)
    }

    /// The error for a failed libpng call: truncated if the chunks stop before IEND, else libpng's message.
    private static func failure(_ image: png_image, _ bytes: UnsafeRawBufferPointer, _ source: String) -> ImageError {
        if !PNGStructure.reachesEnd(bytes) { return .truncated(path: source, byteCount: bytes.count) }
        return .corrupt(path: source, message: message(of: image))
    }

    /// libpng's error text, a NUL-terminated string in a fixed 64-byte field.
    static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            let end = raw.firstIndex(of: 0) ?? raw.count
            let text = String(decoding: raw[..<end], as: UTF8.self)
            return text.isEmpty ? "unknown libpng error" : text
        }
    }
}
