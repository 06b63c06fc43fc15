/// An axis-aligned box of pixels, inclusive on all sides, origin at the image's top-left.
public struct PixelBox: Sendable, Hashable, CustomStringConvertible {
    /// First column, pixels.
    public var left: Int
    /// First row, pixels.
    public var top: Int
    /// Last column, pixels (inclusive).
    public var right: Int
    /// Last row, pixels (inclusive).
    public var bottom: Int

    public init(left: Int, top: Int, right: Int, bottom: Int) {
        self.left = left; self.top = top; self.right = right; self.bottom = bottom
    }

    /// Width in pixels.
    public var width: Int { right - left + 1 }
    /// Height in pixels.
    public var height: Int { bottom - top + 1 }
    /// Horizontal centre, pixels.
    public var centerX: Double { Double(left + right) / 2 }
    /// Vertical centre, pixels.
    public var centerY: Double { Double(top + bottom) / 2 }

    /// The smallest box holding both.
    public func union(_ other: PixelBox) -> PixelBox {
        PixelBox(left: min(left, other.left), top: min(top, other.top),
                 right: max(right, other.right), bottom: max(bottom, other.bottom))
    }

    public var description: String { "[\(left), \(top), \(right), \(bottom)]" }
}
