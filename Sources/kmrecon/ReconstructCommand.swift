import ArgumentParser
import Foundation
import KMRecon

/// `kmrecon reconstruct`: IPDfromKM's preprocess + getIPD on hand-digitised points.
struct ReconstructCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconstruct",
        abstract: "Rebuild patients from digitised points (IPDfromKM 0.1.10, exactly).",
        discussion: """
        POINTS.csv has columns time,surv; RISK.csv has trisk,nrisk. Writes one row per patient, \
        arm,time,event (1 = event, 0 = censored), and prints IPDfromKM's accuracy statistics. \
        Warnings about what IPDfromKM does silently go to standard error.
        """
    )

    @Option(name: .long, help: ArgumentHelp("Digitised points, CSV with columns time,surv.", valueName: "POINTS.csv"))
    var points: String

    @Option(name: .long, help: ArgumentHelp("Numbers at risk, CSV with columns trisk,nrisk.", valueName: "RISK.csv"))
    var riskTable: String?

    @Option(name: .long, help: "Patients at time 0; used only without a risk table.")
    var totalPatients: Int?

    @Option(name: .long, help: "Total events reported for the arm (caps censoring in the last interval).")
    var totalEvents: Int?

    @Option(name: .long, help: "100 if surv is in percent, 1 if it is a probability (IPDfromKM's maxy).")
    var maxY: Double = 1

    @Option(name: .long, help: "Label written in the arm column.")
    var arm: String = "1"

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the patients.", valueName: "IPD.csv"))
    var output: String

    @Flag(name: .long, help: "Do not print warnings.")
    var quiet = false

    func validate() throws {
        if riskTable == nil && totalPatients == nil {
            throw ValidationError("give --risk-table or --total-patients: IPDfromKM needs the number of patients")
        }
        if let n = totalPatients, n < 1 { throw ValidationError("--total-patients must be at least 1, got \(n)") }
        if let e = totalEvents, e < 0 { throw ValidationError("--total-events must be at least 0, got \(e)") }
    }

    func run() throws {
        let curve = try ReconstructionFiles.readPoints(points)
        let table = try riskTable.map { path throws(CSVError) in try ReconstructionFiles.readAtRiskTable(path) }
        let input = ReconstructionInput(points: curve, atRisk: table, totalPatients: totalPatients,
                                        totalEvents: totalEvents, scale: SurvivalScale(maxY: maxY))
        let result: Reconstruction
        do { result = try reconstruct(input) } catch { throw CommandFailure("\(points): \(error)") }
        try writeAtomically(PatientCSV.text([(arm, result.patients)]), to: output)

        let a = result.accuracy
        print("patients \(result.patients.count), events \(result.eventCount), censored \(result.censoredCount) → \(output)")
        print("points \(result.preprocessed.inputPointCount) read, \(result.points.count) after cleaning; \(result.intervals.count) risk interval(s)")
        print("RMSE \(a.rootMeanSquareError), mean abs error \(a.meanAbsoluteError), max error (signed) \(a.maxError), KS D \(formatted(a.ksStatistic)), KS p \(formatted(a.ksPValue))")
        if !quiet {
            for warning in result.warnings { printError("warning: \(warning)") }
        }
    }
}
