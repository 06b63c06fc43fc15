import Testing
import KMImage
@testable import KMOCR

/// Tables that stop early, rows tied by order when one of them cannot be trusted, the origin's
/// "0" printed apart from the x labels, and rows printed in a pale blend of their arm's colour.
@Suite("Numbers-at-risk table: short rows, order, origin, pale colours")
struct AtRiskTableEdgeTests {
    typealias W = SyntheticWords
    typealias T = AtRiskTableTests

    func table(_ words: [ReadWord]) throws -> AtRiskTable {
        try AtRiskTableReader().read(words: AxisLabelReaderTests.xLabels + words, x: T.x).get()
    }

    // MARK: Rows that stop early

    @Test("a row whose last cell was not read is a shorter table, with nothing invented")
    func lastCellMissing() throws {
        let t = try table(T.row([50, 40, 30, 20, 10, 5, nil], y: 470, label: "A"))
        #expect(t.rows[0].problems.isEmpty)
        let arm = try t.arms([ArmHint(name: "A")])[0].get()
        #expect(arm.times == [0, 10, 20, 30, 40, 50])
        #expect(arm.counts == [50, 40, 30, 20, 10, 5])
        #expect(arm.row.cells.count == 6)
    }

    @Test("an x axis longer than the table: every row stops at the same column")
    func tableShorterThanAxis() throws {
        let t = try table(T.row([213, 122, 80, 51, 30, nil, nil], y: 470, label: "RT")
                          + T.row([211, 143, 101, 66, 35, nil, nil], y: 490, label: "RTC"))
        let arms = t.arms([ArmHint(name: "RT"), ArmHint(name: "RTC")])
        #expect(try arms[0].get().counts == [213, 122, 80, 51, 30])
        #expect(try arms[1].get().times == [0, 10, 20, 30, 40])
    }

    @Test("a cell missing inside the row still rejects it")
    func innerCellMissing() throws {
        let arm = try table(T.row([50, 40, nil, 20, 10, 5, nil], y: 470, label: "A")).arms([ArmHint(name: "A")])[0]
        guard case let .failure(.atRiskRowRejected(_, reason)) = arm else { Issue.record("accepted \(arm)"); return }
        #expect(reason.contains("no count was read under t=20, 60"))
    }

    @Test("a row that keeps fewer than half its columns is rejected")
    func tooShort() throws {
        let arm = try table(T.row([50, 40, 30, nil, nil, nil, nil], y: 470, label: "A")).arms([ArmHint(name: "A")])[0]
        guard case let .failure(.atRiskRowRejected(_, reason)) = arm else { Issue.record("accepted \(arm)"); return }
        #expect(reason.contains("no count was read under t=30, 40, 50, 60"))
    }

    @Test("a weak count in a row that stops early is still reported as weak")
    func shortAndWeak() throws {
        var words = T.row([50, 40, 30, 20, 10, 5, nil], y: 470, label: "A")
        words[0].votes = 1
        let t = try table(words)
        #expect(t.rows[0].problems.count == 1)
        #expect(t.rows[0].problems[0].contains("only 1 of 4 reads"))
        #expect(t.rows[0].leadingCells?.count == 6)
    }

    // MARK: Order

    @Test("two unlabelled rows for two arms, one unreadable: the other arm keeps its row, tied by order")
    func orderWithOneBadRow() throws {
        let t = try table(T.row([196, 114, nil, 52, 39, nil, 25], y: 470) + T.row([199, 130, 54, 30, 17, 15, 11], y: 490))
        let arms = t.arms([ArmHint(name: "Teal"), ArmHint(name: "Maroon")])
        guard case let .failure(.atRiskRowRejected("Teal", reason)) = arms[0] else { Issue.record("accepted \(arms[0])"); return }
        #expect(reason.contains("no count was read under t=20, 50"))
        let maroon = try arms[1].get()
        #expect(maroon.counts == [199, 130, 54, 30, 17, 15, 11])
        #expect(maroon.matchedBy == .order)
    }

    @Test("rows tied by order only when they are one per arm: a third row leaves every arm untied")
    func orderNeedsOneRowPerArm() throws {
        let t = try table(T.row([196, 114, nil, 52, 39, nil, 25], y: 470) + T.row([199, 130, 54, 30, 17, 15, 11], y: 490)
                          + T.row([90, 80, nil, 60, 50, 40, 30], y: 510))
        let arms = t.arms([ArmHint(name: "Teal"), ArmHint(name: "Maroon")])
        for arm in arms {
            guard case let .failure(.atRiskRowRejected(_, reason)) = arm else { Issue.record("accepted \(arm)"); continue }
            #expect(reason.contains("no row of the table could be tied"))
        }
    }

    @Test("a row that starts at 0 (cumulative events) never counts as an arm's row for order")
    func eventsRowNotCounted() throws {
        let t = try table(T.row([0, 2, 11, 18, 25, 27, 27], y: 470) + T.row([199, 130, 54, 30, 17, 15, 11], y: 490))
        let arms = t.arms([ArmHint(name: "A"), ArmHint(name: "B")])
        #expect(arms.allSatisfy { if case .failure = $0 { true } else { false } })
    }

    @Test("a given n that contradicts the order ties no row by order")
    func orderContradictedByN() throws {
        let t = try table(T.row([196, 114, nil, 52, 39, nil, 25], y: 470) + T.row([199, 130, 54, 30, 17, 15, 11], y: 490))
        let arms = t.arms([ArmHint(name: "Teal", n: 150), ArmHint(name: "Maroon")])
        for arm in arms {
            guard case let .failure(.atRiskRowRejected(_, reason)) = arm else { Issue.record("accepted \(arm)"); continue }
            #expect(reason.contains("no row of the table could be tied"))
        }
    }

