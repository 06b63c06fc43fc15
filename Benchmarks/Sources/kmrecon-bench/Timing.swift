import Foundation

/// Timings of one workload: every run's wall-clock duration in seconds.
struct Measurement {
    let name: String
    let seconds: [Double]

    var median: Double { quantile(0.5) }
    func quantile(_ p: Double) -> Double {
        let s = seconds.sorted()
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = Int(h.rounded(.up))
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }
}

/// Runs `body` `warmup` times untimed, then until both `minRuns` runs and `minSeconds` of work
/// are done, timing each run with the monotonic clock.
func measure(_ name: String, warmup: Int = 3, minRuns: Int = 20, minSeconds: Double = 1.0,
             _ body: () throws -> Void) rethrows -> Measurement {
    for _ in 0..<warmup { try body() }
    var times: [Double] = []
    let clock = ContinuousClock()
    var total = 0.0
    while times.count < minRuns || total < minSeconds {
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        times.append(s)
        total += s
        if times.count >= 100_000 { break }
    }
    return Measurement(name: name, seconds: times)
}

func milliseconds(_ s: Double) -> String { String(format: "%.4f ms", s * 1000) }

func report(_ m: Measurement) {
    print("\(m.name.padding(toLength: 50, withPad: " ", startingAt: 0)) median \(milliseconds(m.median))  p10 \(milliseconds(m.quantile(0.1)))  p90 \(milliseconds(m.quantile(0.9)))  runs \(m.seconds.count)")
}

/// Keeps the optimiser from deleting work whose result is unused.
@inline(never)
func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
