import KMDigitize
import KMImage

/// Where one value of the completed spec came from.
public enum ValueSource: String, Sendable, Equatable {
    /// Typed in the spec (tick labels, an at-risk table).
    case typed
    /// Typed in the spec as `calibration` pairs.
    case typedCalibration = "typed_calibration"
    /// Typed in the spec as `n` (no table wanted).
    case typedN = "typed_n"
    /// Read from the figure.
    case read
}

/// One word read from the figure: its text, its box and how sure the reading is.
public struct ReadText: Sendable, Equatable {
    /// What was read ("0.75", "Male").
    public var text: String
    /// The word's box `[left, top, right, bottom]`, pixels (inclusive, origin top-left).
    public var box: [Int]
    /// How many of `reads` agreed, 0…`reads` (0 for text).
    public var votes: Int
    /// How many reads were made: 1 or 2 when the first reads were unambiguous and agreed (then
    /// every read agrees), 4 when the number was voted on (3 or more agreeing is confident).
    public var reads: Int
    /// Whether the reader counts the number as consistently read.
    public var confident: Bool
}

/// One tick label read off an axis.
public struct ReadTickLabel: Sendable, Equatable {
    /// The printed value (time for x; survival in printed units for y).
    public var value: Double
    public var word: ReadText
    /// The label's centre along the axis, pixels.
    public var labelPixel: Double
    /// The tick position used: the tick mark when the labels snapped to marks, else the label centre.
    public var tickPixel: Double
}

/// What the spec gave and what was read for one axis.
public struct AxisReading: Sendable, Equatable {
    /// "x" or "y".
    public var axis: String
    public var source: ValueSource
    /// The tick values handed to the digitiser (typed, or read with progression gaps filled).
    public var ticks: [Double]
    /// Tick values not printed legibly but filled in between read labels of a regular progression.
    public var filledTicks: [Double] = []
    /// The labels read (empty when typed).
    public var labels: [ReadTickLabel] = []
    /// The label line `value = intercept + slope · pixel` fitted by the reader.
    public var labelCalibration: AxisCalibration?
    /// Root-mean-square distance of the labels from that line, pixels.
    public var labelRMSPixels: Double?
    /// Whether the labels were snapped to tick marks (or grid lines).
    public var snappedToTicks = false
    /// Whether the digitiser's tick matching failed or disagreed with the labels, so the label
    /// positions calibrate the axis as manual `calibration` pairs.
    public var calibratedFromLabels = false
    /// Largest distance between where the label fit (on the tick marks when snapped) and the
    /// final calibration put a read tick, pixels.
    public var disagreementPixels: Double?
}

/// What the spec gave and what was read for one arm's numbers at risk.
public struct ArmReading: Sendable, Equatable {
    public var arm: String
    public var source: ValueSource
    /// The row's label as read ("Male"), when the table was read.
    public var rowLabel: String?
    /// How the row was tied to the arm: "label", "color", "initialCount" or "order".
    public var matchedBy: String?
    /// Per tick column: time, count and the word read there.
    public var cells: [(time: Double, count: Int, word: ReadText?)] = []
    /// The table's last columns, whose counts were not read (the arm's table stops before them).
    public var unreadTimes: [Double] = []

    public static func == (a: ArmReading, b: ArmReading) -> Bool {
        a.arm == b.arm && a.source == b.source && a.rowLabel == b.rowLabel && a.matchedBy == b.matchedBy
            && a.cells.map(\.time) == b.cells.map(\.time) && a.cells.map(\.count) == b.cells.map(\.count)
            && a.cells.map(\.word) == b.cells.map(\.word) && a.unreadTimes == b.unreadTimes
    }
}

/// Where an arm's colour hint came from.
public enum ColorSource: String, Sendable, Equatable {
    /// Typed in the spec as `color`.
    case typed
    /// Read from the legend: the key beside the entry whose text names the arm.
    case legend
    /// Neither: the digitiser found the arm's curve among the figure's colours.
    case unspecified = "none"
}

/// Where one arm's colour came from and, when read from the legend, what was read.
public struct ArmColorReading: Sendable, Equatable {
    public var arm: String
    public var source: ColorSource
    /// The colour hint handed to the digitiser (typed, or the legend key's); nil for `none`.
    public var color: RGB?
    /// The legend entry's text as read, with its box (image pixels); `confident` when the OCR
    /// engine's confidence reached ``FigureTextFiller/minimumLegendConfidence``.
    public var legendText: ReadText?
    /// The OCR engine's confidence in the entry's text (its least confident word), 0…100.
    public var engineConfidence: Int?
    /// How alike the arm's name and the entry's text are (``LegendNameMatcher/similarity(_:_:)``), 0…1.
    public var nameSimilarity: Double?
    /// Whether the similarity is near-exact (``LegendNameMatcher/nearExactSimilarity``).
    public var nearExact = false

