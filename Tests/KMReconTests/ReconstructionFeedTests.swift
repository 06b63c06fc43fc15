import Foundation
import Testing
@testable import KMDigitize
@testable import KMRecon

@Suite("What the inferred-at-risk feed hands IPDfromKM")
struct ReconstructionFeedTests {
    @Test("a first level read a pixel below 1 is taken as 1; the levels below keep their own readings")
    func startBelowOne() throws {
        let patients = try sampleTruth("gbsg-hormon-grey-table", arm: "none")
        try #require(patients.count == 440)
        let truth = kaplanMeierDrops(patients)
        // A 200-row panel: a pixel is 0.005 in survival, about two patients of 440 at the start.
        // The line at 1 reads a pixel low, as a line half clipped by a panel ending at 1 does;
        // every other level is read exactly.
        let pixel = 0.005
        let start = 1 - pixel
        let end = try #require(patients.map(\.time).max())
        var corners = [SurvivalReading(time: 0, survival: start)]
        for (j, drop) in truth.enumerated() {
            corners.append(SurvivalReading(time: drop.time, survival: j == 0 ? start : drop.before))
            corners.append(SurvivalReading(time: drop.time, survival: drop.after))
        }
        corners.append(SurvivalReading(time: end, survival: try #require(truth.last).after))
        let curve = DigitizedArm(name: "none", color: .black, corners: corners, censorMarks: [], assignmentConfidence: 1,
                                 timePerPixel: end / 600, survivalPerPixel: pixel)
        let input = try #require(inferredReconstructionInput(FigureSpec.Arm(name: "none", patients: 440), curve, nil))

        // Every level handed on sits where the curve was read: on average within a fifth of a
        // pixel of the true level (lifting them all by the start's gap puts them a pixel high).
        var offsets: [Double] = []
        for point in input.points where point.time > 0 {
            let level = truth.last { $0.time <= point.time }.map(\.after) ?? 1
            let before = truth.last { $0.time < point.time }.map(\.after) ?? 1
            // A corner at a drop is the level before or after it; take the nearer.
            let offset = abs(point.survival - level) < abs(point.survival - before) ? point.survival - level : point.survival - before
            offsets.append(offset / pixel)
        }
        let meanOffset = offsets.reduce(0, +) / Double(offsets.count)
        #expect(offsets.count > 100)
        #expect(abs(meanOffset) < 0.2, "mean level offset \(meanOffset) px")
        #expect(input.points.first?.survival == 1)
        // The drop from 1 is not moved to time 0.
        #expect(input.points.filter { $0.time == 0 }.allSatisfy { $0.survival == 1 })
    }

    @Test("a start drop the trace could not place goes half a column in, not to time 0; one under half a patient's step is none")
    func startDropPlacement() throws {
        let patients = try sampleTruth("gbsg-hormon-grey-table", arm: "none")
        let truth = kaplanMeierDrops(patients)
        let end = try #require(patients.map(\.time).max())
        let column = end / 600, pixel = 0.005
        func input(startingAt start: Double, n: Int) throws -> ReconstructionInput {
            var corners = [SurvivalReading(time: 0, survival: start)]
            for (j, drop) in truth.enumerated() where drop.after < start {
                corners.append(SurvivalReading(time: drop.time, survival: j == 0 ? start : min(start, drop.before)))
                corners.append(SurvivalReading(time: drop.time, survival: drop.after))
            }
            corners.append(SurvivalReading(time: end, survival: try #require(truth.last).after))
            let curve = DigitizedArm(name: "none", color: .black, corners: corners, censorMarks: [], assignmentConfidence: 1,
                                     timePerPixel: column, survivalPerPixel: pixel)
            return try #require(inferredReconstructionInput(FigureSpec.Arm(name: "none", patients: n), curve, nil))
        }
        // Four pixels below 1 (0.02, about nine of 440 patients): a drop, half a column in.
        let dropped = try input(startingAt: 0.98, n: 440)
        #expect(dropped.points.filter { $0.time == 0 }.allSatisfy { $0.survival == 1 })
        let first = try #require(dropped.points.first { $0.survival < 1 })
        #expect(abs(first.time - column / 2) < 1e-9)
        // 1.5 pixels below 1 in an arm of 11: under half a patient's step (0.045), so no drop.
        let start = 1 - 1.5 * pixel
        let none = try input(startingAt: start, n: 11)
        let firstBelow = try #require(none.points.first { $0.survival < 1 })
        let firstTracedDrop = try #require(truth.first { $0.after < start }).time
        #expect(firstBelow.time == firstTracedDrop)
    }
}

