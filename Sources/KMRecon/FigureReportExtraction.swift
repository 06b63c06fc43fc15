import KMDigitize
import KMImage
import KMReconstruct

/// Everything one figure's extraction produced, kept together for the overlay and the report:
/// the decoded image, the digitised figure (calibration, panel, traced arms) and each arm's
/// reconstruction.
public struct FigureExtraction: Sendable {
    /// The spec with what was read from the figure filled in.
    public var spec: FigureSpec
    /// The decoded figure, 8-bit RGB composited on white.
    public var raster: Raster
    public var figure: DigitizedFigure
    /// One result per spec arm, in the spec's order.
    public var arms: [ArmResult]
    /// What the spec gave and what was read from the figure.
    public var reading: FigureReading
}

/// Figure → curves → patients, like ``extractPatients(_:)``, but keeping the image and the
/// digitised figure so that an overlay and a report can be made without decoding twice.
///
/// The patients are the same as ``extractPatients(_:)``'s: the reconstruction input is built
/// the same way (a test checks that the two agree).
public func extractFigure(_ spec: FigureSpec, feed: ReconstructionFeed = .standard,
                          ocr: OCRPool = OCRPool()) throws(ExtractionError) -> FigureExtraction {
    let prepared = try prepareFigure(spec, ocr: ocr)
    let arms = try reconstructArms(prepared.spec, prepared.figure, feed: feed)
    return FigureExtraction(spec: prepared.spec, raster: prepared.raster, figure: prepared.figure, arms: arms,
                            reading: prepared.reading)
}

/// Rebuilds each spec arm's patients from its traced curve and the spec's at-risk table, n and
/// events, fed the standard way (``ReconstructionFeed/standard``), as ``extractPatients(_:)`` does.
public func reconstructArms(_ spec: FigureSpec, _ figure: DigitizedFigure) throws(ExtractionError) -> [ArmResult] {
    try reconstructArms(spec, figure, feed: .standard)
}
