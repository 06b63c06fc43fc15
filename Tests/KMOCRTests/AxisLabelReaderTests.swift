import Testing
@testable import KMOCR

@Suite("Axis calibration from tick labels")
struct AxisLabelReaderTests {
    typealias W = SyntheticWords
    /// A 600×400 px panel from (100, 20) to (700, 420).
    static let layout = PlotLayout(left: 100, top: 20, right: 700, bottom: 420)

    /// x labels 0, 10, …, 60 every 100 px from column 100, 15 px under the panel.
    static var xLabels: [ReadWord] { (0...6).map { W.number(Double($0 * 10), x: 100 + Double($0) * 100, y: 435) } }

    @Test("the x label row gives value = a + b·column with b > 0")
    func xAxis() throws {
        let fit = try AxisLabelReader().calibrate(.x, words: Self.xLabels, layout: Self.layout).get()
        #expect(fit.ticks == [0, 10, 20, 30, 40, 50, 60])
        #expect(abs(fit.slope - 0.1) < 1e-9)
        #expect(abs(fit.pixel(forValue: 30) - 400) < 1e-9)
        #expect(fit.rmsPixels < 1e-9)
    }

    @Test("a percent y axis starting at 50 fits with b < 0; a misread label is an outlier")
    func percentY() throws {
        // 50 % … 100 % every 80 px upwards from row 420; "80%" misread as "30%".
        var words = (0...5).map { W.number(Double(50 + $0 * 10), x: 80, y: 420 - Double($0) * 80, percent: true) }
        words[3] = W.number(30, x: 80, y: 420 - 3 * 80, percent: true)
        let fit = try AxisLabelReader().calibrate(.y, words: words, layout: Self.layout).get()
        #expect(fit.ticks == [50, 60, 70, 90, 100])
        #expect(fit.slope < 0)
        #expect(fit.inPercent)
        #expect(abs(fit.value(atPixel: 180) - 80) < 1e-9)
    }

    @Test("the at-risk rows under the labels never win: their counts do not increase")
    func atRiskRowLoses() throws {
        let table = [138.0, 86, 35, 17, 7, 2, 0].enumerated().map { W.number($0.element, x: 100 + Double($0.offset) * 100, y: 480) }
        let fit = try AxisLabelReader().calibrate(.x, words: table + Self.xLabels, layout: Self.layout).get()
        #expect(fit.ticks == [0, 10, 20, 30, 40, 50, 60])
    }

    @Test("given tick marks, the labels snap to them when that fits better")
    func snaps() throws {
        var layout = Self.layout
        layout.xTickPixels = (0...6).map { 100.4 + Double($0) * 100 }
        let fit = try AxisLabelReader().calibrate(.x, words: Self.xLabels, layout: layout).get()
        #expect(fit.snappedToTicks)
        #expect(abs(fit.pixel(forValue: 0) - 100.4) < 1e-9)
        #expect(fit.labels.map(\.tickPixel) == layout.xTickPixels)
    }

    @Test("fails closed with fewer than 3 agreeing labels")
    func tooFew() {
        let words = [W.number(0, x: 100, y: 435), W.number(10, x: 200, y: 435), W.number(70, x: 300, y: 435)]
        let result = AxisLabelReader().calibrate(.x, words: words, layout: Self.layout)
        guard case let .failure(.axisLabelsUnreadable(axis, reason)) = result else { Issue.record("accepted \(result)"); return }
        #expect(axis == .x)
        #expect(reason.contains("only 2 x labels line up"))
        #expect(OCRError.axisLabelsUnreadable(axis: axis, reason: reason).description.contains("x_axis.ticks"))
    }

    @Test("fails closed on a gap: unread labels between the ones read")
    func gap() {
        let words = [0.0, 10, 20, 60].map { W.number($0, x: 100 + $0 * 10, y: 435) }
        let result = AxisLabelReader().calibrate(.x, words: words, layout: Self.layout)
        guard case let .failure(.axisLabelsUnreadable(_, reason)) = result else { Issue.record("accepted \(result)"); return }
        #expect(reason.contains("gap"))
    }

    @Test("fails closed when the labels wander off a straight line")
    func residuals() {
        let jitter = [0.0, 3, -3, 3, -3, 3, 0]
        let words = (0...6).map { W.number(Double($0 * 10), x: 100 + Double($0) * 100 + jitter[$0], y: 435) }
        let result = AxisLabelReader().calibrate(.x, words: words, layout: Self.layout)
        guard case let .failure(.axisLabelsUnreadable(_, reason)) = result else { Issue.record("accepted \(result)"); return }
        #expect(reason.contains("rms"))
    }

    @Test("fails closed on y values outside 0–100")
    func outOfRange() {
        let words = [0.0, 100, 200, 300].enumerated().map { W.number($0.element, x: 80, y: 420 - Double($0.offset) * 100) }
        let result = AxisLabelReader().calibrate(.y, words: words, layout: Self.layout)
        guard case let .failure(.axisLabelsUnreadable(.y, reason)) = result else { Issue.record("accepted \(result)"); return }
        #expect(reason.contains("outside 0–100"))
    }

    @Test("x labels 0, 500, 1.000 … 2.500 fail closed: a point grouping thousands and decimals give the same straight line")
    func pointGroupedThousands() throws {
        // "500" is the outlier of the line through 0, 1, 1.5, 2, 2.5 read at the 1000 … 2500 columns.
        let printed = ["0", "500", "1.000", "1.500", "2.000", "2.500"], read = [0, 500, 1, 1.5, 2, 2.5]
        let words = zip(printed, read).enumerated().map { W.number($0.element.1, text: $0.element.0, x: 100 + Double($0.offset) * 100, y: 435) }
        let result = AxisLabelReader().calibrate(.x, words: words, layout: Self.layout)
        guard case let .failure(.axisLabelsUnreadable(.x, reason)) = result else { Issue.record("accepted \(result)"); return }
        #expect(reason.contains("may group thousands with a point"))
        // Decimals that cannot be grouping ("0.250"), and y labels with three decimals, still read.
        let quarters = (0...4).map { W.number(Double($0) * 0.25, text: String(format: "%.3f", Double($0) * 0.25), x: 100 + Double($0) * 100, y: 435) }
        #expect(try AxisLabelReader().calibrate(.x, words: quarters, layout: Self.layout).get().ticks == [0, 0.25, 0.5, 0.75, 1])
        let y = (0...4).map { W.number(Double($0) * 0.25, text: String(format: "%.3f", Double($0) * 0.25), x: 80, y: 420 - Double($0) * 100) }
        #expect(try AxisLabelReader().calibrate(.y, words: y, layout: Self.layout).get().ticks == [0, 0.25, 0.5, 0.75, 1])
    }
}
