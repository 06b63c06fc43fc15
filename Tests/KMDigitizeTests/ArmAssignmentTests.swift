import Testing
@testable import KMDigitize

@Suite("Arm assignment")
struct ArmAssignmentTests {
    @Test("curves are matched to arms by their numbers at risk")
    func byAtRisk() {
        let high = ArmAssigner.Curve(survival: { t in t < 5 ? 0.9 : 0.8 }, endTime: 10, endSurvival: 0.8, smallestDrop: nil)
        let low = ArmAssigner.Curve(survival: { t in t < 5 ? 0.5 : 0.3 }, endTime: 10, endSurvival: 0.3, smallestDrop: nil)
        let arms = [
            ArmDescription(name: "good", atRiskTimes: [0, 5], atRiskCounts: [100, 80]),
            ArmDescription(name: "poor", atRiskTimes: [0, 5], atRiskCounts: [100, 40]),
        ]
        let (order, confidence) = ArmAssigner.assign(arms: arms, curves: [low, high])
        #expect(order == [1, 0])
        #expect(confidence > 0.9)
    }
}
