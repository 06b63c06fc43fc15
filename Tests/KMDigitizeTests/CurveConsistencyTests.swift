import Testing
@testable import KMDigitize

@Suite("A traced curve at 0 against the printed numbers at risk")
struct CurveConsistencyTests {
    /// A curve that falls from 1 to `bottom` at `dropTime` and runs flat to `end`.
    private func corners(dropTime: Double, bottom: Double, end: Double) -> [SurvivalReading] {
        [SurvivalReading(time: 0, survival: 1), SurvivalReading(time: dropTime, survival: 1),
         SurvivalReading(time: dropTime, survival: bottom), SurvivalReading(time: end, survival: bottom)]
    }

    // A 775-column, 376-row panel over 36 months and survival 0–1, as in KM-GPT's figures.
    let timePerPixel = 36.0 / 775, survivalPerPixel = 1.0 / 376

    @Test("a curve traced along the x axis while the table still counts many is flagged")
    func tracedAlongTheAxis() throws {
        let arm = ArmDescription(name: "A", atRiskTimes: [0, 12, 24, 36], atRiskCounts: [857, 811, 736, 541])
        let note = try #require(CurveConsistency.note(arm, corners: corners(dropTime: 5, bottom: 0, end: 36),
                                                       timePerPixel: timePerPixel, survivalPerPixel: survivalPerPixel))
        #expect(note.contains("reaches 0 at t=5") && note.contains("811 at risk at t=12"))
    }

    @Test("a last drop to 0 traced a column or so before the table time it happens at is consistent")
    func dropAtTheLastTableTime() {
        // KM-GPT's piecewise figures: the 541 patients left at t = 36 all have their event at 36,
        // and the drop, at the panel's right edge, is traced 1.2 columns early.
        let arm = ArmDescription(name: "A", atRiskTimes: [0, 12, 24, 36], atRiskCounts: [857, 811, 736, 541])
        let early = 36 - 1.2 * timePerPixel
        #expect(CurveConsistency.note(arm, corners: corners(dropTime: early, bottom: 0, end: early),
                                      timePerPixel: timePerPixel, survivalPerPixel: survivalPerPixel) == nil)
        // Three columns early is not the same drop any more.
        let tooEarly = 36 - 3 * timePerPixel
        #expect(CurveConsistency.note(arm, corners: corners(dropTime: tooEarly, bottom: 0, end: tooEarly),
                                      timePerPixel: timePerPixel, survivalPerPixel: survivalPerPixel) != nil)
    }

    @Test("one patient of hundreds still at risk is below a pixel: a curve within a pixel of 0 agrees")
    func fewLeftAtRisk() {
        // 1 of 514 at risk at the last tick: the curve need only be 0.0019 high, under one row
        // (0.0027). With 3 of 514 (0.0058, two rows) a curve at 0 cannot be right.
        let one = ArmDescription(name: "A", atRiskTimes: [0, 111, 222, 333], atRiskCounts: [514, 40, 6, 1])
        #expect(CurveConsistency.note(one, corners: corners(dropTime: 300, bottom: 0.002, end: 333),
                                      timePerPixel: 333.0 / 775, survivalPerPixel: survivalPerPixel) == nil)
        let three = ArmDescription(name: "A", atRiskTimes: [0, 111, 222, 333], atRiskCounts: [514, 40, 6, 3])
        #expect(CurveConsistency.note(three, corners: corners(dropTime: 300, bottom: 0.002, end: 333),
                                      timePerPixel: 333.0 / 775, survivalPerPixel: survivalPerPixel) != nil)
    }
}

@Suite("Digitizer error messages")
struct DigitizeErrorMessageTests {
    @Test("tick values and pixels too large for an integer are printed as they are, not trapped on")
    func hugeValues() {
        let ticks = DigitizeError.ticksNotMatched(axis: "x", ticks: [0, 1e30], marksFound: 3).description
        #expect(ticks.contains("[0, 1e+30]"))
        let pixel = DigitizeError.calibrationOffImage(axis: "x", pixel: 4e21, size: 900).description
        #expect(pixel.contains("pixel 4e+21"))
    }
}
