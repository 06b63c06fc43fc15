import Testing
import KMSurvival

/// The benchmark workload (Benchmarks/: 10,000 patients, 4 arms: KM, log-rank, Cox) runs and
/// gives a complete analysis. Its timing lives in the Benchmarks package, not in tests.
@Suite("Benchmark workload")
struct SpeedTests {
    @Test("KM + log-rank + Cox on 10,000 patients in 4 arms gives every part of the analysis")
    func workload() throws {
        let patients = SurvivalWorkload.syntheticTrial()
        #expect(patients.count == 10_000)
        let result = try SurvivalWorkload.analyse(patients)
        #expect(result.arms.count == 4 && result.cox?.terms.count == 3 && result.logRank != nil)
    }
}
