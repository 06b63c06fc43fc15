import Foundation

/// The numbers at risk just before every drop of a traced Kaplan–Meier curve, inferred from the
/// drops themselves.
///
/// Each drop of a Kaplan–Meier curve multiplies it by (n − d)/n, with whole numbers n (at risk
/// just before the drop) and d (events at it). In a small arm one patient moves the curve by
/// several pixels, so the drop sizes pin n and d down; in a large arm they do not, and a prior
/// fills in: censoring at a steady rate between the printed at-risk times, which is also what
/// IPDfromKM assumes. The result is the most probable whole-number history (a Viterbi pass over
/// n, drop by drop) under three costs, in negative log-likelihood units:
///
/// - the misfit of each level after a drop, Gaussian in reading noise (Huber beyond 3σ, so one
///   badly traced drop cannot drag the whole path);
/// - the censorings in each gap between drops, Poisson at the rate the at-risk table implies
///   (tempered, since real censoring comes in clumps), or a flat cost per censoring without one,
///   plus a cost for every censor mark in the gap left without a censoring (marks are found
///   incompletely, so they only ever raise the count);
/// - the printed at-risk counts: n(τ) lies between the number at risk just after the last drop
///   before τ and just before the first drop after τ, whatever the table's convention (≥ τ or
///   > τ), with drops within `timeTolerance` of τ counted on either side.
///
/// The Kaplan–Meier value along a path depends on the whole path; each state keeps the value of
/// its best path, as usual for a Viterbi approximation.
struct RiskSetInference: Sendable {
    /// One drop of the traced curve: its time (figure units) and the survival just before and
    /// just after it (probabilities).
    struct Drop: Sendable, Equatable {
        var time: Double
        var before: Double
        var after: Double
    }

    /// The inferred history of one arm.
    struct History: Sendable, Equatable {
        /// Patients at risk just before each drop.
        var atRisk: [Int]
        /// Events at each drop.
        var events: [Int]
        /// The Kaplan–Meier value just after each drop that these numbers give.
        var survivalAfter: [Double]
        /// Patients still at risk after the last drop.
        var remaining: Int
    }

    var drops: [Drop]
    /// Patients at time 0.
    var patients: Int
    /// The printed at-risk table (times increasing, in the figure's unit); empty without one.
    var atRiskTimes: [Double] = []
    var atRiskCounts: [Int] = []
    /// The arm's reported total of events, if any (sets the censoring rate without a table).
    var totalEvents: Int? = nil
    /// Times of the censor marks found on this arm's curve (figure units); empty when the
    /// figure draws none. Each mark is at least one censoring at its time.
    var censorMarkTimes: [Double] = []
    /// Where the drawn curve ends, figure units.
    var endTime: Double
    /// Standard deviation of a level reading, as a probability (about a pixel).
    var levelNoise: Double
    /// Table times and drop times closer than this (figure units) may be in either order.
    var timeTolerance: Double

    /// Cost per patient by which a printed at-risk count is missed.
    static let tableWeight = 30.0
    /// Tempering of the Poisson censoring cost (1 = plain Poisson).
    static let censorWeight = 0.5
    /// Cost per censoring when nothing gives a censoring rate.
    static let flatCensorCost = 1.0
    /// Cost per censor mark in a gap left without a censoring (a mark found where there is
    /// none is rare).
    static let missedMarkCost = 3.0
    /// States costlier than the best by more than this are dropped.
    static let pruneMargin = 60.0
    /// Largest arm handled; larger arms are left to IPDfromKM's own interval logic.
    static let maximumPatients = 20_000
    /// Largest patients × drops handled (time and memory grow with it: tens of milliseconds and
    /// about 25 MB at the limit); beyond it, too, IPDfromKM's own logic is used.
    static let maximumWork = 3_000_000

