import ArgumentParser
import Foundation
import KMRecon

/// `kmrecon extract`: figure specs in, reconstructed patients out; with an overlay PNG and a
/// JSON trust report on request, and a batch form over folders of specs.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Read Kaplan–Meier figures and rebuild their patients (arm,time,event CSV).",
        discussion: """
        SPEC.json is a km-figure-spec/1 file: the figure, its tick labels, arms and numbers at risk. What it leaves out (the tick labels, an arm's at_risk table unless it gives n) is read from the figure; typed values win. --write-spec COMPLETED.json writes the spec with the typed and read values together.

        One figure: kmrecon extract SPEC.json -o IPD.csv [--overlay OVERLAY.png] [--report REPORT.json]

        A batch: kmrecon extract DIR_OR_SPEC... --out-dir OUT [--jobs N] takes every *.json spec in the given folders and spec.json in their subfolders, and writes OUT/NAME.csv, OUT/NAME.overlay.png and OUT/NAME.report.json per figure (NAME is the folder name for spec.json, else the file name without .json). It exits non-zero when any figure failed.
        """
    )

    @Argument(help: ArgumentHelp("The figure spec, or for a batch, spec files and folders.", valueName: "SPEC.json"))
    var specs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the patients (one figure).", valueName: "IPD.csv"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Also write an overlay PNG: the traced and reconstructed curves over the figure (one figure).", valueName: "OVERLAY.png"))
    var overlay: String?

    @Option(name: .long, help: ArgumentHelp("Also write the JSON trust report: calibration, per-arm checks, confidence (one figure).", valueName: "REPORT.json"))
    var report: String?

    @Option(name: .customLong("write-spec"), help: ArgumentHelp("Also write the completed spec: typed values plus those read from the figure (one figure).", valueName: "COMPLETED.json"))
    var writeSpec: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Batch: the folder for NAME.csv, NAME.overlay.png and NAME.report.json.", valueName: "OUT"))
    var outDir: String?

    @Option(name: .long, help: ArgumentHelp("Batch: figures processed at once (default: all cores).", valueName: "N"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("How the traced curve goes to IPDfromKM: 'inferred' (whole-number risk sets inferred at every drop, a denser at-risk table; a drop's tied events spread over its pixel column; the last censoring at the curve's end, others censored there at the tail's censor marks) or 'plain' (the traced corners and the printed table, as IPDfromKM users give them; IPDfromKM's patients unchanged).", valueName: "inferred|plain"))
    var feed: FeedChoice = .inferred

    @Flag(name: .long, help: "Do not print notes, warnings or progress.")
    var quiet = false

    func validate() throws {
        if outDir != nil {
            guard output == nil, overlay == nil, report == nil, writeSpec == nil else {
                throw ValidationError("--out-dir writes NAME.csv, NAME.overlay.png and NAME.report.json itself; drop -o, --overlay, --report and --write-spec")
            }
        } else {
            guard specs.count == 1 else {
                throw ValidationError("\(specs.count) specs given: use --out-dir OUT for a batch, or give one SPEC.json with -o IPD.csv")
            }
            guard output != nil else { throw ValidationError("missing -o IPD.csv (or --out-dir OUT for a batch)") }
            guard jobs == nil else { throw ValidationError("--jobs applies to batches only (with --out-dir)") }
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
    }

    func run() throws {
        if let outDir { return try runBatch(outDir: outDir) }
        guard let output else { return }
        // The confidence and its reasons are printed unless --quiet; quiet with neither an
        // overlay nor a report, the trust checks are skipped.
        if quiet && overlay == nil && report == nil { return try runPatientsOnly(output: output) }
        try runWithTrustOutputs(output: output)
    }

    /// Patients only (and the completed spec on request), printing nothing: --quiet without
    /// an overlay or report.
    private func runPatientsOnly(output: String) throws {
        let figureSpec: FigureSpec
        do { figureSpec = try FigureSpec.load(specs[0]) } catch { throw CommandFailure(error.description) }
        let prepared: PreparedFigure
        let results: [ArmResult]
        do {
            prepared = try prepareFigure(figureSpec)
            results = try reconstructArms(prepared.spec, prepared.figure, feed: feed.reconstructionFeed)
        } catch { throw CommandFailure(error.description + writePartialSpec(figureSpec, to: writeSpec)) }
        try writeAtomically(patientsCSV(results), to: output)
        if let writeSpec { try writeAtomically(prepared.spec.json(), to: writeSpec) }
    }

    /// One figure with its trust checks (printed, and in the overlay and report when asked for).
    /// A failed extraction still writes its report.
    private func runWithTrustOutputs(output: String) throws {
        let extraction: FigureExtraction
        do {
            let figureSpec = try FigureSpec.load(specs[0])
            do { extraction = try extractFigure(figureSpec, feed: feed.reconstructionFeed) } catch {
                if let report { try writeAtomically(FigureReport(failedSpec: specs[0], imagePath: figureSpec.imagePath, error: error.description).json(), to: report) }
                throw CommandFailure(error.description + writePartialSpec(figureSpec, to: writeSpec))
            }
        } catch let error as SpecError {
            if let report { try writeAtomically(FigureReport(failedSpec: specs[0], error: error.description).json(), to: report) }
            throw CommandFailure(error.description)
        }
        let figureReport = FigureReport(extraction)
        try writeAtomically(patientsCSV(extraction.arms), to: output)
        if let overlay {
            do { try writeAtomically(PNGWriter.encode(overlayImage(extraction, report: figureReport)), to: overlay) } catch {
                throw CommandFailure("\(error)")
            }
        }
        if let report { try writeAtomically(figureReport.json(), to: report) }
        if let writeSpec { try writeAtomically(extraction.spec.json(), to: writeSpec) }
        if !quiet {
            for line in extraction.reading.summaryLines { printError(line) }
            printArmLines(extraction.arms)
            printError("confidence: \(figureReport.confidence.rawValue)")
            for reason in figureReport.reasons { printError("  \(reason)") }
        }
    }

    private func printArmLines(_ results: [ArmResult]) {
        for r in results {
            let events = r.reconstruction.eventCount
            printError("\(r.name): \(r.reconstruction.patients.count) patients, \(events) events (assignment confidence \(formatted(r.curve.assignmentConfidence)))")
        }
    }

    private func runBatch(outDir: String) throws {
        let figures = try batchFigures(specs)
        do { try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true) } catch {
            throw CommandFailure("cannot create the output folder \(outDir): \(error.localizedDescription)")
        }
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let outputs = figures.flatMap { ["\($0.name).csv", "\($0.name).overlay.png", "\($0.name).report.json"] }
        let gate = OutputGate(folder: outDir, outputs: outputs)
        let progress = BatchProgress(total: figures.count, quiet: quiet)
        gate.installSignalWatcher { signal in
            progress.interrupt()
            printError("interrupted (signal \(signal)): stopped; files already written are complete, none is half-written")
        }
        if !quiet { printError("extracting \(figures.count) figure(s) on \(min(jobs, figures.count)) job(s) into \(outDir)") }
        let clock = ContinuousClock()
        let start = clock.now
        // One pool for the batch: each job thread loads the OCR model at most once.
        let ocr = OCRPool(threadsPerFigure: jobs > 1 ? 1 : nil)
        let outcomes = runBatchFigures(figures, outDir: outDir, jobs: jobs, feed: feed.reconstructionFeed, ocr: ocr, gate: gate, progress: progress)
        let elapsed = clock.now - start
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print(summaryTable(outcomes, wallSeconds: wall, jobs: min(jobs, figures.count)), terminator: "")
        if outcomes.contains(where: { $0.confidence == .failed }) { throw ExitCode(1) }
    }
}

/// The `--feed` choice.
enum FeedChoice: String, ExpressibleByArgument, CaseIterable {
    case inferred, plain

    var reconstructionFeed: ReconstructionFeed {
        switch self {
        case .inferred: return .inferredAtRisk
        case .plain: return .plain
        }
    }
}
