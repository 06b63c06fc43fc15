import Testing
@testable import KMSurvival

/// The survival statistics on R's `aml` data, with R's values embedded (no ../shared needed).
@Suite("aml data against R")
struct AMLTests {
    let maintained = AML.patients.filter { $0.arm == "Maintained" }
    let nonmaintained = AML.patients.filter { $0.arm == "Nonmaintained" }

    @Test("Kaplan–Meier table, Greenwood error and log-log band of the maintained arm")
    func kaplanMeier() throws {
        let fit = try KaplanMeier(maintained)
        #expect(fit.steps.map(\.time) == AML.Maintained.time)
        #expect(fit.steps.map(\.atRisk) == AML.Maintained.atRisk)
        expectAgrees(fit.steps.map { $0.survival }, AML.Maintained.survival, "surv")
        expectAgrees(fit.steps.map(\.standardErrorLog), AML.Maintained.standardErrorLog, "std.err")
        expectAgrees(fit.confidenceBand(.logLog).map(\.lower), AML.Maintained.lowerLogLog, "lower log-log")
        #expect(fit.survival(at: 0) == 1)
        #expect(fit.survival(at: 1000) == fit.steps.last!.survival)
    }

    @Test("Median and its limits: reached, lower limit only (log) and both (log-log)")
    func medians() throws {
        let m = try KaplanMeier(maintained).median()
        #expect(m.time == AML.Maintained.median)
        #expect(m.lower == AML.Maintained.medianLowerLog)
        #expect(m.upper == nil)
        #expect(try KaplanMeier(maintained).median(confidence: .logLog).lower == AML.Maintained.medianLowerLogLog)
        let n = try KaplanMeier(nonmaintained).median(confidence: .logLog)
        #expect(n.time == AML.Nonmaintained.median)
        #expect(n.lower == AML.Nonmaintained.medianLowerLogLog)
        #expect(n.upper == AML.Nonmaintained.medianUpperLogLog)
    }

    @Test("A curve that ends at S = 0 has no standard error or band there")
    func curveEndingAtZero() throws {
        let last = try #require(try KaplanMeier(nonmaintained).steps.last)
        #expect(last.survival == 0)
        #expect(last.standardErrorLog == nil)
        #expect(try KaplanMeier(nonmaintained).confidenceBand().last == ConfidenceInterval(lower: nil, upper: nil))
    }

    @Test("Restricted mean survival time up to τ = 161 weeks and its standard error")
    func restrictedMean() throws {
        let a = try KaplanMeier(maintained).restrictedMean(upTo: AML.tau)
        expectAgrees(a.estimate, AML.Maintained.rmst, "rmst maintained")
        expectAgrees(a.standardError, AML.Maintained.rmstSE, "rmst se maintained")
        let b = try KaplanMeier(nonmaintained).restrictedMean(upTo: AML.tau)
        expectAgrees(b.estimate, AML.Nonmaintained.rmst, "rmst nonmaintained")
        expectAgrees(b.standardError, AML.Nonmaintained.rmstSE, "rmst se nonmaintained")
    }

    @Test("Log-rank test")
    func logRank() throws {
        let test = try LogRankTest(AML.patients)
        expectAgrees(test.chiSquare, AML.LogRank.chiSquare, "chisq")
        expectAgrees(test.pValue, AML.LogRank.p, "p")
        expectAgrees(test.expected, AML.LogRank.expected, "expected")
        #expect(test.observed == [7, 11])
        #expect(test.degreesOfFreedom == 1)
    }

    @Test("Cox model, Efron ties: coefficient, se, HR limits, p, log-likelihoods, LR and score tests")
    func coxEfron() throws {
        let model = try CoxModel(AML.patients)
        let term = try #require(model.terms.first)
        #expect(model.reference == "Maintained" && term.arm == "Nonmaintained")
        expectAgrees(term.coefficient, AML.Efron.coefficient, "coef")
        expectAgrees(term.standardError, AML.Efron.standardError, "se")
        expectAgrees(term.hazardRatioInterval.lower, AML.Efron.hazardRatioLower, "HR lower")
        expectAgrees(term.hazardRatioInterval.upper, AML.Efron.hazardRatioUpper, "HR upper")
        expectAgrees(term.pValue, AML.Efron.pValue, "p")
        expectAgrees([model.nullLogLikelihood, model.logLikelihood], AML.Efron.logLikelihood, "loglik")
        expectAgrees(model.likelihoodRatioTest.statistic, AML.Efron.likelihoodRatio, "LR")
        expectAgrees(model.scoreTest.statistic, AML.Efron.score, "score")
        #expect(roundR(model.waldTest.statistic, 2) == 3.2)
        #expect(model.converged && model.warnings.isEmpty)
    }

    @Test("Cox model, Breslow ties")
    func coxBreslow() throws {
        let model = try CoxModel(AML.patients, ties: .breslow)
        expectAgrees(model.terms[0].coefficient, AML.Breslow.coefficient, "coef")
        expectAgrees(model.terms[0].standardError, AML.Breslow.standardError, "se")
        expectAgrees([model.nullLogLikelihood, model.logLikelihood], AML.Breslow.logLikelihood, "loglik")
        expectAgrees(model.likelihoodRatioTest.statistic, AML.Breslow.likelihoodRatio, "LR")
        expectAgrees(model.scoreTest.statistic, AML.Breslow.score, "score")
    }

    @Test("Choosing the other reference arm flips the sign of the log hazard ratio")
    func referenceArm() throws {
        let model = try CoxModel(AML.patients, reference: "Nonmaintained")
        expectAgrees(model.terms[0].coefficient, -AML.Efron.coefficient, "coef")
        expectAgrees(model.terms[0].standardError, AML.Efron.standardError, "se")
    }
}
