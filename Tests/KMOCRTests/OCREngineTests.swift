import Foundation
import Testing
import KMImage
@testable import KMOCR

@Suite("Tesseract engine")
struct OCREngineTests {
    /// The bundled lung figure (SampleCurves, in the package) and its panel.
    static func lungFigure() throws -> DevCase {
        try DevCase.load(DevCase.sampleFolder + "/lung-sex-colour")
    }

    @Test("without the library, creating an engine fails with what to install", .enabled(if: !OCREngine.isAvailable))
    func unavailable() {
        #expect(throws: OCRError.self) { try OCREngine() }
        #expect(OCREngine.unavailableReason?.description.contains("apt-get install") == true)
    }

    @Test("reads the x tick labels of the bundled figure word by word, each with 4 of 4 votes", .enabled(if: OCREngine.isAvailable))
    func readsWords() throws {
        let figure = try Self.lungFigure()
        let engine = try OCREngine()
        let words = WordFinder().words(in: figure.raster, engine: engine) { Double($0.top) > figure.layout.bottom }
        let labels = try AxisLabelReader().calibrate(.x, words: words, layout: figure.layout).get()
        #expect(labels.ticks == figure.xTicks)
        #expect(labels.minimumVotes == 4)
        print(words.filter { $0.value == nil }.map(\.text))
        #expect(words.contains { $0.text == "Male" && $0.value == nil })
    }

    @Test("one OCR call on a 24 px word crop takes a few milliseconds", .enabled(if: OCREngine.isAvailable))
    func speed() throws {
        let figure = try Self.lungFigure()
        let loadStart = Date()
        let engine = try OCREngine()
        let load = Date().timeIntervalSince(loadStart)
        let raster = figure.raster
        let ink = InkMap(raster), map = ComponentMap(ink)
        let glyphs = map.components.indices.filter { map.components[$0].isGlyph(imageHeight: raster.height) }
        let words = WordGrouper.words(map, glyphs: glyphs).filter { Double($0.box.top) > figure.layout.bottom && $0.glyphHeight >= 4 }
        let crops = words.prefix(20).map { WordCrop(word: $0, ink: ink, components: map).normalized(glyphHeight: 24) }
        let start = Date()
        var calls = 0
        for _ in 0..<5 { for crop in crops { _ = engine.readLine(crop, numeric: true); calls += 1 } }
        let perCall = Date().timeIntervalSince(start) / Double(calls)
        print(String(format: "OCR: %.2f ms per call over %d calls; engine load %.0f ms", 1000 * perCall, calls, 1000 * load))
        #expect(perCall < 0.05)
    }

    @Test("engines from a pool read the same figure on several threads with identical results", .enabled(if: OCREngine.isAvailable))
    func concurrentPool() async throws {
        let figure = try Self.lungFigure()
        let pool = OCREnginePool()
        let raster = figure.raster, layout = figure.layout
        let reference = try pool.read(raster, layout: layout)
        let results = try await withThrowingTaskGroup(of: FigureText.self) { group in
            for _ in 0..<4 { group.addTask { try pool.read(raster, layout: layout) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4)
        for result in results { #expect(result == reference) }
        #expect(try reference.xAxis.get().ticks == figure.xTicks)
    }
}
