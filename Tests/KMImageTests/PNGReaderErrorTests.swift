import Foundation
import Testing
@testable import KMImage

/// Bad input is refused with a typed error that names the file and says what to fix.
@Suite struct PNGReaderErrorTests {
    /// A 64x64 RGB image with varied content, so its IDAT is several kilobytes.
    static let validPNG = PNGBuilder(width: 64, height: 64, colorType: .rgb) { x, y in [x * 4, y * 4, (x * y) % 256] }.build()

    func error(decoding bytes: [UInt8], pixelLimit: Int = PNGReader.defaultPixelLimit) -> ImageError? {
        do {
            _ = try PNGReader.decode(bytes, source: "fig.png", pixelLimit: pixelLimit)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingFileIsNamed() {
        let path = "/nonexistent-kmrecon/figure.png"
        #expect(throws: ImageError.fileNotFound(path: path)) { try PNGReader.read(contentsOf: path) }
        #expect(ImageError.fileNotFound(path: path).description.contains(path))
    }

    @Test func folderIsUnreadable() throws {
        let dir = try TemporaryFolder()
        #expect(throws: ImageError.unreadable(path: dir.path, reason: "it is a folder")) {
            try PNGReader.read(contentsOf: dir.path)
        }
    }

    @Test func zeroByteFileIsEmpty() throws {
        let dir = try TemporaryFolder()
        let path = dir.path + "/empty.png"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(throws: ImageError.emptyFile(path: path)) { try PNGReader.read(contentsOf: path) }
        #expect(ImageError.emptyFile(path: path).description.contains("0 bytes"))
    }

    @Test(arguments: [20, 40, 100, 1000, 12_000])
    func truncatedPNGIsReportedAsTruncated(keep: Int) {
        let cut = Array(Self.validPNG.prefix(keep))
        #expect(error(decoding: cut) == .truncated(path: "fig.png", byteCount: keep))
    }

    @Test func missingIENDAloneStillDecodesOrIsTruncated() {
        // The pixel data is complete; only the 12-byte IEND chunk is gone.
        let cut = Array(Self.validPNG.dropLast(12))
        let result = error(decoding: cut)
        #expect(result == nil || result == .truncated(path: "fig.png", byteCount: cut.count))
    }

    @Test func damagedDataGivesLibpngsMessage() throws {
        var bytes = Self.validPNG
        bytes[30] ^= 0x55   // inside the IHDR CRC
        let result = try #require(error(decoding: bytes))
        guard case .corrupt(let path, let message) = result else {
            Issue.record("expected .corrupt, got \(result)"); return
        }
        #expect(path == "fig.png")
        #expect(message.contains("CRC"))
        #expect(result.description.contains("corrupt PNG"))
    }

    @Test func zeroWidthIsRefused() {
        let bytes = PNGBuilder(width: 0, height: 5, colorType: .rgb) { _, _ in [0, 0, 0] }.build()
        #expect(error(decoding: bytes) == .zeroSize(path: "fig.png", width: 0, height: 5))
    }

    /// 20000x20000 = 400 MP is refused from the IHDR alone: the file has no pixel data at all,
    /// so reaching libpng (or allocating 1.2 GB) would have failed differently.
    @Test func oversizedImageIsRefusedFromTheHeader() {
        let header = PNGBuilder.chunk("IHDR", PNGBuilder.be32(20_000) + PNGBuilder.be32(20_000) + [8, 2, 0, 0, 0])
        let bytes = FormatSniffer.pngSignature + header + PNGBuilder.chunk("IEND", [])
        let result = error(decoding: bytes)
        #expect(result == .tooLarge(path: "fig.png", width: 20_000, height: 20_000, limit: 100_000_000))
        #expect(result?.description.contains("20000x20000") == true)
    }

    @Test func bufferSizeOverflowIsRefusedEvenWithNoLimit() {
        let side = Int(Int32.max)
        let header = PNGBuilder.chunk("IHDR", PNGBuilder.be32(side) + PNGBuilder.be32(side) + [8, 6, 0, 0, 0])
        let bytes = FormatSniffer.pngSignature + header + PNGBuilder.chunk("IEND", [])
        #expect(error(decoding: bytes, pixelLimit: .max) == .tooLarge(path: "fig.png", width: side, height: side, limit: .max))
    }

    @Test func pixelLimitIsInclusive() {
        let bytes = PNGBuilder(width: 10, height: 10, colorType: .gray) { _, _ in [0] }.build()
        #expect(error(decoding: bytes, pixelLimit: 100) == nil)
        #expect(error(decoding: bytes, pixelLimit: 99) == .tooLarge(path: "fig.png", width: 10, height: 10, limit: 99))
    }

    @Test(arguments: [
        ([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8), "JPEG"),
        (Array("GIF89a".utf8) + [1, 0, 1, 0], "GIF"),
        (Array("BM".utf8) + [UInt8](repeating: 0, count: 20), "BMP"),
        ([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], "TIFF"),
        (Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8 ".utf8), "WebP"),
        (Array("%PDF-1.7\n".utf8), "PDF"),
        (Array("\n  <?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">".utf8), "SVG"),
        (Array("<!DOCTYPE html><html><body>404 Not Found".utf8), "HTML"),
        ([0x89] + Array("PNG\n\u{1A}\n".utf8) + [0, 0, 0, 13], "a PNG whose signature was damaged"),
    ] as [([UInt8], String)])
    func otherFormatsAreNamed(bytes: [UInt8], format: String) throws {
        let result = try #require(error(decoding: bytes))
        guard case .notPNG(_, let looksLike?) = result else { Issue.record("got \(result)"); return }
        #expect(looksLike.hasPrefix(format))
        #expect(result.description.contains("not a PNG (looks like \(format)"))
    }

    @Test func unrecognisedBytesAreUnknownFormat() {
        let result = error(decoding: Array("hello, world".utf8))
        #expect(result == .notPNG(path: "fig.png", looksLike: nil))
        #expect(result?.description.contains("unknown format") == true)
    }

    @Test func jpegFileOnDiskIsNamedInTheMessage() throws {
        let dir = try TemporaryFolder()
        let path = dir.path + "/figure.png"
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0xFF, 0xD8, 0xFF, 0xDB, 0, 0x43, 0])))
        #expect(throws: ImageError.notPNG(path: path, looksLike: "JPEG")) { try PNGReader.read(contentsOf: path) }
        #expect(ImageError.notPNG(path: path, looksLike: "JPEG").description
                == "\(path): not a PNG (looks like JPEG). Convert the figure to PNG first.")
    }
}

/// A fresh folder under the system temporary directory, removed when the value is released.
final class TemporaryFolder {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("KMImageTests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
