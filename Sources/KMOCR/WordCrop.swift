/// Cuts one word out of the figure for the OCR engine, as the method notes prescribe:
///
/// 1. the word's box plus 0.35·h padding (h: glyph height);
/// 2. every other component (dilated by 1 px) blanked to paper, never the word's own pixels,
///    which removes tick marks, axis lines and neighbouring words;
/// 3. contrast stretched and turned into dark-on-white gray.
///
/// The result keeps the figure's scale; ``WordCrop/normalized(glyphHeight:)`` resizes it.
struct WordCrop: Sendable {
    /// Dark-on-white crop at the figure's scale.
    let image: GrayImage
    /// Where the crop's top-left pixel sits on the figure, pixels.
    let originX: Int
    let originY: Int
    /// The word's glyph height, pixels of the figure.
    let glyphHeight: Int

    init(word: WordCandidate, ink: InkMap, components map: ComponentMap) {
        let pad = Int((0.35 * Double(word.glyphHeight)).rounded(.up))
        let x0 = max(0, word.box.left - pad), x1 = min(ink.width - 1, word.box.right + pad)
        let y0 = max(0, word.box.top - pad), y1 = min(ink.height - 1, word.box.bottom + pad)
        let w = x1 - x0 + 1, h = y1 - y0 + 1
        let own = Set(word.members.map(Int32.init))
        // Blank mask: other components' pixels and their 8 neighbours.
        var blank = [Bool](repeating: false, count: w * h)
        for y in max(0, y0 - 1)...min(ink.height - 1, y1 + 1) {
            for x in max(0, x0 - 1)...min(ink.width - 1, x1 + 1) {
                let label = map.label(x: x, y: y)
                guard label >= 0, !own.contains(label) else { continue }
                for dy in -1...1 {
                    let cy = y + dy - y0
                    guard cy >= 0, cy < h else { continue }
                    for dx in -1...1 {
                        let cx = x + dx - x0
                        guard cx >= 0, cx < w else { continue }
                        blank[cy * w + cx] = true
                    }
                }
            }
        }
        var levels = [UInt8](repeating: 0, count: w * h)
        var darkest: UInt8 = 0
        for y in 0..<h {
            for x in 0..<w {
                let fx = x + x0, fy = y + y0
                let mine = own.contains(map.label(x: fx, y: fy))
                guard mine || !blank[y * w + x] else { continue }
                let level = ink[fx, fy]
                levels[y * w + x] = level
                darkest = max(darkest, level)
            }
        }
        // Stretch so the darkest pixel becomes black, and invert to dark-on-white.
        let scale = darkest > 0 ? 255.0 / Double(darkest) : 1
        var gray = [UInt8](repeating: 255, count: w * h)
        for i in 0..<(w * h) {
            gray[i] = 255 - UInt8(min(255, (Double(levels[i]) * scale).rounded()))
        }
        image = GrayImage(width: w, height: h, pixels: gray)
        originX = x0
        originY = y0
        glyphHeight = word.glyphHeight
    }

    /// The crop resampled (bicubic) so that its glyphs are `glyphHeight` pixels tall, with a
    /// white border of half the resampled height (at least 10 px) on every side.
    func normalized(glyphHeight target: Int) -> GrayImage {
        let factor = Double(target) / Double(max(1, glyphHeight))
        let scaled = Bicubic.resize(image, factor: factor)
        let border = max(10, scaled.height / 2)
        var out = GrayImage(width: scaled.width + 2 * border, height: scaled.height + 2 * border)
        for y in 0..<scaled.height {
            for x in 0..<scaled.width {
                out[x + border, y + border] = scaled[x, y]
            }
        }
        return out
    }

    /// Converts a column of a normalized crop back to a figure column, pixels.
    func figureX(normalizedX x: Double, glyphHeight target: Int, normalizedWidth: Int) -> Double {
        let factor = Double(target) / Double(max(1, glyphHeight))
        let scaledWidth = max(1, Int((Double(image.width) * factor).rounded()))
        let border = (normalizedWidth - scaledWidth) / 2
        return Double(originX) + (x - Double(border)) / factor
    }
}
