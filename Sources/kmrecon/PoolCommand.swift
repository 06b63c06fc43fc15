import ArgumentParser
import Foundation
import KMRecon

/// `kmrecon pool`: stack reconstructed files from several studies into one file with a `study`
/// column, ready for `kmrecon report --strata study`.
struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool",
        abstract: "Stack patient files from several studies into one, with a study column.",
        discussion: """
        Each input has columns arm,time,event. The output has study,arm,time,event; the study \
        is the file name without its extension unless --study-names is given. The output is \
        written whole or not at all.
        """
    )

    @Argument(help: ArgumentHelp("Patient files, one per study.", valueName: "A.csv B.csv"))
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the pooled patients.", valueName: "POOLED.csv"))
    var output: String

    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("Study labels, one per input (space- or comma-separated).", valueName: "NAME"))
    var studyNames: [String] = []

    /// One label per input.
    var labels: [String] {
        if studyNames.isEmpty {
            return inputs.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        }
        return studyNames.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one patient file to pool") }
        let labels = labels
        if !studyNames.isEmpty, labels.count != inputs.count {
            throw ValidationError("--study-names gave \(labels.count) name(s) for \(inputs.count) file(s); give one per file")
        }
        if let blank = labels.firstIndex(where: \.isEmpty) {
            throw ValidationError("study name \(blank + 1) is blank; give a label for every file")
        }
        var seen = Set<String>()
        if let duplicate = labels.first(where: { !seen.insert($0).inserted }) {
            throw ValidationError("two inputs have the study name '\(duplicate)'; give distinct --study-names")
        }
    }

    func run() throws {
        var studies: [(name: String, patients: [PatientRecord])] = []
        for (path, name) in zip(inputs, labels) {
            let patients = try PatientCSV.read(path)
            if patients.contains(where: { $0.study != nil }) {
                throw CommandFailure("\(path): already has a 'study' column; pool files that each hold one study")
            }
            studies.append((name, patients))
        }
        try writeAtomically(PatientCSV.pooledText(studies), to: output)
        let total = studies.reduce(0) { $0 + $1.patients.count }
        print("pooled \(total) patients from \(studies.count) studies → \(output)")
    }
}
