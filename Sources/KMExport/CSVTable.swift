import Foundation

/// Problems found while reading a CSV input file. Every message names the file and, where
/// there is one, the 1-based line number as a text editor shows it (the header is line 1).
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingFile(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case missingColumn(path: String, column: String, header: [String])
    case wrongFieldCount(path: String, line: Int, expected: Int, found: Int)
    case notANumber(path: String, line: Int, column: String, text: String)
    case notACount(path: String, line: Int, column: String, text: String)
    case invalid(path: String, line: Int?, problem: String)

    public var description: String {
        switch self {
        case let .missingFile(path):
            return "\(path): no such file"
        case let .unreadable(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .empty(path):
            return "\(path): the file is empty; expected a header line and data rows"
        case let .missingColumn(path, column, header):
            return "\(path), line 1: no column '\(column)' in the header (found: \(header.joined(separator: ",")))"
        case let .wrongFieldCount(path, line, expected, found):
            return "\(path), line \(line): \(found) fields, expected \(expected) like the header"
        case let .notANumber(path, line, column, text):
            let shown = text.isEmpty ? "a blank cell" : "'\(text)'"
            return "\(path), line \(line): column '\(column)' has \(shown), expected a finite number"
        case let .notACount(path, line, column, text):
            let shown = text.isEmpty ? "a blank cell" : "'\(text)'"
            return "\(path), line \(line): column '\(column)' has \(shown), expected a whole number ≥ 0"
        case let .invalid(path, line, problem):
            if let line { return "\(path), line \(line): \(problem)" }
            return "\(path): \(problem)"
        }
    }
}

/// A parsed CSV file: a header and rows of text fields, with the line number of each row.
///
/// The dialect is the one R, Python and spreadsheets write for numeric tables: comma-separated,
/// optional double quotes around a field (`""` inside quotes is a quote), `\n` or `\r\n` line
/// ends, blank lines ignored, a UTF-8 byte-order mark tolerated.
public struct CSVTable: Sendable {
    public let path: String
    public let header: [String]
    /// Data rows; `rows[i]` came from line `lineNumbers[i]` of the file.
    public let rows: [[String]]
    public let lineNumbers: [Int]

    /// Reads and splits a CSV file.
    public init(contentsOf path: String) throws(CSVError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        try self.init(text: text, path: path)
    }

    /// Splits CSV text; `path` is used in error messages only.
    public init(text: String, path: String) throws(CSVError) {
        self.path = path
        var records: [(line: Int, fields: [String])] = []
        var line = 1
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { line += 1 }
            var s = Substring(raw)
            if s.hasSuffix("\r") { s = s.dropLast() }
            if line == 1, s.hasPrefix("\u{FEFF}") { s = s.dropFirst() }
            if s.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            records.append((line, Self.split(s)))
        }
        guard let first = records.first else { throw .empty(path: path) }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [[String]] = []
        var numbers: [Int] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                throw .wrongFieldCount(path: path, line: record.line, expected: header.count, found: record.fields.count)
            }
            rows.append(record.fields.map { $0.trimmingCharacters(in: .whitespaces) })
            numbers.append(record.line)
        }
        self.rows = rows
        self.lineNumbers = numbers
    }

    /// The index of a column by name, or an error naming the file and the header found.
    public func column(_ name: String) throws(CSVError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw .missingColumn(path: path, column: name, header: header)
        }
        return index
    }

    /// A column as finite doubles; a blank, `NA`, `NaN`, infinite or non-numeric cell is an error.
    public func doubles(_ name: String) throws(CSVError) -> [Double] {
        let c = try column(name)
        var values: [Double] = []
        values.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            guard let v = Double(row[c]), v.isFinite else {
                throw .notANumber(path: path, line: lineNumbers[i], column: name, text: row[c])
            }
            values.append(v)
        }
        return values
    }

    /// A column as whole numbers ≥ 0 (`12` and `12.0` are accepted, `12.5` and `-1` are not).
    public func counts(_ name: String) throws(CSVError) -> [Int] {
        let c = try column(name)
        var values: [Int] = []
        values.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            guard let v = Double(row[c]), v.isFinite, v >= 0, v == v.rounded(), v < 1e15 else {
                throw .notACount(path: path, line: lineNumbers[i], column: name, text: row[c])
            }
            values.append(Int(v))
        }
        return values
    }

    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else { inQuotes = false }
                } else { field.append(ch) }
            } else if ch == "\"" {
                inQuotes = true
            } else if ch == "," {
                fields.append(field); field = ""
            } else {
                field.append(ch)
            }
        }
        fields.append(field)
        return fields
    }
}
