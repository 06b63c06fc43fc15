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
