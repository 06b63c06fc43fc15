import KMSurvival

/// One reconstructed patient.
public struct ReconstructedPatient: Sendable, Hashable {
    /// Event or censoring time, in the figure's unit.
    public var time: Double
    /// `true` for an event, `false` for a censored observation.
    public var event: Bool
}

/// What the reconstruction assigned to one cleaned point (IPDfromKM's `Points`).
public struct ReconstructedPoint: Sendable, Hashable {
    public var time: Double
    /// The cleaned reading, a probability.
    public var survival: Double
    public var id: Int
    public var interval: Int
    /// Estimated number at risk just before the point (IPDfromKM's `risk`, nhat).
    public var atRisk: Int
    /// Censorings assigned to the point; they are emitted at the midpoint to the next point.
    public var censored: Int
    /// Events assigned to the point, at the point's time.
    public var events: Int
    /// Kaplan–Meier estimate of the reconstructed patients at the point's time, rounded to
    /// 3 decimals as R's `round(x, 3)` does.
    public var estimatedSurvival: Double
    /// `round(estimatedSurvival − survival, 3)`.
    public var difference: Double
}

/// Per risk interval: reported against reconstructed numbers (IPDfromKM's `riskmat`, without
/// its mislabelling bug).
public struct IntervalSummary: Sendable, Hashable {
    public var interval: Int
    public var lower: Int
    public var upper: Int
    public var riskTime: Double
    /// The count printed in the at-risk table.
    public var reportedAtRisk: Int
    /// The reconstructed number at risk at the interval's first point.
    public var reconstructedAtRisk: Int
    public var censored: Int
    public var events: Int
}

/// IPDfromKM's accuracy statistics, with R's rounding.
public struct AccuracyStatistics: Sendable, Hashable {
    /// `round(sqrt(Σ diff² / (m − 1)), 3)`; note the divisor m − 1.
    public var rootMeanSquareError: Double
    /// `round(Σ |diff| / m, 3)`.
    public var meanAbsoluteError: Double
    /// `round(max(diff), 3)`: IPDfromKM's **signed** maximum, not max |diff|.
    public var maxError: Double
    /// The two-sample Kolmogorov–Smirnov statistic D between estimated and read survival.
    public var ksStatistic: Double
    /// Its p-value as R 4.2.2's `ks.test` gives it (exact with ties when m < 100). Not
    /// meaningful statistically: the values are dependent and full of ties.
    public var ksPValue: Double
}

/// The result of `reconstruct`: the patients and everything IPDfromKM reports with them.
public struct Reconstruction: Sendable, Hashable {
    /// Patients in IPDfromKM's emission order: per point, its events then its censorings; then
    /// those still at risk, censored at the last time.
    public var patients: [ReconstructedPatient]
    public var points: [ReconstructedPoint]
    public var intervals: [IntervalSummary]
    public var endPatients: Int?
    public var accuracy: AccuracyStatistics
    public var warnings: [ReconstructionWarning]
    public var preprocessed: PreprocessedCurve

    public var eventCount: Int { patients.lazy.filter(\.event).count }
    public var censoredCount: Int { patients.count - eventCount }
}

/// Runs IPDfromKM 0.1.10's `preprocess()` then `getIPD()` on digitised readings.
///
/// The result matches R's exactly (patients, per-point counts, statistics) except where R
/// would crash or loop for ever: those become a `ReconstructionError` or an
/// `iterationCapReached` warning.
///
/// - Parameter iterationCap: the most passes of the censoring adjustment per interval.
public func reconstruct(_ input: ReconstructionInput, iterationCap: Int = 10_000) throws(ReconstructionError) -> Reconstruction {
    let curve = try preprocess(input)
    return try reconstruct(curve, totalEvents: input.totalEvents, iterationCap: iterationCap)
}

/// IPDfromKM's `getIPD()` on an already cleaned curve (see the specification, §4).
public func reconstruct(_ curve: PreprocessedCurve, totalEvents: Int?, iterationCap: Int = 10_000) throws(ReconstructionError) -> Reconstruction {
    var engine = GuyotEngine(curve: curve)
    var warnings = curve.warnings
    try engine.run(totalEvents: totalEvents, iterationCap: iterationCap, warnings: &warnings)
    return engine.result(curve: curve, totalEvents: totalEvents, warnings: warnings)
}

