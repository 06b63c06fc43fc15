import Foundation

/// Errors from writing output files.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}

/// Writes a whole file or nothing: the bytes go to a temporary file in the same folder, which is
/// then renamed over the destination. A crash or an error part-way never leaves a half-written
/// file at `path`.
public func writeAtomically(_ data: Data, to path: String) throws(OutputError) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    do {
        try data.write(to: temporary, options: [])
    } catch {
        throw .cannotWrite(path: path, reason: describe(error))
    }
    if rename(temporary.path, url.path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw .cannotWrite(path: path, reason: reason)
    }
}

/// Writes text as UTF-8, atomically (see `writeAtomically(_:to:)`).
public func writeAtomically(_ text: String, to path: String) throws(OutputError) {
    try writeAtomically(Data(text.utf8), to: path)
}

private func describe(_ error: Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
       underlying.domain == NSPOSIXErrorDomain,
       let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
        return String(cString: strerror(code.rawValue))
    }
    return ns.localizedDescription
}
