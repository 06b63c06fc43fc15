import KMImage

/// Finds the numbers-at-risk table under the x tick labels and puts each number in its tick
/// column, with guards against a silent one-column shift.
///
/// * Rows: numbers below the x label row, clustered by their vertical centres.
/// * Columns: the x ticks from the calibration; tick values missing inside an arithmetic
///   progression of read labels are filled in (an unread "40" between 30 and 50).
/// * Assignment: when a row holds at least as many numbers as columns, the last ones are
///   assigned in order, provided their offsets from the ticks agree (spread < 0.35 spacing)
///   and their median offset is under half a spacing; otherwise each number goes to the
///   nearest tick, and a column with two numbers keeps the one nearest its tick.
public struct AtRiskTableReader: Sendable {
    /// Largest spread of the offsets for an in-order assignment, in column spacings.
    public var maximumOffsetSpread = 0.35
    /// Largest median offset for an in-order assignment, in column spacings.
    public var maximumMedianOffset = 0.5
    public init() {}

    /// The table under the x labels of `x`, or why there is none.
    public func read(words: [ReadWord], x: AxisLabelCalibration) -> Result<AtRiskTable, OCRError> {
        let times = Self.columnTimes(x.ticks)
        guard times.count >= 2 else { return .failure(.noAtRiskTable(reason: "fewer than 2 x ticks to head its columns")) }
        let columns = times.map { x.pixel(forValue: $0) }
        let spacing = median(zip(columns.dropFirst(), columns).map { $0 - $1 })
        let labelBottom = x.labels.map { Double($0.word.box.bottom) }.max() ?? 0
        let labelHeight = Double(x.labels.map(\.word.glyphHeight).max() ?? 0)
        let below = words.filter { Double($0.box.top) > labelBottom + 0.25 * labelHeight }
        let numbers = below.filter { $0.value != nil && !$0.isPercent && $0.value! == $0.value!.rounded()
            && $0.box.centerX >= columns[0] - 0.6 * spacing && $0.box.centerX <= columns[columns.count - 1] + 0.6 * spacing }
        var rows: [AtRiskRow] = []
        for group in Self.rows(numbers) where group.count >= 2 {
            let y = median(group.map(\.box.centerY))
            let cells = assign(group, times: times, columns: columns, spacing: spacing)
            let placed = cells.compactMap(\.word)
            let firstPlaced = placed.map(\.box.left).min() ?? Int.max
            // Numbers left of the first placed count belong to the row label ("miR-137").
            let unplaced = group.filter { !placed.contains($0) }
            let labelNumbers = unplaced.filter { $0.box.right < firstPlaced }
            let h = Double(group.map(\.glyphHeight).max()!)
            let labelWords = (below.filter {
                $0.value == nil && abs($0.box.centerY - y) < 0.6 * h && $0.box.right < firstPlaced
            } + labelNumbers).sorted { $0.box.left < $1.box.left }
            var row = AtRiskRow(label: labelWords.isEmpty ? nil : labelWords.map(\.text).joined(separator: " "),
                                labelColor: labelWords.max { $0.color.chroma < $1.color.chroma }?.color,
                                numberColor: Self.meanColor(group), centerY: y, cells: cells, problems: [])
            row.problems = problems(row, unplaced: unplaced.count - labelNumbers.count)
            rows.append(row)
        }
        guard !rows.isEmpty else { return .failure(.noAtRiskTable(reason: "no row of numbers was found under the x tick labels")) }
        return .success(AtRiskTable(times: times, columnPixels: columns, rows: rows))
    }

