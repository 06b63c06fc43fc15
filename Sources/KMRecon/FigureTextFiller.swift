import Dispatch
import Foundation
import KMDigitize
import KMImage
import KMOCR

/// OCR engines shared by the figures of a batch (a `KMOCR.OCREnginePool`): one per thread at
/// most, each loading the OCR model once. Engines are created only when a figure needs reading.
public final class OCRPool: Sendable {
    let engines = OCREnginePool()
    /// Engines one figure reads with at once (its words are split into bands of rows), or nil
    /// to decide per figure: two when a core is idle (1-minute load average at least one below
    /// the core count), else one, since loading a second model (about 0.1 s of CPU) only pays
    /// off on an idle core. The words read are the same either way.
    public let threadsPerFigure: Int?

    /// - Parameter threadsPerFigure: nil (the default) to decide per figure; 1 in a batch that
    ///   already keeps every core busy with a figure each.
    public init(threadsPerFigure: Int? = nil) {
        self.threadsPerFigure = threadsPerFigure.map { max(1, $0) }
    }

    /// The engines to read the next figure with.
    func threadsForFigure() -> Int {
        if let threadsPerFigure { return threadsPerFigure }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var load = [Double](repeating: 0, count: 1)
        guard cores >= 2, getloadavg(&load, 1) == 1 else { return 1 }
        return Double(cores) - load[0] >= 1 ? 2 : 1
    }

    /// Whether the OCR engine (libtesseract 5 and its English model) can be loaded here; without
    /// it, only specs that type every value they need can be extracted.
    public static var isAvailable: Bool { OCREngine.isAvailable }

    /// Loads up to `count` engines at once (each loads the model, about 0.1 s), so that they are
    /// ready when the figure's words are.
    func warm(_ count: Int) {
        DispatchQueue.concurrentPerform(iterations: count) { _ in _ = try? engines.withEngine { _ in () } }
    }
}

/// Completes a spec from its figure: whatever the spec leaves out — the x or y tick labels
/// (unless it gives `calibration` for that axis), an arm's numbers at risk (unless it gives
/// `at_risk` or `n`) — is read with KMOCR around the plot found by `locatePlot`. Values the spec
/// gives always win and are never read.
///
/// Read ticks go to the digitiser as tick *values*, so its own matching to tick marks checks
/// them; gaps inside a regular progression of read labels (an illegible "40" between "30" and
/// "50") are filled in. Fails closed: anything that cannot be read with confidence is an error
/// that says what to type.
public struct FigureTextFiller: Sendable {
    public var words = WordFinder()
    public var axes = AxisLabelReader()
    public var table = AtRiskTableReader()
    /// Largest distance, pixels, between a read tick label and where the digitiser's tick match
    /// puts its value; further, the match is taken as wrong and the labels calibrate the axis.
    public var maximumDisagreementPixels = 3.0
    /// Whether arms without a colour take the colour of the legend key whose text names them
    /// (``legendColors(_:legend:raster:pool:)``).
    public var readsLegend = true
    /// The legend is read only when the digitiser matched some arm to its curve with less
    /// confidence than this (the printed numbers did not decide it; at the report's review
    /// threshold): a confident match is kept as traced, and costs no OCR.
    public var legendBelowAssignmentConfidence = 0.5
    /// How legend texts are matched to arm names.
    public var legendMatcher = LegendNameMatcher()
    /// Least OCR engine confidence (0…100) of a legend entry's text for its read to count as
    /// confident; a colour read from a less confident text asks for review.
    public var minimumLegendConfidence = 80

    public init() {}

    /// The spec fields that must be read from the figure, as a user would type them.
    public func missingFields(_ spec: FigureSpec) -> [String] {
        var out: [String] = []
        if spec.xTicks == nil, spec.calibrationX == nil { out.append("x_axis.ticks") }
        if spec.yTicks == nil, spec.calibrationY == nil { out.append("y_axis.ticks") }
        for (i, arm) in spec.arms.enumerated() where arm.atRiskCounts == nil && arm.patients == nil {
            out.append("arms[\(i)].at_risk (\"\(arm.name)\")")
        }
        return out
    }

