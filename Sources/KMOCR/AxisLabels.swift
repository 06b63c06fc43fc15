/// Which axis of the figure.
public enum FigureAxis: String, Sendable, Hashable {
    /// The horizontal time axis: labels under the panel, values grow to the right.
    case x
    /// The vertical survival axis: labels left of the panel, values grow upwards.
    case y
}

/// One tick label read off an axis and used in its calibration.
public struct TickLabel: Sendable, Equatable {
    /// The printed value (time for x; survival in printed units for y: 50 for "50%" or "50").
    public var value: Double
    /// The label's centre along the axis, pixels (a column for x, a row for y).
    public var labelPixel: Double
    /// The tick's position along the axis, pixels: the tick mark when snapped, else the label centre.
    public var tickPixel: Double
    /// The word it was read from (its box, text and votes).
    public var word: ReadWord
}

/// An axis calibrated from the tick labels printed on it: `value = intercept + slope · pixel`.
public struct AxisLabelCalibration: Sendable, Equatable {
    public var axis: FigureAxis
    /// Axis value at pixel 0.
    public var intercept: Double
    /// Axis value per pixel: positive for x, negative for y (rows grow downwards).
    public var slope: Double
    /// The labels that agree with the line, in increasing value.
    public var labels: [TickLabel]
    /// Root-mean-square distance between the tick positions and the line, pixels.
    public var rmsPixels: Double
    /// Largest such distance, pixels.
    public var maxResidualPixels: Double
    /// Whether the ticks are the tick marks' positions (given or found), not the label centres.
    public var snappedToTicks: Bool

    /// The printed tick values, increasing.
    public var ticks: [Double] { labels.map(\.value) }

    /// Whether a y axis is printed in percent: a `%` sign, or a largest label above 1.
    public var inPercent: Bool {
        labels.contains { $0.word.isPercent } || (labels.map(\.value).max() ?? 0) > 1
    }

    /// Whether every label was read confidently (``ReadWord/isConfident``).
    public var isConfident: Bool { labels.allSatisfy(\.word.isConfident) }

    /// Axis value at a pixel position (column for x, row for y).
    public func value(atPixel pixel: Double) -> Double { intercept + slope * pixel }

    /// Pixel position of an axis value.
    public func pixel(forValue value: Double) -> Double { (value - intercept) / slope }
}
