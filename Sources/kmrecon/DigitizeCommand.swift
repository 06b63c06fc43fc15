import ArgumentParser
import Foundation
import KMRecon

/// `kmrecon digitize`: a figure spec in, traced curve points and censor marks out.
struct DigitizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digitize",
        abstract: "Trace a Kaplan–Meier figure's curves (arm,time,survival,kind CSV).",
        discussion: "Writes both corners of every drop (kind = step) and the censor marks found (kind = censor); survival is a probability."
    )

    @Argument(help: ArgumentHelp("The figure spec.", valueName: "SPEC.json"))
    var spec: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the points.", valueName: "POINTS.csv"))
    var output: String

    @Flag(name: .long, help: "Do not print notes.")
    var quiet = false

    func run() throws {
        let figureSpec: FigureSpec
        do { figureSpec = try FigureSpec.load(spec) } catch { throw CommandFailure(error.description) }
        let figure: DigitizedFigure
        do { figure = try digitizeFigure(figureSpec) } catch { throw CommandFailure(error.description) }
        try writeAtomically(pointsCSV(figure), to: output)
        if !quiet {
            for note in figure.notes { printError("note: \(note)") }
        }
    }
}
