/// Where the plot sits on the figure, as plain pixel positions (origin top-left, x to the
/// right, y down). The OCR stage takes these from whoever found the axes; it never finds them
/// itself.
public struct PlotLayout: Sendable, Equatable {
    /// Left edge of the plot panel (the y axis line, where drawn), pixels.
    public var left: Double
    /// Top edge of the panel, pixels.
    public var top: Double
    /// Right edge of the panel, pixels.
    public var right: Double
    /// Bottom edge of the panel (the x axis line, where drawn), pixels.
    public var bottom: Double
    /// Columns of the x tick marks, pixels, when known: labels are then snapped to them.
    public var xTickPixels: [Double]?
    /// Rows of the y tick marks, pixels, when known.
    public var yTickPixels: [Double]?

    public init(left: Double, top: Double, right: Double, bottom: Double,
                xTickPixels: [Double]? = nil, yTickPixels: [Double]? = nil) {
        self.left = left; self.top = top; self.right = right; self.bottom = bottom
        self.xTickPixels = xTickPixels
        self.yTickPixels = yTickPixels
    }

    /// Panel width, pixels.
    public var width: Double { right - left }
    /// Panel height, pixels.
    public var height: Double { bottom - top }
}
