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

    @Test("an arm whose read row stops before the other rows is named in the reasons to review")
    func shortRowAsksForReview() {
        func read(_ name: String, _ times: [Double]) -> ArmReading {
            var arm = ArmReading(arm: name, source: .read)
            arm.rowLabel = name
            arm.matchedBy = "label"
            arm.cells = times.map { (time: $0, count: 10, word: ReadText(text: "10", box: [0, 0, 9, 9], votes: 1, reads: 1, confident: true)) }
            return arm
        }
        let reading = FigureReading(location: nil, axes: [AxisReading(axis: "x", source: .typed, ticks: []),
                                                          AxisReading(axis: "y", source: .typed, ticks: [])],
                                    arms: [read("A", [0, 6, 12, 18]), read("B", [0, 6, 12])])
        let reasons = ConfidenceRules().readingReasons(reading)
        #expect(reasons == ["arm \"B\": its at-risk row was read only to t=12, where the table runs to t=18; check its at_risk"])
    }
}
