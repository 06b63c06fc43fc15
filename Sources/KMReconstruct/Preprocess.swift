/// A digitised point after IPDfromKM's cleaning.
public struct CleanedPoint: Sendable, Hashable {
    /// Time, in the figure's unit.
    public var time: Double
    /// Survival probability in [0, 1].
    public var survival: Double
    /// 1-based row number after cleaning (IPDfromKM's `id`).
    public var id: Int
    /// 1-based number of the risk interval the point belongs to.
    public var interval: Int
}

/// One row of IPDfromKM's interval index: a risk interval that holds at least one point.
public struct RiskInterval: Sendable, Hashable {
    /// 1-based interval number (the position of its time in the at-risk table).
    public var interval: Int
    /// `id` of the first and last cleaned point in the interval.
    public var lower: Int
    public var upper: Int
    /// The at-risk table's time and count for this interval.
    public var riskTime: Double
    public var numberAtRisk: Int
}

/// The output of `preprocess`: cleaned points, their risk intervals, and `endpts`.
public struct PreprocessedCurve: Sendable, Hashable {
    public var points: [CleanedPoint]
    public var intervals: [RiskInterval]
    /// Patients assumed still at risk at the end of the curve (IPDfromKM's `endpts`): the
    /// smallest at-risk count when the curve stops before the last at-risk time, else `nil`.
    public var endPatients: Int?
    /// All at-risk times used (after dropping repeated trailing zeros), with their counts.
    public var riskTimes: [Double]
    public var riskCounts: [Int]
    /// Number of readings given.
    public var inputPointCount: Int
    public var warnings: [ReconstructionWarning]
}