    /// Puts a row's numbers (sorted left to right) into the tick columns.
    func assign(_ numbers: [ReadWord], times: [Double], columns: [Double], spacing: Double) -> [AtRiskCell] {
        var cells = times.map { AtRiskCell(time: $0, count: nil, word: nil) }
        let sorted = numbers.sorted { $0.box.centerX < $1.box.centerX }
        if sorted.count >= columns.count {
            let last = Array(sorted.suffix(columns.count))
            let offsets = zip(last, columns).map { $0.box.centerX - $1 }
            if offsets.max()! - offsets.min()! < maximumOffsetSpread * spacing, abs(median(offsets)) < maximumMedianOffset * spacing {
                for (i, word) in last.enumerated() { cells[i] = AtRiskCell(time: times[i], count: Int(word.value!), word: word) }
                return cells
            }
        }
        var distance = [Double](repeating: .infinity, count: columns.count)
        for word in sorted {
            let c = columns.indices.min { abs(columns[$0] - word.box.centerX) < abs(columns[$1] - word.box.centerX) }!
            let d = abs(columns[c] - word.box.centerX)
            guard d < 0.5 * spacing, d < distance[c] else { continue }
            distance[c] = d
            cells[c] = AtRiskCell(time: times[c], count: Int(word.value!), word: word)
        }
        return cells
    }

    private func problems(_ row: AtRiskRow, unplaced: Int) -> [String] {
        var out: [String] = []
        let label = row.label?.lowercased() ?? ""
        if label.contains("censor") || label.contains("event") || label.contains("death") {
            out.append("its label \"\(row.label!)\" marks a censored or events row, not numbers at risk")
        }
        let missing = row.cells.filter { $0.count == nil }.map { format($0.time) }
        if !missing.isEmpty { out.append("no count was read under t=\(missing.joined(separator: ", "))") }
        if unplaced > 0 {
            out.append("\(unplaced) number\(unplaced == 1 ? "" : "s") in the row fit no tick column")
        }
        var previous: AtRiskCell?
        for cell in row.cells {
            guard let count = cell.count else { continue }
            if let p = previous, let before = p.count, count > before {
                out.append("counts must not increase: \(count) at t=\(format(cell.time)) after \(before) at t=\(format(p.time))")
                break
            }
            previous = cell
        }
        if let first = row.cells.first?.count, first == 0 { out.append("the row starts at 0") }
        let weak = row.cells.filter { $0.word.map { !$0.isConfident } ?? false }
        if let cell = weak.first {
            out.append("the count at t=\(format(cell.time)) (\"\(cell.word!.text)\") was read the same way by only \(cell.word!.votes) of \(cell.word!.reads) reads")
        }
        return out
    }

    /// Tick values with the gaps of an arithmetic progression filled in: [0, 10, 30] → [0, 10, 20, 30].
    static func columnTimes(_ ticks: [Double]) -> [Double] {
        guard ticks.count >= 2 else { return ticks }
        let diffs = zip(ticks.dropFirst(), ticks).map { $0 - $1 }
        let step = diffs.min()!
        guard step > 0, diffs.allSatisfy({ abs(($0 / step) - ($0 / step).rounded()) < 1e-6 }) else { return ticks }
        let count = Int(((ticks.last! - ticks[0]) / step).rounded())
        return (0...count).map { ticks[0] + Double($0) * step }
    }

    /// Numbers clustered into rows by vertical centre, top to bottom.
    static func rows(_ words: [ReadWord]) -> [[ReadWord]] {
        var groups: [[ReadWord]] = []
        for word in words.sorted(by: { $0.box.centerY < $1.box.centerY }) {
            if let last = groups.last?.last, abs(word.box.centerY - last.box.centerY) < 0.5 * Double(max(word.glyphHeight, last.glyphHeight)) {
                groups[groups.count - 1].append(word)
            } else {
                groups.append([word])
            }
        }
        return groups
    }

    private static func meanColor(_ words: [ReadWord]) -> RGB {
        let n = max(1, words.count)
        let r = words.map { Int($0.color.r) }.reduce(0, +) / n
        let g = words.map { Int($0.color.g) }.reduce(0, +) / n
        let b = words.map { Int($0.color.b) }.reduce(0, +) / n
        return RGB(r: UInt8(r), g: UInt8(g), b: UInt8(b))
    }
}

/// A number as printed in messages: 12 rather than 12.0.
func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
