import Dispatch
import Foundation
import KMRecon

/// What happened to one figure of a batch.
struct FigureOutcome: Sendable {
    let figure: BatchFigure
    let confidence: FigureConfidence
    let arms: Int
    let patients: Int
    let events: Int
    let seconds: Double
    /// The error for a failed figure; else the first reason to review, if any.
    let error: String?
    let firstReason: String?
}

/// Extracts one figure and writes OUT/NAME.csv, OUT/NAME.overlay.png and OUT/NAME.report.json
/// (only the report when extraction fails). Everything is computed first; the writes happen
/// together through the gate. `ocr` is the batch's shared pool of OCR engines.
func runFigure(_ figure: BatchFigure, outDir: String, feed: ReconstructionFeed, ocr: OCRPool = OCRPool(threadsPerFigure: 1),
               gate: OutputGate) throws -> FigureOutcome {
    let clock = ContinuousClock()
    let start = clock.now
    let base = (outDir as NSString).appendingPathComponent(figure.name)
    var files: [(String, Data)] = []
    var outcome: (FigureConfidence, Int, Int, Int, String?, String?)
    do {
        let spec = try FigureSpec.load(figure.specPath)
        do {
            let extraction = try extractFigure(spec, feed: feed, ocr: ocr)
            let report = FigureReport(extraction)
            let overlay = try PNGWriter.encode(overlayImage(extraction, report: report))
            files = [(base + ".csv", Data(patientsCSV(extraction.arms).utf8)), (base + ".overlay.png", overlay),
                     (base + ".report.json", Data(report.json().utf8))]
            outcome = (report.confidence, report.arms.count, report.arms.reduce(0) { $0 + $1.patients },
                       report.arms.reduce(0) { $0 + $1.events }, nil, report.reasons.first)
        } catch {
            let message = "\(error)"
            let report = FigureReport(failedSpec: figure.specPath, imagePath: spec.imagePath, error: message)
            files = [(base + ".report.json", Data(report.json().utf8))]
            outcome = (.failed, 0, 0, 0, message, nil)
        }
    } catch {
        let message = "\(error)"
        files = [(base + ".report.json", Data(FigureReport(failedSpec: figure.specPath, error: message).json().utf8))]
        outcome = (.failed, 0, 0, 0, message, nil)
    }
    try gate.write {
        for (path, data) in files { try writeAtomically(data, to: path) }
    }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return FigureOutcome(figure: figure, confidence: outcome.0, arms: outcome.1, patients: outcome.2, events: outcome.3,
                         seconds: seconds, error: outcome.4, firstReason: outcome.5)
}

/// Runs every figure on `jobs` threads (each takes the next figure when it is free); one
/// figure's failure never stops the others. Outcomes come back in the figures' order.
func runBatchFigures(_ figures: [BatchFigure], outDir: String, jobs: Int, feed: ReconstructionFeed, ocr: OCRPool = OCRPool(threadsPerFigure: 1),
                     gate: OutputGate, progress: BatchProgress) -> [FigureOutcome] {
    final class Results: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var outcomes: [FigureOutcome?]
        init(_ n: Int) { outcomes = Array(repeating: nil, count: n) }
        func take() -> Int { lock.lock(); defer { lock.unlock() }; next += 1; return next - 1 }
        func store(_ i: Int, _ o: FigureOutcome) { lock.lock(); outcomes[i] = o; lock.unlock() }
    }
    let results = Results(figures.count)
    DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, figures.count))) { _ in
        while true {
            let i = results.take()
            guard i < figures.count else { return }
            let outcome: FigureOutcome
            do {
                outcome = try runFigure(figures[i], outDir: outDir, feed: feed, ocr: ocr, gate: gate)
            } catch is OutputGate.Interrupted {
                return
            } catch {
                outcome = FigureOutcome(figure: figures[i], confidence: .failed, arms: 0, patients: 0, events: 0,
                                        seconds: 0, error: "\(error)", firstReason: nil)
            }
            results.store(i, outcome)
            progress.finished(outcome)
        }
    }
    return results.outcomes.compactMap { $0 }
}

/// The end-of-batch table: one row per figure, then the totals.
func summaryTable(_ outcomes: [FigureOutcome], wallSeconds: Double, jobs: Int) -> String {
    let nameWidth = max(6, outcomes.map(\.figure.name.count).max() ?? 6)
    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
    var out = pad("figure", nameWidth) + "  " + pad("result", 7) + lpad("arms", 5) + lpad("patients", 10)
        + lpad("events", 8) + lpad("seconds", 9) + "  note\n"
    for o in outcomes {
        var note = o.error ?? o.firstReason ?? ""
        if note.count > 90 { note = String(note.prefix(89)) + "…" }
        out += pad(o.figure.name, nameWidth) + "  " + pad(o.confidence.rawValue, 7) + lpad(String(o.arms), 5)
            + lpad(String(o.patients), 10) + lpad(String(o.events), 8) + lpad(String(format: "%.2f", o.seconds), 9)
            + "  " + note + "\n"
    }
    let count = { (c: FigureConfidence) in outcomes.filter { $0.confidence == c }.count }
    out += "\(outcomes.count) figure(s): \(count(.ok)) ok, \(count(.review)) review, \(count(.failed)) failed; "
        + String(format: "%.2f s on %d job(s)", wallSeconds, jobs) + "\n"
    return out
}
