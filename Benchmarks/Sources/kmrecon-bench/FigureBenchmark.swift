import Dispatch
import Foundation
import KMRecon
#if canImport(Glibc)
import Glibc
#endif

/// User + system CPU time of this process so far, in seconds.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// `kmrecon-bench figures`: per SampleCurves figure, the medians of PNG decoding alone,
/// calibration + tracing (`digitize` on the decoded raster), reconstruction of every arm, and
/// the whole `extractPatients` (spec → patients, from the file); the ratio whole / decode
/// (target ≤ 2); peak memory per figure against the decoded image (target ≤ 4×); and batch
/// throughput on all cores against one (target ≥ 1.8× on 2 cores).
func figureBenchmarks(sampleCurves: URL, executable: String) throws {
    let specs = sampleFigureSpecs(sampleCurves)
    guard !specs.isEmpty else { print("skipped figures: no spec.json under \(sampleCurves.path)"); return }
    print("figures: \(specs.count) from \(sampleCurves.path); medians in ms")
    print(row(["figure", "pixels", "decode", "digitize", "reconstr", "extract", "ratio", "+trust", "peak MB", "peak/img"]))
    var ratios: [Double] = [], memoryRatios: [Double] = [], decodeRatios: [Double] = []
    for (name, path) in specs {
        let spec = try FigureSpec.load(path)
        let request = try spec.digitizeRequest()
        let raster = try PNGReader.read(contentsOf: spec.imagePath)
        let figure = try digitize(raster, request)
        let decode = measure("decode", warmup: 1, minRuns: 7, minSeconds: 0.3) { blackHole(try! PNGReader.read(contentsOf: spec.imagePath)) }
        let trace = measure("digitize", warmup: 1, minRuns: 7, minSeconds: 0.3) { blackHole(try! digitize(raster, request)) }
        let rebuild = measure("reconstruct", warmup: 1, minRuns: 7, minSeconds: 0.3) { blackHole(try! reconstructArms(spec, figure)) }
        let whole = measure("extract", warmup: 1, minRuns: 7, minSeconds: 0.3) { blackHole(try! extractPatients(spec)) }
        let trust = measure("extract+report+overlay", warmup: 1, minRuns: 5, minSeconds: 0.3) { blackHole(try! trustOutputs(spec)) }
        let ratio = whole.median / decode.median
        ratios.append(ratio)
        let imageBytes = raster.width * raster.height * 3
        let memory = peakMemory(executable: executable, spec: path)
        let memoryRatio = memory.map { Double($0) / Double(imageBytes) }
        let decodeMemory = peakMemory(executable: executable, spec: path, decodeOnly: true)
        if let decodeMemory { decodeRatios.append(Double(decodeMemory) / Double(imageBytes)) }
        if let memoryRatio { memoryRatios.append(memoryRatio) }
        print(row([name, "\(raster.width)x\(raster.height)", ms(decode.median), ms(trace.median), ms(rebuild.median), ms(whole.median),
                   String(format: "%.2f", ratio), ms(trust.median),
                   memory.map { String(format: "%.1f", Double($0) / 1_048_576) } ?? "n/a",
                   memoryRatio.map { String(format: "%.2f", $0) } ?? "n/a"]))
    }
    let sortedRatios = ratios.sorted(), sortedMemory = memoryRatios.sorted()
    print(String(format: "extract / decode: median %.2f, max %.2f (target <= 2)", sortedRatios[sortedRatios.count / 2], sortedRatios.last!))
    if !sortedMemory.isEmpty {
        print(String(format: "peak memory / decoded image: median %.2f, max %.2f (target <= 4)", sortedMemory[sortedMemory.count / 2], sortedMemory.last!))
        let d = decodeRatios.sorted()
        if !d.isEmpty { print(String(format: "  of which PNG decoding alone: median %.2f, max %.2f", d[d.count / 2], d.last!)) }
    }
    try batchThroughput(specs.map(\.1))
}

/// Every SampleCurves/NAME/spec.json, by name.
func sampleFigureSpecs(_ folder: URL) -> [(String, String)] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    return names.compactMap { name in
        let spec = folder.appendingPathComponent(name).appendingPathComponent("spec.json").path
        return FileManager.default.fileExists(atPath: spec) ? (name, spec) : nil
    }
}