/// IPDfromKM 0.1.10's `preprocess()`: cleans digitised readings and splits them into risk
/// intervals, step for step as the R code does (see the specification, §3).
///
/// - Throws: `ReconstructionError` for fewer than 5 readings, infinite values, no usable
///   reading, or no patient count.
public func preprocess(_ input: ReconstructionInput) throws(ReconstructionError) -> PreprocessedCurve {
    var warnings: [ReconstructionWarning] = []
    let raw = input.points
    guard raw.count >= 5 else { throw .tooFewPoints(count: raw.count) }
    for (i, p) in raw.enumerated() where p.time.isInfinite || p.survival.isInfinite {
        throw .pointNotFinite(index: i)
    }
    if let n = input.totalPatients, n < 1, input.atRisk == nil { throw .invalidTotalPatients(n) }
    if let e = input.totalEvents, e < 0 { throw .invalidTotalEvents(e) }
    let limit = ReconstructionInput.maximumPatients
    if let n = input.atRisk?.counts.first ?? input.totalPatients, n > limit { throw .tooManyPatients(n, limit: limit) }
    if let e = input.totalEvents, e > limit { throw .tooManyPatients(e, limit: limit) }

    // Scale, then drop missing rows, then a stable sort by time.
    let divisor: Double = input.scale == .percent ? 100 : 1
    var rows: [(t: Double, s: Double)] = []
    rows.reserveCapacity(raw.count)
    for p in raw where !p.time.isNaN && !p.survival.isNaN {
        rows.append((p.time, input.scale == .percent ? p.survival / divisor : p.survival))
    }
    if rows.count < raw.count { warnings.append(.missingReadingsDropped(count: raw.count - rows.count)) }
    let maxReading = raw.lazy.map(\.survival).filter { !$0.isNaN }.max() ?? 0
    if input.scale == .probability, maxReading > 1.5 {
        warnings.append(.scaleLooksWrong(maxReading: maxReading, scale: .probability))
    } else if input.scale == .percent, maxReading <= 1.0, maxReading > 0 {
        warnings.append(.scaleLooksWrong(maxReading: maxReading, scale: .percent))
    }
    rows = stableSortedByTime(rows)

    // Wild-click filter on the jumps between consecutive readings.
    let m = rows.count
    if m > 0 {
        var span = [Double](repeating: 0, count: m)
        for j in 1..<m { span[j] = abs(rows[j].s - rows[j - 1].s) }
        var scratch = span
        let q1 = quantileType7(selectingIn: &scratch, 0.25)
        let q3 = quantileType7(selectingIn: &scratch, 0.75)
        let iqr = q3 - q1
        let low = q1 - 0.5 * iqr, high = q3 + 0.5 * iqr
        let flag = span.map { $0 <= low || $0 >= high }
        var kept: [(t: Double, s: Double)] = []
        kept.reserveCapacity(m)
        var removed: [Double] = []
        for j in 0..<m {
            let previous = j > 0 ? flag[j - 1] : false
            let next = j + 1 < m ? flag[j + 1] : true
            if flag[j] && !previous && next { removed.append(rows[j].t) } else { kept.append(rows[j]) }
        }
        if !removed.isEmpty { warnings.append(.outliersRemoved(times: removed)) }
        rows = kept
    }

    // Running minimum, before the range filter (so a reading below 0 drags the rest down).
    var firstBelowZero: Int? = nil
    if rows.count > 1 {
        for j in 1..<rows.count where rows[j].s > rows[j - 1].s {
            rows[j].s = rows[j - 1].s
        }
    }
    if let j = rows.firstIndex(where: { $0.s < 0 }) { firstBelowZero = j }
    if let j = firstBelowZero, j + 1 < rows.count {
        warnings.append(.belowZeroRemovedLaterPoints(time: rows[j].t, laterPoints: rows.count - j - 1))
    }

    // Per-time reduction: the highest and the lowest reading at each distinct time.
    var reduced: [(t: Double, s: Double)] = []
    reduced.reserveCapacity(rows.count)
    var middles = 0
    var j = 0
    while j < rows.count {
        var k = j
        var hi = rows[j].s, lo = rows[j].s
        while k + 1 < rows.count && rows[k + 1].t == rows[j].t {
            k += 1
            hi = max(hi, rows[k].s); lo = min(lo, rows[k].s)
        }
        if k > j + 1 {
            for row in rows[(j + 1)..<k] where row.s < hi && row.s > lo { middles += 1 }
        }
        reduced.append((rows[j].t, hi))
        if lo != hi { reduced.append((rows[j].t, lo)) }
        j = k + 1
    }
    if middles > 0 { warnings.append(.middleReadingsDropped(count: middles)) }

    // Range filter and the (0, 1) anchor.
    let above = reduced.filter { $0.s > 1 && $0.t >= 0 }.count
    let negative = reduced.filter { $0.t < 0 }.count
    if above > 0 { warnings.append(.aboveOneRemoved(count: above)) }
    if negative > 0 { warnings.append(.negativeTimesRemoved(count: negative)) }
    var clean = reduced.filter { $0.s >= 0 && $0.s <= 1 && $0.t >= 0 }
    guard !clean.isEmpty else { throw .noUsablePoints }
    if !(clean[0].t == 0 && clean[0].s == 1) {
        if clean[0].t == 0 { warnings.append(.dropAtTimeZero(survival: clean[0].s)) }
        clean.insert((0, 1), at: 0)
    }

    // The at-risk table (IPDfromKM keeps at most one trailing zero) or the total.
    var riskTimes: [Double]
    var riskCounts: [Int]
    if let table = input.atRisk {
        riskTimes = table.times
        riskCounts = table.counts
        while riskCounts.count >= 2 && riskCounts[riskCounts.count - 1] == 0 && riskCounts[riskCounts.count - 2] == 0 {
            riskCounts.removeLast(); riskTimes.removeLast()
        }
        if let n = input.totalPatients { warnings.append(.totalPatientsIgnored(n)) }
    } else if let n = input.totalPatients {
        riskTimes = [0]
        riskCounts = [n]
    } else {
        throw .missingPatientCount
    }

    // Interval of each point: the last risk time at or before it (interval 1 otherwise).
    var points: [CleanedPoint] = []
    points.reserveCapacity(clean.count)
    var interval = 1
    for (i, row) in clean.enumerated() {
        while interval < riskTimes.count && row.t >= riskTimes[interval] { interval += 1 }
        points.append(CleanedPoint(time: row.t, survival: row.s, id: i + 1, interval: interval))
    }

    var intervals: [RiskInterval] = []
    for p in points {
        if let last = intervals.last, last.interval == p.interval {
            intervals[intervals.count - 1].upper = p.id
        } else {
            intervals.append(RiskInterval(interval: p.interval, lower: p.id, upper: p.id,
                                          riskTime: riskTimes[p.interval - 1],
                                          numberAtRisk: riskCounts[p.interval - 1]))
        }
    }
    let present = Set(intervals.map(\.interval))
    let missing = (1...riskTimes.count).filter { !present.contains($0) }.map { riskTimes[$0 - 1] }
    if !missing.isEmpty { warnings.append(.emptyRiskIntervals(times: missing)) }

    var endPatients: Int? = nil
    let maxPresentRiskTime = intervals.map(\.riskTime).max()!
    if maxPresentRiskTime < riskTimes.max()! {
        let count = riskCounts.min()!
        endPatients = count
        warnings.append(.endPatientsAssumed(count: count, lastCurveTime: points.last!.time,
                                            lastRiskTime: riskTimes.last!))
    }

    return PreprocessedCurve(points: points, intervals: intervals, endPatients: endPatients,
                             riskTimes: riskTimes, riskCounts: riskCounts,
                             inputPointCount: raw.count, warnings: warnings)
}