    public init(arm: String, source: ColorSource, color: RGB? = nil, legendText: ReadText? = nil,
                engineConfidence: Int? = nil, nameSimilarity: Double? = nil, nearExact: Bool = false) {
        self.arm = arm
        self.source = source
        self.color = color
        self.legendText = legendText
        self.engineConfidence = engineConfidence
        self.nameSimilarity = nameSimilarity
        self.nearExact = nearExact
    }

    /// Whether a colour read from the legend needs a look: the text was read with low OCR
    /// confidence, or it names the arm only approximately.
    public var needsReview: Bool { source == .legend && (!(legendText?.confident ?? false) || !nearExact) }
}

/// Everything the spec left out and the tool read from the figure, with what was typed, so the
/// report can say which is which. Values typed in the spec always win.
public struct FigureReading: Sendable, Equatable {
    /// The plot as located for reading, when the figure had to be read.
    public var location: PlotLocation?
    /// x then y.
    public var axes: [AxisReading]
    /// One per spec arm, in the spec's order.
    public var arms: [ArmReading]
    /// Where each arm's colour came from, one per spec arm in the spec's order (empty in a
    /// reading made before colours were recorded).
    public var colors: [ArmColorReading] = []

    /// Whether anything was read from the figure.
    public var readAnything: Bool {
        axes.contains { $0.source == .read } || arms.contains { $0.source == .read } || colors.contains { $0.source == .legend }
    }

    /// Every word that went into a value, for the overlay: tick labels, row labels' cells,
    /// legend entries that gave an arm its colour.
    public var wordsUsed: [ReadText] {
        axes.flatMap { $0.labels.map(\.word) } + arms.flatMap { $0.cells.compactMap(\.word) } + colors.compactMap(\.legendText)
    }

    /// A reading that records the spec's typed values only.
    static func typed(_ spec: FigureSpec) -> FigureReading {
        func axis(_ name: String, _ ticks: [Double]?, _ manual: [(pixel: Double, value: Double)]?) -> AxisReading {
            AxisReading(axis: name, source: manual != nil ? .typedCalibration : .typed, ticks: ticks ?? manual?.map(\.value) ?? [])
        }
        return FigureReading(location: nil,
                             axes: [axis("x", spec.xTicks, spec.calibrationX), axis("y", spec.yTicks, spec.calibrationY)],
                             arms: spec.arms.map { ArmReading(arm: $0.name, source: $0.atRiskCounts != nil ? .typed : .typedN) },
                             colors: typedColors(spec))
    }

    /// Each arm's colour as the spec gives it: typed, or none.
    static func typedColors(_ spec: FigureSpec) -> [ArmColorReading] {
        spec.arms.map { ArmColorReading(arm: $0.name, source: $0.color != nil ? .typed : .unspecified, color: $0.color) }
    }
}

extension FigureReading {
    /// One line per value read from the figure, for a person to check: `x_axis.ticks read: 0, 6,
    /// 12` or `arm "Male" at_risk read (row "Male", matched by label): 138, 86, 35`.
    public var summaryLines: [String] {
        var lines: [String] = []
        for axis in axes where axis.source == .read {
            var line = "\(axis.axis)_axis.ticks read: " + axis.ticks.map(printedNumber).joined(separator: ", ")
            if !axis.filledTicks.isEmpty { line += " (\(axis.filledTicks.map(printedNumber).joined(separator: ", ")) filled in between read labels)" }
            if axis.calibratedFromLabels { line += "; calibrated from the label positions (the values could not be matched to tick marks where the labels are)" }
            lines.append(line)
        }
        for axis in axes where axis.source == .typed && axis.calibratedFromLabels {
            lines.append("\(axis.axis)_axis.ticks typed: the values fit no tick marks, so the positions of their printed labels (\(axis.labels.map { printedNumber($0.value) }.joined(separator: ", ")) read) calibrate the axis")
        }
        for arm in arms where arm.source == .read {
            let row = arm.rowLabel.map { "row \"\($0)\"" } ?? "unlabelled row"
            lines.append("arm \"\(arm.arm)\" at_risk read (\(row), matched by \(arm.matchedBy ?? "?")): "
                + zip(arm.cells.map(\.time), arm.cells.map(\.count)).map { "\(printedNumber($0.0)): \($0.1)" }.joined(separator: ", "))
        }
        for color in colors where color.source == .legend {
            lines.append("arm \"\(color.arm)\" color read from the legend (\"\(color.legendText?.text ?? "")\", \(color.color?.hex ?? "?"))")
        }
        return lines
    }
}
