import KMImage

/// What the spec says about an arm, to find its row of the at-risk table.
public struct ArmHint: Sendable, Equatable {
    /// The legend label.
    public var name: String
    /// The arm's colour, when given.
    public var color: RGB?
    /// Patients at time 0, when given: the row must start with it.
    public var n: Int?

    public init(name: String, color: RGB? = nil, n: Int? = nil) {
        self.name = name
        self.color = color
        self.n = n
    }
}

/// How a table row was tied to an arm.
public enum RowMatch: String, Sendable, Equatable {
    /// The row's label reads as the arm's name.
    case label
    /// The row is printed in the arm's colour.
    case color
    /// The row's first count equals the arm's n.
    case initialCount
    /// The arms and the remaining at-risk rows are in the same order.
    case order
}

/// One arm's numbers at risk as read from the figure.
public struct ArmAtRisk: Sendable, Equatable {
    /// The arm's name, from its hint.
    public var arm: String
    /// The tick values (times), increasing.
    public var times: [Double]
    /// The counts under them, non-increasing.
    public var counts: [Int]
    /// The row they were read from (boxes, texts and votes of every cell).
    public var row: AtRiskRow
    /// How the row was tied to the arm.
    public var matchedBy: RowMatch
    /// The table's last columns, whose counts were not read: the arm's table stops before them.
    public var unreadTimes: [Double] = []
}

extension AtRiskTable {
    /// Each arm's row, matched by label text, then colour, then a known n, then order; a row
    /// is rejected (with the reason) when it misses a cell (other than its last ones: the table
    /// then stops early), its counts increase, a cell is a weak read, or its first count differs
    /// from a given n. Rows whose label says "Censored" or "Events", or that start at 0
    /// (cumulative counts), never match by order; rows that cannot be trusted match by order
    /// only when the rows that may hold numbers at risk are exactly one per arm left, and then
    /// their arm fails with the row's problems.
    public func arms(_ hints: [ArmHint]) -> [Result<ArmAtRisk, OCRError>] {
        var rowOf = [Int?](repeating: nil, count: hints.count)
        var how = [RowMatch](repeating: .order, count: hints.count)
        var taken = Set<Int>()
        func claim(_ arm: Int, _ row: Int, _ match: RowMatch) { rowOf[arm] = row; how[arm] = match; taken.insert(row) }

        // 1. Label text: exact (letters and digits only, case ignored), then a unique containment.
        let names = hints.map { Self.key($0.name) }
        let labels = rows.map { Self.key($0.label ?? "") }
        for (a, name) in names.enumerated() where !name.isEmpty {
            let exact = labels.indices.filter { labels[$0] == name && !taken.contains($0) }
            if exact.count == 1 { claim(a, exact[0], .label) }
        }
        for (a, name) in names.enumerated() where rowOf[a] == nil && !name.isEmpty {
            let partial = labels.indices.filter { !taken.contains($0) && !labels[$0].isEmpty && (labels[$0].hasPrefix(name) || name.hasPrefix(labels[$0])) }
            if partial.count == 1, names.filter({ $0.hasPrefix(labels[partial[0]]) || labels[partial[0]].hasPrefix($0) }).count == 1 {
                claim(a, partial[0], .label)
            }
        }
        let candidates = rows.indices.filter { rows[$0].isAtRiskCandidate }
        // 2. Colour, among chromatic rows: the arm's colour, or (when every arm has a colour) a
        //    paler blend of it with white (small anti-aliased digits), and no other arm's.
        let inks = hints.compactMap { $0.color.flatMap { $0.chroma >= RGB.minimumInkChroma ? $0 : nil } }
        // A pale blend only when every arm has a colour: an arm without one could own that row.
        let everyArmColored = hints.allSatisfy { $0.color != nil }
        for (a, hint) in hints.enumerated() where rowOf[a] == nil {
            guard let colour = hint.color, colour.chroma >= RGB.minimumInkChroma else { continue }
            let near = candidates.filter { r in
                !taken.contains(r) && (colour.chroma >= 40 && rows[r].color.chroma >= 40 && rows[r].color.distance(colour) < 90
                    || everyArmColored && rows[r].color.chroma >= RGB.minimumBlendChroma && rows[r].color.isBlend(of: colour)
                        && inks.filter { rows[r].color.isBlend(of: $0) }.count == 1)
            }
            if near.count == 1 { claim(a, near[0], .color) }
        }
        // 3. A known n.
        for (a, hint) in hints.enumerated() where rowOf[a] == nil {
            guard let n = hint.n else { continue }
            let same = candidates.filter { !taken.contains($0) && rows[$0].cells.first?.count == n }
            if same.count == 1 { claim(a, same[0], .initialCount) }
        }
        // 4. Order, when the remaining at-risk rows are as many as the remaining arms; else when
        //    every remaining row that may hold numbers at risk, trusted or not, is one per arm
        //    left: an arm whose row could not be trusted then fails with that row's problems.
        //    Never when a given n or colour contradicts the order.
        let freeArms = hints.indices.filter { rowOf[$0] == nil }
        let freeRows = candidates.filter { !taken.contains($0) }
        let tableRows = rows.indices.filter { !taken.contains($0) && rows[$0].mayHoldAtRisk }
        for order in [freeRows, tableRows] where !freeArms.isEmpty && order.count == freeArms.count {
            guard !zip(freeArms, order).contains(where: { contradicts(hints[$0], rows[$1]) }) else { continue }
            for (a, r) in zip(freeArms, order) { claim(a, r, .order) }
            break
        }

        return hints.indices.map { a -> Result<ArmAtRisk, OCRError> in
            let hint = hints[a]
            guard let r = rowOf[a] else {
                let rejected = rows.indices.filter { !taken.contains($0) && !rows[$0].isAtRiskCandidate }.map {
                    "\"\(rows[$0].label ?? "unlabelled")\" (\(rows[$0].problems.joined(separator: "; ")))"
                }
                var reason = "no row of the table could be tied to it by label, colour, n or order (\(freeRows.count) usable rows left for \(freeArms.count) arms)"
                if !rejected.isEmpty { reason += "; rows set aside: " + rejected.joined(separator: ", ") }
                return .failure(.atRiskRowRejected(arm: hint.name, reason: reason))
            }
            let row = rows[r]
            var problems = row.problems
            if let n = hint.n, let first = row.cells.first?.count, first != n {
                problems.append("its first count \(first) differs from n = \(n)")
            }
            guard problems.isEmpty, let cells = row.leadingCells else {
                return .failure(.atRiskRowRejected(arm: hint.name, reason: problems.joined(separator: "; ")))
            }
            // A row whose last cells were not read is a shorter table: its columns stop there.
            var kept = row
            kept.cells = cells
            return .success(ArmAtRisk(arm: hint.name, times: cells.map(\.time), counts: cells.compactMap(\.count),
                                      row: kept, matchedBy: how[a], unreadTimes: row.cells.dropFirst(cells.count).map(\.time)))
        }
    }

