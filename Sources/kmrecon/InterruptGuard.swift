import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serialises a batch's output writes and stops them cleanly on SIGINT or SIGTERM.
///
/// Every figure's files are written while holding the gate (each through `writeAtomically`:
/// a temporary file renamed into place). A signal is taken by a watcher thread (the signals
/// are blocked everywhere else), which closes the gate — waiting for a write in progress to
/// finish its rename — removes any stray temporary files of ours in the output folder, and
/// exits. So an interrupted batch leaves only complete files and no `*.tmp`.
final class OutputGate: @unchecked Sendable {
    private let lock = NSLock()
    private var closed = false
    let folder: String
    /// The file names this batch writes in `folder`; only their temporary files are removed.
    let outputs: [String]

    init(folder: String, outputs: [String]) {
        self.folder = folder
        self.outputs = outputs
    }

    struct Interrupted: Error {}

    /// Runs `body` (the writes of one figure) unless the gate is closed.
    func write(_ body: () throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        if closed { throw Interrupted() }
        try body()
    }

    /// Blocks SIGINT and SIGTERM in this thread (and so in every thread started after it) and
    /// starts the watcher. Call before any worker thread exists.
    func installSignalWatcher(onSignal: @escaping @Sendable (Int32) -> Void) {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let watched = set
        let thread = Thread { [self] in
            var signals = watched
            var received: Int32 = 0
            while sigwait(&signals, &received) != 0 {}
            self.close()
            onSignal(received)
            exit(128 + received)
        }
        thread.start()
    }

    /// Closes the gate for good (never reopened) and removes our stray temporary files.
    private func close() {
        lock.lock()
        closed = true
        // Keep the lock: no write may start after this.
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasSuffix(".tmp") && outputs.contains(where: { entry.hasPrefix("." + $0 + ".") }) {
            try? fm.removeItem(atPath: (folder as NSString).appendingPathComponent(entry))
        }
    }
}
