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

    @Test("reads the x tick labels of the bundled figure word by word, every read agreeing", .enabled(if: OCREngine.isAvailable))
    func readsWords() throws {
        let figure = try Self.lungFigure()
        let engine = try OCREngine()
        let words = WordFinder().words(in: figure.raster, engine: engine) { Double($0.top) > figure.layout.bottom }
        let labels = try AxisLabelReader().calibrate(.x, words: words, layout: figure.layout).get()
        #expect(labels.ticks == figure.xTicks)
        #expect(labels.isConfident)
        #expect(labels.labels.allSatisfy { $0.word.votes == $0.word.reads })
        print(words.filter { $0.value == nil }.map(\.text))
        #expect(words.contains { $0.text == "Male" && $0.value == nil })
    }

    @Test("clean numbers are read once or twice; voting on every number reads the same words", .enabled(if: OCREngine.isAvailable))
    func readsOnlyWhatIsNeeded() throws {
        let figure = try Self.lungFigure()
        let below = { (box: PixelBox) in Double(box.top) > figure.layout.bottom }
        let lean = try OCREngine(), voting = try OCREngine()
        let words = WordFinder().words(in: figure.raster, engine: lean, include: below)
        var always = WordFinder()
        always.alwaysVote = true
        let voted = always.words(in: figure.raster, engine: voting, include: below)
        #expect(words.map(\.text) == voted.map(\.text))
        #expect(words.map(\.value) == voted.map(\.value))
        #expect(words.map(\.box) == voted.map(\.box))
        #expect(words.map(\.isConfident) == voted.map(\.isConfident))
        let numbers = words.filter(\.isNumber)
        #expect(numbers.allSatisfy { $0.reads == 4 || $0.votes == $0.reads })
        #expect(voted.filter(\.isNumber).allSatisfy { $0.reads == 4 })
        print("lung figure under the panel: \(numbers.count) numbers, \(lean.linesRead) OCR calls (\(voting.linesRead) voting on every number)")
        // Most numbers are settled by their first one or two reads: at least 2 of 5 reads saved per number.
        #expect(voting.linesRead - lean.linesRead >= 2 * numbers.count)
    }

    @Test("a text line printed in pieces is read whole once, its pieces not one by one", .enabled(if: OCREngine.isAvailable))
    func textLineReadWhole() throws {
        let figure = try Self.lungFigure()
        let below = { (box: PixelBox) in Double(box.top) > figure.layout.bottom }
        let all = WordFinder().words(in: figure.raster, engine: try OCREngine(), include: below)
        let line = try #require(all.first { $0.text == "Number at risk" }).box
        let engine = try OCREngine()
        let words = WordFinder().words(in: figure.raster, engine: engine) { box in
            box.left >= line.left && box.right <= line.right && box.top >= line.top && box.bottom <= line.bottom
        }
        #expect(words.map(\.text) == ["Number at risk"])
        #expect(engine.linesRead == 1)
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
