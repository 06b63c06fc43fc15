import Foundation
import Testing
import KMOCR

@Suite("Reading benchmark figures")
struct FigureReadingTests {
    @Test("dev figures: ≥ 98 % of tick labels and ≥ 97 % of table cells read exactly, nothing wrong accepted",
          .enabled(if: DevCase.available))
    func devFigures() throws {
        let score = try ReadingScore.measure(DevCase.all())
        print("dev (\(DevCase.set)): " + score.summary)
        for line in score.notes { print("  " + line) }
        #expect(score.tickShare >= 0.98)
        #expect(score.cellTotal == 0 || score.cellShare >= 0.97)
        #expect(score.silentlyWrongAxes == 0)
        #expect(score.wrongRowsAccepted == 0)
    }

    @Test("dev figures: reading numbers once or twice when unambiguous gives the words of voting on every number",
          .enabled(if: DevCase.available))
    func devFiguresEarlyReads() throws {
        let cases = try DevCase.all()
        var lean: [String: [ReadWord]] = [:]
        let score = try ReadingScore.measure(cases) { lean[$0.name] = $1.words }
        var voting = FigureTextReader()
        voting.words.alwaysVote = true
        let voted = try ReadingScore.measure(cases, reader: voting) { dev, text in
            let words = lean[dev.name] ?? []
            #expect(words.map(\.text) == text.words.map(\.text), "\(dev.name)")
            #expect(words.map(\.box) == text.words.map(\.box), "\(dev.name)")
            #expect(words.map(\.isConfident) == text.words.map(\.isConfident), "\(dev.name)")
        }
        print("dev (\(DevCase.set)), voting on every number: " + voted.summary)
        print("dev (\(DevCase.set)), first reads when unambiguous: " + score.summary)
        #expect(score.tickExact == voted.tickExact && score.cellExact == voted.cellExact)
        // Most numbers are settled by their first one or two reads: at least 2 of 5 reads saved per number.
        #expect(voted.linesRead - score.linesRead >= 2 * score.numbersRead)
    }

    @Test("bundled sample figures: tick labels and tables read exactly", .enabled(if: OCREngine.isAvailable))
    func sampleFigures() throws {
        let score = try ReadingScore.measure(DevCase.all(in: DevCase.sampleFolder))
        print("SampleCurves: " + score.summary)
        for line in score.notes { print("  " + line) }
        #expect(score.tickShare >= 0.98)
        // 8 px digits with labels printed against the first count: rows fail closed rather than read wrong.
        #expect(score.cellShare >= 0.90)
        #expect(score.silentlyWrongAxes == 0)
        #expect(score.wrongRowsAccepted == 0)
    }
}