/// A stable sort by time: rows with equal times keep their input order.
private func stableSortedByTime(_ rows: [(t: Double, s: Double)]) -> [(t: Double, s: Double)] {
    var out = rows
    // Digitised curves are nearly sorted (noise swaps neighbours), so a stable insertion sort is
    // linear in practice; fall back to a stable merge sort when there are many inversions.
    var moves = 0
    for i in 1..<max(out.count, 1) {
        let row = out[i]
        var j = i
        while j > 0 && out[j - 1].t > row.t {
            out[j] = out[j - 1]
            j -= 1
            moves += 1
        }
        out[j] = row
        if moves > 8 * out.count {
            let order = rows.indices.sorted { a, b in rows[a].t != rows[b].t ? rows[a].t < rows[b].t : a < b }
            return order.map { rows[$0] }
        }
    }
    return out
}

/// R's `quantile(x, p, type = 7)` on already sorted values, with R's own arithmetic:
/// `(1 - h) * x[lo] + h * x[hi]`.
func quantileType7(_ sorted: [Double], _ p: Double) -> Double {
    let n = sorted.count
    precondition(n > 0)
    let index = 1 + Double(n - 1) * p
    let lo = index.rounded(.down), hi = index.rounded(.up)
    let qlo = sorted[Int(lo) - 1], qhi = sorted[Int(hi) - 1]
    guard index > lo && qhi != qlo else { return qlo }
    let h = index - lo
    return (1 - h) * qlo + h * qhi
}

/// `quantileType7` without sorting: the two order statistics it needs are found by selection
/// (expected linear time). `values` is reordered.
func quantileType7(selectingIn values: inout [Double], _ p: Double) -> Double {
    let n = values.count
    precondition(n > 0)
    let index = 1 + Double(n - 1) * p
    let lo = Int(index.rounded(.down)) - 1, hi = Int(index.rounded(.up)) - 1
    let qlo = select(&values, lo)
    let qhi = hi == lo ? qlo : select(&values, hi)
    guard index > Double(lo + 1) && qhi != qlo else { return qlo }
    let h = index - Double(lo + 1)
    return (1 - h) * qlo + h * qhi
}

/// The value that would be at position `k` if `a` were sorted (Hoare's selection with a
/// median-of-three pivot); rearranges `a`.
func select(_ a: inout [Double], _ k: Int) -> Double {
    var left = 0, right = a.count - 1
    while right > left {
        let mid = left + (right - left) / 2
        if a[mid] < a[left] { a.swapAt(mid, left) }
        if a[right] < a[left] { a.swapAt(right, left) }
        if a[right] < a[mid] { a.swapAt(right, mid) }
        let pivot = a[mid]
        var i = left, j = right
        while i <= j {
            while a[i] < pivot { i += 1 }
            while a[j] > pivot { j -= 1 }
            if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
        }
        if k <= j { right = j } else if k >= i { left = i } else { return a[k] }
    }
    return a[k]
}