/// The state of IPDfromKM's reconstruction loop. Arrays are 1-based (index 0 unused) so the
/// code reads like the specification.
struct GuyotEngine {
    let m: Int
    let T: [Double]
    let S: [Double]
    let lo: [Int], hi: [Int], tr: [Double]
    var nr: [Double]
    let R: Int
    let endPatients: Int?
    var ncen: [Double]
    var lastEv: [Int]
    var cen: [Double]
    var d: [Double]
    var nhat: [Double]
    var KM: [Double]

    init(curve: PreprocessedCurve) {
        m = curve.points.count
        T = [0] + curve.points.map(\.time)
        S = [0] + curve.points.map(\.survival)
        R = curve.intervals.count
        lo = [0] + curve.intervals.map(\.lower)
        hi = [0] + curve.intervals.map(\.upper)
        tr = [0] + curve.intervals.map(\.riskTime)
        nr = [0] + curve.intervals.map { Double($0.numberAtRisk) }
        endPatients = curve.endPatients
        ncen = [Double](repeating: 0, count: R + 1)
        lastEv = [Int](repeating: 1, count: R + 1)
        cen = [Double](repeating: 0, count: m + 2)
        d = [Double](repeating: 0, count: m + 2)
        nhat = [Double](repeating: nr[1] + 1, count: m + 2)
        KM = [Double](repeating: 1, count: m + 2)
    }

    /// Spreads `c` censorings evenly over the span of interval row `r`, IPDfromKM's way: the
    /// latent times run from the row's first to its last point, and each point takes those in
    /// [T[k], T[k+1]). Writes `cen` and returns the number placed.
    mutating func spread(_ c: Double, row r: Int) -> Double {
        let a = lo[r], b = hi[r]
        guard c > 0 else {
            for k in a...b { cen[k] = 0 }
            return 0
        }
        let q = c >= 1 ? Int(c.rounded(.down)) : 1
        let start = T[a], width = T[b] - T[a], divisor = c + 1
        // The latent times u_j = T[a] + j·width/(c+1), j = 1…q, are non-decreasing and never
        // below T[a], so one walk assigns each to its bin [T[k], T[k+1]).
        let m = self.m
        var total = 0.0
        var j = 1
        var u = q >= 1 ? start + width / divisor : .infinity   // u_j = T[a] + (j·width)/(c+1)
        for k in a...b {
            let first = j
            if k == m {
                j = q + 1
            } else {
                let bound = T[k + 1]
                while j <= q && u < bound {
                    j += 1
                    u = start + (Double(j) * width) / divisor
                }
            }
            let count = Double(j - first)
            cen[k] = count
            total += count
        }
        return total
    }

    /// Events and numbers at risk along interval row `r`; returns the last point with an event.
    mutating func eventPass(row r: Int, last start: Int, isLast: Bool) -> Int {
        nhat[lo[r]] = nr[r]
        var last = start
        for k in lo[r]...hi[r] {
            if k == 1 {
                d[1] = 0
                KM[1] = 1
            } else {
                d[k] = KM[last] != 0 ? (nhat[k] * (1 - S[k] / KM[last])).rounded(.toNearestOrEven) : 0
                KM[k] = KM[last] * (1 - d[k] / nhat[k])
            }
            nhat[k + 1] = nhat[k] - d[k] - cen[k]
            if !isLast {
                if d[k] != 0 { last = k }
                if nhat[k + 1] < 0 { nhat[k + 1] = 0 }
            } else {
                if nhat[k + 1] < 0 {
                    nhat[k + 1] = 0
                    cen[k] = nhat[k] - d[k]
                }
                if d[k] != 0 { last = k }
            }
        }
        return last
    }

