import Foundation

extension SurvivalComparison {
    /// The report as pretty-printed JSON. Keys use snake_case; a value that does not exist (a
    /// median not reached, a test that could not be computed) is `null`, never NaN.
    ///
    /// Shape: `{"arms": [{"name", "n", "events", "median", "median_lower", "median_upper",
    /// "rmst", "rmst_se", "rmst_tau", "landmarks": [{"time", "survival", "se", "lower", "upper",
    /// "at_risk"}]}], "logrank": {"chisq", "df", "p", "stratified_by", "arms", "observed",
    /// "expected"}, "cox": {"ties", "reference", "stratified_by", "terms": [{"arm", "coef", "se",
    /// "hr", "hr_lower", "hr_upper", "p"}], "loglik", "lr_test", "score_test", "wald_test",
    /// "converged", "iterations"}, "warnings": [...]}`.
    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every Double goes through `finiteOrNil(_:)`, so encoding cannot fail on NaN or ∞.
        let data = (try? encoder.encode(ReportJSON(self))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// `nil` for NaN and ±∞, so JSON gets `null` instead of an invalid number.
func finiteOrNil(_ x: Double?) -> Double? {
    guard let x, x.isFinite else { return nil }
    return x
}

private struct ReportJSON: Encodable {
    let comparison: SurvivalComparison
    init(_ c: SurvivalComparison) { comparison = c }

    enum Keys: String, CodingKey { case arms, logrank, cox, warnings }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(comparison.arms.map { ArmJSON(arm: $0) }, forKey: .arms)
        try c.encode(comparison.logRank.map { LogRankJSON(test: $0, stratifiedBy: comparison.stratifiedBy) }, forKey: .logrank)
        try c.encode(comparison.cox.map { CoxJSON(model: $0, stratifiedBy: comparison.stratifiedBy) }, forKey: .cox)
        try c.encode(comparison.warnings, forKey: .warnings)
    }
}

private struct ArmJSON: Encodable {
    let arm: SurvivalComparison.ArmSummary
    enum Keys: String, CodingKey {
        case name, n, events, median, median_lower, median_upper, rmst, rmst_se, rmst_tau, landmarks
    }
    enum LandmarkKeys: String, CodingKey { case time, survival, se, lower, upper, at_risk }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(arm.name, forKey: .name)
        try c.encode(arm.patients, forKey: .n)
        try c.encode(arm.events, forKey: .events)
        try c.encode(finiteOrNil(arm.median.time), forKey: .median)
        try c.encode(finiteOrNil(arm.median.lower), forKey: .median_lower)
        try c.encode(finiteOrNil(arm.median.upper), forKey: .median_upper)
        try c.encode(finiteOrNil(arm.restrictedMean.estimate), forKey: .rmst)
        try c.encode(finiteOrNil(arm.restrictedMean.standardError), forKey: .rmst_se)
        try c.encode(finiteOrNil(arm.restrictedMean.tau), forKey: .rmst_tau)
        var list = c.nestedUnkeyedContainer(forKey: .landmarks)
        for l in arm.landmarks {
            var row = list.nestedContainer(keyedBy: LandmarkKeys.self)
            try row.encode(finiteOrNil(l.time), forKey: .time)
            try row.encode(finiteOrNil(l.survival), forKey: .survival)
            try row.encode(finiteOrNil(l.standardError), forKey: .se)
            try row.encode(finiteOrNil(l.interval.lower), forKey: .lower)
            try row.encode(finiteOrNil(l.interval.upper), forKey: .upper)
            try row.encode(l.atRisk, forKey: .at_risk)
        }
    }
}

private struct LogRankJSON: Encodable {
    let test: LogRankTest
    let stratifiedBy: String?
    enum Keys: String, CodingKey { case chisq, df, p, stratified_by, arms, observed, expected }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(finiteOrNil(test.chiSquare), forKey: .chisq)
        try c.encode(test.degreesOfFreedom, forKey: .df)
        try c.encode(finiteOrNil(test.pValue), forKey: .p)
        try c.encode(test.stratified ? stratifiedBy : nil, forKey: .stratified_by)
        try c.encode(test.arms, forKey: .arms)
        try c.encode(test.observed.map(finite), forKey: .observed)
        try c.encode(test.expected.map(finite), forKey: .expected)
    }
}

private struct CoxJSON: Encodable {
    let model: CoxModel
    let stratifiedBy: String?
    enum Keys: String, CodingKey {
        case ties, reference, stratified_by, terms, loglik, lr_test, score_test, wald_test, converged, iterations
    }
    enum TermKeys: String, CodingKey { case arm, coef, se, hr, hr_lower, hr_upper, p }
    enum TestKeys: String, CodingKey { case chisq, df, p }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(model.ties.rawValue, forKey: .ties)
        try c.encode(model.reference, forKey: .reference)
        try c.encode(model.stratified ? stratifiedBy : nil, forKey: .stratified_by)
        var terms = c.nestedUnkeyedContainer(forKey: .terms)
        for t in model.terms {
            var row = terms.nestedContainer(keyedBy: TermKeys.self)
            try row.encode(t.arm, forKey: .arm)
            try row.encode(finiteOrNil(t.coefficient), forKey: .coef)
            try row.encode(finiteOrNil(t.standardError), forKey: .se)
            try row.encode(finiteOrNil(t.hazardRatio), forKey: .hr)
            try row.encode(finiteOrNil(t.hazardRatioInterval.lower), forKey: .hr_lower)
            try row.encode(finiteOrNil(t.hazardRatioInterval.upper), forKey: .hr_upper)
            try row.encode(finiteOrNil(t.pValue), forKey: .p)
        }
        try c.encode([finiteOrNil(model.nullLogLikelihood), finiteOrNil(model.logLikelihood)], forKey: .loglik)
        for (key, test) in [(Keys.lr_test, model.likelihoodRatioTest), (.score_test, model.scoreTest), (.wald_test, model.waldTest)] {
            var t = c.nestedContainer(keyedBy: TestKeys.self, forKey: key)
            try t.encode(finiteOrNil(test.statistic), forKey: .chisq)
            try t.encode(test.degreesOfFreedom, forKey: .df)
            try t.encode(finiteOrNil(test.pValue), forKey: .p)
        }
        try c.encode(model.converged, forKey: .converged)
        try c.encode(model.iterations, forKey: .iterations)
    }
}