    /// The most probable history, or nil when there is nothing to infer (no drops, no patients)
    /// or the arm is beyond `maximumPatients` / `maximumWork`.
    func infer() -> History? {
        let n0 = patients
        guard !drops.isEmpty, n0 >= 1, n0 <= Self.maximumPatients, n0 * drops.count <= Self.maximumWork,
              levelNoise > 0 else { return nil }
        let k = drops.count
        // Table constraints per drop: caps on n before drop j, floors on survivors after drop j
        // (index 0 = time 0, j = after drop j).
        var caps = [Int](repeating: Int.max, count: k)
        var floors = [Int](repeating: 0, count: k + 1)
        for (tau, count) in zip(atRiskTimes, atRiskCounts) where tau > 0 {
            if let j = drops.firstIndex(where: { $0.time > tau + timeTolerance }) { caps[j] = min(caps[j], count) }
            let before = drops.lastIndex(where: { $0.time < tau - timeTolerance }).map { $0 + 1 } ?? 0
            floors[before] = max(floors[before], count)
        }
        let expected = gapCensorings()
        let marks = gapMarks()

        // cost[m], value[m]: best path ending with m survivors after the previous drop.
        var lo = n0, hi = n0
        var cost = [Double](repeating: .infinity, count: n0 + 1)
        var value = [Double](repeating: 1, count: n0 + 1)
        cost[n0] = Self.tableWeight * Double(max(0, floors[0] - n0))
        // Back pointers per drop, over that drop's active range of n (and m).
        var fromSurvivors: [(base: Int, m: [Int32])] = []
        var fromAtRisk: [(base: Int, n: [Int32])] = []
        fromSurvivors.reserveCapacity(k)
        fromAtRisk.reserveCapacity(k)
        var inCost = [Double](repeating: .infinity, count: n0 + 1)
        var inFrom = [Int](repeating: -1, count: n0 + 1)
        var next = [Double](repeating: .infinity, count: n0 + 1)
        var nextValue = [Double](repeating: 1, count: n0 + 1)
        var nextFrom = [Int](repeating: -1, count: n0 + 1)

        for j in 0..<k {
            // 1. Censorings in the gap before drop j: n = m − c.
            // No gap holds more censorings than there are patients (a table far off the
            // curve's time scale can make the rate's guess absurd).
            let censor = CensorCost(expected: expected[j].map { $0.isFinite ? min($0, Double(n0)) : Double(n0) }, marks: marks[j])
            let reachBelow = censor.window + Int(Self.pruneMargin / censor.tailSlope) + 1
            let nLo = max(0, lo - reachBelow), nHi = hi
            // Suffix minimum of cost[m] + slope·m for the linear tail beyond the window.
            var suffix = [(Double, Int)](repeating: (.infinity, -1), count: nHi - nLo + 2)
            var run: (Double, Int) = (.infinity, -1)
            for m in stride(from: hi, through: nLo, by: -1) {
                if cost[m].isFinite {
                    let g = cost[m] + censor.tailSlope * Double(m)
                    if g < run.0 { run = (g, m) }
                }
                suffix[m - nLo] = run
            }
            var best = Double.infinity
            // The innermost loop of the whole pass, so without bounds checks: m − n is within the
            // window there, where the censoring cost is its table's entry.
            cost.withUnsafeBufferPointer { cost in
                censor.table.withUnsafeBufferPointer { table in
                    for n in nLo...nHi {
                        var c = Double.infinity, from = -1
                        let bottom = max(n, lo), top = min(hi, n + censor.window)
                        if bottom <= top {
                            for m in bottom...top {
                                // Only finite costs count. Tested only once `v < c` holds, which
                                // the unreachable states (+∞) never pass.
                                let v = cost[m] + table[m - n]
                                if v < c, cost[m].isFinite { c = v; from = m }
                            }
                        }
                        let first = n + censor.window + 1
                        if first <= hi {
                            let s = suffix[first - nLo]
                            if s.1 >= 0 {
                                let v = s.0 - censor.tailSlope * Double(n + censor.window) + table[censor.window]
                                if v < c { c = v; from = s.1 }
                            }
                        }
                        if n > caps[j] { c += Self.tableWeight * Double(n - caps[j]) }
                        inCost[n] = c
                        inFrom[n] = from
                        best = min(best, c)
                    }
                }
            }
            var back = [Int32](repeating: -1, count: nHi - nLo + 1)
            for n in nLo...nHi where inCost[n] <= best + Self.pruneMargin { back[n - nLo] = Int32(inFrom[n]) }
            fromSurvivors.append((nLo, back))

            // 2. The drop: d events among n, new value v·(1 − d/n), misfit against the reading.
            let target = drops[j].after
            var newLo = Int.max, newHi = -1
            for n in nLo...nHi where inCost[n] <= best + Self.pruneMargin {
                let v = value[inFrom[n]]
                let ideal = v > 0 && n > 0 ? Double(n) * (1 - target / v) : 0
                let d0 = max(0, min(n, Int(ideal.rounded(.down))))
                for d in d0...min(n, d0 + 1) {
                    let after = n > 0 ? v * (1 - Double(d) / Double(n)) : v
                    let total = inCost[n] + misfit((after - target) / levelNoise)
                    let m = n - d
                    if total < next[m] {
                        if next[m] == .infinity { newLo = min(newLo, m); newHi = max(newHi, m) }
                        next[m] = total; nextValue[m] = after; nextFrom[m] = n
                    }
                }
            }
            guard newHi >= 0 else { return nil }
            var backN = [Int32](repeating: -1, count: newHi - newLo + 1)
            for m in newLo...newHi where next[m].isFinite {
                backN[m - newLo] = Int32(nextFrom[m])
                if m < floors[j + 1] { next[m] += Self.tableWeight * Double(floors[j + 1] - m) }
            }
            fromAtRisk.append((newLo, backN))
            // Swap in the new states and clear the scratch arrays over the ranges used.
            for m in lo...hi { cost[m] = .infinity }
            for n in nLo...nHi { inCost[n] = .infinity; inFrom[n] = -1 }
            var bestNext = Double.infinity
            for m in newLo...newHi where next[m].isFinite { bestNext = min(bestNext, next[m]) }
            lo = Int.max; hi = -1
            for m in newLo...newHi {
                if next[m] <= bestNext + Self.pruneMargin {
                    cost[m] = next[m]; value[m] = nextValue[m]
                    lo = min(lo, m); hi = max(hi, m)
                }
                next[m] = .infinity; nextFrom[m] = -1
            }
            guard hi >= 0 else { return nil }
        }

        // Backtrack from the cheapest final state.
        var m = lo
        for s in lo...hi where cost[s] < cost[m] { m = s }
        let remaining = m
        var atRisk = [Int](repeating: 0, count: k), events = [Int](repeating: 0, count: k)
        for j in stride(from: k - 1, through: 0, by: -1) {
            let (baseN, backN) = fromAtRisk[j]
            guard m - baseN >= 0, m - baseN < backN.count, backN[m - baseN] >= 0 else { return nil }
            let n = Int(backN[m - baseN])
            atRisk[j] = n; events[j] = n - m
            let (baseM, backM) = fromSurvivors[j]
            guard n - baseM >= 0, n - baseM < backM.count, backM[n - baseM] >= 0 else { return nil }
            m = Int(backM[n - baseM])
        }
        var survival: [Double] = []
        var v = 1.0
        for j in 0..<k {
            if atRisk[j] > 0 { v *= 1 - Double(events[j]) / Double(atRisk[j]) }
            survival.append(v)
        }
        return History(atRisk: atRisk, events: events, survivalAfter: survival, remaining: remaining)
    }

