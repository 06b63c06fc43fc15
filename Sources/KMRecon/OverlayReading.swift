import KMExport
import KMImage

extension OverlayPalette {
    /// Boxes around the words read from the figure that went into the spec (tick labels,
    /// at-risk cells): confident reads in this colour…
    public static let readWord = RGB(r: 0x00, g: 0x8C, b: 0xFF)
    /// …and numbers the reads did not agree on (fewer than 3 of 4 votes) in this one.
    public static let weakWord = RGB(r: 0xFF, g: 0x50, b: 0x00)
}

/// Draws a box, two pixels outside each word, around every word read from the figure that went
/// into the completed spec. Pixels as in ``ReadText/box``.
func drawReadWords(_ canvas: inout OverlayCanvas, _ reading: FigureReading) {
    for word in reading.wordsUsed where word.box.count == 4 {
        let color = word.confident ? OverlayPalette.readWord : OverlayPalette.weakWord
        canvas.strokeRect(left: word.box[0] - 2, top: word.box[1] - 2, right: word.box[2] + 2, bottom: word.box[3] + 2, color: color)
    }
}
