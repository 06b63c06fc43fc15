import Testing
import KMImage
@testable import KMOCR

@Suite("Numbers-at-risk table")
struct AtRiskTableTests {
    typealias W = SyntheticWords
    static let layout = AxisLabelReaderTests.layout
    static var x: AxisLabelCalibration {
        try! AxisLabelReader().calibrate(.x, words: AxisLabelReaderTests.xLabels, layout: layout).get()
    }

    /// A row of counts under the ticks 0…60 (columns 100, 200, …), shifted by `offset` px.
    static func row(_ counts: [Int?], y: Double, offset: Double = 0, label: String? = nil, color: RGB = .black) -> [ReadWord] {
        var words = counts.enumerated().compactMap { i, c in c.map { W.number(Double($0), x: 100 + Double(i) * 100 + offset, y: y, color: color) } }
        if let label { words.append(W.text(label, x: 40, y: y, color: color)) }
        return words
    }

    func table(_ words: [ReadWord]) throws -> AtRiskTable {
        try AtRiskTableReader().read(words: AxisLabelReaderTests.xLabels + words, x: Self.x).get()
    }

    @Test("rows under the x labels are read into the tick columns and matched to the arms by label")
    func byLabel() throws {
        let t = try table(Self.row([90, 70, 30, 15, 6, 1, 0], y: 500, label: "Female")
                          + Self.row([138, 86, 35, 17, 7, 2, 0], y: 470, label: "Male"))
        #expect(t.times == [0, 10, 20, 30, 40, 50, 60])
        let arms = t.arms([ArmHint(name: "Male"), ArmHint(name: "Female")])
        let male = try arms[0].get(), female = try arms[1].get()
        #expect(male.counts == [138, 86, 35, 17, 7, 2, 0])
        #expect(male.matchedBy == .label)
        #expect(female.counts == [90, 70, 30, 15, 6, 1, 0])
    }

    @Test("counts of a thousand or more read with their separator as a point (\"2.400\", value 2.4; \"1.000\", value 1) are whole counts")
    func thousandsSeparators() throws {
        var words = Self.row([nil, nil, nil, nil, 410, 96, 0], y: 470, label: "Observation")
        for (i, printed) in ["2.400", "2.000", "1.369", "1.000"].enumerated() {
            words.append(W.number(Double(printed)!, text: printed, x: 100 + Double(i) * 100, y: 470))
        }
        let t = try table(words)
        #expect(t.rows[0].counts == [2400, 2000, 1369, 1000, 410, 96, 0])
    }

    @Test("a table offset from its ticks by a third of a column is still read in order")
    func offsetTable() throws {
        let t = try table(Self.row([50, 40, 30, 20, 10, 5, 1], y: 470, offset: 30))
        #expect(t.rows[0].counts == [50, 40, 30, 20, 10, 5, 1])
    }

    @Test("a row missing its first count is not silently shifted one column left")
    func noSilentShift() throws {
        let t = try table(Self.row([nil, 40, 30, 20, 10, 5, 1], y: 470))
        #expect(t.rows[0].cells.map(\.count) == [nil, 40, 30, 20, 10, 5, 1])
        let arm = t.arms([ArmHint(name: "A")])[0]
        guard case let .failure(.atRiskRowRejected(_, reason)) = arm else { Issue.record("accepted \(arm)"); return }
        #expect(reason.contains("no count was read under t=0"))
    }

    @Test("an unread x label inside the progression still heads its column")
    func filledColumn() throws {
        let labels = AxisLabelReaderTests.xLabels.filter { $0.value != 30 }
        let x = try AxisLabelReader().calibrate(.x, words: labels, layout: Self.layout).get()
        let t = try AtRiskTableReader().read(words: labels + Self.row([50, 40, 30, 20, 10, 5, 1], y: 470), x: x).get()
        #expect(t.times == [0, 10, 20, 30, 40, 50, 60])
        #expect(t.rows[0].counts == [50, 40, 30, 20, 10, 5, 1])
    }

