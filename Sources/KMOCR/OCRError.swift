/// Why text could not be read from a figure. Messages say what to install or what to type.
public enum OCRError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libtesseract (or its English model) is not installed, so nothing can be read.
    case engineUnavailable(reason: String)
    /// An axis's tick labels could not be read with confidence; the reason says what was seen.
    case axisLabelsUnreadable(axis: FigureAxis, reason: String)
    /// No numbers-at-risk table was found under the x tick labels.
    case noAtRiskTable(reason: String)
    /// An arm's row of the at-risk table was found but cannot be trusted.
    case atRiskRowRejected(arm: String, reason: String)

    public var description: String {
        switch self {
        case let .engineUnavailable(reason):
            return "cannot read text from the figure: \(reason); install libtesseract (Debian: apt-get install libtesseract5 tesseract-ocr-eng) or type the tick labels and at-risk table into the spec"
        case let .axisLabelsUnreadable(axis, reason):
            return "cannot read the \(axis.rawValue) tick labels from the figure: \(reason); type them into the spec as \(axis.rawValue)_axis.ticks"
        case let .noAtRiskTable(reason):
            return "cannot read a numbers-at-risk table from the figure: \(reason); type each arm's at_risk table (or n) into the spec"
        case let .atRiskRowRejected(arm, reason):
            return "cannot trust the at-risk row read for arm \"\(arm)\": \(reason); type its at_risk table into the spec"
        }
    }
}