    @Test("an arm whose n claims the readable row leaves the other its unreadable row, which fails")
    func nThenOrder() throws {
        let t = try table(T.row([196, 114, nil, 52, 39, nil, 25], y: 470) + T.row([199, 130, 54, 30, 17, 15, 11], y: 490))
        let arms = t.arms([ArmHint(name: "Teal", n: 199), ArmHint(name: "Maroon")])
        #expect(try arms[0].get().matchedBy == .initialCount)
        guard case let .failure(.atRiskRowRejected(_, reason)) = arms[1] else { Issue.record("accepted \(arms[1])"); return }
        #expect(reason.contains("no count was read under t=20, 50"))
    }

    // MARK: The origin's "0"

    /// x labels 4, 8, …, 24 every 100 px from column 200 (0 falls at column 100), and the
    /// origin's "0" printed 45 px left of it, beside the y axis.
    static func originWords(zeroAt: Double?) -> (words: [ReadWord], x: AxisLabelCalibration) {
        let labels = (1...6).map { W.number(Double($0 * 4), x: 100 + Double($0) * 100, y: 435) }
        let x = try! AxisLabelReader().calibrate(.x, words: labels + (zeroAt.map { [W.number(0, x: $0, y: 435)] } ?? []),
                                                 layout: AxisLabelReaderTests.layout).get()
        return (labels + (zeroAt.map { [W.number(0, x: $0, y: 435)] } ?? []), x)
    }

    @Test("the origin's 0 printed left of the y axis gives the table its t = 0 column")
    func originLabel() throws {
        let (labels, x) = Self.originWords(zeroAt: 55)
        #expect(x.ticks == [4, 8, 12, 16, 20, 24])
        let counts = [362, 216, 163, 113, 90, 54, 37]
        let row = counts.enumerated().map { W.number(Double($0.element), x: 100 + Double($0.offset) * 100, y: 470) }
        let t = try AtRiskTableReader().read(words: labels + row, x: x).get()
        #expect(t.times == [0, 4, 8, 12, 16, 20, 24])
        #expect(abs(t.columnPixels[0] - 100) < 1e-6)
        #expect(try t.arms([ArmHint(name: "Fulvestrant 500 mg")])[0].get().counts == counts)
    }

    @Test("without a printed 0 the table does not get a t = 0 column")
    func noOriginLabel() throws {
        let (labels, x) = Self.originWords(zeroAt: nil)
        let row = [362, 216, 163, 113, 90, 54, 37].enumerated().map { W.number(Double($0.element), x: 100 + Double($0.offset) * 100, y: 470) }
        let t = try AtRiskTableReader().read(words: labels + row, x: x).get()
        #expect(t.times == [4, 8, 12, 16, 20, 24])
    }

    @Test("a 0 further than ¾ of a column from the axis's 0 is not taken for the origin")
    func farZero() throws {
        let (labels, x) = Self.originWords(zeroAt: 10)
        let row = [362, 216, 163, 113, 90, 54, 37].enumerated().map { W.number(Double($0.element), x: 100 + Double($0.offset) * 100, y: 470) }
        let t = try AtRiskTableReader().read(words: labels + row, x: x).get()
        #expect(t.times == [4, 8, 12, 16, 20, 24])
    }

    @Test("no origin column when 0 is not the progression's next value down")
    func originNotInProgression() throws {
        let labels = (2...7).map { W.number(Double($0 * 4), x: 100 + Double($0 - 1) * 100, y: 435) }
        let x = try AxisLabelReader().calibrate(.x, words: labels, layout: AxisLabelReaderTests.layout).get()
        #expect(x.ticks.first == 8)
        let words = labels + [W.number(0, x: 55, y: 435)]
            + (0...6).map { W.number(Double(300 - $0 * 20), x: 100 + Double($0) * 100, y: 470) }
        let t = try AtRiskTableReader().read(words: words, x: x).get()
        #expect(t.times.first == 8)
    }

    // MARK: Pale colours

    @Test("small digits printed in a pale blend of the arm's colour are tied to it by colour")
    func paleRowsByColour() throws {
        let teal = RGB(r: 0x4E, g: 0x81, b: 0x7C), maroon = RGB(r: 0x51, g: 0x2D, b: 0x37)
        let paleTeal = RGB(r: 0x83, g: 0x9F, b: 0xA0), paleMaroon = RGB(r: 0x7B, g: 0x67, b: 0x71)
        #expect(paleTeal.isBlend(of: teal) && !paleTeal.isBlend(of: maroon))
        #expect(paleMaroon.isBlend(of: maroon) && !paleMaroon.isBlend(of: teal))
        let t = try table(T.row([199, 130, 54, 30, 17, 15, 11], y: 470, color: paleMaroon)
                          + T.row([196, 114, 78, 52, 39, 30, 25], y: 490, color: paleTeal))
        let arms = t.arms([ArmHint(name: "Teal", color: teal), ArmHint(name: "Maroon", color: maroon)])
        #expect(try arms[0].get().counts == [196, 114, 78, 52, 39, 30, 25])
        #expect(try arms[0].get().matchedBy == .color)
        #expect(try arms[1].get().matchedBy == .color)
    }

    @Test("grey rows are never a blend of a coloured arm")
    func greyIsNoBlend() {
        #expect(!RGB(r: 0x80, g: 0x80, b: 0x80).isBlend(of: RGB(r: 0x1F, g: 0x77, b: 0xB4)))
        #expect(!RGB(r: 0xF0, g: 0xF0, b: 0xF0).isBlend(of: RGB(r: 0xFF, g: 0x7F, b: 0x0E)))
    }
}
