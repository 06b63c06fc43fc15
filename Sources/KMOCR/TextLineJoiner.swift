/// Joins text pieces that stand on one line close together ("Mal" + "e", "Time (" + "mon" +
/// "ths)") into one candidate, to be read as a whole. Numbers are never read joined: a joined
/// line is taken as text only when its read has no digit (``WordFinder``), so the strict
/// equal-height rule that keeps digit words apart still holds for them.
enum TextLineJoiner {
    static func join(_ pieces: [WordCandidate]) -> [WordCandidate] {
        var lines: [WordCandidate] = []
        for piece in pieces.sorted(by: { $0.box.left < $1.box.left }) {
            let target = lines.indices.reversed().first { i in
                let line = lines[i]
                let h = Double(max(line.glyphHeight, piece.glyphHeight))
                let overlap = min(line.box.bottom, piece.box.bottom) - max(line.box.top, piece.box.top) + 1
                let gap = Double(piece.box.left - line.box.right - 1)
                return Double(overlap) >= 0.5 * Double(min(line.box.height, piece.box.height))
                    && gap <= 0.6 * h && piece.box.left >= line.box.left
                    && abs(Double(piece.baseline - line.baseline)) <= 0.35 * h
            }
            if let i = target {
                lines[i].members += piece.members
                lines[i].box = lines[i].box.union(piece.box)
                lines[i].glyphHeight = max(lines[i].glyphHeight, piece.glyphHeight)
                lines[i].baseline = max(lines[i].baseline, piece.baseline)
                lines[i].capTop = min(lines[i].capTop, piece.capTop)
            } else {
                lines.append(piece)
            }
        }
        return lines
    }
}
