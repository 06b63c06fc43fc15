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
