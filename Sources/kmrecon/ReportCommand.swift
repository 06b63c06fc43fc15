import ArgumentParser
import Foundation
import KMRecon

/// `kmrecon report`: Kaplan–Meier summaries, log-rank test and Cox hazard ratios of a
/// patient-level file.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Survival statistics of patient-level data: medians, landmarks, RMST, log-rank and Cox.",
        discussion: """
        IPD.csv has columns arm,time,event (1 = event, 0 = censored) and any others, such as the \
        study column written by `kmrecon pool`. Numbers follow R's survival package (survfit, \
        quantile, survdiff, coxph). Warnings about degenerate data go to the end of the table \
        (and to standard error with --json).
        """
    )

    @Argument(help: ArgumentHelp("Patients, CSV with columns arm,time,event.", valueName: "IPD.csv"))
    var input: String

    @Option(name: .long, help: "Reference arm of the hazard ratios (default: the first arm in the file).")
    var reference: String?

    @Option(name: .long, help: ArgumentHelp("Stratify the log-rank test and the Cox model by this column.", valueName: "COLUMN"))
    var strata: String?

    @Option(name: .long, help: ArgumentHelp("Times at which to report survival, comma-separated.", valueName: "12,24,36"))
    var landmarks: String?

    @Option(name: .long, help: ArgumentHelp("Horizon of the restricted mean survival time (default: the largest time).", valueName: "T"))
    var tau: Double?

    @Option(name: .long, help: ArgumentHelp("Tie handling in the Cox model: efron or breslow.", valueName: "efron|breslow"))
    var ties: String = "efron"

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if CoxTies(rawValue: ties) == nil { throw ValidationError("--ties must be efron or breslow, got '\(ties)'") }
        if let tau, !(tau.isFinite && tau > 0) { throw ValidationError("--tau must be a time > 0, got \(tau)") }
        _ = try landmarkTimes()
    }

    /// The `--landmarks` list as times.
    func landmarkTimes() throws -> [Double] {
        guard let landmarks else { return [] }
        return try landmarks.split(separator: ",").map { item in
            let text = item.trimmingCharacters(in: .whitespaces)
            guard let t = Double(text), t.isFinite, t >= 0 else {
                throw ValidationError("--landmarks: '\(text)' is not a time ≥ 0; give times like 12,24,36")
            }
            return t
        }
    }

    func run() throws {
        let patients = try PatientCSV.read(input, strataColumn: strata)
        let comparison: SurvivalComparison
        do {
            comparison = try SurvivalComparison(patients, reference: reference, stratifiedBy: strata,
                                                landmarks: landmarkTimes(), tau: tau, ties: CoxTies(rawValue: ties) ?? .efron)
        } catch let error as SurvivalError {
            throw CommandFailure("\(input): \(error)")
        }
        if json {
            print(comparison.jsonText())
            for warning in comparison.warnings { printError("warning: \(warning)") }
        } else {
            print(comparison.tableText(), terminator: "")
        }
    }
}
