import Foundation
import Testing
@testable import KMSurvival

/// Where the shared reference data live: `<package root>/../shared`, found from this file's path.
enum SharedReference {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let survival = shared.appendingPathComponent("reference/survival")
    static let ipdfromkmCases = shared.appendingPathComponent("ipdfromkm/cases")

    static var survivalAvailable: Bool { FileManager.default.fileExists(atPath: survival.appendingPathComponent("README.md").path) }
    static var ipdfromkmAvailable: Bool { FileManager.default.fileExists(atPath: ipdfromkmCases.appendingPathComponent("ref_two_arm.csv").path) }

    /// The R reference data sets (NAME.csv + NAME.json) other than the pooled one.
    static var datasetNames: [String] {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: survival.path) else { return [] }
        return files.filter { $0.hasSuffix(".json") && $0 != "pooled_colon_by_nodes.json" }
            .map { String($0.dropLast(5)) }.sorted()
    }

    /// A CSV file as header-keyed rows (quotes stripped). Small and test-only.
    static func csv(_ url: URL) throws -> [[String: String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = fields(lines.removeFirst())
        return lines.map { Dictionary(uniqueKeysWithValues: zip(header, fields($0))) }
    }

    static func fields(_ line: String) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        }
    }

    /// The `arm,time,event[,study]` rows of a reference data set.
    static func patients(_ name: String) throws -> [PatientRecord] {
        try csv(survival.appendingPathComponent("\(name).csv")).map {
            PatientRecord(arm: $0["arm"]!, time: Double($0["time"]!)!, event: $0["event"] == "1", study: $0["study"])
        }
    }

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: survival.appendingPathComponent("\(name).json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}

/// A JSON number or null as `Double?`.
func number(_ value: Any?) -> Double? {
    guard let value, !(value is NSNull) else { return nil }
    return (value as? NSNumber)?.doubleValue
}

func numbers(_ value: Any?) -> [Double?] {
    if let array = value as? [Any] { return array.map(number) }
    return [number(value)]
}

/// Checks `actual` against R's `expected` to `relative` tolerance (absolute 1e-12 near zero);
/// both must be missing or both present.
func expectAgrees(_ actual: Double?, _ expected: Double?, relative: Double = 1e-6, _ what: @autoclosure () -> String,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    switch (actual, expected) {
    case (nil, nil): return
    case let (a?, e?):
        let ok = abs(a - e) <= relative * abs(e) + 1e-12
        #expect(ok, "\(what()): got \(a), R has \(e)", sourceLocation: sourceLocation)
    default:
        Issue.record("\(what()): got \(String(describing: actual)), R has \(String(describing: expected))", sourceLocation: sourceLocation)
    }
}

func expectAgrees(_ actual: [Double?], _ expected: [Double?], relative: Double = 1e-6, _ what: String,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.count == expected.count else {
        Issue.record("\(what): \(actual.count) values, R has \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        expectAgrees(a, e, relative: relative, "\(what)[\(i)]", sourceLocation: sourceLocation)
    }
}
