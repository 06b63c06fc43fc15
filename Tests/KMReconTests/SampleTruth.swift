import Foundation

/// A bundled sample's true patients of one arm (`SampleCurves/<sample>/truth.csv`, rows
/// `arm,time,event`), e.g. gbsg's arm "none": R `survival::gbsg`, 440 patients without hormone
/// therapy, times in months.
func sampleTruth(_ sample: String, arm: String) throws -> [(time: Double, event: Bool)] {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleCurves/\(sample)/truth.csv")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
    return lines.compactMap { line in
        let f = line.split(separator: ",")
        guard f.count == 3, f[0] == arm, let t = Double(f[1]) else { return nil }
        return (t, f[2] == "1")
    }
}

/// Kaplan–Meier levels after each distinct event time: (time, survival before, survival after).
func kaplanMeierDrops(_ patients: [(time: Double, event: Bool)]) -> [(time: Double, before: Double, after: Double)] {
    let sorted = patients.sorted { $0.time < $1.time }
    var out: [(Double, Double, Double)] = []
    var survival = 1.0, atRisk = sorted.count, i = 0
    while i < sorted.count {
        let time = sorted[i].time
        var events = 0, leaving = 0
        while i < sorted.count, sorted[i].time == time { if sorted[i].event { events += 1 }; leaving += 1; i += 1 }
        if events > 0 {
            let after = survival * (1 - Double(events) / Double(atRisk))
            out.append((time, survival, after))
            survival = after
        }
        atRisk -= leaving
    }
    return out
}
