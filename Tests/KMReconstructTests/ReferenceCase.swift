import Foundation
@testable import KMReconstruct

/// Where `../shared` is, relative to this file: Tests/KMReconstructTests/ → package root → ..
let sharedFolder: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared")

let ipdfromkmCasesFolder = sharedFolder.appendingPathComponent("ipdfromkm/cases")

/// The names of the IPDfromKM reference cases (empty when ../shared is absent).
let referenceCaseNames: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: ipdfromkmCasesFolder.path)) ?? []
    return names.filter {
        FileManager.default.fileExists(atPath: ipdfromkmCasesFolder.appendingPathComponent("\($0)/points.csv").path)
    }.sorted()
}()

/// A small CSV reader for the reference files: header plus rows of fields, `NA`/`NULL` kept as text.
struct SimpleCSV {
    let header: [String]
    let rows: [[String]]

    init(_ url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        rows = lines.dropFirst().filter { !$0.isEmpty }
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func column(_ name: String) -> [String] {
        guard let i = header.firstIndex(of: name) else { fatalError("no column \(name) in \(header)") }
        return rows.map { $0[i] }
    }

    func doubles(_ name: String) -> [Double] { column(name).map { Double($0) ?? .nan } }
    func ints(_ name: String) -> [Int] { column(name).map { Int(Double($0)!) } }

    /// For two-column key,value files.
    var keyValues: [String: String] {
        Dictionary(rows.map { ($0[0], $0[1...].joined(separator: ",")) }, uniquingKeysWith: { a, _ in a })
    }
}

/// One IPDfromKM reference case: its inputs as `ReconstructionInput`.
struct ReferenceCase {
    let name: String
    let folder: URL
    let input: ReconstructionInput

    init(_ name: String) throws {
        self.name = name
        folder = ipdfromkmCasesFolder.appendingPathComponent(name)
        let params = try SimpleCSV(folder.appendingPathComponent("params.csv")).keyValues
        let points = try SimpleCSV(folder.appendingPathComponent("points.csv"))
        let curve = zip(points.doubles("time"), points.doubles("surv")).map { CurvePoint(time: $0, survival: $1) }
        var table: AtRiskTable? = nil
        let riskURL = folder.appendingPathComponent("risktable.csv")
        if FileManager.default.fileExists(atPath: riskURL.path) {
            let risk = try SimpleCSV(riskURL)
            table = try AtRiskTable(times: risk.doubles("trisk"), counts: risk.ints("nrisk"))
        }
        func optionalInt(_ key: String) -> Int? { params[key].flatMap { Double($0) }.map { Int($0) } }
        input = ReconstructionInput(points: curve, atRisk: table,
                                    totalPatients: optionalInt("totalpts"),
                                    totalEvents: optionalInt("tot_events"),
                                    scale: SurvivalScale(maxY: Double(params["maxy"] ?? "100") ?? 100))
    }

    func reference(_ file: String) throws -> SimpleCSV { try SimpleCSV(folder.appendingPathComponent(file)) }
}

/// |a − b| within `relative` of the larger magnitude (or 1e-12 absolute near zero).
func close(_ a: Double, _ b: Double, relative: Double = 1e-9) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= max(relative * max(abs(a), abs(b)), 1e-12)
}
