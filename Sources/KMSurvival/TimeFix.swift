/// Merging of times that differ only by floating-point round-off, as R's survival package does
/// before every survfit, survdiff and coxph call (`timefix = TRUE`, `aeqSurv`).
///
/// Two neighbouring distinct times y₁ < y₂ are treated as one when y₂ − y₁ ≤ tol or
/// (y₂ − y₁) / mean(|y|) ≤ tol, where the mean runs over all distinct times and
/// tol = √(machine ε) ≈ 1.49e-8 (the `all.equal` rule). Each time is then replaced by the
/// smallest value of its run of near-equal times. Reconstructed data (midpoints of digitised
/// points) produce such near-ties often, so skipping this step changes ties in Cox and log-rank.
public enum TimeFix {
    /// √(machine ε), R's default tolerance.
    public static let tolerance = Double.ulpOfOne.squareRoot()

    /// The times with near-ties replaced by the first value of each run; same order as the input.
    public static func adjudicate(_ times: [Double], tolerance: Double = TimeFix.tolerance) -> [Double] {
        var unique = times.filter { $0.isFinite }
        if !zip(unique, unique.dropFirst()).allSatisfy({ $0 <= $1 }) { unique.sort() }
        var count = 0
        for v in unique where count == 0 || unique[count - 1] != v {
            unique[count] = v
            count += 1
        }
        unique.removeLast(unique.count - count)
        guard unique.count > 1 else { return times }
        // Fast exit: no gap is small enough to merge even against the largest |time|.
        var smallestGap = Double.infinity
        for k in 1..<unique.count { smallestGap = min(smallestGap, unique[k] - unique[k - 1]) }
        let largest = max(abs(unique[0]), abs(unique[unique.count - 1]))
        if smallestGap > tolerance && smallestGap / largest > tolerance { return times }
        let meanAbs = rMean(unique.map(abs))
        var cuts: [Double] = [unique[0]]
        var anyTied = false
        for k in 1..<unique.count {
            let gap = unique[k] - unique[k - 1]
            let tied = gap <= tolerance || gap / meanAbs <= tolerance
            if tied { anyTied = true } else { cuts.append(unique[k]) }
        }
        guard anyTied else { return times }
        return times.map { t in
            guard t.isFinite else { return t }
            // Largest cut ≤ t (binary search).
            var lo = 0, hi = cuts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if cuts[mid] <= t { lo = mid } else { hi = mid - 1 }
            }
            return cuts[lo]
        }
    }
}

/// R's `mean()` of doubles: a long-double sum divided by n, then one correction pass. Long
/// double is 80-bit on x86-64, where the R reference results come from, so values right at a
/// tolerance (timefix) or a rounding boundary (IPDfromKM's statistics) come out as in R.
package func rMean(_ x: [Double]) -> Double {
    #if arch(x86_64) || arch(i386)
    typealias Wide = Float80
    #else
    typealias Wide = Double
    #endif
    guard !x.isEmpty else { return .nan }
    let n = Wide(x.count)
    var s: Wide = 0
    for v in x { s += Wide(v) }
    s /= n
    if Double(s).isFinite {
        var t: Wide = 0
        for v in x { t += Wide(v) - s }
        s += t / n
    }
    return Double(s)
}
