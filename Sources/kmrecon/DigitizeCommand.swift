import ArgumentParser
import Foundation
import KMRecon

/// `kmrecon digitize`: a figure spec in, traced curve points and censor marks out; optionally
/// the spec completed with what was read from the figure.
struct DigitizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digitize",
        abstract: "Trace a Kaplan–Meier figure's curves (arm,time,survival,kind CSV).",
        discussion: """
        Writes both corners of every drop (kind = step) and the censor marks found (kind = censor); survival is a probability.

        What the spec leaves out (tick labels, an arm's at_risk table) is read from the figure; --write-spec COMPLETED.json writes the spec with the typed and read values together, to check, correct and run again.
        """
    )

    @Argument(help: ArgumentHelp("The figure spec.", valueName: "SPEC.json"))
    var spec: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the points.", valueName: "POINTS.csv"))
    var output: String

    @Option(name: .customLong("write-spec"), help: ArgumentHelp("Also write the completed spec: typed values plus those read from the figure.", valueName: "COMPLETED.json"))
    var writeSpec: String?

    @Flag(name: .long, help: "Do not print notes.")
    var quiet = false

    func run() throws {
        let figureSpec: FigureSpec
        do { figureSpec = try FigureSpec.load(spec) } catch { throw CommandFailure(error.description) }
        let prepared: PreparedFigure
        do { prepared = try prepareFigure(figureSpec) } catch {
            throw CommandFailure(error.description + writePartialSpec(figureSpec, to: writeSpec))
        }
        try writeAtomically(pointsCSV(prepared.figure), to: output)
        if let writeSpec { try writeAtomically(prepared.spec.json(), to: writeSpec) }
        if !quiet {
            for line in prepared.reading.summaryLines { printError(line) }
            for reason in ConfidenceRules().readingReasons(prepared.reading) { printError("check: \(reason)") }
            for note in prepared.figure.notes { printError("note: \(note)") }
        }
    }
}

/// After a failed extraction: writes what could be read to `path` (when given and anything was
/// read) and returns the sentence that says so, else "".
func writePartialSpec(_ spec: FigureSpec, to path: String?) -> String {
    guard let path, let partial = partiallyCompletedSpec(spec), (try? writeAtomically(partial.json(), to: path)) != nil else { return "" }
    return "; what could be read is in \(path): add what is missing there and run again"
}
