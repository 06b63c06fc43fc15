import Foundation
import Testing
@testable import KMImage

/// Decodes the real figures of the shared benchmark (`../shared/bench/dev`), when it is present.
@Suite(.enabled(if: DevFigures.folder != nil, "needs ../shared/bench/dev beside the package"))
struct DevFigureTests {
    @Test(arguments: DevFigures.cases)
    func figureSizeMatchesTruth(name: String) throws {
        let folder = try #require(DevFigures.folder) + "/" + name
        let raster = try PNGReader.read(contentsOf: folder + "/figure.png")
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/truth.json")))
        let image = try #require((truth as? [String: Any])?["image"] as? [String: Any])
        #expect(raster.width == image["width"] as? Int)
        #expect(raster.height == image["height"] as? Int)
        #expect(raster[x: 0, y: 0].gray >= 250)   // drawn on a white page (dev11 went through JPEG: 254)
    }

    /// Checksums of Pillow 13's `Image.open(path).convert("RGB")` for the same files:
    /// Σ byte[i] · (i mod 65521 + 1) over the RGB bytes. Palette (mode P) and RGB figures.
    @Test(arguments: [
        ("dev02_veteran_trt_baseR_bw", 15_554_828_232_120),
        ("dev12_mgus2_baseR_dotted_noaa", 19_719_939_703_731),
        ("dev18_myeloid_lifelines_noaa_palette", 15_376_814_765_605),
        ("dev21_veteran_single_arm_baseR_ci", 16_638_212_988_076),
        ("dev01_lung_sex_survminer", 29_602_582_677_223),
        ("dev20_waltons_baseR_large", 107_078_950_826_149),
    ])
    func pixelsMatchPillow(name: String, checksum: Int) throws {
        let raster = try PNGReader.read(contentsOf: try #require(DevFigures.folder) + "/\(name)/figure.png")
        var sum = 0
        raster.rgb.withUnsafeBufferPointer { bytes in
            for i in bytes.indices { sum &+= Int(bytes[i]) &* (i % 65521 + 1) }
        }
        #expect(sum == checksum)
    }
}

enum DevFigures {
    /// `shared/bench/dev`: the package root is three levels above this file, and shared/ sits beside it.
    static let folder: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let dev = root.deletingLastPathComponent().appendingPathComponent("shared/bench/dev").standardizedFileURL.path
        return FileManager.default.fileExists(atPath: dev) ? dev : nil
    }()

    static let cases: [String] = {
        guard let folder else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)/figure.png") }.sorted()
    }()
}
