import Testing
import KMReconstruct

@Suite("README")
struct ReadmeExampleTests {
    /// The library example in README.md, kept in step with it.
    @Test("the library example runs and rebuilds 20 patients")
    func libraryExample() throws {
        let points = [(0.0, 1.0), (2, 1.0), (2, 0.9), (5, 0.9), (5, 0.75), (9, 0.75), (9, 0.6), (12, 0.6)]
            .map { CurvePoint(time: $0.0, survival: $0.1) }
        let table = try AtRiskTable(times: [0, 6], counts: [20, 14])
        let result = try reconstruct(ReconstructionInput(points: points, atRisk: table))
        #expect(result.patients.count == 20)
        #expect(result.patients.filter { $0.event }.map(\.time) == [2, 2, 5, 5, 5, 9, 9, 9])
    }
}
