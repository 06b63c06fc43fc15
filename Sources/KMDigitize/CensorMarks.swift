/// Finds censoring marks ('+', '|', small symbols) on a traced curve: places along a level
/// where the curve's own ink sticks out above or below the line.
enum CensorMarkFinder {
    /// Mark positions as (column, row), pixels.
    static func marks(on curve: StepCurve, ink: InkLabels, target: Int16, lineWidth w: Double) -> [(Double, Double)] {
        let rect = ink.rect
        func own(_ x: Int, _ y: Int) -> Bool {
            guard x >= rect.left, x <= rect.right, y >= rect.top, y <= rect.bottom else { return false }
            return ink.labels[(y - rect.top) * rect.width + (x - rect.left)] == target
        }
        let guardColumns = Int(w.rounded(.up)) + 1
        let needed = max(3, Int((w + 2).rounded()))
        var result: [(Double, Double)] = []
        for (i, level) in curve.levels.enumerated() {
            let first = level.firstColumn + (i == 0 ? 0 : guardColumns)
            let last = level.lastColumn - (i == curve.levels.count - 1 ? 0 : guardColumns)
            guard first <= last else { continue }
            let top = Int((level.row - w / 2).rounded(.down)) - 1
            let bottom = Int((level.row + w / 2).rounded(.up)) + 1
            var runStart = -1
            func close(_ end: Int) {
                if runStart >= 0 {
                    result.append((Double(runStart + end) / 2, level.row))
                    runStart = -1
                }
            }
            for x in first...last {
                var up = 0, down = 0
                while up < 4 * needed, own(x, top - up) { up += 1 }
                while down < 4 * needed, own(x, bottom + down) { down += 1 }
                if up + down >= needed, up >= 1 || down >= 1 {
                    if runStart < 0 { runStart = x }
                } else {
                    close(x - 1)
                }
            }
            close(last)
        }
        return result
    }
}