    mutating func run(totalEvents: Int?, iterationCap: Int, warnings: inout [ReconstructionWarning]) throws(ReconstructionError) {
        var last: Int? = nil
        if R > 1 {
            for r in 1..<R {
                let next = lo[r + 1]
                guard S[lo[r]] != 0 else { throw .zeroSurvivalAtIntervalStart(time: T[lo[r]]) }
                let reported = nr[r + 1]
                ncen[r] = (nr[r] * S[next] / S[lo[r]] - nr[r + 1]).rounded(.toNearestOrEven)
                var iterations = 0
                while (nhat[next] > nr[r + 1] && ncen[r] < nr[r] - nr[r + 1] + 1)
                        || (nhat[next] < nr[r + 1] && ncen[r] > 0) {
                    if iterations == iterationCap {
                        warnings.append(.iterationCapReached(interval: r, iterations: iterations))
                        break
                    }
                    iterations += 1
                    ncen[r] = spread(ncen[r], row: r)
                    last = eventPass(row: r, last: lastEv[r], isLast: false)
                    ncen[r] += nhat[next] - nr[r + 1]
                }
                guard let achieved = last else { throw .adjustmentNeverRan(interval: r) }
                nr[r + 1] = nhat[next]
                lastEv[r + 1] = achieved
                if nr[r + 1] != reported {
                    warnings.append(.atRiskNotMatched(time: tr[r + 1], reported: Int(reported),
                                                      reconstructed: Int(nr[r + 1])))
                }
            }
        }

        var c: Double
        if R > 1 {
            var leftd = 0.0
            if let e = totalEvents {
                var before = 0.0
                for k in 1...hi[R - 1] { before += d[k] }
                leftd = max(0, Double(e) - before)
            }
            let mm = Double(endPatients ?? 0)
            let rate = rMean(Array(ncen[1..<R]))
            c = min(rate * (T[m] - tr[R]) / (tr[R] - tr[R - 1]), nr[R] - mm - leftd)
        } else {
            c = totalEvents.map { nr[1] - Double($0) } ?? 0
        }
        ncen[R] = spread(c, row: R)
        _ = eventPass(row: R, last: lastEv[R], isLast: true)
    }

    func result(curve: PreprocessedCurve, totalEvents: Int?, warnings: [ReconstructionWarning]) -> Reconstruction {
        var warnings = warnings
        var patients: [ReconstructedPatient] = []
        patients.reserveCapacity(Int(max(nr[1], 0)) + 8)
        for k in 1...m {
            if d[k] > 0 {
                for _ in 0..<Int(d[k]) { patients.append(ReconstructedPatient(time: T[k], event: true)) }
            }
            if cen[k] > 0 {
                let t = k < m ? (T[k] + T[k + 1]) / 2 : T[m]
                for _ in 0..<Int(cen[k]) { patients.append(ReconstructedPatient(time: t, event: false)) }
            }
        }
        if nhat[m + 1] > 0 {
            for _ in 0..<Int(nhat[m + 1]) { patients.append(ReconstructedPatient(time: T[m], event: false)) }
        }

        let estimated = kaplanMeierAt(times: Array(T[1...m]), patients: patients)
        var points: [ReconstructedPoint] = []
        points.reserveCapacity(m)
        for (i, p) in curve.points.enumerated() {
            let k = i + 1
            let est = roundR(estimated[i], digits: 3)
            points.append(ReconstructedPoint(
                time: p.time, survival: p.survival, id: p.id, interval: p.interval,
                atRisk: Int(nhat[k]), censored: Int(cen[k]), events: Int(d[k]),
                estimatedSurvival: est, difference: roundR(est - p.survival, digits: 3)))
        }

        var intervals: [IntervalSummary] = []
        for r in 1...R {
            var c = 0.0, e = 0.0
            for k in lo[r]...hi[r] { c += cen[k]; e += d[k] }
            let row = curve.intervals[r - 1]
            intervals.append(IntervalSummary(interval: row.interval, lower: row.lower, upper: row.upper,
                                             riskTime: row.riskTime, reportedAtRisk: row.numberAtRisk,
                                             reconstructedAtRisk: Int(nhat[lo[r]]),
                                             censored: Int(c), events: Int(e)))
        }

        let accuracy = accuracyStatistics(points)
        let events = patients.lazy.filter(\.event).count
        if let reported = totalEvents, reported != events {
            warnings.append(.totalEventsDiffer(reported: reported, reconstructed: events))
        }
        if curve.intervals.count == 1, curve.riskTimes.count == 1, totalEvents == nil {
            warnings.append(.noCensoringInformation)
        }
        let atStart = curve.riskCounts[0]
        if patients.count > atStart {
            warnings.append(.extraPatients(emitted: patients.count, atStart: atStart))
        }
        return Reconstruction(patients: patients, points: points, intervals: intervals,
                              endPatients: curve.endPatients, accuracy: accuracy,
                              warnings: warnings, preprocessed: curve)
    }
}
