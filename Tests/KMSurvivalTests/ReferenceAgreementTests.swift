import Foundation
import Testing
@testable import KMSurvival

/// Agreement with R 4.2.2 / survival 3.5-3 on the data sets in ../shared/reference/survival.
@Suite("Agreement with R's survival package", .enabled(if: SharedReference.survivalAvailable,
       "needs ../shared/reference/survival (the R reference values) beside the package"))
struct ReferenceAgreementTests {
    @Test("Kaplan–Meier tables, Greenwood errors and both confidence bands match survfit",
          arguments: SharedReference.datasetNames)
    func kaplanMeierTables(dataset: String) throws {
        let patients = try SharedReference.patients(dataset)
        let reference = try SharedReference.json(dataset)
        let km = reference["km"] as! [String: [String: Any]]
        for (arm, r) in km {
            let fit = try KaplanMeier(patients.filter { $0.arm == arm })
            let label = "\(dataset) \(arm)"
            #expect(fit.patients == (r["n"] as! Int), "\(label) n")
            #expect(fit.events == (r["events"] as! Int), "\(label) events")
            expectAgrees(fit.steps.map { $0.time }, numbers(r["time"]), "\(label) time")
            #expect(fit.steps.map(\.atRisk) == (r["n_risk"] as! [Int]), "\(label) n_risk")
            #expect(fit.steps.map(\.events) == (r["n_event"] as! [Int]), "\(label) n_event")
            #expect(fit.steps.map(\.censored) == (r["n_censor"] as! [Int]), "\(label) n_censor")
            expectAgrees(fit.steps.map { $0.survival }, numbers(r["surv"]), "\(label) surv")
            expectAgrees(fit.steps.map(\.standardErrorLog), numbers(r["std_err_log"]), "\(label) std.err")
            let log = fit.confidenceBand(.log)
            expectAgrees(log.map(\.lower), numbers(r["lower_log"]), "\(label) lower (log)")
            expectAgrees(log.map(\.upper), numbers(r["upper_log"]), "\(label) upper (log)")
            let logLog = fit.confidenceBand(.logLog)
            expectAgrees(logLog.map(\.lower), numbers(r["lower_loglog"]), "\(label) lower (log-log)")
            expectAgrees(logLog.map(\.upper), numbers(r["upper_loglog"]), "\(label) upper (log-log)")
        }
    }

    @Test("Medians with both CI types and the restricted mean match quantile() and summary(rmean=)",
          arguments: SharedReference.datasetNames)
    func mediansAndRestrictedMeans(dataset: String) throws {
        let patients = try SharedReference.patients(dataset)
        let km = try SharedReference.json(dataset)["km"] as! [String: [String: Any]]
        for (arm, r) in km {
            let fit = try KaplanMeier(patients.filter { $0.arm == arm })
            let label = "\(dataset) \(arm)"
            let m = fit.median(confidence: .log)
            expectAgrees(m.time, number(r["median"]), "\(label) median")
            expectAgrees(m.lower, number(r["median_lower_log"]), "\(label) median lower (log)")
            expectAgrees(m.upper, number(r["median_upper_log"]), "\(label) median upper (log)")
            let mm = fit.median(confidence: .logLog)
            expectAgrees(mm.lower, number(r["median_lower_loglog"]), "\(label) median lower (log-log)")
            expectAgrees(mm.upper, number(r["median_upper_loglog"]), "\(label) median upper (log-log)")
            let rmst = try fit.restrictedMean(upTo: number(r["rmst_tau"])!)
            expectAgrees(rmst.estimate, number(r["rmst"]), "\(label) rmst")
            expectAgrees(rmst.standardError, number(r["rmst_se"]), "\(label) rmst se")
        }
    }

