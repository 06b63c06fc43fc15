/// Why what the spec leaves out could not be read from the figure. Every message names the
/// spec fields to type instead (or what to install).
public enum ReadingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The OCR engine (libtesseract and its English model) is not installed.
    /// `missing` lists the spec fields that would have been read.
    case engineUnavailable(missing: [String], reason: String)
    /// No axis line, panel border or grid was found to read the labels around.
    case plotNotFound(missing: [String])
    /// Some values could not be read with confidence; each failure says what to type.
    case unreadable(failures: [String])

    public var description: String {
        switch self {
        case let .engineUnavailable(missing, reason):
            return "the spec leaves out \(missing.joined(separator: ", ")), which must then be read from the figure, but the OCR engine cannot be loaded (\(reason)); install it (Debian/Ubuntu: apt-get install libtesseract5 tesseract-ocr-eng; macOS: brew install tesseract), or type \(missing.count == 1 ? "it" : "them") into the spec"
        case let .plotNotFound(missing):
            return "the spec leaves out \(missing.joined(separator: ", ")), but no axis line, panel border or grid was found on the figure to read them around; type \(missing.count == 1 ? "it" : "them") into the spec"
        case let .unreadable(failures):
            return failures.joined(separator: "; and ")
        }
    }
}
