import KMImage

/// Finds the numbers-at-risk table under the x tick labels and puts each number in its tick
/// column, with guards against a silent one-column shift.
///
/// * Rows: numbers below the x label row, clustered by their vertical centres.
/// * Columns: the x ticks from the calibration; tick values missing inside an arithmetic
///   progression of read labels are filled in (an unread "40" between 30 and 50), and a t = 0
///   column is added at the axis's 0 when the origin's "0" is printed apart from the other
///   labels, beside the y axis (``hasOriginLabel(words:x:times:spacing:)``).
/// * A row whose only unread cells are its last ones (a last "0 (15)" read as text, an x axis
///   longer than the table) is kept as a shorter table when it keeps at least 3 cells and half
///   the columns; nothing is filled in for the cells it leaves out.
/// * Assignment: when a row holds at least as many numbers as columns, the last ones are
///   assigned in order, provided their offsets from the ticks agree (spread < 0.35 spacing)
///   and their median offset is under half a spacing; otherwise each number goes to the
///   nearest tick, and a column with two numbers keeps the one nearest its tick.
public struct AtRiskTableReader: Sendable {
    /// Largest spread of the offsets for an in-order assignment, in column spacings.
    public var maximumOffsetSpread = 0.35
    /// Largest median offset for an in-order assignment, in column spacings.
    public var maximumMedianOffset = 0.5
    /// A row whose only unread cells are its last ones is kept as a shorter table (its counts
    /// up to the last cell read) when it keeps at least this many cells…
    public var minimumLeadingCells = 3
    /// …and at least this fraction of the columns.
    public var minimumLeadingFraction = 0.5
    public init() {}

    /// The table under the x labels of `x`, or why there is none.
    public func read(words: [ReadWord], x: AxisLabelCalibration) -> Result<AtRiskTable, OCRError> {
        var times = Self.columnTimes(x.ticks)
        guard times.count >= 2 else { return .failure(.noAtRiskTable(reason: "fewer than 2 x ticks to head its columns")) }
        var columns = times.map { x.pixel(forValue: $0) }
        let spacing = median(zip(columns.dropFirst(), columns).map { $0 - $1 })
        if Self.hasOriginLabel(words: words, x: x, times: times, spacing: spacing) {
            times.insert(0, at: 0)
            columns.insert(x.pixel(forValue: 0), at: 0)
        }
        let labelBottom = x.labels.map { Double($0.word.box.bottom) }.max() ?? 0
        let labelHeight = Double(x.labels.map(\.word.glyphHeight).max() ?? 0)
        // A count is a whole number: one read as "2.400" or "1.000" was printed with a thousands
        // separator ("2.400" in German style, or "2,400" with its comma read as a point).
        let below = words.filter { Double($0.box.top) > labelBottom + 0.25 * labelHeight }.map { word -> ReadWord in
            guard word.value != nil, !word.isPercent,
                  let digits = NumberText.groupedDigits(word.text, separator: "."), let whole = Double(digits) else { return word }
            var count = word
            count.value = whole
            count.text = digits
            return count
        }
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
        let missing = row.cells.filter { $0.count == nil }.map { printedNumber($0.time) }
        // Cells missing only at the end leave a shorter table, when enough of it is left.
        let kept = row.leadingCells?.count ?? 0
        let shorter = kept >= max(minimumLeadingCells, Int((minimumLeadingFraction * Double(row.cells.count)).rounded(.up)))
        if !missing.isEmpty, !shorter { out.append("no count was read under t=\(missing.joined(separator: ", "))") }
        if unplaced > 0 {
            out.append("\(unplaced) number\(unplaced == 1 ? "" : "s") in the row fit no tick column")
        }
        var previous: AtRiskCell?
        for cell in row.cells {
            guard let count = cell.count else { continue }
            if let p = previous, let before = p.count, count > before {
                out.append("counts must not increase: \(count) at t=\(printedNumber(cell.time)) after \(before) at t=\(printedNumber(p.time))")
                break
            }
            previous = cell
        }
        if let first = row.cells.first?.count, first == 0 { out.append("the row starts at 0") }
        let weak = row.cells.filter { $0.word.map { !$0.isConfident } ?? false }
        if let cell = weak.first {
            out.append("the count at t=\(printedNumber(cell.time)) (\"\(cell.word!.text)\") was read the same way by only \(cell.word!.votes) of \(cell.word!.reads) reads")
        }
        return out
    }

    /// Whether the x labels' origin "0" is printed apart from the other labels, where the label
    /// fit leaves it out: often left of the y axis, shared by both axes. True when the column
    /// times are a progression whose next value down is 0 (0 is one column left of the first),
    /// and a "0" of the labels' height sits in their row, left of the first label, no more than
    /// ¾ of a column left of where 0 falls on the axis nor ¼ right of it. The table then gets
    /// its t = 0 column (which holds n) at the axis's 0, not at the label.
    static func hasOriginLabel(words: [ReadWord], x: AxisLabelCalibration, times: [Double], spacing: Double) -> Bool {
        guard times.count >= 2, times[0] > 0, spacing > 0, !x.labels.isEmpty else { return false }
        let step = times[1] - times[0]
        guard step > 0, abs(times[0] - step) <= 1e-9 * step,
              zip(times.dropFirst(), times).allSatisfy({ abs(($0 - $1) - step) <= 1e-9 * step }) else { return false }
        let rowY = median(x.labels.map(\.word.box.centerY))
        let heights = x.labels.map { Double($0.word.glyphHeight) }
        let h = median(heights)
        let firstLeft = x.labels.map { Double($0.word.box.left) }.min()!
        let origin = x.pixel(forValue: 0)
        return words.contains { w in
            w.value == 0 && !w.isPercent && abs(w.box.centerY - rowY) < 0.5 * h
                && abs(Double(w.glyphHeight) - h) <= 0.2 * h + 1 && Double(w.box.right) < firstLeft
                && w.box.centerX >= origin - 0.75 * spacing && w.box.centerX <= origin + 0.25 * spacing
        }
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
