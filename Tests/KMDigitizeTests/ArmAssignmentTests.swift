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

    @Test("arms the printed numbers cannot tell apart follow the default palette's order, but only for review")
    func paletteAloneIsForReview() {
        let high = ArmAssigner.Curve(survival: { t in t < 5 ? 0.9 : 0.8 }, endTime: 10, endSurvival: 0.8, smallestDrop: nil)
        let low = ArmAssigner.Curve(survival: { t in t < 5 ? 0.5 : 0.3 }, endTime: 10, endSurvival: 0.3, smallestDrop: nil)
        // Same n, nothing else printed: only the palette (curve 1 is its first colour) decides.
        let arms = [ArmDescription(name: "A", patients: 300), ArmDescription(name: "B", patients: 300)]
        let (order, confidence) = ArmAssigner.assign(arms: arms, curves: [low, high], paletteOrder: [1, 0])
        #expect(order == [1, 0])
        #expect(confidence < 0.5)
    }

    @Test("numbers that tell the arms apart keep their confidence beside a palette that agrees")
    func numbersAndPaletteAgree() {
        let high = ArmAssigner.Curve(survival: { t in t < 5 ? 0.9 : 0.8 }, endTime: 10, endSurvival: 0.8, smallestDrop: nil)
        let low = ArmAssigner.Curve(survival: { t in t < 5 ? 0.5 : 0.3 }, endTime: 10, endSurvival: 0.3, smallestDrop: nil)
        let arms = [
            ArmDescription(name: "good", atRiskTimes: [0, 5], atRiskCounts: [100, 80]),
            ArmDescription(name: "poor", atRiskTimes: [0, 5], atRiskCounts: [100, 40]),
        ]
        let (order, confidence) = ArmAssigner.assign(arms: arms, curves: [low, high], paletteOrder: [1, 0])
        #expect(order == [1, 0])
        #expect(confidence > 0.9)
    }
}
