import Testing
@testable import KMReconstruct

/// Both corners of every drop of the Kaplan–Meier curve of `times`/`events` (the way a careful
/// person digitises a figure), starting at (0, 1).
func cornerPoints(times: [Double], events: [Bool]) -> [CurvePoint] {
    let order = times.indices.sorted { times[$0] < times[$1] }
    var atRisk = Double(times.count)
    var s = 1.0
    var points = [CurvePoint(time: 0, survival: 1)]
    var i = 0
    while i < order.count {
        let t = times[order[i]]
        var deaths = 0.0, leaving = 0.0
        while i < order.count && times[order[i]] == t {
            if events[order[i]] { deaths += 1 }
            leaving += 1; i += 1
        }
        if deaths > 0 {
            points.append(CurvePoint(time: t, survival: s))
            s *= (atRisk - deaths) / atRisk
            points.append(CurvePoint(time: t, survival: s))
        }
        atRisk -= leaving
    }
    points.append(CurvePoint(time: times.max()!, survival: s))
    return points
}

func atRisk(at riskTimes: [Double], times: [Double]) -> [Int] {
    riskTimes.map { t in times.filter { $0 >= t }.count }
}

@Suite("Reconstruction of curves whose patients we know")
struct SyntheticReconstructionTests {

    @Test("an arm of more patients than the limit is refused before anything is allocated")
    func tooManyPatients() throws {
        let points = [(0.0, 1.0), (2, 1), (2, 0.8), (5, 0.8), (5, 0.5), (10, 0.5)].map { CurvePoint(time: $0.0, survival: $0.1) }
        let table = try AtRiskTable(times: [0, 5], counts: [1_000_000_000_000, 10])
        #expect(throws: ReconstructionError.tooManyPatients(1_000_000_000_000, limit: ReconstructionInput.maximumPatients)) {
            try reconstruct(ReconstructionInput(points: points, atRisk: table))
        }
        #expect(throws: ReconstructionError.tooManyPatients(20_000_000, limit: ReconstructionInput.maximumPatients)) {
            try reconstruct(ReconstructionInput(points: points, totalPatients: 20_000_000))
        }
    }

    @Test("no censoring, total patients only: every event comes back at its own time")
    func uncensoredTotalOnly() throws {
        let times = (1...20).map(Double.init)
        let events = [Bool](repeating: true, count: 20)
        let input = ReconstructionInput(points: cornerPoints(times: times, events: events), totalPatients: 20)
        let result = try reconstruct(input)
        #expect(result.patients.count == 20)
        #expect(result.patients.map(\.time) == times)
        #expect(result.patients.allSatisfy { $0.event })
        #expect(result.accuracy.maxError == 0)
    }

    @Test("no censoring with an exact at-risk table: the same patients, zero censorings")
    func uncensoredWithTable() throws {
        let times = (1...20).map(Double.init)
        let events = [Bool](repeating: true, count: 20)
        let riskTimes: [Double] = [0, 5, 10, 15]
        let table = try AtRiskTable(times: riskTimes, counts: atRisk(at: riskTimes, times: times))
        #expect(table.counts == [20, 16, 11, 6])
        let result = try reconstruct(ReconstructionInput(points: cornerPoints(times: times, events: events), atRisk: table))
        #expect(result.eventCount == 20)
        #expect(result.censoredCount == 0)
        #expect(result.patients.map(\.time) == times)
        #expect(result.intervals.map(\.reconstructedAtRisk) == [20, 16, 11, 6])
    }

    @Test("with censoring: the reconstructed curve stays within a few points of the true one")
    func censoredWithTable() throws {
        // 60 patients: deaths every 1.5 time units, a censoring after every third death.
        var times: [Double] = [], events: [Bool] = []
        for i in 0..<60 {
            times.append(1.5 * Double(i / 1 + 1) - (i % 4 == 3 ? 0.7 : 0))
            events.append(i % 4 != 3)
        }
        let riskTimes: [Double] = [0, 20, 40, 60, 80]
        let table = try AtRiskTable(times: riskTimes, counts: atRisk(at: riskTimes, times: times))
        let points = cornerPoints(times: times, events: events)
        let result = try reconstruct(ReconstructionInput(points: points, atRisk: table))
        #expect(result.patients.count == 60)
        #expect(abs(result.eventCount - events.filter { $0 }.count) <= 2)
        #expect(result.accuracy.rootMeanSquareError <= 0.02)
        // The reported numbers at risk are met at every risk time.
        for row in result.intervals { #expect(row.reconstructedAtRisk == row.reportedAtRisk) }
    }

    @Test("percent readings are divided by 100 only when the scale says percent")
    func percentScale() throws {
        let times = (1...10).map(Double.init)
        let points = cornerPoints(times: times, events: Array(repeating: true, count: 10))
        let percent = points.map { CurvePoint(time: $0.time, survival: $0.survival * 100) }
        let a = try reconstruct(ReconstructionInput(points: points, totalPatients: 10))
        let b = try reconstruct(ReconstructionInput(points: percent, totalPatients: 10, scale: .percent))
        #expect(a.patients == b.patients)
        let wrong = try reconstruct(ReconstructionInput(points: percent, totalPatients: 10))
        #expect(wrong.warnings.contains(.scaleLooksWrong(maxReading: 100, scale: .probability)))
    }

    @Test("a reading below 0 drags the rest of the curve out, and the warning says so")
    func belowZeroWarning() throws {
        let points = [(0.0, 1.0), (10, 1.0), (10, 0.8), (20, 0.8), (20, 0.5), (30, 0.5), (30, -0.001), (35, 0.0), (40, 0.0)]
            .map { CurvePoint(time: $0.0, survival: $0.1) }
        let result = try reconstruct(ReconstructionInput(points: points, totalPatients: 10))
        #expect(result.warnings.contains { $0.description == "a reading below 0 at t=30 removed the 2 point(s) after it" })
        #expect(result.points.last!.time == 30)
    }

    @Test("the curve at 0 at the start of a non-last interval is an error, not a crash")
    func zeroAtIntervalStart() throws {
        let points = [(0.0, 1.0), (2, 1.0), (2, 0.5), (5, 0.5), (5, 0.0), (12, 0.0), (25, 0.0)]
            .map { CurvePoint(time: $0.0, survival: $0.1) }
        let table = try AtRiskTable(times: [0, 10, 20], counts: [10, 2, 1])
        #expect(throws: ReconstructionError.zeroSurvivalAtIntervalStart(time: 12)) {
            try reconstruct(ReconstructionInput(points: points, atRisk: table))
        }
    }

    @Test("bad inputs are typed errors with messages that say what to fix")
    func badInputs() {
        let four = (0..<4).map { CurvePoint(time: Double($0), survival: 1) }
        #expect(throws: ReconstructionError.tooFewPoints(count: 4)) {
            try reconstruct(ReconstructionInput(points: four, totalPatients: 5))
        }
        #expect(throws: ReconstructionError.atRiskCountsIncrease(index: 2, time: 12, count: 54, previousTime: 6, previousCount: 50)) {
            try AtRiskTable(times: [0, 6, 12], counts: [60, 50, 54])
        }
        #expect(ReconstructionError.atRiskCountsIncrease(index: 2, time: 12, count: 54, previousTime: 6, previousCount: 50).description
                == "at-risk counts must not increase: 54 at t=12 (entry 3) after 50 at t=6")
        #expect(throws: ReconstructionError.negativeCount(index: 1, count: -3, time: 6)) {
            try AtRiskTable(times: [0, 6], counts: [10, -3])
        }
        #expect(throws: ReconstructionError.atRiskLengthMismatch(times: 3, counts: 2)) {
            try AtRiskTable(times: [0, 6, 12], counts: [10, 8])
        }
        let five = (0..<5).map { CurvePoint(time: Double($0), survival: 1 - 0.1 * Double($0)) }
        #expect(throws: ReconstructionError.missingPatientCount) {
            try reconstruct(ReconstructionInput(points: five))
        }
        let outside = (0..<5).map { CurvePoint(time: -Double($0) - 1, survival: 2) }
        #expect(throws: ReconstructionError.noUsablePoints) {
            try reconstruct(ReconstructionInput(points: outside, totalPatients: 5))
        }
    }
}

@Suite("Iteration cap", .enabled(if: referenceCaseNames.contains("syn_exp_n1000_corners"), "../shared is not present"))
struct IterationCapTests {
    @Test("a capped adjustment loop stops and warns instead of running on")
    func capWarns() throws {
        let c = try ReferenceCase("syn_exp_n1000_corners")
        let capped = try reconstruct(c.input, iterationCap: 1)
        #expect(capped.warnings.contains { if case .iterationCapReached = $0 { true } else { false } })
        let full = try reconstruct(c.input)
        #expect(!full.warnings.contains { if case .iterationCapReached = $0 { true } else { false } })
    }
}
