import KMImage

/// Everything read from the text around a Kaplan–Meier plot: the words, each axis's
/// calibration from its tick labels (or why it failed), and the numbers-at-risk table.
public struct FigureText: Sendable, Equatable {
    /// Every word read outside the plot panel, with its box, text, value and votes.
    public var words: [ReadWord]
    /// The x axis from its tick labels, or why they could not be read.
    public var xAxis: Result<AxisLabelCalibration, OCRError>
    /// The y axis from its tick labels, or why they could not be read.
    public var yAxis: Result<AxisLabelCalibration, OCRError>
    /// The table under the x labels, or why there is none (always a failure when x failed).
    public var atRiskTable: Result<AtRiskTable, OCRError>

    /// Each arm's numbers at risk (see ``AtRiskTable/arms(_:)``); all failures when no table was read.
    public func atRisk(_ arms: [ArmHint]) -> [Result<ArmAtRisk, OCRError>] {
        switch atRiskTable {
        case let .success(table): return table.arms(arms)
        case let .failure(error): return arms.map { _ in .failure(error) }
        }
    }
}

/// Reads the tick labels and the numbers-at-risk table of a figure, given where its plot panel
/// is. Deterministic; about 2.5 ms per OCR call, 1 to 2 calls per number read (5 for a number
/// that is voted on, see ``ReadWord/reads``).
///
/// One reader value can be shared between threads; each call to ``read(_:layout:engine:)`` needs
/// its own ``OCREngine`` (one per thread, or from an ``OCREnginePool``).
public struct FigureTextReader: Sendable {
    public var words = WordFinder()
    public var axes = AxisLabelReader()
    public var table = AtRiskTableReader()

    public init() {}

    /// Reads `raster` around the panel given by `layout`.
    public func read(_ raster: Raster, layout: PlotLayout, engine: OCREngine) -> FigureText {
        // Words inside the panel (legend, annotations) are neither labels nor table cells.
        let inset = 2.0
        let found = words.words(in: raster, engine: engine) { box in
            !(Double(box.left) > layout.left + inset && Double(box.right) < layout.right - inset
              && Double(box.top) > layout.top + inset && Double(box.bottom) < layout.bottom - inset)
        }
        let x = axes.calibrate(.x, words: found, layout: layout)
        let y = axes.calibrate(.y, words: found, layout: layout)
        let tableResult: Result<AtRiskTable, OCRError>
        switch x {
        case let .success(calibration): tableResult = table.read(words: found, x: calibration)
        case let .failure(error): tableResult = .failure(.noAtRiskTable(reason: "the x tick labels, which head its columns, were not read (\(error))"))
        }
        return FigureText(words: found, xAxis: x, yAxis: y, atRiskTable: tableResult)
    }

    /// Reads `raster` with an engine of its own (loads the model: tens of milliseconds).
    public func read(_ raster: Raster, layout: PlotLayout) throws(OCRError) -> FigureText {
        let engine = try OCREngine()
        return read(raster, layout: layout, engine: engine)
    }
}
