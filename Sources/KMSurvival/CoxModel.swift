import Foundation

/// How tied event times enter the Cox partial likelihood.
public enum CoxTies: String, Sendable, CaseIterable {
    /// Efron (1977): the d tied events share the risk set in d fractional steps. R's default.
    case efron
    /// Breslow (1974): every tied event sees the full risk set.
    case breslow
}

/// The Cox proportional-hazards model with the arm as a factor (R's
/// `coxph(Surv(time, event) ~ arm [+ strata(study)], ties = …)`).
///
/// Each arm other than the reference gets a coefficient, the log hazard ratio against the
/// reference arm. The partial likelihood is maximised by Newton–Raphson from β = 0 with step
/// halving, stopping when the log-likelihood changes by less than 1e-9 relative (survival's
/// `coxph.control` defaults), so the estimates match R's to its own precision. With a
/// stratified model every stratum has its own baseline hazard.
public struct CoxModel: Sendable, Equatable {
    /// One coefficient of the model.
    public struct Term: Sendable, Equatable {
        /// The arm compared with the reference arm.
        public var arm: String
        /// Log hazard ratio against the reference arm.
        public var coefficient: Double
        /// Standard error of `coefficient` (from the inverse information at the estimate).
        public var standardError: Double
        /// exp(coefficient).
        public var hazardRatio: Double { exp(coefficient) }
        /// 95 % confidence interval of the hazard ratio, exp(β ± 1.96·se).
        public var hazardRatioInterval: ConfidenceInterval
        /// Wald z = coefficient / se.
        public var z: Double { coefficient / standardError }
        /// Two-sided Wald p-value.
        public var pValue: Double
    }

    public let reference: String
    public let terms: [Term]
    public let ties: CoxTies
    /// Whether each study (`PatientRecord.study`) had its own baseline hazard.
    public let stratified: Bool
    /// Partial log-likelihood at β = 0.
    public let nullLogLikelihood: Double
    /// Partial log-likelihood at the estimate.
    public let logLikelihood: Double
    /// 2 (ℓ(β̂) − ℓ(0)).
    public let likelihoodRatioTest: ChiSquareTest
    /// Uᵀ I⁻¹ U at β = 0 (for two arms, close to the log-rank test).
    public let scoreTest: ChiSquareTest
    /// β̂ᵀ I(β̂) β̂.
    public let waldTest: ChiSquareTest
    /// Inverse information at the estimate, row-major terms × terms.
    public let variance: [Double]
    /// Newton–Raphson iterations used.
    public let iterations: Int
    /// Whether the log-likelihood converged within the iteration limit.
    public let converged: Bool
    /// R's warnings for a monotone likelihood ("Loglik converged before variable 1; coefficient
    /// may be infinite.") or no convergence ("Ran out of iterations and did not converge").
    public let warnings: [String]

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - arms: arms to include, in order; default every arm in order of first appearance.
    ///   - reference: the baseline arm; default the first arm.
    ///   - ties: Efron (default) or Breslow.
    ///   - stratified: give each `study` its own baseline hazard.
    ///   - maxIterations: Newton–Raphson limit (R: 20).
    /// - Throws: `.needTwoArms`, `.unknownArm`, `.noEvents`, `.noPatients`, `.singular`.
    public init(_ records: [PatientRecord], arms: [String]? = nil, reference: String? = nil,
                ties: CoxTies = .efron, stratified: Bool = false, maxIterations: Int = 20) throws(SurvivalError) {
        let coding = try ArmCoding(records, arms: arms, reference: reference, stratified: stratified)
        try self.init(coding: coding, table: RiskSetTable(coding), ties: ties, stratified: stratified, maxIterations: maxIterations)
    }

