import ArgumentParser
import Foundation
import KMRecon

/// `kmrecon extract`: a figure spec in, reconstructed patients out.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Read a Kaplan–Meier figure and rebuild its patients (arm,time,event CSV).",
        discussion: "SPEC.json is a km-figure-spec/1 file: the figure, its tick labels, arms and numbers at risk."
    )

    @Argument(help: ArgumentHelp("The figure spec.", valueName: "SPEC.json"))
    var spec: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the patients.", valueName: "IPD.csv"))
    var output: String

    @Flag(name: .long, help: "Do not print notes and warnings.")
    var quiet = false

    func run() throws {
        let figureSpec: FigureSpec
        do { figureSpec = try FigureSpec.load(spec) } catch { throw CommandFailure(error.description) }
        let results: [ArmResult]
        do { results = try extractPatients(figureSpec) } catch { throw CommandFailure(error.description) }
        try writeAtomically(patientsCSV(results), to: output)
        if !quiet {
            for r in results {
                let events = r.reconstruction.eventCount
                printError("\(r.name): \(r.reconstruction.patients.count) patients, \(events) events (assignment confidence \(formatted(r.curve.assignmentConfidence)))")
            }
        }
    }
}
