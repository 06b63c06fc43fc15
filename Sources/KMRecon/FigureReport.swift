import KMDigitize
import KMImage
import KMReconstruct
import KMSurvival

/// Reported against reconstructed numbers at risk at one at-risk table time.
public struct AtRiskCheck: Sendable, Equatable {
    /// The table time, in the figure's time unit.
    public var time: Double
    /// The count printed in the figure's at-risk table (or n, when only n is given).
    public var reported: Int
    /// The reconstructed patients still at risk at `time`.
    public var reconstructed: Int
}

/// What one arm's extraction found and how well the reconstruction fits it.
public struct ArmReport: Sendable {
    public var name: String
    /// The colour the curve was traced in.
    public var color: RGB
    /// How sure the arm ↔ curve assignment is, in [0, 1].
    public var assignmentConfidence: Double
    /// The traced step function's corners (time in the figure's unit, survival a probability).
    public var tracedPoints: [SurvivalReading]
    /// Censor marks found on the curve, same units.
    public var censorMarks: [SurvivalReading]
    /// Reconstructed patients, events and censorings.
    public var patients: Int
    public var events: Int
    public var censored: Int
    /// Total events the spec reports for the arm, if any.
    public var reportedEvents: Int?
    /// The spec's at-risk table times, in the figure's unit (nil when only n is given).
    public var tableTimes: [Double]?
    /// The spec's at-risk table counts, one per `tableTimes` entry.
    public var tableCounts: [Int]? = nil
    public var atRisk: [AtRiskCheck]
    public var accuracy: AccuracyStatistics
    /// Mean vertical gap (survival, a probability) between the traced step function and the
    /// Kaplan–Meier curve of the reconstructed patients over the traced time range. Unlike
    /// IPDfromKM's RMSE it has no top-corner bias, so small arms are not penalised.
    public var curveGap: Double = 0
    /// The reconstruction's warnings (IPDfromKM's silent behaviours).
    public var warnings: [ReconstructionWarning]
    /// The overlay's colours for this arm: the traced curve and the reconstructed patients' KM curve.
    public var overlayTracedColor: RGB
    public var overlayReconstructedColor: RGB
}

/// A per-figure trust report: the calibration with its tick residuals, per arm the traced
/// points, censor marks, at-risk and event checks and accuracy statistics, and an overall
/// ``FigureConfidence`` with its reasons (see ``ConfidenceRules``).
public struct FigureReport: Sendable {
    /// The spec file, as given.
    public var specPath: String
    /// The figure, as resolved from the spec (nil when the spec could not be read).
    public var imagePath: String?
    /// Image width and height in pixels (nil when the image was not read).
    public var imageSize: (width: Int, height: Int)?
    public var confidence: FigureConfidence
    /// Why the confidence is not `ok` (empty when it is).
    public var reasons: [String]
    /// The error that stopped extraction, for `failed`.
    public var error: String?
    /// Per axis: calibration and tick residuals. Empty for `failed`.
    public var calibration: [AxisCheck]
    public var yInPercent: Bool?
    /// The plot panel `[left, top, right, bottom]`, pixels.
    public var panel: [Int]?
    public var arms: [ArmReport]
    /// The digitiser's notes.
    public var notes: [String]
    public var rules: ConfidenceRules
    /// What the spec gave and what was read from the figure (nil for `failed`).
    public var reading: FigureReading? = nil

    /// The report of a successful extraction.
    public init(_ extraction: FigureExtraction, rules: ConfidenceRules = ConfidenceRules()) {
        let figure = extraction.figure
        let palette = OverlayPalette(figure)
        specPath = extraction.spec.path
        imagePath = extraction.spec.imagePath
        imageSize = (extraction.raster.width, extraction.raster.height)
        calibration = TickChecker.check(extraction.raster, figure, spec: extraction.spec)
        yInPercent = figure.yInPercent
        panel = figure.panel
        notes = figure.notes
        self.rules = rules
        error = nil
        arms = extraction.arms.enumerated().map { i, result in
            let r = result.reconstruction
            let specArm = extraction.spec.arms.first { $0.name == result.name }
            return ArmReport(
                name: result.name, color: result.curve.color, assignmentConfidence: result.curve.assignmentConfidence,
                tracedPoints: result.curve.corners, censorMarks: result.curve.censorMarks,
                patients: r.patients.count, events: r.eventCount, censored: r.censoredCount,
                reportedEvents: specArm?.events, tableTimes: specArm?.atRiskTimes, tableCounts: specArm?.atRiskCounts,
                atRisk: printedAtRiskChecks(r, specArm),
                accuracy: r.accuracy, curveGap: meanCurveGap(traced: result.curve.corners, patients: r.patients),
                warnings: r.warnings,
                overlayTracedColor: palette.traced[i], overlayReconstructedColor: palette.reconstructed[i])
        }
        reading = extraction.reading
        reasons = rules.reviewReasons(arms: arms, calibration: calibration, notes: notes)
            + rules.readingReasons(extraction.reading)
        confidence = reasons.isEmpty ? .ok : .review
    }

    /// The report of an extraction that stopped with `error`.
    public init(failedSpec specPath: String, imagePath: String? = nil, error: String, rules: ConfidenceRules = ConfidenceRules()) {
        self.specPath = specPath
        self.imagePath = imagePath
        imageSize = nil
        confidence = .failed
        reasons = ["extraction failed: \(error)"]
        self.error = error
        calibration = []
        yInPercent = nil
        panel = nil
        arms = []
        notes = []
        self.rules = rules
    }
}

/// ∫ |S_traced(t) − S_KM(t)| dt / T over [0, T], T the traced curve's last time; both curves are
/// right-continuous step functions (the traced one takes the lower corner at a drop).
func meanCurveGap(traced corners: [SurvivalReading], patients: [ReconstructedPatient]) -> Double {
    guard let end = corners.last?.time, end > 0 else { return 0 }
    guard let km = try? KaplanMeier(times: patients.map(\.time), events: patients.map(\.event)) else { return 0 }
    var breaks = Set(corners.map(\.time))
    for step in km.steps where step.time < end { breaks.insert(step.time) }
    let points = breaks.filter { $0 >= 0 && $0 < end }.sorted() + [end]
    func traced(_ t: Double) -> Double {
        var value = 1.0
        for c in corners where c.time <= t { value = c.survival }
        return value
    }
    var area = 0.0
    for i in 0..<(points.count - 1) {
        let a = points[i], b = points[i + 1]
        area += abs(traced(a) - km.survival(at: a)) * (b - a)
    }
    return area / end
}
