import Foundation
import Testing
@testable import KMImage

@Suite struct PNGWriterTests {
    /// A raster with every byte value in every channel somewhere, and non-square size.
    static let raster: Raster = {
        var r = Raster(width: 37, height: 23)
        for y in 0..<23 { for x in 0..<37 {
            r[x: x, y: y] = RGB(r: UInt8((x * 7 + y) % 256), g: UInt8((y * 11 + x * 3) % 256), b: UInt8((x * y) % 256))
        } }
        return r
    }()

    @Test func encodeThenDecodeIsLossless() throws {
        let data = try PNGWriter.encode(Self.raster)
        #expect(Array(data.prefix(8)) == FormatSniffer.pngSignature)
        #expect(try PNGReader.decode(data, source: "memory") == Self.raster)
    }

    @Test func largeFlatRasterRoundTrips() throws {
        let raster = Raster(width: 1000, height: 700, fill: (255, 255, 255))
        let data = try PNGWriter.encode(raster)
        #expect(data.count < 20_000)   // a white page compresses to almost nothing
        #expect(try PNGReader.decode(data, source: "memory") == raster)
    }

    @Test func writeThenReadFromDiskLeavesNoTemporaryFile() throws {
        let dir = try TemporaryFolder()
        let path = dir.path + "/overlay.png"
        try PNGWriter.write(Self.raster, to: path)
        try PNGWriter.write(Self.raster, to: path)   // replaces the existing file
        #expect(try PNGReader.read(contentsOf: path) == Self.raster)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["overlay.png"])
    }

    @Test func writeIntoMissingFolderFails() throws {
        let path = "/nonexistent-kmrecon/overlay.png"
        let thrown = #expect(throws: ImageError.self) { try PNGWriter.write(Self.raster, to: path) }
        guard case .writeFailed(let failedPath, _)? = thrown else { Issue.record("got \(String(describing: thrown))"); return }
        #expect(failedPath == path)
    }

    @Test func emptyRasterCannotBeEncoded() {
        #expect(throws: ImageError.self) { try PNGWriter.encode(Raster(width: 0, height: 0, rgb: [])) }
    }

    @Test func inconsistentRasterCannotBeEncoded() {
        var raster = Raster(width: 2, height: 2)
        raster.rgb.removeLast()
        #expect(throws: ImageError.encodeFailed(reason: "the raster has 11 bytes, but 2x2 RGB needs 12")) {
            try PNGWriter.encode(raster)
        }
    }
}
