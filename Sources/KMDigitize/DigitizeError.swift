import KMImage

/// Why a figure could not be read. Each message says what to put in the spec to get past it.
public enum DigitizeError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooFewTicks(axis: String, count: Int)
    case ticksNotIncreasing(axis: String)
    case ticksNotMatched(axis: String, ticks: [Double], marksFound: Int)
    case calibrationOffImage(axis: String, pixel: Double, size: Int)
    case badManualCalibration(axis: String)
    case colorNotInFigure(arm: String, color: String)
    case noCurveFound(arm: String)
    case imageTooSmall(width: Int, height: Int)

    public var description: String {
        switch self {
        case let .tooFewTicks(axis, count):
            return "the \(axis) axis needs at least 2 tick values (got \(count)); list the printed tick labels in \"\(axis)_axis\": {\"ticks\": [...]}"
        case let .ticksNotIncreasing(axis):
            return "the \(axis) axis tick values must increase; list them as printed, left to right (bottom to top for y)"
        case let .ticksNotMatched(axis, ticks, marksFound):
            let list = ticks.map(printedNumber).joined(separator: ", ")
            return "could not match the \(axis) ticks [\(list)] to tick marks or grid lines on the image (\(marksFound) candidate tick marks found); check the tick values or add \"calibration\": {\"\(axis)\": [[pixel, value], [pixel, value]]} to the spec"
        case let .calibrationOffImage(axis, pixel, size):
            return "the \(axis) calibration puts a tick at pixel \(printedNumber(pixel.rounded())), outside the image (0–\(size - 1)); check the spec's ticks or calibration"
        case let .badManualCalibration(axis):
            return "the \(axis) calibration needs two [pixel, value] pairs with different pixels and values"
        case let .colorNotInFigure(arm, color):
            return "arm \"\(arm)\": colour \(color) was not found in the plot; check the hex code or leave \"color\" out"
        case let .noCurveFound(arm):
            return "arm \"\(arm)\": no curve found in the plot panel; give its colour as \"color\": \"#RRGGBB\""
        case let .imageTooSmall(width, height):
            return "the image is \(width)x\(height) pixels, too small to hold a plot"
        }
    }
}
