import Foundation
import KMReconstruct
import KMSurvival

// kmrecon-bench [reconstruct|survival|figures|batch|all]  (profile-reconstruct: fixed work for callgrind;
// figure-memory SPEC: the child process that measures one figure's peak memory)
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

if which == "figure-memory", CommandLine.arguments.count > 2 {
    try figureMemoryChild(spec: CommandLine.arguments[2], decodeOnly: CommandLine.arguments.dropFirst(3).first == "decode")
    exit(0)
}

if which == "figures" || which == "all" {
    try figureBenchmarks(sampleCurves: packageRoot.appendingPathComponent("SampleCurves"),
                         executable: CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
                            : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0])
}

if which == "batch" {
    try batchThroughput(sampleFigureSpecs(packageRoot.appendingPathComponent("SampleCurves")).map(\.1))
}

if which == "survival" || which == "all" {
    let patients = SurvivalWorkload.syntheticTrial()
    let m = measure("KM + log-rank + Cox, 10,000 patients × 4 arms") {
        blackHole(try! SurvivalWorkload.analyse(patients))
    }
    report(m)
}
