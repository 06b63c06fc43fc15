import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Batch progress on standard error: a bar redrawn in place on a terminal, one plain line per
/// finished figure otherwise (logs, CI, pipes).
final class BatchProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private let terminal: Bool
    private let quiet: Bool

    init(total: Int, quiet: Bool) {
        self.total = total
        self.quiet = quiet
        terminal = isatty(STDERR_FILENO) != 0
    }

    func finished(_ outcome: FigureOutcome) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        guard !quiet else { return }
        let status = outcome.confidence.rawValue
        if terminal {
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let line = "\r\u{1B}[K[\(bar)] \(done)/\(total)  \(outcome.figure.name): \(status)"
            FileHandle.standardError.write(Data(line.utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            printError("[\(done)/\(total)] \(outcome.figure.name): \(status) (\(String(format: "%.2f", outcome.seconds)) s)"
                       + (outcome.error.map { ": \($0)" } ?? ""))
        }
    }

    /// Ends an unfinished bar line so later messages start on their own line.
    func interrupt() {
        lock.lock()
        defer { lock.unlock() }
        if terminal, done < total, !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
