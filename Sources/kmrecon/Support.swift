import Foundation

/// An error whose description is the whole one-line message the user sees.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Prints one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// A number with at most 6 significant digits, for display.
func formatted(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NA" : (x > 0 ? "Inf" : "-Inf") }
    return String(format: "%.6g", x)
}
