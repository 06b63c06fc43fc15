import Foundation
import Testing
@testable import KMReconstruct

/// Every case in ../shared/ipdfromkm/cases against the outputs of R's IPDfromKM 0.1.10.
@Suite("IPDfromKM 0.1.10 reference cases", .enabled(if: !referenceCaseNames.isEmpty, "../shared/ipdfromkm/cases is not present"))
struct IPDfromKMReferenceTests {

    @Test("preprocess, getIPD and the accuracy statistics match R", arguments: referenceCaseNames)
    func matchesR(caseName: String) throws {
        let c = try ReferenceCase(caseName)
        let result = try reconstruct(c.input)
        let curve = result.preprocessed

        // Cleaned points.
        let pre = try c.reference("ref_pre_points.csv")
        #expect(curve.points.count == pre.rows.count, "cleaned point count")
        if curve.points.count == pre.rows.count {
            for (i, p) in curve.points.enumerated() {
                #expect(close(p.time, pre.doubles("time")[i]) && close(p.survival, pre.doubles("surv")[i]),
                        "cleaned point \(i + 1): \(p.time),\(p.survival) vs R \(pre.rows[i])")
                #expect(p.id == pre.ints("id")[i] && p.interval == pre.ints("interval")[i], "point \(i + 1) id/interval")
            }
        }

        // Interval table.
        let intervals = try c.reference("ref_pre_intervals.csv")
        let expectedIntervals = zip(zip(intervals.ints("interval"), zip(intervals.ints("lower"), intervals.ints("upper"))),
                                    zip(intervals.doubles("t.risk"), intervals.ints("n.risk")))
            .map { RiskInterval(interval: $0.0.0, lower: $0.0.1.0, upper: $0.0.1.1, riskTime: $0.1.0, numberAtRisk: $0.1.1) }
        #expect(curve.intervals == expectedIntervals)

        // Per-point risk, censor, event, estsurv, diff.
        let points = try c.reference("ref_getipd_points.csv")
        #expect(result.points.count == points.rows.count)
        if result.points.count == points.rows.count {
            let risk = points.ints("risk"), censor = points.ints("censor"), event = points.ints("event")
            let est = points.doubles("estsurv"), diff = points.doubles("diff")
            var mismatches: [String] = []
            for (i, p) in result.points.enumerated() {
                if p.atRisk != risk[i] || p.censored != censor[i] || p.events != event[i]
                    || !close(p.estimatedSurvival, est[i]) || !close(p.difference, diff[i]) {
                    mismatches.append("point \(i + 1) t=\(p.time): risk \(p.atRisk)/\(risk[i]) censor \(p.censored)/\(censor[i]) event \(p.events)/\(event[i]) est \(p.estimatedSurvival)/\(est[i]) diff \(p.difference)/\(diff[i])")
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches.count) points differ from R; first: \(mismatches.prefix(3).joined(separator: "; "))")
        }

        // Patients, in R's emission order.
        let ipd = try c.reference("ref_ipd.csv")
        let times = ipd.doubles("time"), status = ipd.ints("status")
        #expect(result.patients.count == times.count, "patient count")
        if result.patients.count == times.count {
            let bad = result.patients.indices.filter {
                !close(result.patients[$0].time, times[$0]) || (result.patients[$0].event ? 1 : 0) != status[$0]
            }
            #expect(bad.isEmpty, "\(bad.count) patients differ; first at row \(bad.first.map { $0 + 1 } ?? 0)")
        }

        // Summary statistics.
        let summary = try c.reference("ref_summary.csv").keyValues
        #expect(result.preprocessed.inputPointCount == Int(summary["n_points_input"]!)!)
        #expect(result.points.count == Int(summary["n_points_preprocessed"]!)!)
        #expect(result.intervals.count == Int(summary["n_intervals"]!)!)
        #expect(result.endPatients.map(String.init) ?? "NULL" == summary["endpts"]!)
        #expect(result.eventCount == Int(summary["n_events"]!)!)
        #expect(result.censoredCount == Int(summary["n_censored"]!)!)
        let a = result.accuracy
        #expect(close(a.rootMeanSquareError, Double(summary["RMSE"]!)!), "RMSE \(a.rootMeanSquareError)")
        #expect(close(a.meanAbsoluteError, Double(summary["mean_abserror"]!)!), "MAE \(a.meanAbsoluteError)")
        #expect(close(a.maxError, Double(summary["max_abserror"]!)!), "max \(a.maxError)")
        #expect(close(a.ksStatistic, Double(summary["KS_D"]!)!), "KS D \(a.ksStatistic)")
        #expect(close(a.ksPValue, Double(summary["KS_p"]!)!), "KS p \(a.ksPValue) vs \(summary["KS_p"]!)")
    }
}