    @Test("lifelines' three rows per arm: censored and events rows are never taken for at-risk rows")
    func lifelinesGroups() throws {
        let words = Self.row([33, 31, 21, 13, 4, 1, 0], y: 470, label: "At risk") + Self.row([0, 0, 1, 2, 4, 5, 6], y: 485, label: "Censored")
            + Self.row([0, 2, 11, 18, 25, 27, 27], y: 500, label: "Events")
            + Self.row([17, 14, 8, 5, 1, 0, 0], y: 530, label: "At risk") + Self.row([0, 1, 2, 2, 3, 4, 4], y: 545, label: "Censored")
            + Self.row([0, 2, 7, 10, 13, 13, 13], y: 560, label: "Events")
        let arms = try table(words).arms([ArmHint(name: "Stage I"), ArmHint(name: "Stage II")])
        #expect(try arms[0].get().counts == [33, 31, 21, 13, 4, 1, 0])
        #expect(try arms[1].get().counts == [17, 14, 8, 5, 1, 0, 0])
        #expect(try arms[1].get().matchedBy == .order)
    }

    @Test("a row whose counts increase is rejected, saying where")
    func increasing() throws {
        let arm = try table(Self.row([50, 40, 45, 20, 10, 5, 1], y: 470, label: "A")).arms([ArmHint(name: "A")])[0]
        guard case let .failure(.atRiskRowRejected("A", reason)) = arm else { Issue.record("accepted \(arm)"); return }
        #expect(reason.contains("counts must not increase: 45 at t=20 after 40 at t=10"))
    }

    @Test("a row that disagrees with a given n is rejected")
    func wrongN() throws {
        let arm = try table(Self.row([50, 40, 30, 20, 10, 5, 1], y: 470, label: "A")).arms([ArmHint(name: "A", n: 51)])[0]
        guard case let .failure(.atRiskRowRejected(_, reason)) = arm else { Issue.record("accepted \(arm)"); return }
        #expect(reason.contains("differs from n = 51"))
    }

    @Test("a weak read (fewer than 3 of 4 reads agreeing) rejects the row")
    func weakRead() throws {
        var words = Self.row([50, 40, 30, 20, 10, 5, 1], y: 470)
        words[4].votes = 1
        let arm = try table(words).arms([ArmHint(name: "A")])[0]
        guard case let .failure(.atRiskRowRejected(_, reason)) = arm else { Issue.record("accepted \(arm)"); return }
        #expect(reason.contains("only 1 of 4 reads"))
    }

    @Test("counts taken on their first reads, every read agreeing (1 of 1, 2 of 2), are confident")
    func earlyReads() throws {
        var words = Self.row([50, 40, 30, 20, 10, 5, 1], y: 470)
        (words[4].votes, words[4].reads) = (1, 1)
        (words[5].votes, words[5].reads) = (2, 2)
        #expect(words[4].isConfident && words[5].isConfident)
        #expect(try table(words).arms([ArmHint(name: "A")])[0].get().counts == [50, 40, 30, 20, 10, 5, 1])
    }

    @Test("unlabelled rows are matched by colour when colours are given")
    func byColour() throws {
        let blue = RGB(r: 0x1F, g: 0x77, b: 0xB4), orange = RGB(r: 0xFF, g: 0x7F, b: 0x0E)
        let t = try table(Self.row([10, 8, 6, 4, 2, 1, 0], y: 470, color: orange) + Self.row([12, 9, 7, 5, 3, 2, 1], y: 490, color: blue))
        let arms = t.arms([ArmHint(name: "Blue", color: blue), ArmHint(name: "Orange", color: orange)])
        #expect(try arms[0].get().counts == [12, 9, 7, 5, 3, 2, 1])
        #expect(try arms[0].get().matchedBy == .color)
        #expect(try arms[1].get().counts == [10, 8, 6, 4, 2, 1, 0])
    }

    @Test("\"Stage I\" is not taken for \"Stage II\"")
    func similarLabels() throws {
        let t = try table(Self.row([33, 31, 21, 13, 4, 1, 0], y: 470, label: "Stage I") + Self.row([17, 14, 8, 5, 1, 0, 0], y: 490, label: "Stage II"))
        let arms = t.arms([ArmHint(name: "Stage II"), ArmHint(name: "Stage I")])
        #expect(try arms[0].get().counts == [17, 14, 8, 5, 1, 0, 0])
        #expect(try arms[1].get().counts == [33, 31, 21, 13, 4, 1, 0])
    }

    @Test("no numbers under the x labels: no table, with a message saying what to type")
    func noTable() {
        let result = AtRiskTableReader().read(words: AxisLabelReaderTests.xLabels, x: Self.x)
        guard case let .failure(error) = result else { Issue.record("found a table"); return }
        #expect(error.description.contains("type each arm's at_risk table"))
    }
}
