import KMImage

/// Finds words printed inside the plot panel (a label beside a curve's end, a hazard ratio,
/// legend text), so that they are never taken for a curve: in the colour of a curve, a word
/// otherwise offers a path its own ink to follow past the curve's end.
///
/// Pieces are 8-connected ink of any colour, between `minimumGlyphHeight` and a tenth of the
/// panel's height tall: single letters, or several letters run together by blur. A text line
/// is a row of pieces of similar height (within a factor 2.5), each overlapping the next
/// vertically by at least 60 % of the shorter one with a gap under 60 % of the taller one,
/// at least twice as wide as tall, of three pieces or more or with one piece that wide on its
/// own. What makes it text is its texture: letters put ink in two or more separate runs in
/// many columns (a, e, o, s, R), in at least `multiRunShare` of the line's columns, while a
/// curve, its dashes and its censor marks ('+', '|') leave one run per column. Ink joined to a
/// curve is never a piece (it is too tall), so a word touching a curve keeps that letter.
enum TextFinder {
    /// Shortest piece, pixels: smaller ones are dots, dashes and noise.
    static let minimumGlyphHeight = 5
    /// Share of a text line's columns with ink in separate runs.
    static let multiRunShare = 0.12

    private struct Piece {
        var minX: Int, maxX: Int, minY: Int, maxY: Int
        var pixels: [Int]
        /// Columns with ink in two or more separate runs.
        var multiRunColumns = 0
        var height: Int { maxY - minY + 1 }
        var width: Int { maxX - minX + 1 }
    }

    /// One line of text: its box and its ink.
    struct Line: Sendable {
        /// The box, panel-relative pixels (inclusive).
        var box: PixelRect
        /// Panel-relative pixel indices (row-major) of its ink.
        var pixels: [Int]
    }

    /// Every text line of a panel's labels (`width` × `height`, row-major, class indices ≥ 0 for ink).
    /// `ink`, when given, lists (row-major) every index whose label may be ink, so that the
    /// panel's background need not be scanned.
    static func lines(labels: [Int16], width w: Int, height h: Int, ink: [Int]? = nil) -> [Line] {
        let tallest = max(12, h / 10)
        var visited = [Bool](repeating: false, count: w * h)
        var stack: [Int] = []
        var pieces: [Piece] = []
        // Per column of a piece: its topmost and bottommost ink row and its ink pixels, to count
        // the columns where they are not one run (the rows are distinct, so a column is one run
        // exactly when it has as many pixels as rows from top to bottom).
        var columnTop: [Int] = [], columnBottom: [Int] = [], columnPixels: [Int] = []
        for start in ink ?? Array(0..<(w * h)) where labels[start] >= 0 && !visited[start] {
            visited[start] = true
            stack.append(start)
            var piece = Piece(minX: Int.max, maxX: Int.min, minY: Int.max, maxY: Int.min, pixels: [])
            var tooTall = false
            while let i = stack.popLast() {
                let x = i % w, y = i / w
                piece.minX = min(piece.minX, x); piece.maxX = max(piece.maxX, x)
                piece.minY = min(piece.minY, y); piece.maxY = max(piece.maxY, y)
                // A curve's stroke: only its extent matters (to tell it is no piece of text).
                if !tooTall {
                    piece.pixels.append(i)
                    if piece.height > tallest { tooTall = true; piece.pixels = [] }
                }
                forEachNeighbour(ofX: x, y: y, width: w, height: h) { j in
                    if !visited[j], labels[j] >= 0 { visited[j] = true; stack.append(j) }
                }
            }
            guard !tooTall, piece.height >= minimumGlyphHeight else { continue }
            columnTop.removeAll(keepingCapacity: true); columnTop.append(contentsOf: repeatElement(Int.max, count: piece.width))
            columnBottom.removeAll(keepingCapacity: true); columnBottom.append(contentsOf: repeatElement(Int.min, count: piece.width))
            columnPixels.removeAll(keepingCapacity: true); columnPixels.append(contentsOf: repeatElement(0, count: piece.width))
            for i in piece.pixels {
                let y = i / w, c = i - y * w - piece.minX
                columnTop[c] = min(columnTop[c], y); columnBottom[c] = max(columnBottom[c], y)
                columnPixels[c] += 1
            }
            for c in 0..<piece.width where columnPixels[c] > 0 && columnPixels[c] < columnBottom[c] - columnTop[c] + 1 {
                piece.multiRunColumns += 1
            }
            pieces.append(piece)
        }
        pieces.sort { $0.minX < $1.minX }
        // Lines of neighbouring pieces, left to right: each piece joins the line whose last
        // piece it continues.
        var lines: [[Int]] = []
        for (p, piece) in pieces.enumerated() {
            var joined = false
            for l in lines.indices.reversed() {
                let last = pieces[lines[l].last!]
                let tall = max(last.height, piece.height), short = min(last.height, piece.height)
                let gap = piece.minX - last.maxX - 1
                let overlap = min(last.maxY, piece.maxY) - max(last.minY, piece.minY) + 1
                if gap >= -1, Double(gap) <= 0.6 * Double(tall), Double(tall) <= 2.5 * Double(short),
                   Double(overlap) >= 0.6 * Double(short) {
                    lines[l].append(p)
                    joined = true
                    break
                }
            }
            if !joined { lines.append([p]) }
        }
        var result: [Line] = []
        for line in lines {
            let members = line.map { pieces[$0] }
            let tall = members.map(\.height).max()!
            let wide = members.contains { $0.width >= 2 * $0.height }
            let span = members.last!.maxX - members.map(\.minX).min()! + 1
            let columns = members.reduce(0) { $0 + $1.width }, multi = members.reduce(0) { $0 + $1.multiRunColumns }
            guard members.count >= 3 || wide, span >= 2 * tall,
                  Double(multi) >= multiRunShare * Double(columns) else { continue }
            let box = PixelRect(left: members.map(\.minX).min()!, top: members.map(\.minY).min()!,
                                right: members.map(\.maxX).max()!, bottom: members.map(\.maxY).max()!)
            result.append(Line(box: box, pixels: members.flatMap(\.pixels)))
        }
        return result
    }
}
