import CPNG
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a ``Raster`` as an 8-bit RGB PNG through libpng's simplified `png_image` API
/// (non-interlaced, sRGB, default compression). Used for overlay and debugging images.
public struct PNGWriter: Sendable {
    /// The PNG bytes for `raster`.
    public static func encode(_ raster: Raster) throws(ImageError) -> Data {
        let (width, height) = (raster.width, raster.height)
        guard width > 0, height > 0 else {
            throw .encodeFailed(reason: "the raster is \(width)x\(height); a PNG needs at least 1x1 pixels")
        }
        guard raster.rgb.count == width * height * 3 else {
            throw .encodeFailed(reason: "the raster has \(raster.rgb.count) bytes, "
                                + "but \(width)x\(height) RGB needs \(width * height * 3)")
        }
        guard width <= Int(Int32.max) / 3, height <= Int(Int32.max) else {
            throw .encodeFailed(reason: "\(width)x\(height) is beyond what PNG can store")
        }

        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = png_uint_32(PNG_FORMAT_RGB)
        defer { png_image_free(&image) }

        // Deflate never grows data by more than ~5 bytes per 16 KiB block; allow for chunk headers
        // too. If the guess is ever short, libpng reports the size it needs and we try once more.
        let raw = (width * 3 + 1) * height
        var capacity = raw + raw / 64 + 1024
        for _ in 0..<2 {
            var size = capacity
            var output = Data(count: capacity)
            let ok = output.withUnsafeMutableBytes { out in
                raster.rgb.withUnsafeBytes { pixels in
                    png_image_write_to_memory(&image, out.baseAddress, &size, 0, pixels.baseAddress,
                                              png_int_32(width * 3), nil) != 0
                }
            }
            if ok {
                // Copy out the bytes written, so the generous scratch buffer is freed.
                return output.withUnsafeBytes { Data(bytes: $0.baseAddress!, count: size) }
            }
            guard size > capacity else { break }
            capacity = size
            png_image_free(&image)   // start afresh for the second attempt
            image.warning_or_error = 0
        }
        throw .encodeFailed(reason: PNGReader.message(of: image))
    }

    /// Writes `raster` as a PNG at `path`, atomically: the bytes go to a temporary file in the
    /// same folder, which is then renamed over `path`, so a reader never sees a half-written file.
    public static func write(_ raster: Raster, to path: String) throws(ImageError) {
        let data = try encode(raster)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: path, reason: errnoText()) }
        var failure: String? = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errnoText()
                }
                offset += n
            }
            return nil
        }
        if close(fd) != 0, failure == nil { failure = errnoText() }
        if failure == nil, rename(temporary, path) != 0 { failure = errnoText() }
        if let failure {
            unlink(temporary)
            throw .writeFailed(path: path, reason: failure)
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
