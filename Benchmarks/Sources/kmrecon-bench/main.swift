import Foundation
import KMRecon
import KMReconstruct
import KMSurvival

// kmrecon-bench [reconstruct|survival|figures|batch|all]  (profile-reconstruct, profile-figures: fixed work for callgrind;
// phases: decode / digitize / reconstruct timed inside one run; figure-memory SPEC: the child
// process that measures one figure's peak memory)
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

if which == "profile-figures" {
    // A fixed amount of work for valgrind --tool=callgrind: every SampleCurves figure's
    // extraction (decode, digitize, reconstruct), `kmrecon-bench profile-figures [REPEATS [NAME]]`
    // times; with NAME, only the figures whose folder name contains it.
    let repeats = CommandLine.arguments.dropFirst(2).first.flatMap { Int($0) } ?? 1
    let only = CommandLine.arguments.dropFirst(3).first
    let specs = try sampleFigureSpecs(packageRoot.appendingPathComponent("SampleCurves"))
        .filter { only == nil || $0.0.contains(only!) }.map { try FigureSpec.load($0.1) }
    for _ in 0..<repeats { for spec in specs { blackHole(try extractPatients(spec)) } }
}

if which == "phases" {
    // Where one extraction's wall time goes: decode, digitize and reconstruct timed inside the
    // same run, each figure `kmrecon-bench phases [REPEATS]` times (medians in ms).
    let repeats = CommandLine.arguments.dropFirst(2).first.flatMap { Int($0) } ?? 30
    let clock = ContinuousClock()
    func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15 }
    func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    print("figure                     decode  digitize  reconstr  sum    extract")
    for (name, path) in sampleFigureSpecs(packageRoot.appendingPathComponent("SampleCurves")) {
        let spec = try FigureSpec.load(path)
        let request = try spec.digitizeRequest()
        var decode: [Double] = [], trace: [Double] = [], rebuild: [Double] = [], whole: [Double] = []
        for _ in 0..<repeats {
            let t0 = clock.now
            let raster = try PNGReader.read(contentsOf: spec.imagePath)
            let t1 = clock.now
            let figure = try digitize(raster, request)
            let t2 = clock.now
            blackHole(try reconstructArms(spec, figure))
            let t3 = clock.now
            blackHole(try extractPatients(spec))
            let t4 = clock.now
            decode.append(ms(t1 - t0)); trace.append(ms(t2 - t1)); rebuild.append(ms(t3 - t2)); whole.append(ms(t4 - t3))
        }
        let parts = [median(decode), median(trace), median(rebuild)]
        print(name.padding(toLength: 26, withPad: " ", startingAt: 0)
              + ([parts[0], parts[1], parts[2], parts.reduce(0, +), median(whole)].map { String(format: "%8.2f", $0) }.joined()))
    }
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
