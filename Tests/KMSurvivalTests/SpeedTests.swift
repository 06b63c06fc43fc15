import Foundation
import Testing
import KMSurvival

/// Timing of the standard workload (10,000 patients, 4 arms: KM, log-rank, Cox). Run it in a
/// release build: `swift test -c release --filter Speed`. In debug builds it only checks that
/// the analysis runs.
@Suite("Speed")
struct SpeedTests {
    @Test("KM + log-rank + Cox on 10,000 patients in 4 arms")
    func workload() throws {
        let patients = SurvivalWorkload.syntheticTrial()
        let first = try SurvivalWorkload.analyse(patients)
        #expect(first.arms.count == 4 && first.cox?.terms.count == 3 && first.logRank != nil)
        #if !DEBUG
        let clock = ContinuousClock()
        var times: [Duration] = []
        for _ in 0..<30 {
            let elapsed = try clock.measure { _ = try SurvivalWorkload.analyse(patients) }
            times.append(elapsed)
        }
        let median = times.sorted()[times.count / 2]
        print("SurvivalWorkload 10,000 patients × 4 arms: median \(median), fastest \(times.min()!)")
        #expect(times.min()! < .milliseconds(10), "fastest of 30 runs; the median depends on machine load")
        #endif
    }
}