    init(coding: ArmCoding, table: RiskSetTable, ties: CoxTies, stratified: Bool, maxIterations: Int) throws(SurvivalError) {
        let p = coding.arms.count - 1
        let eps = 1e-9
        let likelihood = PartialLikelihood(table: table, ties: ties)
        var beta = [Double](repeating: 0, count: p)
        var current = likelihood.evaluate(beta)
        let null = current
        guard let l0 = SmallMatrix.cholesky(null.information, n: p) else {
            throw .singular(what: "the Cox information matrix at β = 0")
        }
        let scoreStep = SmallMatrix.solve(cholesky: l0, null.score, n: p)
        let score = zip(null.score, scoreStep).reduce(0) { $0 + $1.0 * $1.1 }

        var newBeta = zip(beta, scoreStep).map { $0 + $1 }
        var converged = false
        var halving = false
        var iterations = 0
        var latest = current
        for iteration in 1...max(1, maxIterations) {
            iterations = iteration
            latest = likelihood.evaluate(newBeta)
            if abs(1 - current.logLikelihood / latest.logLikelihood) <= eps, !halving {
                converged = true
                beta = newBeta
                break
            }
            if iteration == maxIterations { beta = newBeta; break }
            if !latest.logLikelihood.isFinite || latest.logLikelihood < current.logLikelihood {
                halving = true
                newBeta = zip(newBeta, beta).map { ($0 + $1) / 2 }
            } else {
                halving = false
                current = latest
                beta = newBeta
                guard let l = SmallMatrix.cholesky(latest.information, n: p) else {
                    converged = true   // information vanished: treat as converged, flagged below
                    break
                }
                let step = SmallMatrix.solve(cholesky: l, latest.score, n: p)
                newBeta = zip(beta, step).map { $0 + $1 }
            }
        }
        latest = likelihood.evaluate(beta)
        guard let lFinal = SmallMatrix.cholesky(latest.information, n: p) else {
            throw .singular(what: "the Cox information matrix at the estimate (an arm with no events at all?)")
        }
        let variance = SmallMatrix.inverse(cholesky: lFinal, n: p)
        var warnings: [String] = []
        if !converged {
            warnings.append("Ran out of iterations and did not converge")
        } else {
            // A coefficient whose remaining Newton step is not small next to the coefficient itself
            // is running off to ±∞ (monotone likelihood), survival's toler.inf = √eps rule.
            let remaining = (0..<p).map { i in abs((0..<p).reduce(0) { $0 + latest.score[$1] * variance[$1 * p + i] }) }
            let infinite = (0..<p).filter { remaining[$0] > eps && remaining[$0] > eps.squareRoot() * abs(beta[$0]) }
            if !infinite.isEmpty {
                let list = infinite.map { String($0 + 1) }.joined(separator: ",")
                warnings.append("Loglik converged before variable \(list); coefficient may be infinite.")
            }
        }
        let z = Distributions.z975
        self.terms = (0..<p).map { i in
            let se = variance[i * p + i].squareRoot()
            return Term(arm: coding.arms[i + 1], coefficient: beta[i], standardError: se,
                        hazardRatioInterval: ConfidenceInterval(lower: exp(beta[i] - z * se), upper: exp(beta[i] + z * se)),
                        pValue: Distributions.twoSidedNormalP(beta[i] / se))
        }
        var wald = 0.0
        for i in 0..<p { for j in 0..<p { wald += beta[i] * latest.information[i * p + j] * beta[j] } }
        self.reference = coding.arms[0]
        self.ties = ties
        self.stratified = stratified
        self.nullLogLikelihood = null.logLikelihood
        self.logLikelihood = latest.logLikelihood
        self.likelihoodRatioTest = ChiSquareTest(statistic: 2 * (latest.logLikelihood - null.logLikelihood), degreesOfFreedom: p)
        self.scoreTest = ChiSquareTest(statistic: score, degreesOfFreedom: p)
        self.waldTest = ChiSquareTest(statistic: SmallMatrix.quadraticFormOfInverse(variance, beta, n: p) ?? wald, degreesOfFreedom: p)
        self.variance = variance
        self.iterations = iterations
        self.converged = converged
        self.warnings = warnings
    }
}

/// The Cox partial log-likelihood of an arm factor, its gradient (score) and the negative
/// Hessian (information), computed from risk-set counts.
struct PartialLikelihood: Sendable {
    let table: RiskSetTable
    let ties: CoxTies

    struct Value {
        var logLikelihood: Double
        var score: [Double]
        /// Row-major p × p.
        var information: [Double]
    }

    /// Evaluates at β (one coefficient per non-reference arm; the reference arm has β = 0).
    func evaluate(_ beta: [Double]) -> Value {
        let k = table.armCount
        let p = k - 1
        var weight = [Double](repeating: 1, count: k)
        for a in 1..<k { weight[a] = exp(beta[a - 1]) }
        var logLik = 0.0
        var score = [Double](repeating: 0, count: p)
        var info = [Double](repeating: 0, count: p * p)
        var s1 = [Double](repeating: 0, count: p)
        var d1 = [Double](repeating: 0, count: p)
        var mean = [Double](repeating: 0, count: p)
        for row in 0..<table.rows {
            let base = row * k
            var s0 = 0.0, d0 = 0.0
            for a in 0..<k {
                let w = weight[a]
                let n = table.atRisk[base + a], d = table.deaths[base + a]
                s0 += n * w
                d0 += d * w
                if a > 0 {
                    s1[a - 1] = n * w
                    d1[a - 1] = d * w
                    logLik += d * beta[a - 1]
                    score[a - 1] += d
                }
            }
            let deaths = table.totalDeaths[row]
            switch ties {
            case .breslow:
                let dd = Double(deaths)
                logLik -= dd * log(s0)
                for i in 0..<p { mean[i] = s1[i] / s0; score[i] -= dd * mean[i] }
                for i in 0..<p {
                    info[i * p + i] += dd * mean[i]          // S2 is diagonal for indicators
                    for j in 0..<p { info[i * p + j] -= dd * mean[i] * mean[j] }
                }
            case .efron:
                let dd = Double(deaths)
                for l in 0..<deaths {
                    let f = Double(l) / dd
                    let denominator = s0 - f * d0
                    logLik -= log(denominator)
                    for i in 0..<p { mean[i] = (s1[i] - f * d1[i]) / denominator; score[i] -= mean[i] }
                    for i in 0..<p {
                        info[i * p + i] += mean[i]
                        for j in 0..<p { info[i * p + j] -= mean[i] * mean[j] }
                    }
                }
            }
        }
        return Value(logLikelihood: logLik, score: score, information: info)
    }
}
