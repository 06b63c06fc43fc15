import Foundation
import KMImage
import KMOCR

/// A dev benchmark case (../shared/bench/dev): the figure, the spec's printed values, and the
/// rendering facts used as the axis/panel positions (truth.json is test-only input).
struct DevCase {
    var name: String
    var raster: Raster
    var xTicks: [Double]
    var yTicks: [Double]
    /// Per arm: name, colour hint, at-risk counts (nil for "n only"), n.
    var arms: [(name: String, counts: [Int]?, times: [Double]?, n: Int?)]
    var layout: PlotLayout
    /// True tick positions [pixel, value] from truth.json.
    var xTruth: [(Double, Double)]
    var yTruth: [(Double, Double)]

    /// The benchmark set measured: `dev`, or another set with the same files named by
    /// `KMOCR_BENCH_SET` (internal measurement only).
    static let set = ProcessInfo.processInfo.environment["KMOCR_BENCH_SET"] ?? "dev"

    static let folder: String? = {
        let here = URL(fileURLWithPath: #filePath)   // …/main/Tests/KMOCRTests/DevCases.swift
        let dev = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/bench/" + set).path
        return FileManager.default.fileExists(atPath: dev) ? dev : nil
    }()

    static var available: Bool { folder != nil && OCREngine.isAvailable }

    /// The figures bundled with the package (SampleCurves), which carry the same truth.json.
    static let sampleFolder: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleCurves").path
    }()

    static func all(in folder: String? = DevCase.folder) throws -> [DevCase] {
        guard let folder else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { FileManager.default.fileExists(atPath: folder + "/" + $0 + "/truth.json") }.sorted()
        return try names.map { try load(folder + "/" + $0) }
    }

    static func load(_ path: String) throws -> DevCase {
        func json(_ file: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path + "/" + file))) as! [String: Any]
        }
        let spec = try json("spec.json"), truth = try json("truth.json")
        func numbers(_ any: Any?) -> [Double] { (any as? [Any] ?? []).map { ($0 as! NSNumber).doubleValue } }
        let region = numbers(truth["plot_region_px"])
        let ticks = truth["ticks_px"] as! [String: Any]
        func pairs(_ key: String) -> [(Double, Double)] {
            (ticks[key] as! [[Any]]).map { (($0[0] as! NSNumber).doubleValue, ($0[1] as! NSNumber).doubleValue) }
        }
        let arms = (spec["arms"] as! [[String: Any]]).map { arm -> (name: String, counts: [Int]?, times: [Double]?, n: Int?) in
            let table = arm["at_risk"] as? [String: Any]
            return (arm["name"] as! String, table.map { numbers($0["counts"]).map { Int($0) } },
                    table.map { numbers($0["times"]) }, (arm["n"] as? NSNumber)?.intValue)
        }
        let xTruth = pairs("x"), yTruth = pairs("y")
        // truth.json measures pixels from the image's top-left corner; pixel centres are at i + 0.5.
        let layout = PlotLayout(left: region[0] - 0.5, top: region[1] - 0.5, right: region[2] - 0.5, bottom: region[3] - 0.5,
                                xTickPixels: xTruth.map { $0.0 - 0.5 }, yTickPixels: yTruth.map { $0.0 - 0.5 })
        return DevCase(name: (path as NSString).lastPathComponent,
                       raster: try PNGReader.read(contentsOf: path + "/figure.png"),
                       xTicks: numbers((spec["x_axis"] as? [String: Any])?["ticks"]),
                       yTicks: numbers((spec["y_axis"] as? [String: Any])?["ticks"]),
                       arms: arms, layout: layout, xTruth: xTruth, yTruth: yTruth)
    }
}
