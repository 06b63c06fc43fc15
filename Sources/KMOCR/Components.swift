import KMImage

/// One 8-connected blob of ink (pixels that ``ComponentMap`` counts as ink).
struct Component: Sendable, Equatable {
    /// Bounding box, pixels.
    var box: PixelBox
    /// Number of ink pixels in the blob.
    var pixelCount: Int

    /// Share of the bounding box that is ink, 0…1.
    var fill: Double { Double(pixelCount) / Double(box.width * box.height) }

    /// Whether the blob may be (part of) a character, by the rules measured on the benchmark
    /// figures: not taller than 9 % of the image, not a line (w > 4·h, or h > 6·w and h > 30),
    /// and not a solid thin dash (h ≤ 3, w ≥ 2.5·h, ≥ 70 % filled), which on a Kaplan–Meier
    /// figure is a y tick mark rather than a minus sign (survival axes have no negatives).
    func isGlyph(imageHeight: Int) -> Bool {
        let w = Double(box.width), h = Double(box.height)
        if h > 0.09 * Double(imageHeight) { return false }
        if w > 4 * h { return false }
        if h > 6 * w && h > 30 { return false }
        if h <= 3 && w >= 2.5 * h && fill >= 0.7 { return false }
        return true
    }
}

/// Connected components of an ``InkMap`` and, per pixel, the component it belongs to.
///
/// Which pixels are ink depends on how dark their blob gets. Faint blobs (ink ≥ 45,
/// 8-connected) are traced first; one whose darkest pixel stays under ``inkThreshold`` is
/// paper. In the others a pixel is ink when it holds ``inkThreshold`` or at least half the
/// blob's darkest ink. Black text (ink 255) is thus cut at 90 as it always was, and dark grey
/// text hardly lower (survminer's grey30 #4D4D4D, ink 178, at 89), while pale coloured text is
/// cut at half its own strength: salmon #F8766D reaches ink 146 and purple #7570B3 143, and at
/// a fixed 90 their 8–9 px digits fell apart (the bowl of a "6", the lower arc of a "3") and
/// were read as other numbers or not at all.
struct ComponentMap: Sendable {
    /// Ink level from which a pixel always counts as ink; a blob must reach it to count at all.
    static let inkThreshold: UInt8 = 90
    /// Faintest ink traced as part of a blob: the lowest level ever counted as ink, half
    /// ``inkThreshold``.
    static let faintThreshold: UInt8 = inkThreshold / 2

    let width: Int
    let height: Int
    /// Per pixel: the index into ``components``, or −1 for paper.
    let labels: [Int32]
    let components: [Component]

    /// Labels every blob of `ink` (8-connected) with a scan-line flood fill.
    init(_ ink: InkMap) {
        width = ink.width
        height = ink.height
        let state = Self.inkPixels(ink)
        var labels = [Int32](repeating: -1, count: width * height)
        var components: [Component] = []
        var stack: [Int] = []
        let w = width, h = height
        for start in 0..<(w * h) where state[start] == 2 && labels[start] < 0 {
            let id = Int32(components.count)
            var box = PixelBox(left: start % w, top: start / w, right: start % w, bottom: start / w)
            var count = 0
            labels[start] = id
            stack.append(start)
            while let p = stack.popLast() {
                count += 1
                let x = p % w, y = p / w
                box.left = min(box.left, x); box.right = max(box.right, x)
                box.top = min(box.top, y); box.bottom = max(box.bottom, y)
                forEachNeighbour(ofX: x, y: y, width: w, height: h) { q in
                    if labels[q] < 0, state[q] == 2 {
                        labels[q] = id
                        stack.append(q)
                    }
                }
            }
            components.append(Component(box: box, pixelCount: count))
        }
        self.labels = labels
        self.components = components
    }

    /// Per pixel, 2 where it is ink: in a faint blob that reaches ``inkThreshold``, at least
    /// half the blob's darkest ink or ``inkThreshold`` (1: traced but paper, 0: paper). One byte
    /// per pixel serves both passes.
    private static func inkPixels(_ ink: InkMap) -> [UInt8] {
        let w = ink.width, h = ink.height
        var state = [UInt8](repeating: 0, count: w * h)
        var stack: [Int] = []
        var blob: [Int] = []
        ink.ink.withUnsafeBufferPointer { level in
            for start in 0..<(w * h) where level[start] >= faintThreshold && state[start] == 0 {
                state[start] = 1
                stack.append(start)
                blob.removeAll(keepingCapacity: true)
                var darkest: UInt8 = 0
                while let p = stack.popLast() {
                    blob.append(p)
                    darkest = max(darkest, level[p])
                    forEachNeighbour(ofX: p % w, y: p / w, width: w, height: h) { q in
                        if state[q] == 0, level[q] >= faintThreshold {
                            state[q] = 1
                            stack.append(q)
                        }
                    }
                }
                guard darkest >= inkThreshold else { continue }
                for p in blob where level[p] >= inkThreshold || 2 * Int(level[p]) >= Int(darkest) { state[p] = 2 }
            }
        }
        return state
    }

    func label(x: Int, y: Int) -> Int32 { labels[y * width + x] }
}
