import Foundation
import Testing
@testable import KMRecon

/// R's `aml` data, arm "Maintained" (survival package): weeks, `true` = relapse.
private let amlMaintained: [(Double, Bool)] = [
    (9, true), (13, true), (13, false), (18, true), (23, true), (28, false), (31, true), (34, true),
    (45, false), (48, true), (161, false),
]

/// The drops of the Kaplan–Meier curve of `patients`, with each level read `noise` off
/// (alternating sign), as a digitiser would give them.
private func drops(of patients: [(Double, Bool)], noise: Double) -> [RiskSetInference.Drop] {
    kaplanMeierDrops(patients.map { (time: $0.0, event: $0.1) }).enumerated().map { j, drop in
        .init(time: drop.time, before: drop.before, after: drop.after + (j % 2 == 0 ? 1.0 : -1.0) * noise)
    }
}

@Suite("Numbers at risk inferred from the drops")
struct RiskSetInferenceTests {
    /// A 400-pixel panel: one pixel is 0.0025 in survival.
    let pixel = 0.0025

    @Test("aml Maintained, n = 11 and 7 events, levels read 0.4 px off: every number at risk and event count is recovered")
    func amlWithoutTable() throws {
        let inference = RiskSetInference(drops: drops(of: amlMaintained, noise: 0.4 * pixel), patients: 11, totalEvents: 7,
                                          endTime: 161, levelNoise: 0.7 * pixel, timeTolerance: 0.5)
        let history = try #require(inference.infer())
        #expect(history.atRisk == [11, 10, 8, 7, 5, 4, 2])
        #expect(history.events == [1, 1, 1, 1, 1, 1, 1])
        #expect(history.remaining == 1)
        #expect(abs(history.survivalAfter[6] - 0.18409) < 1e-4)
    }

    @Test("with the at-risk table (11, 7, 3 at weeks 0, 20, 40) the history is recovered from levels read a full pixel off")
    func amlWithTable() throws {
        let inference = RiskSetInference(drops: drops(of: amlMaintained, noise: pixel), patients: 11,
                                          atRiskTimes: [0, 20, 40], atRiskCounts: [11, 7, 3],
                                          endTime: 161, levelNoise: 0.7 * pixel, timeTolerance: 0.5)
        let history = try #require(inference.infer())
        #expect(history.atRisk == [11, 10, 8, 7, 5, 4, 2])
        #expect(history.events == [1, 1, 1, 1, 1, 1, 1])
    }

    @Test("60 patients, every third censored, n only: with the censor marks every number at risk is recovered")
    func censorMarksPinTheRiskSets() throws {
        // Times 1…60; patients 3, 6, 9, … are censored. At n ≈ 40 one patient more or less at
        // risk changes a drop by a fifth of a pixel, so the drops alone cannot tell.
        let patients = (1...60).map { (Double($0), $0 % 3 != 0) }
        let truthAtRisk = (1...60).filter { $0 % 3 != 0 }.map { 61 - $0 }
        func infer(marks: [Double]) -> RiskSetInference.History? {
            RiskSetInference(drops: drops(of: patients, noise: 0.3 * pixel), patients: 60, censorMarkTimes: marks,
                             endTime: 60, levelNoise: 0.7 * pixel, timeTolerance: 0.1).infer()
        }
        let marked = try #require(infer(marks: patients.filter { !$0.1 }.map(\.0)))
        #expect(marked.atRisk == truthAtRisk)
        #expect(marked.events.allSatisfy { $0 == 1 })
        let blind = try #require(infer(marks: []))
        #expect(blind.atRisk != truthAtRisk)
    }

    @Test("nothing to infer without drops or patients")
    func nothingToInfer() {
        #expect(RiskSetInference(drops: [], patients: 10, endTime: 5, levelNoise: 0.002, timeTolerance: 0.1).infer() == nil)
        let one = [RiskSetInference.Drop(time: 1, before: 1, after: 0.9)]
        #expect(RiskSetInference(drops: one, patients: 0, endTime: 5, levelNoise: 0.002, timeTolerance: 0.1).infer() == nil)
    }

    @Test("a printed table far off the curve's time scale (the x ticks typed a million-million times too large) gives an answer, not a crash")
    func tableOffTheTimeScale() {
        // aml Maintained's drops at times 1e12 times the table's: the gap after the table's last
        // time would expect billions of censorings at the table's rate.
        let scaled = drops(of: amlMaintained, noise: 0).map { RiskSetInference.Drop(time: $0.time * 1e12, before: $0.before, after: $0.after) }
        let inference = RiskSetInference(drops: scaled, patients: 11, atRiskTimes: [0, 20, 40], atRiskCounts: [11, 8, 4],
                                          endTime: 161e12, levelNoise: 0.7 * pixel, timeTolerance: 0.5e12)
        let history = inference.infer()
        #expect(history == nil || history!.atRisk.allSatisfy { $0 >= 0 && $0 <= 11 })
    }
}

