import Foundation
import Testing
@testable import KMSurvival

/// Data on which R warns or stops: the result must say so in words and never contain NaN.
@Suite("Degenerate input")
struct DegenerateInputTests {
    static func patients(_ rows: [(String, Double, Int)]) -> [PatientRecord] {
        rows.map { PatientRecord(arm: $0.0, time: $0.1, event: $0.2 == 1) }
    }

    /// Every number in the JSON report is finite: JSON has no NaN, and the text has no "nan".
    func expectNoNaN(_ comparison: SurvivalComparison, sourceLocation: SourceLocation = #_sourceLocation) {
        let json = comparison.jsonText()
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "JSON must parse", sourceLocation: sourceLocation)
        let table = comparison.tableText().lowercased()
        #expect(!table.contains("nan") && !json.lowercased().contains("nan"), sourceLocation: sourceLocation)
    }

    @Test("One arm only: no log-rank test or Cox model, and a warning saying why")
    func oneArm() throws {
        let data = Array(AML.patients.filter { $0.arm == "Maintained" })
        #expect(throws: SurvivalError.needTwoArms(found: ["Maintained"])) { try LogRankTest(data) }
        #expect(throws: SurvivalError.needTwoArms(found: ["Maintained"])) { try CoxModel(data) }
        let report = try SurvivalComparison(data)
        #expect(report.logRank == nil && report.cox == nil)
        #expect(report.warnings.contains { $0.contains("only one arm") })
        #expect(report.jsonText().contains("\"logrank\" : null"))
        expectNoNaN(report)
    }

    @Test("No events: survival stays 1, median not reached, tests refused with a reason")
    func noEvents() throws {
        let data = Self.patients([("A", 3, 0), ("A", 5, 0), ("B", 4, 0), ("B", 6, 0)])
        let fit = try KaplanMeier(data.filter { $0.arm == "A" })
        #expect(fit.steps.allSatisfy { $0.survival == 1 })
        #expect(fit.median().time == nil)
        #expect(throws: SurvivalError.noEvents) { try LogRankTest(data) }
        #expect(throws: SurvivalError.noEvents) { try CoxModel(data) }
        let report = try SurvivalComparison(data, landmarks: [4])
        #expect(report.cox == nil && report.logRank == nil)
        #expect(report.warnings.contains { $0.contains("no events") })
        #expect(report.arms[0].median.time == nil)
        #expect(report.jsonText().contains("\"median\" : null"))
        expectNoNaN(report)
    }

    @Test("All events at one time, everybody at risk failing: log-rank variance is zero")
    func allEventsAtOneTime() throws {
        let data = Self.patients([("A", 10, 1), ("A", 10, 1), ("A", 10, 1), ("B", 10, 1), ("B", 10, 1)])
        #expect(throws: SurvivalError.self) { try LogRankTest(data) }
        let report = try SurvivalComparison(data)
        #expect(report.logRank == nil)
        #expect(report.warnings.contains { $0.contains("log-rank test not computed") })
        #expect(report.arms.allSatisfy { $0.median.time == 10 })
        expectNoNaN(report)
    }

    @Test("All events at one time with later censoring: tests are finite")
    func allEventsAtOneTimeWithCensoring() throws {
        let data = Self.patients([("A", 10, 1), ("A", 10, 1), ("A", 20, 0), ("B", 10, 1), ("B", 20, 0), ("B", 25, 0)])
        let test = try LogRankTest(data)
        #expect(test.chiSquare.isFinite && test.pValue.isFinite)
        let model = try CoxModel(data)
        #expect(model.terms[0].coefficient.isFinite && model.terms[0].standardError.isFinite)
        expectNoNaN(try SurvivalComparison(data))
    }

    @Test("An arm named but without patients is an error that names it")
    func emptyArm() throws {
        #expect(throws: SurvivalError.noPatients(arm: "C")) {
            try LogRankTest(AML.patients, arms: ["Maintained", "Nonmaintained", "C"])
        }
        #expect(throws: SurvivalError.noPatients(arm: nil)) { try KaplanMeier([PatientRecord]()) }
        #expect(throws: SurvivalError.noPatients(arm: nil)) { try SurvivalComparison([]) }
        #expect(throws: SurvivalError.unknownArm(name: "C", known: ["Maintained", "Nonmaintained"])) {
            try SurvivalComparison(AML.patients, reference: "C")
        }
    }

    @Test("Monotone likelihood (an arm without events): R's warning, finite numbers")
    func monotoneLikelihood() throws {
        // Arm A: ten events at 2, 4, …, 20; arm B: ten patients censored at 3, 5, …, 21.
        let data = (1...10).flatMap { i in
            [PatientRecord(arm: "A", time: Double(2 * i), event: true), PatientRecord(arm: "B", time: Double(2 * i + 1), event: false)]
        }
        let model = try CoxModel(data)
        #expect(model.warnings == ["Loglik converged before variable 1; coefficient may be infinite."])
        #expect(model.terms[0].coefficient < -10)
        #expect(model.terms[0].coefficient.isFinite && model.terms[0].standardError.isFinite)
        let report = try SurvivalComparison(data)
        #expect(report.warnings.contains { $0.contains("coefficient may be infinite") })
        expectNoNaN(report)
    }

    @Test("Negative times and bad τ are rejected with a message")
    func badArguments() throws {
        #expect(throws: SurvivalError.invalidTime(arm: "A", time: -1)) {
            try KaplanMeier(times: [-1, 2], events: [true, false], arm: "A")
        }
        #expect(throws: SurvivalError.self) { try KaplanMeier(AML.patients).restrictedMean(upTo: 0) }
        #expect(throws: SurvivalError.self) { try SurvivalComparison(AML.patients, tau: -3) }
    }
}

