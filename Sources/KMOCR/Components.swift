import KMImage

/// One 8-connected blob of ink (pixels with ink ≥ ``ComponentMap/inkThreshold``).
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
struct ComponentMap: Sendable {
    /// Ink level from which a pixel counts as part of a blob.
    static let inkThreshold: UInt8 = 90

    let width: Int
    let height: Int
    /// Per pixel: the index into ``components``, or −1 for paper.
    let labels: [Int32]
    let components: [Component]

    /// Labels every blob of `ink` (8-connected) with a scan-line flood fill.
    init(_ ink: InkMap) {
        width = ink.width
        height = ink.height
        var labels = [Int32](repeating: -1, count: width * height)
        var components: [Component] = []
        var stack: [Int] = []
        let w = width, h = height
        ink.ink.withUnsafeBufferPointer { level in
            for start in 0..<(w * h) where level[start] >= Self.inkThreshold && labels[start] < 0 {
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
                        if labels[q] < 0, level[q] >= Self.inkThreshold {
                            labels[q] = id
                            stack.append(q)
                        }
                    }
                }
                components.append(Component(box: box, pixelCount: count))
            }
        }
        self.labels = labels
        self.components = components
    }

    func label(x: Int, y: Int) -> Int32 { labels[y * width + x] }
}
