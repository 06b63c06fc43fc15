import Testing
@testable import KMDigitize
@testable import KMReconstruct
@testable import KMRecon

@Suite("Last follow-up at the end of the drawn curve")
struct FollowUpEndTests {
    private func patients(_ rows: [(Double, Bool)]) -> [ReconstructedPatient] {
        rows.map { ReconstructedPatient(time: $0.0, event: $0.1) }
    }

    @Test("the latest censoring moves to the curve's end; order and everything else kept")
    func movesLatestCensoring() {
        let before = patients([(1, true), (9.75, false), (2, true), (4, false)])
        let after = placingLastFollowUpAtCurveEnd(before, curveEnd: 19.5, table: nil)
        #expect(after.map(\.time) == [1, 19.5, 2, 4])
        #expect(after.map(\.event) == before.map(\.event))
    }

    @Test("an event as the latest patient, or a curve ending earlier, leaves the patients alone")
    func leavesEventsAndShortCurves() {
        let lastIsEvent = patients([(1, false), (5, true)])
        #expect(placingLastFollowUpAtCurveEnd(lastIsEvent, curveEnd: 8, table: nil) == lastIsEvent)
        let censored = patients([(1, true), (6, false)])
        #expect(placingLastFollowUpAtCurveEnd(censored, curveEnd: 6, table: nil) == censored)
        #expect(placingLastFollowUpAtCurveEnd(censored, curveEnd: 5, table: nil) == censored)
    }

    @Test("the move never puts more patients at risk than the table reports")
    func respectsTheTable() throws {
        let before = patients([(1, true), (2, true), (3, false)])
        // 0 reported at risk at t = 4: the censored patient must stay before 4.
        let closed = try AtRiskTable(times: [0, 4], counts: [3, 0])
        #expect(placingLastFollowUpAtCurveEnd(before, curveEnd: 5, table: closed) == before)
        // 1 reported at risk at t = 4: the move agrees with it.
        let open = try AtRiskTable(times: [0, 4], counts: [3, 1])
        #expect(placingLastFollowUpAtCurveEnd(before, curveEnd: 5, table: open).map(\.time) == [1, 2, 5])
    }

    /// A traced arm with its last two corners on a flat tail from `tailStart` to `end`.
    private func arm(end: Double, tailStart: Double = 50, timePerPixel: Double = 0.128) -> DigitizedArm {
        DigitizedArm(name: "A", color: .black,
                     corners: [SurvivalReading(time: 0, survival: 1), SurvivalReading(time: 37.7, survival: 1),
                               SurvivalReading(time: 37.7, survival: 0.52), SurvivalReading(time: end, survival: 0.52)],
                     censorMarks: [], assignmentConfidence: 1, timePerPixel: timePerPixel, survivalPerPixel: 0.0027)
    }

    @Test("a trace ending a column short of a table time that still counts patients reaches that time")
    func reachesTheTableTime() throws {
        // KM-GPT's exponential_low_medium_high: 1 at risk at t = 99, the line drawn to 99, traced to 98.85.
        let table = try AtRiskTable(times: [0, 11, 22, 33, 44, 55, 66, 77, 88, 99], counts: [52, 19, 10, 6, 3, 1, 1, 1, 1, 1])
        #expect(reachingAtRiskTimeAtCurveEnd(arm(end: 98.85), table: table).corners.last?.time == 99)
        // Nobody at risk at 99, or 99 more than two columns on, or no table: the trace stays.
        let closed = try AtRiskTable(times: [0, 99], counts: [52, 0])
        #expect(reachingAtRiskTimeAtCurveEnd(arm(end: 98.85), table: closed).corners.last?.time == 98.85)
        #expect(reachingAtRiskTimeAtCurveEnd(arm(end: 98.6), table: table).corners.last?.time == 98.6)
        #expect(reachingAtRiskTimeAtCurveEnd(arm(end: 98.85), table: nil).corners.last?.time == 98.85)
    }

    @Test("a curve that ends in a drop keeps its end")
    func endingInADrop() throws {
        let table = try AtRiskTable(times: [0, 36], counts: [857, 541])
        var dropping = arm(end: 35.95)
        dropping.corners.append(SurvivalReading(time: 35.95, survival: 0))
        #expect(reachingAtRiskTimeAtCurveEnd(dropping, table: table).corners.last?.time == 35.95)
    }

    @Test("IPDfromKM's warnings about the inferred table are dropped; those about the given numbers stay")
    func warningsOnTheGivenNumbers() throws {
        let table = try AtRiskTable(times: [0, 12, 24, 36], counts: [138, 35, 7, 0])
        let warnings: [ReconstructionWarning] = [
            .atRiskNotMatched(time: 4.2, reported: 135, reconstructed: 134),
            .emptyRiskIntervals(times: [36, 4.5]),
            .endPatientsAssumed(count: 0, lastCurveTime: 33.9, lastRiskTime: 36),
            .emptyRiskIntervals(times: [12]),
            .endPatientsAssumed(count: 2, lastCurveTime: 33.9, lastRiskTime: 36),
            .totalEventsDiffer(reported: 112, reconstructed: 110),
        ]
        #expect(KMRecon.warningsOnTheGivenNumbers(warnings, table: table, curveEnd: 33.9) == [
            .emptyRiskIntervals(times: [12]),
            .endPatientsAssumed(count: 2, lastCurveTime: 33.9, lastRiskTime: 36),
            .totalEventsDiffer(reported: 112, reconstructed: 110),
        ])
    }

    @Test("the patients IPDfromKM censors together at the curve's end move to the tail's censor marks; without marks they stay")
    func tailToMarks() throws {
        // Events up to t = 5; four still at risk, all censored at the drawn end, t = 10.
        let before = patients([(1, true), (10, false), (3, false), (10, false), (5, true), (10, false), (10, false)])
        #expect(movingTailCensoringsToMarks(before, curveEnd: 10, table: nil, censorMarks: []) == before)
        // Marks at 6 and 9.2 in the tail are censorings there (the one at 2 is before the last event).
        let moved = movingTailCensoringsToMarks(before, curveEnd: 10, table: nil, censorMarks: [9.2, 6, 2])
        #expect(moved.map(\.time) == [1, 6, 3, 9.2, 5, 10, 10])
        #expect(moved.map(\.event) == before.map(\.event))
        // A printed count at t = 8 (four at risk): they were all followed to 8 at least.
        let table = try AtRiskTable(times: [0, 4, 8], counts: [7, 5, 4])
        #expect(movingTailCensoringsToMarks(before, curveEnd: 10, table: table, censorMarks: [9.2, 6]).map(\.time) == [1, 9.2, 3, 10, 5, 10, 10])
        // More marks than patients to move: evenly chosen, the last patient stays at the end.
        let many = movingTailCensoringsToMarks(before, curveEnd: 10, table: nil, censorMarks: [5.5, 6, 7, 8, 9])
        #expect(many.map(\.time) == [1, 5.5, 3, 7, 5, 9, 10])
    }

    @Test("a lone censoring at the end, or an event there, leaves the tail alone")
    func tailLeftAlone() {
        let lone = patients([(1, true), (10, false), (3, false)])
        #expect(movingTailCensoringsToMarks(lone, curveEnd: 10, table: nil, censorMarks: [6]) == lone)
        let eventAtEnd = patients([(1, true), (10, true), (10, false), (10, false)])
        #expect(movingTailCensoringsToMarks(eventAtEnd, curveEnd: 10, table: nil, censorMarks: [6]) == eventAtEnd)
    }
}

