import KMDigitize
import KMOCR

/// Turning what KMOCR read into the records of ``FigureReading``, and the table rule for weak reads.
extension FigureTextFiller {
    /// The table with rows whose only problem is a weakly read count made usable: such a row is
    /// taken, and the report asks for review of the weak cell (``ConfidenceRules/readingReasons(_:)``)
    /// rather than the extraction failing. Rows with any other problem (a missing cell, counts
    /// that increase, a "Censored" label, a number off the columns) stay rejected; a row that
    /// stops early (only its last cells unread) keeps the cells it has.
    static func acceptingWeakReads(_ table: KMOCR.AtRiskTable) -> KMOCR.AtRiskTable {
        var table = table
        for i in table.rows.indices {
            let row = table.rows[i]
            // The reader lists a weak read last, once per row.
            let weak = row.cells.contains { $0.word.map { !$0.isConfident } ?? false }
            if weak, row.problems.count == 1, row.leadingCells != nil { table.rows[i].problems = [] }
        }
        return table
    }

    static func hint(_ arm: FigureSpec.Arm) -> ArmHint {
        ArmHint(name: arm.name, color: arm.color, n: arm.atRiskCounts?.first ?? arm.patients)
    }

    /// The reason inside an OCR error, without its advice.
    static func reason(_ error: OCRError) -> String {
        switch error {
        case let .engineUnavailable(r), let .axisLabelsUnreadable(_, r), let .noAtRiskTable(r), let .atRiskRowRejected(_, r): return r
        }
    }

    static func text(_ word: ReadWord) -> ReadText {
        ReadText(text: word.text, box: [word.box.left, word.box.top, word.box.right, word.box.bottom],
                 votes: word.votes, reads: word.reads, confident: word.value == nil || word.isConfident)
    }

    /// - Parameter extraTicks: values added at tick marks beyond the labels read (``TickExtension``).
    static func axisReading(_ name: String, _ c: AxisLabelCalibration, extraTicks: [Double] = []) -> AxisReading {
        let (ticks, filled) = TickProgression.filled((c.ticks + extraTicks).sorted())
        return AxisReading(axis: name, source: .read, ticks: ticks, filledTicks: (filled + extraTicks).sorted(),
                           labels: c.labels.map { ReadTickLabel(value: $0.value, word: text($0.word), labelPixel: $0.labelPixel, tickPixel: $0.tickPixel) },
                           labelCalibration: AxisCalibration(intercept: c.intercept, slope: c.slope),
                           labelRMSPixels: c.rmsPixels, snappedToTicks: c.snappedToTicks)
    }

    static func armReading(_ row: ArmAtRisk) -> ArmReading {
        ArmReading(arm: row.arm, source: .read, rowLabel: row.row.label, matchedBy: row.matchedBy.rawValue,
                   cells: row.row.cells.map { (time: $0.time, count: $0.count ?? 0, word: $0.word.map(text)) },
                   unreadTimes: row.unreadTimes)
    }
}
