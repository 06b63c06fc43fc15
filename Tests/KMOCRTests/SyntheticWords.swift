import KMImage
@testable import KMOCR

/// Read words placed by hand, for tests of the layout logic that need no OCR engine.
enum SyntheticWords {
    /// A number word centred at (`x`, `y`), pixels, with glyphs `height` px tall.
    static func number(_ value: Double, text: String? = nil, x: Double, y: Double, height: Int = 13, percent: Bool = false,
                       votes: Int = 4, color: RGB = .black) -> ReadWord {
        let shown = text ?? (value == value.rounded() ? String(Int(value)) : String(value)) + (percent ? "%" : "")
        return word(shown, value: value, x: x, y: y, height: height, percent: percent, votes: votes, color: color)
    }

    /// A text word centred at (`x`, `y`).
    static func text(_ text: String, x: Double, y: Double, height: Int = 13, color: RGB = .black) -> ReadWord {
        word(text, value: nil, x: x, y: y, height: height, percent: false, votes: 0, color: color)
    }

    private static func word(_ text: String, value: Double?, x: Double, y: Double, height: Int, percent: Bool,
                             votes: Int, color: RGB) -> ReadWord {
        let width = 2 * (text.count * height * 3 / 10) + 1   // odd, so the box centre is exactly x
        let left = Int((x - Double(width - 1) / 2).rounded()), top = Int((y - Double(height - 1) / 2).rounded())
        return ReadWord(box: PixelBox(left: left, top: top, right: left + width - 1, bottom: top + height - 1),
                        glyphHeight: height, text: text, value: value, isPercent: percent, votes: votes,
                        engineConfidence: 90, color: color)
    }

    /// A white raster with black rectangles (filled boxes, pixels inclusive).
    static func raster(width: Int, height: Int, boxes: [PixelBox]) -> Raster {
        var raster = Raster(width: width, height: height)
        for box in boxes {
            for y in box.top...box.bottom { for x in box.left...box.right { raster[x: x, y: y] = .black } }
        }
        return raster
    }
}
