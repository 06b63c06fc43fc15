// R's own arithmetic where the reference outputs depend on it: `round(x, digits)`, `mean()`,
// `sum()` and `cumsum()` (which accumulate in long double on x86-64), and survival's `timefix`.

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

/// R's `mean()` of doubles: a long-double sum divided by n, then one correction pass.
func rMean(_ x: [Double]) -> Double {
    guard !x.isEmpty else { return .nan }
    let n = LongDouble(x.count)
    var s: LongDouble = 0
    for v in x { s += LongDouble(v) }
    s /= n
    if Double(s).isFinite {
        var t: LongDouble = 0
        for v in x { t += LongDouble(v) - s }
        s += t / n
    }
    return Double(s)
}

/// survival's `aeqSurv` (the `timefix = TRUE` default): distinct times closer than
/// √ε ≈ 1.49e-8, absolutely or relative to the mean |time|, are merged into the smaller one.
func timefix(_ times: [Double]) -> [Double] {
    let tolerance = Double.ulpOfOne.squareRoot()
    var unique = times.filter(\.isFinite)
    if !zip(unique, unique.dropFirst()).allSatisfy({ $0 <= $1 }) { unique.sort() }
    unique = uniqued(sorted: unique)
    guard unique.count > 1 else { return times }
    // Fast exit: no gap is small enough to merge even against the largest |time|.
    var smallestGap = Double.infinity
    for j in 1..<unique.count { smallestGap = min(smallestGap, unique[j] - unique[j - 1]) }
    let largest = max(abs(unique[0]), abs(unique[unique.count - 1]))
    if smallestGap > tolerance && smallestGap / largest > tolerance { return times }
    let meanAbs = rMean(unique.map(abs))
    var cuts: [Double] = [unique[0]]
    var anyTied = false
    for j in 1..<unique.count {
        let dy = unique[j] - unique[j - 1]
        if dy <= tolerance || dy / meanAbs <= tolerance { anyTied = true } else { cuts.append(unique[j]) }
    }
    guard anyTied else { return times }
    return times.map { t in
        guard t.isFinite else { return t }
        // the largest cut ≤ t
        var low = 0, high = cuts.count
        while low < high {
            let mid = (low + high) >> 1
            if cuts[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return cuts[max(low - 1, 0)]
    }
}

/// The distinct values of a sorted array.
func uniqued(sorted a: [Double]) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(a.count)
    for v in a where out.last != v { out.append(v) }
    return out
}