    /// Negative log-likelihood of a level misfit of `z` standard deviations: Gaussian, linear
    /// beyond 3.
    private func misfit(_ z: Double) -> Double {
        let a = abs(z)
        return a <= 3 ? 0.5 * a * a : 4.5 + 3 * (a - 3)
    }

    /// The censor marks in each gap before a drop (a mark at a drop's time is a censoring just
    /// after it, so it counts in the next gap).
    private func gapMarks() -> [Int] {
        drops.indices.map { j in
            let from = j == 0 ? -Double.infinity : drops[j - 1].time - timeTolerance
            let to = drops[j].time - timeTolerance
            return censorMarkTimes.lazy.filter { $0 >= from && $0 < to }.count
        }
    }

    /// Expected censorings in each gap before a drop (nil: no rate known).
    private func gapCensorings() -> [Double?] {
        let rate = censoringRate()
        var out: [Double?] = []
        var previous = 0.0
        for drop in drops {
            out.append(rate.map { $0.integral(from: previous, to: drop.time) })
            previous = drop.time
        }
        return out
    }

    /// A piecewise-constant censoring rate (patients per time unit) between the printed at-risk
    /// times, from each interval's survivors expected without censoring against the count
    /// printed at its end (censoring assumed spread evenly, so half the censored patients are
    /// exposed to the interval's events). Without a table: (n − events)/end when the events are
    /// known, else nil.
    private func censoringRate() -> PiecewiseRate? {
        let times = atRiskTimes, counts = atRiskCounts
        if times.count >= 2 {
            var rates: [Double] = []
            for i in 0..<(times.count - 1) {
                let s0 = survival(at: times[i]), s1 = survival(at: times[i + 1])
                let ratio = s0 > 0 ? s1 / s0 : 0
                let censored = (Double(counts[i]) * ratio - Double(counts[i + 1])) / ((1 + ratio) / 2)
                rates.append(max(0, censored) / (times[i + 1] - times[i]))
            }
            return PiecewiseRate(breaks: times, rates: rates)
        }
        if let events = totalEvents, endTime > 0 {
            return PiecewiseRate(breaks: [0], rates: [Double(max(0, patients - events)) / endTime])
        }
        return nil
    }

