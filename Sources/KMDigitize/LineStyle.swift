import KMImage

/// Tells solid strokes from dashes and dots of the same colour.
///
/// A solid curve is one long connected stroke (8-connected pixels of its colour); a dashed or
/// dotted curve, or a dotted confidence line, breaks into many short pieces. Pixels in pieces
/// smaller than `minimumExtent` pixels across are "weak".
enum LineStyleSplitter {
    static func weakPixels(ink: InkLabels, target: Int16, minimumExtent: Int) -> [Bool] {
        let w = ink.rect.width, h = ink.rect.height
        var weak = [Bool](repeating: false, count: w * h)
        var visited = [Bool](repeating: false, count: w * h)
        var stack: [Int] = []
        var members: [Int] = []
        let labels = ink.labels
        var start = -1
        while start + 1 < w * h {
            start += 1
            // Background comes in long runs: on to the last pixel of this one.
            if labels[start] == InkLabels.background {
                start = labels.withUnsafeBufferPointer { InkLabels.endOfBackground($0.baseAddress!, from: start + 1, limit: w * h) } - 1
                continue
            }
            guard labels[start] == target, !visited[start] else { continue }
            visited[start] = true
            stack.append(start)
            members.removeAll(keepingCapacity: true)
            var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min
            while let i = stack.popLast() {
                members.append(i)
                let x = i % w, y = i / w
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                forEachNeighbour(ofX: x, y: y, width: w, height: h) { j in
                    if !visited[j], labels[j] == target { visited[j] = true; stack.append(j) }
                }
            }
            if max(maxX - minX, maxY - minY) + 1 < minimumExtent {
                for i in members { weak[i] = true }
            }
        }
        return weak
    }

    /// Whether the colour holds a broken (dashed or dotted) curve besides short marks: its weak
    /// pixels reach across at least a third of the columns the colour covers. Censor marks and
    /// legend samples cover only scattered columns.
    static func hasBrokenCurve(ink: InkLabels, target: Int16, minimumExtent: Int) -> Bool {
        hasBrokenCurve(ink: ink, target: target, weak: weakPixels(ink: ink, target: target, minimumExtent: minimumExtent))
    }

    /// ``hasBrokenCurve(ink:target:minimumExtent:)`` with the colour's ``weakPixels`` already found.
    static func hasBrokenCurve(ink: InkLabels, target: Int16, weak: [Bool]) -> Bool {
        let w = ink.rect.width, h = ink.rect.height
        var weakColumns = 0, inkColumns = 0
        for x in 0..<w {
            var hasInk = false, hasWeak = false
            for y in 0..<h where ink.labels[y * w + x] == target {
                hasInk = true
                if weak[y * w + x] { hasWeak = true; break }
            }
            if hasInk { inkColumns += 1 }
            if hasWeak { weakColumns += 1 }
        }
        return inkColumns > 0 && Double(weakColumns) >= Double(inkColumns) / 3
    }
}
