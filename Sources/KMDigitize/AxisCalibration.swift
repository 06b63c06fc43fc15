/// A linear map between one pixel coordinate and axis values: `value = intercept + slope * pixel`.
///
/// For the x axis, `pixel` is a column and `value` a time in the figure's unit; for the y axis,
/// `pixel` is a row (growing downwards, so `slope` is negative) and `value` a survival
/// probability in [0, 1].
public struct AxisCalibration: Sendable, Equatable {
    public var intercept: Double
    public var slope: Double

    public init(intercept: Double, slope: Double) {
        self.intercept = intercept
        self.slope = slope
    }

    /// The axis value at a pixel coordinate.
    public func value(atPixel pixel: Double) -> Double { intercept + slope * pixel }

    /// The pixel coordinate of an axis value.
    public func pixel(forValue value: Double) -> Double { (value - intercept) / slope }
}
