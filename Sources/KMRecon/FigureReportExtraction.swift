import KMDigitize
import KMImage
import KMReconstruct

/// Everything one figure's extraction produced, kept together for the overlay and the report:
/// the decoded image, the digitised figure (calibration, panel, traced arms) and each arm's
/// reconstruction.
public struct FigureExtraction: Sendable {
    public var spec: FigureSpec
    /// The decoded figure, 8-bit RGB composited on white.
    public var raster: Raster
    public var figure: DigitizedFigure
    /// One result per spec arm, in the spec's order.
    public var arms: [ArmResult]
}

/// Figure → curves → patients, like ``extractPatients(_:)``, but keeping the image and the
/// digitised figure so that an overlay and a report can be made without decoding twice.
///
/// The patients are the same as ``extractPatients(_:)``'s: the reconstruction input is built
/// the same way (a test checks that the two agree).
public func extractFigure(_ spec: FigureSpec) throws(ExtractionError) -> FigureExtraction {
    let request: DigitizeRequest
    do { request = try spec.digitizeRequest() } catch { throw .spec(error) }
    let raster: Raster
    do { raster = try PNGReader.read(contentsOf: spec.imagePath) } catch { throw .image(error) }
    let figure: DigitizedFigure
    do { figure = try digitize(raster, request) } catch { throw .digitize(path: spec.imagePath, error) }
    let arms = try reconstructArms(spec, figure)
    return FigureExtraction(spec: spec, raster: raster, figure: figure, arms: arms)
}

/// Rebuilds each spec arm's patients from its traced corners and the spec's at-risk table,
/// n and events (IPDfromKM), as ``extractPatients(_:)`` does.
public func reconstructArms(_ spec: FigureSpec, _ figure: DigitizedFigure) throws(ExtractionError) -> [ArmResult] {
    var results: [ArmResult] = []
    for (arm, curve) in zip(spec.arms, figure.arms) {
        var table: AtRiskTable? = nil
        if let times = arm.atRiskTimes, let counts = arm.atRiskCounts {
            do { table = try AtRiskTable(times: times, counts: counts) } catch { throw .reconstruct(arm: arm.name, error) }
        }
        let input = reconstructionInput(arm, curve, table)
        do {
            results.append(ArmResult(name: arm.name, curve: curve, reconstruction: try reconstruct(input)))
        } catch {
            throw .reconstruct(arm: arm.name, error)
        }
    }
    return results
}
