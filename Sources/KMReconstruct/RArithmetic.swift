// R's own arithmetic where the reference outputs depend on it: `round(x, digits)`,
// `sum()` and `cumsum()` (which accumulate in long double on x86-64). `mean()` is
// `KMSurvival.rMean` and survival's `timefix` is `KMSurvival.TimeFix`.

#if arch(x86_64) || arch(i386)
/// R accumulates sums in C `long double`, which is 80-bit extended precision on x86.
typealias LongDouble = Float80
#else
typealias LongDouble = Double
#endif

/// R ≥ 4.0's `round(x, digits)`: take the nearer of the two candidates measured in double
/// arithmetic, and on an exact tie the one with an even last digit.
///
/// It is neither binary nor decimal half-even: `round(0.0015, 3) == 0.002` but
/// `round(0.0025, 3) == 0.002` and `round(0.0085, 3) == 0.009`.
public func roundR(_ x: Double, digits: Int) -> Double {
    guard x.isFinite else { return x }
    let scale = pow10(digits)
    let a = abs(x)
    let scaled = a * scale
    let i = scaled.rounded(.down)
    let low = i / scale
    let high = scaled.rounded(.up) / scale
    let toHigh = high - a, toLow = a - low
    let odd = i.truncatingRemainder(dividingBy: 2) == 1
    let r = (toHigh < toLow || (toHigh == toLow && odd)) ? high : low
    return x < 0 ? -r : r
}

private func pow10(_ n: Int) -> Double {
    var p = 1.0
    for _ in 0..<n { p *= 10 }
    return p
}

/// R's `sum()` of doubles.
func rSum(_ x: some Collection<Double>) -> Double {
    var s: LongDouble = 0
    for v in x { s += LongDouble(v) }
    return Double(s)
}