    /// Where the typed tick values of axis `index` (0 for x, 1 for y) are printed, for an axis
    /// whose tick marks the typed values fit nowhere: the axis's labels are read as if the spec
    /// left them out, and those whose value is a typed one are kept. Nil unless at least three
    /// are kept and their positions lie on one line `value = a + b · pixel` to within 1.5 % of
    /// their span (at least 2 pixels): a misread label is dropped, a wrong scale is refused.
    /// The returned reading keeps the typed values (`source` typed) with the kept labels.
    func locateTypedTicks(axis index: Int, in spec: FigureSpec, raster: Raster, pool: OCRPool)
        -> (axis: AxisReading, location: PlotLocation?)? {
        var probe = spec
        let typed = index == 0 ? spec.xTicks : spec.yTicks
        guard let typed, OCREngine.unavailableReason == nil else { return nil }
        if index == 0 { probe.xTicks = nil } else { probe.yTicks = nil }
        // Only the axis is read: every arm keeps its table or n.
        for i in probe.arms.indices where probe.arms[i].atRiskCounts == nil && probe.arms[i].patients == nil { probe.arms[i].patients = 1 }
        guard let read = try? readMissing(probe, raster: raster, pool: pool), read.reading.axes[index].source == .read else { return nil }
        let found = read.reading.axes[index]
        let kept = found.labels.filter { label in typed.contains { abs($0 - label.value) <= 1e-9 * max(1, abs($0)) } }
        guard kept.count >= 3, let line = CalibrationFit.fit(kept.map { ($0.tickPixel, $0.value) }) else { return nil }
        let pixels = kept.map(\.tickPixel)
        let tolerance = max(2, 0.015 * (pixels.max()! - pixels.min()!))
        guard kept.allSatisfy({ abs(line.pixel(forValue: $0.value) - $0.tickPixel) <= tolerance }) else { return nil }
        var axis = AxisReading(axis: found.axis, source: .typed, ticks: typed)
        axis.labels = kept
        axis.labelCalibration = line
        axis.snappedToTicks = found.snappedToTicks
        return (axis, read.reading.location)
    }

    /// The words left of the panel read with the strip turned a quarter clockwise, for labels
    /// printed turned a quarter anticlockwise (reading upwards, as base R prints y labels by
    /// default); their boxes are given back in figure pixels. The turned strip is padded with
    /// paper to the figure's height, so that the word finder's size limits, which scale with
    /// the image height, treat its glyphs as in the figure.
    func uprightLeftLabels(_ raster: Raster, layout: PlotLayout, pool: OCRPool) throws -> [ReadWord] {
        let x0 = 0, x1 = Int(layout.left.rounded(.down)) - 2
        let y0 = max(0, Int(layout.top) - 20), y1 = min(raster.height - 1, Int(layout.bottom) + 20)
        let stripWidth = x1 - x0 + 1, stripHeight = y1 - y0 + 1
        guard stripWidth >= 8, stripHeight >= 20 else { return [] }
        // Turned pixel (u, v) is figure pixel (x0 + v, y1 − u).
        var turned = Raster(width: stripHeight, height: max(stripWidth, raster.height))
        for v in 0..<stripWidth {
            for u in 0..<stripHeight {
                let source = 3 * ((y1 - u) * raster.width + (x0 + v)), target = 3 * (v * turned.width + u)
                turned.rgb[target] = raster.rgb[source]
                turned.rgb[target + 1] = raster.rgb[source + 1]
                turned.rgb[target + 2] = raster.rgb[source + 2]
            }
        }
        let read = try pool.engines.withEngine { engine in words.words(in: turned, engine: engine) { $0.bottom < stripWidth } }
        return read.map { word in
            var back = word
            back.box = PixelBox(left: x0 + word.box.top, top: y1 - word.box.right, right: x0 + word.box.bottom, bottom: y1 - word.box.left)
            return back
        }
    }

    /// `spec` with what it leaves out read from `raster`, and the record of what was typed and
    /// read. Throws unless every missing value was read with confidence.
    public func complete(_ spec: FigureSpec, raster: Raster, pool: OCRPool) throws(ReadingError) -> (spec: FigureSpec, reading: FigureReading) {
        let result = try readMissing(spec, raster: raster, pool: pool)
        guard result.failures.isEmpty else { throw .unreadable(failures: result.failures) }
        return (result.spec, result.reading)
    }

