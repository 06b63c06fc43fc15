import Foundation
import KMDigitize
import KMExport
import KMImage
import KMReconstruct

/// Why a figure could not be turned into curves or patients. One line each, naming the stage.
public enum ExtractionError: Error, Sendable, CustomStringConvertible {
    case spec(SpecError)
    case image(ImageError)
    /// What the spec leaves out could not be read from the figure.
    case read(path: String, ReadingError)
    case digitize(path: String, DigitizeError)
    case reconstruct(arm: String, ReconstructionError)

    public var description: String {
        switch self {
        case let .spec(e): return e.description
        case let .image(e): return e.description
        case let .read(path, e): return "\(path): \(e)"
        case let .digitize(path, e): return "\(path): \(e)"
        case let .reconstruct(arm, e): return "arm \"\(arm)\": reconstruction failed: \(e)"
        }
    }
}

/// One arm's reconstructed patients with the curve they came from.
public struct ArmResult: Sendable {
    public var name: String
    public var curve: DigitizedArm
    public var reconstruction: Reconstruction
}

/// Reads the figure a spec names and traces every arm's curve; what the spec leaves out is read
/// from the figure first (see ``prepareFigure(_:ocr:filler:)``).
public func digitizeFigure(_ spec: FigureSpec, ocr: OCRPool = OCRPool()) throws(ExtractionError) -> DigitizedFigure {
    try prepareFigure(spec, ocr: ocr).figure
}

/// Figure → curves → patients: traces each arm and rebuilds its patients (IPDfromKM) from the
/// curve's corners and the spec's at-risk table, n and events, fed the standard way
/// (``ReconstructionFeed/standard``).
public func extractPatients(_ spec: FigureSpec) throws(ExtractionError) -> [ArmResult] {
    try extractPatients(spec, feed: .standard)
}

/// Figure → curves → patients, with a choice of how the curve is fed to IPDfromKM
/// (`.plain` gives IPDfromKM's own behaviour on the traced corners).
public func extractPatients(_ spec: FigureSpec, feed: ReconstructionFeed, ocr: OCRPool = OCRPool()) throws(ExtractionError) -> [ArmResult] {
    let prepared = try prepareFigure(spec, ocr: ocr)
    return try reconstructArms(prepared.spec, prepared.figure, feed: feed)
}

/// Rebuilds each spec arm's patients from its traced curve and the spec's at-risk table, n and
/// events, fed to IPDfromKM as `feed` says.
public func reconstructArms(_ spec: FigureSpec, _ figure: DigitizedFigure, feed: ReconstructionFeed) throws(ExtractionError) -> [ArmResult] {
    var results: [ArmResult] = []
    for (arm, curve) in zip(spec.arms, figure.arms) {
        if arm.atRiskCounts == nil, arm.patients == nil, let i = spec.arms.firstIndex(where: { $0.name == arm.name }) {
            throw .spec(.missingField(path: spec.path, field: "arms[\(i)].at_risk or arms[\(i)].n (for \"\(arm.name)\")"))
        }
        var table: AtRiskTable? = nil
        if let times = arm.atRiskTimes, let counts = arm.atRiskCounts {
            do { table = try AtRiskTable(times: times, counts: counts) } catch { throw .reconstruct(arm: arm.name, error) }
        }
        let curve = feed == .inferredAtRisk ? reachingAtRiskTimeAtCurveEnd(curve, table: table) : curve
        let input = reconstructionInput(arm, curve, table, feed: feed)
        do {
            var reconstruction = try reconstruct(input)
            if feed == .inferredAtRisk, let end = curve.corners.last?.time {
                reconstruction.patients = spreadingTiedEvents(reconstruction.patients, timePerPixel: curve.timePerPixel,
                                                              curveEnd: end, table: table)
                reconstruction.patients = placingLastFollowUpAtCurveEnd(reconstruction.patients, curveEnd: end, table: table)
                reconstruction.patients = movingTailCensoringsToMarks(reconstruction.patients, curveEnd: end, table: table,
                                                                  censorMarks: curve.censorMarks.map(\.time))
                reconstruction.warnings = warningsOnTheGivenNumbers(reconstruction.warnings, table: table, curveEnd: end)
            }
            results.append(ArmResult(name: arm.name, curve: curve, reconstruction: reconstruction))
        } catch {
            throw .reconstruct(arm: arm.name, error)
        }
    }
    return results
}

/// What IPDfromKM gets for one arm. Every path from a curve to patients goes through here.
/// `.plain`: the traced corners with readings at the at-risk times, the at-risk table (else n)
/// and the events; `.inferredAtRisk`: see ``ReconstructionFeed/inferredAtRisk``.
func reconstructionInput(_ arm: FigureSpec.Arm, _ curve: DigitizedArm, _ table: AtRiskTable?,
                         feed: ReconstructionFeed = .standard) -> ReconstructionInput {
    if feed == .inferredAtRisk, let input = inferredReconstructionInput(arm, curve, table) { return input }
    let points = reconstructionPoints(withReadingsAt: arm.atRiskTimes ?? [], curve.corners)
    return ReconstructionInput(points: reconstructionPoints(points), atRisk: table,
                               totalPatients: table == nil ? arm.patients : nil,
                               totalEvents: arm.events, scale: .probability)
}

/// The corners plus the curve's reading at every at-risk time inside the drawn curve, so that
/// each at-risk interval of the reconstruction starts on a point of its own (times in the
/// figure's unit, survival as a probability; right-continuous, so a reading at a drop's time
/// is the value after the drop).
func reconstructionPoints(withReadingsAt times: [Double], _ corners: [SurvivalReading]) -> [SurvivalReading] {
    guard let end = corners.last?.time else { return corners }
    var points = corners
    for t in times where t > 0 && t < end && !corners.contains(where: { $0.time == t }) {
        var value = corners[0].survival
        for c in corners where c.time <= t { value = c.survival }
        let index = points.firstIndex { $0.time > t } ?? points.count
        points.insert(SurvivalReading(time: t, survival: value), at: index)
    }
    return points
}

/// The corners as reconstruction input; IPDfromKM needs at least 5 points, so a curve with
/// very few steps gets extra points along its flat parts.
func reconstructionPoints(_ corners: [SurvivalReading]) -> [CurvePoint] {
    var points = corners.map { CurvePoint(time: $0.time, survival: $0.survival) }
    while points.count < 5, let last = points.last {
        let previous = points[points.count - 2 >= 0 ? points.count - 2 : 0]
        let mid = CurvePoint(time: (previous.time + last.time) / 2, survival: last.survival)
        points.insert(mid, at: points.count - 1)
    }
    return points
}

/// `arm,time,event` with a header, one row per patient (event 1, censored 0); times read back
/// as the same doubles.
public func patientsCSV(_ results: [ArmResult]) -> String {
    PatientCSV.text(results.map { ($0.name, $0.reconstruction.patients) })
}

/// `arm,time,survival,kind` with a header: the traced corners (`kind` = step) and the censor
/// marks (`kind` = censor), survival as a probability.
public func pointsCSV(_ figure: DigitizedFigure) -> String {
    var out = "arm,time,survival,kind\n"
    for arm in figure.arms {
        let name = csvField(arm.name)
        for c in arm.corners { out += "\(name),\(csvNumber(c.time)),\(csvNumber(c.survival)),step\n" }
        for c in arm.censorMarks { out += "\(name),\(csvNumber(c.time)),\(csvNumber(c.survival)),censor\n" }
    }
    return out
}

