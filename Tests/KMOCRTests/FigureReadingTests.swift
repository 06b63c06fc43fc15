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