@Suite("Building blocks")
struct BuildingBlockTests {
    @Test("Near-equal times are merged to the smaller value, as survival's aeqSurv does")
    func timeFix() {
        let root2Squared = 2.0.squareRoot() * 2.0.squareRoot()   // 2.0000000000000004
        #expect(root2Squared != 2)
        #expect(TimeFix.adjudicate([1, 2, root2Squared, 2, root2Squared]) == [1, 2, 2, 2, 2])
        #expect(TimeFix.adjudicate([1.0, 1.0 + 1e-12, 2.0, 3.0]) == [1.0, 1.0, 2.0, 3.0])
        #expect(TimeFix.adjudicate([3.0, 1.0 + 1e-12, 1.0]) == [3.0, 1.0, 1.0])
        #expect(TimeFix.adjudicate([1.0, 1.001, 2.0]) == [1.0, 1.001, 2.0])
        #expect(TimeFix.adjudicate([1, 2, 3]) == [1, 2, 3])
        let fit = try? KaplanMeier(times: [1, 2, root2Squared], events: [true, true, true])
        #expect(fit?.steps.count == 2)
    }

    @Test("Median of uncensored data on a flat stretch is the midpoint, as for ordinary medians")
    func midpointRule() throws {
        let fit = try KaplanMeier(times: [1, 2, 3, 4], events: [true, true, true, true])
        #expect(fit.median().time == 2.5)
        #expect(fit.quantile(0.25).time == 1.5)
    }

    @Test("A flat stretch at exactly 1 − p that runs to the end uses the last follow-up time")
    func flatAtEnd() throws {
        let fit = try KaplanMeier(times: [1, 2, 3, 4], events: [true, true, false, false])
        #expect(fit.median().time == 3)
        #expect(fit.quantile(0.75).time == nil)
    }

    @Test("Chi-square and normal tail probabilities")
    func distributions() {
        #expect(abs(Distributions.chiSquareUpperTail(3.841458820694124, df: 1) - 0.05) < 1e-12)
        #expect(abs(Distributions.chiSquareUpperTail(5.991464547107979, df: 2) - 0.05) < 1e-12)
        #expect(abs(Distributions.chiSquareUpperTail(7.814727903251178, df: 3) - 0.05) < 1e-12)
        #expect(abs(Distributions.chiSquareUpperTail(9.487729036781154, df: 4) - 0.05) < 1e-12)
        #expect(abs(Distributions.chiSquareUpperTail(40, df: 5) - 1.4933679000503954e-07) < 1e-20)
        #expect(abs(Distributions.twoSidedNormalP(1.959963984540054) - 0.05) < 1e-14)
        #expect(abs(normalQuantile(0.975) - 1.959963984540054) < 1e-12)
    }

    @Test("Landmark before the first time is 1 with a zero-width interval")
    func earlyLandmark() throws {
        let l = try KaplanMeier(AML.patients).landmark(at: 1)
        #expect(l.survival == 1 && l.standardError == 0 && l.atRisk == 23)
    }
}
