/// Dense linear algebra for the few-by-few symmetric matrices of the tests (one row per arm).
/// Matrices are row-major `[Double]` of size n×n.
enum SmallMatrix {
    /// Cholesky factor L (lower, row-major) of a symmetric positive-definite matrix, or `nil` if
    /// a pivot is not clearly positive (relative tolerance ε^0.75 of the largest diagonal, as
    /// survival's `toler.chol`).
    static func cholesky(_ a: [Double], n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        let scale = (0..<n).map { a[$0 * n + $0] }.max() ?? 0
        let tolerance = Double.ulpOfOne * (Double.ulpOfOne.squareRoot().squareRoot()) * max(scale, .leastNormalMagnitude)
        for j in 0..<n {
            var sum = a[j * n + j]
            for k in 0..<j { sum -= l[j * n + k] * l[j * n + k] }
            guard sum > tolerance, sum.isFinite else { return nil }
            let pivot = sum.squareRoot()
            l[j * n + j] = pivot
            for i in (j + 1)..<max(j + 1, n) {
                var s = a[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / pivot
            }
        }
        return l
    }

    /// Solves A x = b given the Cholesky factor of A.
    static func solve(cholesky l: [Double], _ b: [Double], n: Int) -> [Double] {
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
            y[i] /= l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(i + 1, n) { y[i] -= l[k * n + i] * y[k] }
            y[i] /= l[i * n + i]
        }
        return y
    }

    /// A⁻¹ from the Cholesky factor of A.
    static func inverse(cholesky l: [Double], n: Int) -> [Double] {
        var inv = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            let column = solve(cholesky: l, e, n: n)
            for i in 0..<n { inv[i * n + j] = column[i] }
        }
        return inv
    }

    /// xᵀ A⁻¹ x, or `nil` if A is not positive definite.
    static func quadraticFormOfInverse(_ a: [Double], _ x: [Double], n: Int) -> Double? {
        guard let l = cholesky(a, n: n) else { return nil }
        let y = solve(cholesky: l, x, n: n)
        return zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
