import Foundation

/// The standard workload for timing this module: a simulated trial and the analysis that
/// `kmrecon report` runs on it (Kaplan–Meier per arm with median, landmarks and RMST, the
/// log-rank test and the Efron Cox model). Deterministic for a given seed, so benchmark runs are
/// comparable. The target is < 10 ms for 10,000 patients in 4 arms on one core (release build).
public enum SurvivalWorkload {
    /// A simulated trial: exponential event times (months) with hazard 0.05·0.85ᵃ in arm a,
    /// uniform administrative censoring over 12–60 months plus exponential drop-out, times
    /// rounded to 0.01 so that tied times occur as in reconstructed data.
    public static func syntheticTrial(patients: Int = 10_000, arms: Int = 4, seed: UInt64 = 2024) -> [PatientRecord] {
        var random = SplitMix64(seed: seed)
        return (0..<patients).map { i in
            let arm = i % arms
            let hazard = 0.05 * pow(0.85, Double(arm))
            let event = -log(1 - random.nextUnit()) / hazard
            let followUp = 12 + 48 * random.nextUnit()
            let dropOut = -log(1 - random.nextUnit()) / 0.01
            let censor = min(followUp, dropOut)
            let time = (min(event, censor) * 100).rounded() / 100
            return PatientRecord(arm: "arm\(arm + 1)", time: time, event: event <= censor)
        }
    }

    /// Runs the full analysis once and returns it (so the work cannot be optimised away).
    public static func analyse(_ patients: [PatientRecord]) throws(SurvivalError) -> SurvivalComparison {
        try SurvivalComparison(patients, landmarks: [12, 24, 36])
    }
}

/// Steele, Lea and Flood's SplitMix64 generator: small, fast, and a value type.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