    @Test("Log-rank test matches survdiff", arguments: SharedReference.datasetNames)
    func logRank(dataset: String) throws {
        let patients = try SharedReference.patients(dataset)
        let reference = try SharedReference.json(dataset)
        let arms = reference["arms_order"] as! [String]
        let r = reference["logrank"] as! [String: Any]
        let test = try LogRankTest(patients, arms: arms)
        expectAgrees(test.chiSquare, number(r["chisq"]), "\(dataset) chisq")
        #expect(test.degreesOfFreedom == (r["df"] as! Int))
        expectAgrees(test.pValue, number(r["p"]), "\(dataset) p")
        expectAgrees(test.observed, numbers(r["observed"]), "\(dataset) observed")
        expectAgrees(test.expected, numbers(r["expected"]), "\(dataset) expected")
    }

    @Test("Cox model with Efron and Breslow ties matches coxph", arguments: SharedReference.datasetNames)
    func cox(dataset: String) throws {
        let patients = try SharedReference.patients(dataset)
        let reference = try SharedReference.json(dataset)
        let arms = reference["arms_order"] as! [String]
        for ties in CoxTies.allCases {
            let r = reference["cox_\(ties.rawValue)"] as! [String: Any]
            let model = try CoxModel(patients, arms: arms, ties: ties)
            let label = "\(dataset) \(ties)"
            #expect(model.terms.map(\.arm) == Array(arms.dropFirst()))
            expectAgrees(model.terms.map(\.coefficient), numbers(r["coef"]), "\(label) coef")
            expectAgrees(model.terms.map(\.standardError), numbers(r["se"]), "\(label) se")
            expectAgrees(model.terms.map(\.hazardRatio), numbers(r["hr"]), "\(label) hr")
            expectAgrees(model.terms.map(\.hazardRatioInterval.lower), numbers(r["hr_lower95"]), "\(label) hr lower")
            expectAgrees(model.terms.map(\.hazardRatioInterval.upper), numbers(r["hr_upper95"]), "\(label) hr upper")
            expectAgrees(model.terms.map(\.pValue), numbers(r["wald_p"]), "\(label) wald p")
            expectAgrees([model.nullLogLikelihood, model.logLikelihood], numbers(r["loglik"]), "\(label) loglik")
            expectAgrees(model.likelihoodRatioTest.statistic, number(r["lr_test"]), "\(label) LR test")
            expectAgrees(model.scoreTest.statistic, number(r["score_test"]), "\(label) score test")
            // summary.coxph rounds the Wald statistic to 2 decimals.
            expectAgrees(roundR(model.waldTest.statistic, 2), number(r["wald_test"]), "\(label) Wald test")
            #expect(model.warnings.isEmpty, "\(label): \(model.warnings)")
        }
    }

    @Test("Study-stratified Cox and log-rank of the pooled colon data match coxph/survdiff + strata(study)")
    func pooledStratified() throws {
        let patients = try SharedReference.patients("pooled_colon_by_nodes")
        let r = try SharedReference.json("pooled_colon_by_nodes")
        let reference = r["reference_arm"] as! String
        for (key, ties, stratified) in [("stratified_cox_efron", CoxTies.efron, true),
                                        ("stratified_cox_breslow", .breslow, true),
                                        ("unstratified_cox_efron", .efron, false)] {
            let expected = r[key] as! [String: Any]
            let model = try CoxModel(patients, reference: reference, ties: ties, stratified: stratified)
            let term = try #require(model.terms.first)
            expectAgrees(term.coefficient, number(expected["coef"]), "\(key) coef")
            expectAgrees(term.standardError, number(expected["se"]), "\(key) se")
            if let hr = expected["hr"] {
                expectAgrees(term.hazardRatio, number(hr), "\(key) hr")
                expectAgrees(term.hazardRatioInterval.lower, number(expected["hr_lower95"]), "\(key) hr lower")
                expectAgrees(term.hazardRatioInterval.upper, number(expected["hr_upper95"]), "\(key) hr upper")
                expectAgrees(term.pValue, number(expected["wald_p"]), "\(key) p")
            }
        }
        let lr = r["stratified_logrank"] as! [String: Any]
        let test = try LogRankTest(patients, stratified: true)
        expectAgrees(test.chiSquare, number(lr["chisq"]), "stratified log-rank chisq")
        #expect(test.degreesOfFreedom == (lr["df"] as! Int))
        expectAgrees(test.pValue, number(lr["p"]), "stratified log-rank p")
    }
}
