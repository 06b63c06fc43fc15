/// Why text could not be read from a figure. Messages say what to install or what to type.
public enum OCRError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libtesseract (or its English model) is not installed, so nothing can be read.
    case engineUnavailable(reason: String)

    public var description: String {
        switch self {
        case let .engineUnavailable(reason):
            return "cannot read text from the figure: \(reason); install libtesseract (Debian: apt-get install libtesseract5 tesseract-ocr-eng) or type the tick labels and at-risk table into the spec"
        }
    }
}