    /// The traced curve's value at time t (right-continuous).
    private func survival(at t: Double) -> Double {
        var s = 1.0
        for drop in drops where drop.time <= t { s = drop.after }
        return s
    }
}

/// A rate that is constant between breaks: `rates[i]` from `breaks[i]` to `breaks[i + 1]`; the
/// first rate also before the first break and the last one after the last.
private struct PiecewiseRate {
    var breaks: [Double]
    var rates: [Double]

    func integral(from a: Double, to b: Double) -> Double {
        guard b > a else { return 0 }
        var total = 0.0
        for (i, r) in rates.enumerated() {
            let start = i == 0 ? -Double.infinity : breaks[i]
            let end = i + 1 < breaks.count && i + 1 < rates.count ? breaks[i + 1] : Double.infinity
            let lo = max(a, start), hi = min(b, end)
            if hi > lo { total += r * (hi - lo) }
        }
        return total
    }
}

/// The cost of c censorings in one gap: tempered Poisson negative log-likelihood around the
/// expected number (its minimum is 0), exact up to `window` and linear beyond; flat per
/// censoring when nothing is expected.
private struct CensorCost {
    let window: Int
    let tailSlope: Double
    /// cost(c) for c = 0...window.
    let table: [Double]

    /// - Parameters:
    ///   - expected: the censorings the censoring rate expects in the gap (nil: none known,
    ///     a flat cost per censoring).
    ///   - marks: censor marks found in the gap; each one left without a censoring adds
    ///     `missedMarkCost`.
    init(expected: Double?, marks: Int = 0) {
        var prior: [Double]
        if let e = expected {
            let l = max(e, 0.05)
            let w = max(Int(l + 6 * l.squareRoot() + 8), marks + 1)
            func raw(_ c: Int) -> Double {
                RiskSetInference.censorWeight * (l - Double(c) * log(l) + lgamma(Double(c) + 1))
            }
            let minimum = raw(Int(l.rounded(.down)))
            prior = (0...w).map { raw($0) - minimum }
            tailSlope = max(0.05, prior[w] - prior[w - 1])
        } else {
            prior = (0...marks).map { RiskSetInference.flatCensorCost * Double($0) }
            tailSlope = RiskSetInference.flatCensorCost
        }
        for c in 0..<min(marks, prior.count) { prior[c] += RiskSetInference.missedMarkCost * Double(marks - c) }
        window = prior.count - 1
        table = prior
    }

    func cost(_ c: Int) -> Double {
        c <= window ? table[c] : table[window] + tailSlope * Double(c - window)
    }
}
