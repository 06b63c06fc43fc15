import Testing
import KMImage
import KMDigitize
@testable import KMReconstruct
@testable import KMRecon

@Suite("Confidence rules")
struct ConfidenceRulesTests {
    func arm(curveEnd: Double, tableTimes: [Double], tableCounts: [Int]) -> ArmReport {
        ArmReport(name: "Male", color: RGB(r: 0, g: 0, b: 0), assignmentConfidence: 1,
                  tracedPoints: [SurvivalReading(time: 0, survival: 1), SurvivalReading(time: curveEnd, survival: 0.3)],
                  censorMarks: [], patients: 100, events: 60, censored: 40, reportedEvents: nil,
                  tableTimes: tableTimes, tableCounts: tableCounts, atRisk: [],
                  accuracy: AccuracyStatistics(rootMeanSquareError: 0.004, meanAbsoluteError: 0.002, maxError: 0.003,
                                               ksStatistic: 0.02, ksPValue: 1),
                  warnings: [], overlayTracedColor: RGB(r: 0, g: 0, b: 0), overlayReconstructedColor: RGB(r: 255, g: 0, b: 0))
    }

    @Test("a curve traced only part of the way, with patients still at risk later, asks for review")
    func curveCutShort() {
        let rules = ConfidenceRules()
        let short = arm(curveEnd: 13.06, tableTimes: [0, 5, 10, 15, 20], tableCounts: [753, 453, 215, 96, 27])
        let reasons = rules.reviewReasons(arms: [short], calibration: [], notes: [])
        #expect(reasons == ["arm \"Male\": the traced curve ends at t=13.06, but the table reports 96 at risk at t=15: part of the curve was not traced"])
    }

    @Test("a curve that ends where the table runs out of patients is fine")
    func curveEndsWithTable() {
        let rules = ConfidenceRules()
        let full = arm(curveEnd: 19.2, tableTimes: [0, 5, 10, 15, 20], tableCounts: [100, 60, 30, 9, 0])
        #expect(rules.reviewReasons(arms: [full], calibration: [], notes: []).isEmpty)
        // Two patients left at a later time are within the absolute tolerance.
        let nearlyFull = arm(curveEnd: 19.2, tableTimes: [0, 5, 10, 15, 20], tableCounts: [100, 60, 30, 9, 2])
        #expect(rules.reviewReasons(arms: [nearlyFull], calibration: [], notes: []).isEmpty)
    }
}

@Suite("Curve gap")
struct CurveGapTests {
    @Test("an exact reconstruction of a small arm has no gap, though IPDfromKM's RMSE is a step high")
    func exactSmallArm() {
        // Five patients, deaths at 1, 2, 3, 4, 5: the traced corners of their KM curve.
        var corners = [SurvivalReading(time: 0, survival: 1)]
        for k in 1...5 {
            corners.append(SurvivalReading(time: Double(k), survival: 1 - 0.2 * Double(k - 1)))
            corners.append(SurvivalReading(time: Double(k), survival: 1 - 0.2 * Double(k)))
        }
        let patients = (1...5).map { ReconstructedPatient(time: Double($0), event: true) }
        #expect(meanCurveGap(traced: corners, patients: patients) < 1e-12)
        // The first death missing (censored at 5 instead): the reconstructed curve sits one step
        // (0.2) high from t = 1 to t = 5, a mean gap of 0.2 × 4/5.
        let missingFirst = Array(patients.dropFirst()) + [ReconstructedPatient(time: 5, event: false)]
        #expect(abs(meanCurveGap(traced: corners, patients: missingFirst) - 0.16) < 1e-12)
    }
}
