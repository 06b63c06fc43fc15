import Foundation
import KMSurvival

/// Kaplan–Meier survival of `patients` (with survival's `timefix`) at each of `times`:
/// 1 before the first patient time, else the value at the largest patient time ≤ t.
func kaplanMeierAt(times: [Double], patients: [ReconstructedPatient]) -> [Double] {
    let fixed = TimeFix.adjudicate(patients.map(\.time))
    var order = Array(fixed.indices)
    // getIPD emits patients in time order already; sort only when they are not.
    if !zip(fixed, fixed.dropFirst()).allSatisfy({ $0 <= $1 }) { order.sort { fixed[$0] < fixed[$1] } }
    // Distinct times with their survival after that time.
    var curveTimes: [Double] = []
    var curveSurvival: [Double] = []
    var atRisk = Double(patients.count)
    var s = 1.0
    var i = 0
    while i < order.count {
        let t = fixed[order[i]]
        var deaths = 0.0, leaving = 0.0
        while i < order.count && fixed[order[i]] == t {
            if patients[order[i]].event { deaths += 1 }
            leaving += 1
            i += 1
        }
        if deaths > 0 { s *= (atRisk - deaths) / atRisk }
        curveTimes.append(t)
        curveSurvival.append(s)
        atRisk -= leaving
    }
    // The value at the largest curve time ≤ a; one walk when the query times are sorted.
    var result = [Double](repeating: 1, count: times.count)
    var next = 0
    var previous = -Double.infinity
    for (index, a) in times.enumerated() {
        if a < previous { next = 0 }
        previous = a
        while next < curveTimes.count && curveTimes[next] <= a { next += 1 }
        result[index] = next == 0 ? 1 : curveSurvival[next - 1]
    }
    return result
}

/// IPDfromKM's `precision` and `kstest` over the reconstructed points (specification §4.8).
func accuracyStatistics(_ points: [ReconstructedPoint]) -> AccuracyStatistics {
    let m = points.count
    let diff = points.map(\.difference)
    let rmse = roundR((rSum(diff.map { $0 * $0 }) / Double(m - 1)).squareRoot(), digits: 3)
    let mae = roundR(rMean(diff.map(abs)), digits: 3)
    let maxError = roundR(diff.max() ?? .nan, digits: 3)
    let ks = twoSampleKolmogorovSmirnov(points.map(\.estimatedSurvival), points.map(\.survival))
    return AccuracyStatistics(rootMeanSquareError: rmse, meanAbsoluteError: mae, maxError: maxError,
                              ksStatistic: ks.statistic, ksPValue: ks.pValue)
}

/// R 4.2.2's two-sided `ks.test(x, y)`: the statistic, and the p-value that is exact
/// (conditional on ties, Schröer & Trenkler 1995) when m·n < 10000, else asymptotic.
func twoSampleKolmogorovSmirnov(_ x: [Double], _ y: [Double]) -> (statistic: Double, pValue: Double) {
    let nx = x.count, ny = y.count
    // R's stable order() of c(x, y): merge the two sorted samples, x first among ties.
    let xs = ascending(x), ys = ascending(y)
    let n = nx + ny
    var sorted: [Double] = []
    sorted.reserveCapacity(n)
    var steps: [Double] = []
    steps.reserveCapacity(n)
    var running: LongDouble = 0
    let up = LongDouble(1 / Double(nx)), down = LongDouble(-1 / Double(ny))
    var i = 0, j = 0
    while i < nx || j < ny {
        if j == ny || (i < nx && xs[i] <= ys[j]) {
            sorted.append(xs[i]); i += 1; running += up
        } else {
            sorted.append(ys[j]); j += 1; running += down
        }
        steps.append(Double(running))
    }
    var tieEnd = [Bool](repeating: false, count: n + 1)   // 1-based: tieEnd[k] for sorted[k]
    var hasTies = false
    for k in 1..<n {
        tieEnd[k] = sorted[k - 1] != sorted[k]
        if !tieEnd[k] { hasTies = true }
    }
    tieEnd[n] = true
    var statistic = 0.0
    for k in 1...n where !hasTies || tieEnd[k] { statistic = max(statistic, abs(steps[k - 1])) }

    let p: Double
    if Double(nx) * Double(ny) < 10000 {
        let anyBoundary = (1..<n).contains { tieEnd[$0] }
        p = smirnovUpperTail(statistic, m: nx, n: ny, tieEnd: hasTies && anyBoundary ? tieEnd : nil)
    } else {
        let scale = (Double(nx) * Double(ny) / Double(nx + ny)).squareRoot()
        p = kolmogorovUpperTail(scale * statistic, tolerance: 1e-6)
    }
    return (statistic, min(1, max(0, p)))
}

/// P(D ≥ q) for the two-sample two-sided Smirnov statistic, by the lattice-path recursion
/// computed on the probability scale (Viehmann 2021). With `tieEnd`, the boundary is only
/// enforced where the pooled sample moves to a new value.
func smirnovUpperTail(_ statistic: Double, m: Int, n: Int, tieEnd: [Bool]?) -> Double {
    let md = Double(m), nd = Double(n)
    // Nudge q to the lattice so that rounding cannot turn an equality into an inequality.
    let q = (0.5 + (statistic * md * nd - 1e-7).rounded(.down)) / (md * nd)
    func crosses(_ i: Int, _ j: Int) -> Bool {
        guard abs(Double(i) / md - Double(j) / nd) >= q else { return false }
        return tieEnd?[i + j] ?? true
    }
    var u = [Double](repeating: 0, count: n + 1)
    for j in 1...max(n, 1) where j <= n { u[j] = crosses(0, j) ? 1 : u[j - 1] }
    if m >= 1 {
        for i in 1...m {
            if crosses(i, 0) { u[0] = 1 }
            if n >= 1 {
                for j in 1...n {
                    if crosses(i, j) {
                        u[j] = 1
                    } else {
                        let v = Double(i) / Double(i + j), w = Double(j) / Double(i + j)
                        u[j] = v * u[j] + w * u[j - 1]
                    }
                }
            }
        }
    }
    return u[n]
}

/// The upper tail of Kolmogorov's limiting distribution, 1 − K(x), K(x) = 1 − 2 Σ (−1)^(k−1) e^(−2k²x²).
func kolmogorovUpperTail(_ x: Double, tolerance: Double) -> Double {
    guard x > 0 else { return 1 }
    if x < 1 {
        let kMax = Int((2 - log(tolerance)).squareRoot())
        let z = -(Double.pi / 2 * Double.pi / 4) / (x * x)
        let w = log(x)
        var s = 0.0
        var k = 1
        while k < kMax {
            s += exp(Double(k * k) * z - w)
            k += 2
        }
        return 1 - s / (1 / (2 * Double.pi).squareRoot())
    }
    let z = -2 * x * x
    var sign = 1.0
    var k = 1.0
    var old = -1.0, new = 0.0
    while abs(old - new) > tolerance {
        old = new
        new += 2 * sign * exp(z * k * k)
        sign = -sign
        k += 1
    }
    return new
}

/// The values in ascending order. Both samples the reconstruction compares are non-increasing
/// along the curve, so reversing them is usually enough.
func ascending(_ a: [Double]) -> [Double] {
    if zip(a, a.dropFirst()).allSatisfy({ $0 >= $1 }) { return a.reversed() }
    if zip(a, a.dropFirst()).allSatisfy({ $0 <= $1 }) { return a }
    return a.sorted()
}