/// What a batch computes per figure besides the patients: the report and the encoded overlay.
func trustOutputs(_ spec: FigureSpec) throws -> (String, String, Data) {
    let extraction = try extractFigure(spec)
    let report = FigureReport(extraction)
    return (patientsCSV(extraction.arms), report.json(), try PNGWriter.encode(overlayImage(extraction, report: report)))
}

/// Figures per second for the batch work (extract + report + overlay, no file writes), on one
/// thread and on every core, each over the figure list repeated to give every core work.
func batchThroughput(_ specPaths: [String]) throws {
    let specs = try specPaths.map { try FigureSpec.load($0) }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let work = Array(repeating: specs, count: max(2, 8 / max(1, specs.count) + 1)).flatMap { $0 }
    /// Figures per second and the cores busy on average (process CPU time / wall time).
    func run(jobs: Int) -> (rate: Double, busy: Double) {
        final class Counter: @unchecked Sendable {
            let lock = NSLock(); var next = 0
            func take() -> Int { lock.lock(); defer { lock.unlock() }; next += 1; return next - 1 }
        }
        let counter = Counter()
        let cpuStart = processCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            while true {
                let i = counter.take()
                guard i < work.count else { return }
                blackHole(try! trustOutputs(work[i]))
            }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (Double(work.count) / wall, (processCPUSeconds() - cpuStart) / wall)
    }
    _ = run(jobs: cores)   // warm-up
    let one = run(jobs: 1), all = run(jobs: cores)
    print(String(format: "batch throughput (%d figures, extract+report+overlay): 1 job %.2f figures/s, %d jobs %.2f figures/s, speed-up %.2fx (target >= 1.8x on 2 cores)",
                 work.count, one.rate, cores, all.rate, all.rate / one.rate))
    print(String(format: "  cores busy on average: %.2f with 1 job, %.2f with %d jobs (below %d means other processes took CPU time or the work serialised)",
                 one.busy, all.busy, cores, cores))
}

/// The peak memory one `extractPatients` adds, in bytes, measured in a fresh child process
/// (`kmrecon-bench figure-memory SPEC`); nil when the child could not measure it.
func peakMemory(executable: String, spec: String, decodeOnly: Bool = false) -> Int? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["figure-memory", spec] + (decodeOnly ? ["decode"] : [])
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

/// In the child: resident memory before the figure (after loading the spec, so Foundation and
/// the binary are paged in), then the high-water mark reset (Linux: "5" into
/// /proc/self/clear_refs), then one `extractPatients`, then the new high-water mark (VmHWM).
/// Prints the difference in bytes. Where clear_refs cannot be written, falls back to
/// getrusage's ru_maxrss, which then includes the start-up peak.
/// With `decodeOnly`, measures `PNGReader.read` alone.
func figureMemoryChild(spec path: String, decodeOnly: Bool = false) throws {
    let spec = try FigureSpec.load(path)
    _ = try spec.digitizeRequest()
    let before = procStatus("VmRSS") ?? 0
    let reset = (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
    if decodeOnly { blackHole(try PNGReader.read(contentsOf: spec.imagePath)) } else { blackHole(try extractPatients(spec)) }
    var peak = reset ? procStatus("VmHWM") : nil
    if peak == nil {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        peak = Int(usage.ru_maxrss) * 1024   // kB on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        peak = Int(usage.ru_maxrss)          // bytes on macOS
        #endif
    }
    print(max(0, (peak ?? 0) - before))
}

/// A `/proc/self/status` field in bytes (the file gives kB).
func procStatus(_ key: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
        let digits = line.split(separator: " ").dropFirst().first { Int($0) != nil }
        return digits.flatMap { Int($0) }.map { $0 * 1024 }
    }
    return nil
}

private func ms(_ seconds: Double) -> String { String(format: "%.2f", seconds * 1000) }

private func row(_ cells: [String]) -> String {
    let widths = [26, 10, 8, 9, 9, 8, 6, 8, 8, 8]
    return zip(cells, widths).enumerated().map { i, pair in
        let (cell, w) = pair
        let padding = String(repeating: " ", count: max(0, w - cell.count))
        return i == 0 ? cell + padding : padding + cell
    }.joined(separator: " ")
}
