import Testing
@testable import KMReconstruct

@Suite("R's arithmetic")
struct RArithmeticTests {
    /// Test vectors produced by R 4.2.2 (IPDfromKM specification, §7).
    @Test("round(x, 3) matches R ≥ 4.0, ties included", arguments: [
        (0.0005, 0.0), (0.0015, 0.002), (0.0025, 0.002), (0.0055, 0.005), (0.0085, 0.009),
        (0.1235, 0.124), (0.9875, 0.988), (0.9995, 1.0), (-0.0015, -0.002), (0.123456, 0.123),
    ])
    func roundsLikeR(x: Double, expected: Double) {
        #expect(roundR(x, digits: 3) == expected)
    }

    @Test("round(x) halves go to even, as R's round() does")
    func roundHalfEven() {
        #expect([0.5, 1.5, 2.5, -0.5].map { $0.rounded(.toNearestOrEven) } == [0, 2, 2, -0])
    }

    @Test("type-7 quantiles interpolate like R's quantile()")
    func quantiles() {
        // R: quantile(c(1, 2, 4, 8, 16), c(0.25, 0.75)) → 2, 8; quantile(1:4, 0.25) → 1.75
        #expect(quantileType7([1, 2, 4, 8, 16], 0.25) == 2)
        #expect(quantileType7([1, 2, 4, 8, 16], 0.75) == 8)
        #expect(quantileType7([1, 2, 3, 4], 0.25) == 1.75)
        #expect(quantileType7([0, 0, 0, 0.3], 0.75) == 0.075)
    }

    @Test("Kolmogorov tail: the exact Smirnov distribution agrees with a direct lattice count")
    func smirnovSmallSample() {
        // m = n = 2, D = 1: only the two fully separated orderings of the 6 give D = 1.
        #expect(abs(smirnovUpperTail(1.0, m: 2, n: 2, tieEnd: nil) - 2.0 / 6.0) < 1e-15)
        // D ≥ 0.5 always holds for m = n = 2 (every path leaves the diagonal).
        #expect(abs(smirnovUpperTail(0.5, m: 2, n: 2, tieEnd: nil) - 1.0) < 1e-15)
    }
}

@Suite("Selection")
struct SelectionTests {
    @Test("quantiles by selection equal quantiles of the sorted values")
    func selectionMatchesSorting() {
        var generator = SystemRandomNumberGenerator()
        for n in [1, 2, 3, 7, 50, 333] {
            for _ in 0..<20 {
                // Many ties, as in spans between digitised points.
                let values = (0..<n).map { _ in Double(Int.random(in: 0...5, using: &generator)) * 0.01 }
                var scratch = values
                for p in [0.25, 0.75] {
                    #expect(quantileType7(selectingIn: &scratch, p) == quantileType7(values.sorted(), p))
                }
            }
        }
    }
}
