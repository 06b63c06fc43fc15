/// The log-rank test that k arms share one survival curve, optionally stratified (R's
/// `survdiff(Surv(time, event) ~ arm [+ strata(study)])`, ρ = 0).
///
/// At each event time with n at risk and d events, arm a with nₐ at risk expects d·nₐ/n events;
/// the covariance of observed − expected is d(n − d)/(n − 1) · (nₐ/n)(δₐᵦ − nᵦ/n). Sums run over
/// event times within each stratum and then over strata. The statistic is (O − E)ᵀ V⁻ (O − E),
/// leaving out the first arm with a positive expectation; df = (arms with E > 0) − 1.
public struct LogRankTest: Sendable, Equatable {
    /// Arm names in the order of the other arrays.
    public let arms: [String]
    /// Observed events per arm.
    public let observed: [Double]
    /// Expected events per arm under equal hazards.
    public let expected: [Double]
    /// Covariance of observed − expected, row-major arms × arms.
    public let variance: [Double]
    /// The chi-square test.
    public let test: ChiSquareTest
    /// Whether the test was stratified by `PatientRecord.study`.
    public let stratified: Bool

    public var chiSquare: Double { test.statistic }
    public var degreesOfFreedom: Int { test.degreesOfFreedom }
    public var pValue: Double { test.pValue }

    /// - Parameters:
    ///   - arms: arms to compare, in order; default every arm in order of first appearance.
    ///   - stratified: compare within strata given by `PatientRecord.study` and sum.
    /// - Throws: `.needTwoArms`, `.noEvents`, `.noPatients` for an arm without patients, or
    ///   `.singular` when the variance cannot be inverted (e.g. every patient at risk had the event).
    public init(_ records: [PatientRecord], arms: [String]? = nil, stratified: Bool = false) throws(SurvivalError) {
        let coding = try ArmCoding(records, arms: arms, reference: nil, stratified: stratified)
        try self.init(coding: coding, table: RiskSetTable(coding), stratified: stratified)
    }

    init(coding: ArmCoding, table: RiskSetTable, stratified: Bool) throws(SurvivalError) {
        let k = coding.arms.count
        var observed = [Double](repeating: 0, count: k)
        var expected = [Double](repeating: 0, count: k)
        var variance = [Double](repeating: 0, count: k * k)
        for row in 0..<table.rows {
            let base = row * k
            var n = 0.0
            for a in 0..<k { n += table.atRisk[base + a] }
            let d = Double(table.totalDeaths[row])
            let factor = n > 1 ? d * (n - d) / (n - 1) : 0
            for a in 0..<k {
                let na = table.atRisk[base + a]
                observed[a] += table.deaths[base + a]
                expected[a] += d * na / n
                guard factor != 0, na != 0 else { continue }
                for b in 0..<k {
                    let nb = table.atRisk[base + b]
                    variance[a * k + b] += factor * (na / n) * ((a == b ? 1 : 0) - nb / n)
                }
            }
        }
        let used = (0..<k).filter { expected[$0] > 0 }
        let kept = Array(used.dropFirst())
        let m = kept.count
        var statistic = 0.0
        if m > 0 {
            var v = [Double](repeating: 0, count: m * m)
            for (i, a) in kept.enumerated() { for (j, b) in kept.enumerated() { v[i * m + j] = variance[a * k + b] } }
            let diff = kept.map { observed[$0] - expected[$0] }
            guard let q = SmallMatrix.quadraticFormOfInverse(v, diff, n: m) else {
                throw .singular(what: "the log-rank variance (every patient at risk had the event at each event time?)")
            }
            statistic = q
        }
        guard m > 0 else { throw .needTwoArms(found: used.map { coding.arms[$0] }) }
        self.arms = coding.arms
        self.observed = observed
        self.expected = expected
        self.variance = variance
        self.test = ChiSquareTest(statistic: statistic, degreesOfFreedom: m)
        self.stratified = stratified
    }
}
