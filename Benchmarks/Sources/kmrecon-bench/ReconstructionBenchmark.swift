import Foundation
import KMReconstruct

/// The IPDfromKM reference case `syn_exp_n1000_corners` (1,212 points, N = 1,000): R takes
/// about 150 ms for preprocess() and 116 ms for getIPD() on it (medians, on these machines).
func reconstructionBenchmark(shared: URL) throws -> [Measurement] {
    let folder = shared.appendingPathComponent("ipdfromkm/cases/syn_exp_n1000_corners")
    guard FileManager.default.fileExists(atPath: folder.path) else {
        print("skipped reconstruction: \(folder.path) not found")
        return []
    }
    let points = try readColumns(folder.appendingPathComponent("points.csv"))
        .map { CurvePoint(time: $0[0], survival: $0[1]) }
    let risk = try readColumns(folder.appendingPathComponent("risktable.csv"))
    let table = try AtRiskTable(times: risk.map { $0[0] }, counts: risk.map { Int($0[1]) })
    let input = ReconstructionInput(points: points, atRisk: table, scale: .probability)
    let curve = try preprocess(input)

    let pre = measure("preprocess (syn_exp_n1000_corners)") { blackHole(try! preprocess(input)) }
    let get = measure("getIPD (syn_exp_n1000_corners)") { blackHole(try! reconstruct(curve, totalEvents: nil)) }
    let both = measure("preprocess + getIPD (syn_exp_n1000_corners)") { blackHole(try! reconstruct(input)) }
    for m in [pre, get, both] { report(m) }
    let rMedian = 0.150 + 0.116
    print(String(format: "  vs IPDfromKM in R (150 ms + 116 ms): %.0fx faster", rMedian / both.median))
    return [pre, get, both]
}

/// Numeric CSV rows after the header.
func readColumns(_ url: URL) throws -> [[Double]] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        .map { $0.split(separator: ",").map { Double($0)! } }
}
