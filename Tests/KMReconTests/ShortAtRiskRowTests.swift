import Testing
import KMImage
@testable import KMOCR
@testable import KMRecon

@Suite("At-risk rows that stop early, in the figure reading")
struct ShortAtRiskRowTests {
    static func word(_ value: Int, votes: Int) -> ReadWord {
        ReadWord(box: PixelBox(left: 0, top: 0, right: 10, bottom: 10), glyphHeight: 10, text: String(value),
                 value: Double(value), votes: votes, engineConfidence: 90)
    }

    @Test("a row with a weak count whose last cell was not read is taken for review, without its last column")
    func weakAndShort() throws {
        let counts: [Int?] = [55, 33, 13, 11, 6, 5, nil]
        let cells = counts.enumerated().map { i, c in
            AtRiskCell(time: Double(i * 6), count: c, word: c.map { Self.word($0, votes: i == 0 ? 1 : 4) })
        }
        let row = AtRiskRow(label: nil, labelColor: nil, numberColor: .black, centerY: 100, cells: cells,
                            problems: ["the count at t=0 (\"55\") was read the same way by only 1 of 4 reads"])
        let table = KMOCR.AtRiskTable(times: cells.map(\.time), columnPixels: cells.map { $0.time * 10 }, rows: [row])
        let accepted = FigureTextFiller.acceptingWeakReads(table)
        #expect(accepted.rows[0].problems.isEmpty)
        let arm = try accepted.arms([ArmHint(name: "Maroon")])[0].get()
        #expect(arm.times == [0, 6, 12, 18, 24, 30])
        #expect(arm.counts == [55, 33, 13, 11, 6, 5])
        let reading = FigureTextFiller.armReading(arm)
        #expect(reading.cells.map(\.count) == [55, 33, 13, 11, 6, 5])
        #expect(reading.cells.allSatisfy { $0.word != nil })
    }

    @Test("an arm whose read row lost its last cells is named in the reasons to review, even when every row stops there")
    func shortRowAsksForReview() throws {
        // Through the table: the last cell of both rows unread.
        let cells = [Int?](arrayLiteral: 20, 15, 9, nil).enumerated().map { i, c in
            AtRiskCell(time: Double(i * 6), count: c, word: c.map { Self.word($0, votes: 4) })
        }
        let rows = ["A", "B"].enumerated().map { k, name in
            AtRiskRow(label: name, labelColor: nil, numberColor: .black, centerY: 100 + 20 * Double(k), cells: cells, problems: [])
        }
        let table = KMOCR.AtRiskTable(times: cells.map(\.time), columnPixels: cells.map { $0.time * 10 }, rows: rows)
        let arms = try table.arms([ArmHint(name: "A"), ArmHint(name: "B")]).map { try $0.get() }
        #expect(arms.map(\.unreadTimes) == [[18], [18]])
        let reading = FigureReading(location: nil, axes: [AxisReading(axis: "x", source: .typed, ticks: []),
                                                          AxisReading(axis: "y", source: .typed, ticks: [])],
                                    arms: arms.map(FigureTextFiller.armReading))
        let reasons = ConfidenceRules().readingReasons(reading)
        #expect(reasons.filter { $0.contains("no count was read under t=18") }.count == 2)
    }
}