    /// Like ``complete(_:raster:pool:)``, but keeps what could be read when some values could
    /// not: `failures` says, one message each, what could not be read and what to type instead.
    /// Throws only when nothing can be read (no OCR engine, no plot found).
    public func readMissing(_ spec: FigureSpec, raster: Raster, pool: OCRPool) throws(ReadingError)
        -> (spec: FigureSpec, reading: FigureReading, failures: [String]) {
        var reading = FigureReading.typed(spec)
        let missing = missingFields(spec)
        guard !missing.isEmpty else { return (spec, reading, []) }
        if case let .engineUnavailable(reason)? = OCREngine.unavailableReason { throw .engineUnavailable(missing: missing, reason: reason) }
        // Load the engines while the plot is located.
        final class Located: @unchecked Sendable { var location: PlotLocation? }
        let located = Located()
        let threads = pool.threadsForFigure()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { located.location = locatePlot(raster) } else { pool.warm(threads) }
        }
        guard let location = located.location else { throw .plotNotFound(missing: missing) }
        reading.location = location
        let layout = PlotLayout(left: location.left, top: location.top, right: location.right, bottom: location.bottom,
                                xTickPixels: location.xTickPixels.isEmpty ? nil : location.xTickPixels,
                                yTickPixels: location.yTickPixels.isEmpty ? nil : location.yTickPixels)
        let found: [ReadWord]
        do {
            found = try FigureWordReading(finder: words, threads: threads).read(raster, layout: layout, pool: pool.engines)
        } catch let error as OCRError {
            if case let .engineUnavailable(reason) = error { throw .engineUnavailable(missing: missing, reason: reason) }
            throw .unreadable(failures: [error.description])
        } catch {
            throw .unreadable(failures: ["\(error)"])
        }

        var completed = spec
        var failures: [String] = []
        let needX = spec.xTicks == nil && spec.calibrationX == nil
        let needY = spec.yTicks == nil && spec.calibrationY == nil
        let needy = spec.arms.indices.filter { spec.arms[$0].atRiskCounts == nil && spec.arms[$0].patients == nil }
        let x = needX || !needy.isEmpty ? axes.calibrate(.x, words: found, layout: layout) : nil
        // Tick marks just beyond the labels read, in the labels' progression, extend the axis
        // (and the table's columns); the report lists them as filled in.
        let xExtended = x.map { $0.map { TickExtension.extend($0, marks: location.xTickPixels) } }
        if needX, let x {
            switch x {
            case let .success(calibration):
                let extended = (try? xExtended?.get())?.1 ?? []
                reading.axes[0] = Self.axisReading("x", calibration, extraTicks: extended)
                completed.xTicks = reading.axes[0].ticks
            case let .failure(error): failures.append(error.description)
            }
        }
        if needY {
            var result = axes.calibrate(.y, words: found, layout: layout)
            // No column of labels: they may be printed turned, reading upwards (base R's default).
            if case .failure = result, let turned = try? uprightLeftLabels(raster, layout: layout, pool: pool), !turned.isEmpty,
               case let .success(calibration) = axes.calibrate(.y, words: turned, layout: layout) {
                result = .success(calibration)
            }
            switch result {
            case let .success(calibration):
                reading.axes[1] = Self.axisReading("y", calibration)
                completed.yTicks = reading.axes[1].ticks
            case let .failure(error): failures.append(error.description)
            }
        }
        if !needy.isEmpty, let xExtended {
            let rows: [Result<ArmAtRisk, OCRError>]
            switch xExtended {
            case let .success((calibration, _)):
                switch table.read(words: found, x: calibration) {
                case let .success(t): rows = Self.acceptingWeakReads(t).arms(spec.arms.map(Self.hint))
                case let .failure(error): rows = spec.arms.map { _ in .failure(error) }
                }
            case let .failure(error):
                let why = OCRError.noAtRiskTable(reason: "the x tick labels, which head its columns, were not read (\(Self.reason(error)))")
                rows = spec.arms.map { _ in .failure(why) }
            }
            for i in needy {
                switch rows[i] {
                case let .success(row) where row.times.first != 0:
                    // Without its t = 0 column the table has lost n: never guess it.
                    let failure = OCRError.atRiskRowRejected(arm: row.arm, reason: "the table read starts at t=\(printedNumber(row.times.first ?? 0)), not at 0, so its first column (n) was not read")
                    if !failures.contains(failure.description) { failures.append(failure.description) }
                case let .success(row):
                    completed.arms[i].atRiskTimes = row.times
                    completed.arms[i].atRiskCounts = row.counts
                    reading.arms[i] = Self.armReading(row)
                case let .failure(error):
                    let text = error.description
                    if !failures.contains(text) { failures.append(text) }
                }
            }
        }
        return (completed, reading, failures)
    }
}
