import KMImage

/// One cell of a numbers-at-risk row: the count printed under one x tick.
public struct AtRiskCell: Sendable, Equatable {
    /// The tick value the cell sits under (time, in the figure's unit).
    public var time: Double
    /// The count read there, or nil when nothing was read.
    public var count: Int?
    /// The word it was read from (box, text, votes), when any.
    public var word: ReadWord?
}

/// One row of numbers found under the x tick labels.
public struct AtRiskRow: Sendable, Equatable {
    /// The row's label, read left of its numbers ("Male", "Stage II"), or nil when none.
    public var label: String?
    /// The label's ink colour, when there is a label.
    public var labelColor: RGB?
    /// The ink colour of the row's numbers.
    public var numberColor: RGB
    /// Vertical centre of the row, pixels.
    public var centerY: Double
    /// One cell per tick column.
    public var cells: [AtRiskCell]
    /// Why the row cannot be trusted as an at-risk row (empty when it can): a missing cell,
    /// counts that increase, a label saying "Censored" or "Events", a weak read.
    public var problems: [String]

    /// The counts, when every cell was read.
    public var counts: [Int]? {
        let values = cells.compactMap(\.count)
        return values.count == cells.count ? values : nil
    }

    /// How many cells at the end of the row were not read (a last "0 (31)" that does not read
    /// as a number, a count left out under the last tick); 0 when the last cell was read.
    public var trailingMissing: Int { cells.reversed().prefix { $0.count == nil }.count }

    /// The cells up to the last one read, when every one of them was read (only cells at the
    /// end are missing), else nil. The row is then a table that stops early: nothing is
    /// invented for the columns it leaves out.
    public var leadingCells: [AtRiskCell]? {
        let kept = cells.dropLast(trailingMissing)
        return !kept.isEmpty && kept.allSatisfy({ $0.count != nil }) ? Array(kept) : nil
    }

    /// The row's colour for matching with an arm: its label's when chromatic, else its numbers'.
    public var color: RGB { labelColor.map { $0.chroma > numberColor.chroma ? $0 : numberColor } ?? numberColor }
}

/// The numbers-at-risk table as found under the figure.
public struct AtRiskTable: Sendable, Equatable {
    /// The tick values heading the columns (times), increasing.
    public var times: [Double]
    /// The columns' centres, pixels (from the x calibration).
    public var columnPixels: [Double]
    /// Every row of numbers found, top to bottom, including rows that are not at-risk counts.
    public var rows: [AtRiskRow]
}
