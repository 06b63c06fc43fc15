import ArgumentParser

@main
struct KMReconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmrecon",
        abstract: "Turn published Kaplan–Meier figures into patient-level survival data.",
        subcommands: [ReconstructCommand.self, ExtractCommand.self, DigitizeCommand.self, ReportCommand.self, PoolCommand.self]
    )
}