    /// Whether what the spec says about an arm rules out `row` as its row: a given n that is not
    /// the row's first count, or a given colour that the row, printed in a clear colour, is not.
    func contradicts(_ hint: ArmHint, _ row: AtRiskRow) -> Bool {
        if let n = hint.n, let first = row.cells.first?.count, first != n { return true }
        if let colour = hint.color, colour.chroma >= 40, row.color.chroma >= 40, !row.color.matches(ink: colour) { return true }
        return false
    }

    /// Lower-case letters and digits only: "D-penicillamine" → "dpenicillamine".
    static func key(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}

extension AtRiskRow {
    /// Whether the row can be numbers at risk: read completely (or up to its last cells) and
    /// trusted, with counts that never increase, not labelled as censored or events.
    public var isAtRiskCandidate: Bool { problems.isEmpty }

    /// Whether the row may be a row of numbers at risk even if it cannot be trusted: not
    /// labelled as censored or events, its first count read and not 0 (cumulative censored and
    /// events rows start at 0), and at least half its cells read.
    var mayHoldAtRisk: Bool {
        let label = label?.lowercased() ?? ""
        guard !label.contains("censor"), !label.contains("event"), !label.contains("death") else { return false }
        guard let first = cells.first?.count, first > 0 else { return false }
        return 2 * cells.filter({ $0.count != nil }).count >= cells.count
    }
}

extension RGB {
    /// Least chroma of a row's colour for it to be matched as a paler blend of an arm's colour…
    static let minimumBlendChroma = 15
    /// …and of that arm's colour (a dark maroon such as #512D37 has 36).
    static let minimumInkChroma = 25

    /// Whether this colour is `ink` blended with white, as small anti-aliased text in that ink
    /// reads: `self ≈ white − α · (white − ink)` for some α from 0.3 to 1, within 20 (8-bit RGB).
    func isBlend(of ink: RGB) -> Bool {
        let white = (255.0, 255.0, 255.0)
        let fit = BlendModel(ink: (Double(ink.r), Double(ink.g), Double(ink.b)), background: white).fit(Double(r), Double(g), Double(b))
        return fit.alpha >= 0.3 && fit.residual < 20
    }

    /// Whether a row printed in this colour may be in `ink`: close to it, or a paler blend of it.
    func matches(ink: RGB) -> Bool { distance(ink) < 90 || isBlend(of: ink) }

    /// Euclidean distance in 8-bit RGB, 0…441.
    func distance(_ other: RGB) -> Double {
        let dr = Double(r) - Double(other.r), dg = Double(g) - Double(other.g), db = Double(b) - Double(other.b)
        return (dr * dr + dg * dg + db * db).squareRoot()
    }
}
