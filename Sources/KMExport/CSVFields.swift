import KMImage

/// How every CSV file KMRecon writes spells its fields, so that all of them read back the same.

/// Quotes a CSV field when it holds a comma, a quote or a line break.
public func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// A number as a CSV field: whole numbers without ".0" (`12`), others in Swift's shortest form
/// that reads back as the same double (`0.1`, `494.24531`), so no precision is lost between a
/// writer and a reader.
public func csvNumber(_ x: Double) -> String {
    printedNumber(x)
}
