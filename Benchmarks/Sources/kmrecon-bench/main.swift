import Foundation
import KMReconstruct
import KMSurvival

// kmrecon-bench [reconstruct|survival|all]  (profile-reconstruct: fixed work for callgrind)
// Release build: swift run -c release --package-path Benchmarks kmrecon-bench
// Times are wall-clock medians on this machine; compare ratios within one run, since shared
// machines are noisy.

let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
let which = CommandLine.arguments.dropFirst().first ?? "all"

#if DEBUG
print("warning: this is a debug build; use -c release for real numbers")
#endif

if which == "reconstruct" || which == "all" {
    _ = try reconstructionBenchmark(shared: shared)
}

if which == "profile-reconstruct" {
    // A fixed amount of work for valgrind --tool=callgrind.
    let folder = shared.appendingPathComponent("ipdfromkm/cases/syn_exp_n1000_corners")
    let points = try readColumns(folder.appendingPathComponent("points.csv")).map { CurvePoint(time: $0[0], survival: $0[1]) }
    let risk = try readColumns(folder.appendingPathComponent("risktable.csv"))
    let input = ReconstructionInput(points: points, atRisk: try AtRiskTable(times: risk.map { $0[0] }, counts: risk.map { Int($0[1]) }))
    for _ in 0..<200 { blackHole(try reconstruct(input)) }
}

if which == "survival" || which == "all" {
    let patients = SurvivalWorkload.syntheticTrial()
    let m = measure("KM + log-rank + Cox, 10,000 patients × 4 arms") {
        blackHole(try! SurvivalWorkload.analyse(patients))
    }
    report(m)
}
