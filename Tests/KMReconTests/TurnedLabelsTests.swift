import Foundation
import Testing
import KMRecon

/// The bundled sample figure the test reprints with turned y labels (SampleCurves/lung-sex-colour).
private let sampleFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("SampleCurves/lung-sex-colour").path

@Suite("Y labels printed turned, reading upwards (base R's default)", .enabled(if: OCRPool.isAvailable))
struct TurnedLabelsTests {
    @Test("a lean spec reads turned y labels as the same ticks, at the same places, as upright ones")
    func turnedYLabels() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kmrecon-turned-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arms: [[String: Any]] = [["name": "Male"], ["name": "Female"]]
        func lean(_ image: String) throws -> FigureSpec {
            let json: [String: Any] = ["format": "km-figure-spec/1", "image": image, "arms": arms]
            return try FigureSpec.parse(JSONSerialization.data(withJSONObject: json), path: folder + "/spec.json")
        }
        // The upright figure's y labels, as read.
        let upright = try lean(sampleFolder + "/figure.png")
        var raster = try PNGReader.read(contentsOf: upright.imagePath)
        let (completed, reading) = try FigureTextFiller().complete(upright, raster: raster, pool: OCRPool())
        let labels = reading.axes[1].labels
        #expect(completed.yTicks == [0, 0.25, 0.5, 0.75, 1])

        // Each label cut out and printed back turned a quarter anticlockwise about its centre.
        let w = raster.width
        for label in labels {
            let b = label.word.box   // [left, top, right, bottom]
            let cut = (0...(b[3] - b[1])).map { dy in (0...(b[2] - b[0])).map { dx in Array(raster.rgb[(3 * ((b[1] + dy) * w + b[0] + dx))..<(3 * ((b[1] + dy) * w + b[0] + dx) + 3)]) } }
            for y in b[1]...b[3] { for x in b[0]...b[2] { for c in 0..<3 { raster.rgb[3 * (y * w + x) + c] = 255 } } }
            let cy = (b[1] + b[3]) / 2
            let cutW = b[2] - b[0] + 1, cutH = b[3] - b[1] + 1
            // Turned anticlockwise: source (dx, dy) goes to (dy, cutW − 1 − dx), right-aligned to the label's right edge.
            for dy in 0..<cutH {
                for dx in 0..<cutW {
                    let x = b[2] - (cutH - 1) + dy, y = cy - cutW / 2 + (cutW - 1 - dx)
                    guard x >= 0, y >= 0, y < raster.height else { continue }
                    for c in 0..<3 { raster.rgb[3 * (y * w + x) + c] = cut[dy][dx][c] }
                }
            }
        }
        try PNGWriter.write(raster, to: folder + "/turned.png")
        let turned = try lean(folder + "/turned.png")
        let turnedRaster = try PNGReader.read(contentsOf: turned.imagePath)
        let result = try FigureTextFiller().readMissing(turned, raster: turnedRaster, pool: OCRPool())
        #expect(result.spec.yTicks == [0, 0.25, 0.5, 0.75, 1])
        // Where the labels are, to within 1.5 px of the upright reading.
        for (a, b) in zip(result.reading.axes[1].labels, labels) { #expect(abs(a.tickPixel - b.tickPixel) < 1.5, "y = \(a.value)") }
    }
}
