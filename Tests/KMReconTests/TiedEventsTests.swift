import Foundation
import Testing
@testable import KMReconstruct
@testable import KMRecon

@Suite("Events tied to one drop spread over its pixel column")
struct TiedEventsTests {
    private func patients(_ rows: [(Double, Bool)]) -> [ReconstructedPatient] {
        rows.map { ReconstructedPatient(time: $0.0, event: $0.1) }
    }

    @Test("k tied events go to the middles of k equal parts of the column; censorings and lone events stay")
    func spreadsEvenly() {
        let before = patients([(10, true), (4, true), (10, false), (10, true), (10, true), (12, false)])
        let after = spreadingTiedEvents(before, timePerPixel: 0.3, curveEnd: 20, table: nil)
        #expect(after.map(\.event) == before.map(\.event))
        let times = after.map(\.time)
        #expect(times[1] == 4 && times[2] == 10 && times[5] == 12)
        let spread = [times[0], times[3], times[4]]
        for (got, want) in zip(spread, [9.9, 10.0, 10.1]) { #expect(abs(got - want) < 1e-12) }
    }

    @Test("the spread stays on its side of every table time, inside [0, curve end], and needs a column width")
    func keepsBounds() throws {
        let tied = patients([(10, true), (10, true)])
        // A table time at the drop: both events stay at or after it (at risk there as before).
        let atDrop = try AtRiskTable(times: [0, 10], counts: [2, 2])
        let after = spreadingTiedEvents(tied, timePerPixel: 0.4, curveEnd: 20, table: atDrop).map(\.time)
        #expect(after.allSatisfy { $0 > 10 && $0 < 10.2 })
        #expect(abs(after[0] - 10.05) < 1e-12 && abs(after[1] - 10.15) < 1e-12)
        // A table time just after the drop: both stay before it.
        let justAfter = try AtRiskTable(times: [0, 10.1], counts: [2, 0])
        #expect(spreadingTiedEvents(tied, timePerPixel: 0.4, curveEnd: 20, table: justAfter).allSatisfy { $0.time >= 9.8 && $0.time < 10.1 })
        // Time 0 and the curve's end bound the column.
        let atZero = spreadingTiedEvents(patients([(0, true), (0, true)]), timePerPixel: 1, curveEnd: 20, table: nil).map(\.time)
        #expect(atZero == [0.125, 0.375])
        let atEnd = spreadingTiedEvents(patients([(20, true), (20, true)]), timePerPixel: 1, curveEnd: 20, table: nil).map(\.time)
        #expect(atEnd == [19.625, 19.875])
        // No known column width: nothing moves.
        #expect(spreadingTiedEvents(tied, timePerPixel: 0, curveEnd: 20, table: nil) == tied)
    }

    @Test("gbsg (440 patients, 205 events) read on a 300-column axis: spread event times lie nearer the true ones than the column centres")
    func nearerTheTruth() throws {
        let truth = try sampleTruth("gbsg-hormon-grey-table", arm: "none")
        try #require(truth.count == 440)
        let end = try #require(truth.map(\.time).max())
        let width = end / 300
        // What a trace gives: every event at the centre of the column it falls in.
        let read = truth.map { ReconstructedPatient(time: $0.event ? ((($0.time / width).rounded(.down)) + 0.5) * width : $0.time, event: $0.event) }
        let spread = spreadingTiedEvents(read, timePerPixel: width, curveEnd: end, table: nil)
        let trueEvents = truth.filter(\.event).map(\.time).sorted()
        func meanError(_ patients: [ReconstructedPatient]) -> Double {
            let times = patients.filter(\.event).map(\.time).sorted()
            return zip(times, trueEvents).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(times.count) / width
        }
        let tiedError = meanError(read), spreadError = meanError(spread)
        #expect(Set(read.filter(\.event).map(\.time)).count < trueEvents.count, "the reading ties some events")
        #expect(spreadError < 0.85 * tiedError, "mean |Δt| \(tiedError) → \(spreadError) columns")
        #expect(spread.allSatisfy { p in !p.event || abs(p.time - (((p.time / width).rounded(.down)) + 0.5) * width) <= width / 2 })
    }
}
