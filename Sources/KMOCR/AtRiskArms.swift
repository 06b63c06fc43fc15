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
}

extension AtRiskTable {
    /// Each arm's row, matched by label text, then colour, then a known n, then order; a row
    /// is rejected (with the reason) when it misses a cell, its counts increase, a cell is a
    /// weak read, or its first count differs from a given n. Rows whose label says "Censored"
    /// or "Events", or whose counts increase (cumulative events), never match by order.
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
        // 2. Colour, among chromatic rows.
        for (a, hint) in hints.enumerated() where rowOf[a] == nil {
            guard let colour = hint.color, colour.chroma >= 40 else { continue }
            let near = candidates.filter { !taken.contains($0) && rows[$0].color.chroma >= 40 && rows[$0].color.distance(colour) < 90 }
            if near.count == 1 { claim(a, near[0], .color) }
        }
        // 3. A known n.
        for (a, hint) in hints.enumerated() where rowOf[a] == nil {
            guard let n = hint.n else { continue }
            let same = candidates.filter { !taken.contains($0) && rows[$0].cells.first?.count == n }
            if same.count == 1 { claim(a, same[0], .initialCount) }
        }
        // 4. Order, when the remaining at-risk rows are as many as the remaining arms.
        let freeArms = hints.indices.filter { rowOf[$0] == nil }
        let freeRows = candidates.filter { !taken.contains($0) }
        if !freeArms.isEmpty, freeRows.count == freeArms.count {
            for (a, r) in zip(freeArms, freeRows) { claim(a, r, .order) }
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
            guard problems.isEmpty, let counts = row.counts else {
                return .failure(.atRiskRowRejected(arm: hint.name, reason: problems.joined(separator: "; ")))
            }
            return .success(ArmAtRisk(arm: hint.name, times: times, counts: counts, row: row, matchedBy: how[a]))
        }
    }

    /// Lower-case letters and digits only: "D-penicillamine" → "dpenicillamine".
    static func key(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}

extension AtRiskRow {
    /// Whether the row can be numbers at risk: read completely and trusted, with counts that
    /// never increase, not labelled as censored or events.
    public var isAtRiskCandidate: Bool { problems.isEmpty }
}

extension RGB {
    /// Euclidean distance in 8-bit RGB, 0…441.
    func distance(_ other: RGB) -> Double {
        let dr = Double(r) - Double(other.r), dg = Double(g) - Double(other.g), db = Double(b) - Double(other.b)
        return (dr * dr + dg * dg + db * db).squareRoot()
    }
}
