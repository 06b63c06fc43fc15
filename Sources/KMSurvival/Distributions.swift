import Foundation

/// Tail probabilities of the normal and chi-square distributions, accurate to about 1e-14
/// relative, enough to reproduce R's p-values.
enum Distributions {
    /// The 97.5 % point of the standard normal distribution, `qnorm(0.975)`.
    static let z975 = 1.959963984540054

    /// Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|).
    static func twoSidedNormalP(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }

    /// Upper tail P(X ≥ x) of a chi-square distribution with `df` degrees of freedom.
    static func chiSquareUpperTail(_ x: Double, df: Int) -> Double {
        guard df > 0 else { return .nan }
        if x <= 0 { return 1 }
        if df == 1 { return erfc((x / 2).squareRoot()) }
        if df == 2 { return exp(-x / 2) }
        return regularizedUpperGamma(Double(df) / 2, x / 2)
    }

    /// Q(a, x) = Γ(a, x) / Γ(a): the series for x < a + 1, otherwise Lentz's continued fraction.
    static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
        let logPrefix = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            var term = 1 / a, sum = term, n = a
            for _ in 0..<10_000 {
                n += 1
                term *= x / n
                sum += term
                if abs(term) < abs(sum) * 1e-16 { break }
            }
            return max(0, 1 - sum * exp(logPrefix))
        }
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(logPrefix) * h
    }
}
