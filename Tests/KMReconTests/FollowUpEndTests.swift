import Testing
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
}
