import KMImage

extension RGB {
    var vector: (Double, Double, Double) { (Double(r), Double(g), Double(b)) }

    init(_ v: (Double, Double, Double)) {
        func byte(_ d: Double) -> UInt8 { UInt8(max(0, min(255, d.rounded()))) }
        self.init(r: byte(v.0), g: byte(v.1), b: byte(v.2))
    }
}

extension LabColor {
    init(_ v: (Double, Double, Double)) { self.init(RGB(v)) }
}

/// Explains a pixel as a curve colour blended with the panel background, which is what
/// anti-aliasing and thin lines produce: `pixel ≈ background + alpha · (ink − background)`.
struct BlendModel: Sendable {
    let ink: (Double, Double, Double)
    let background: (Double, Double, Double)
    private let direction: (Double, Double, Double)
    private let lengthSquared: Double

    init(ink: (Double, Double, Double), background: (Double, Double, Double)) {
        self.ink = ink
        self.background = background
        direction = (ink.0 - background.0, ink.1 - background.1, ink.2 - background.2)
        lengthSquared = max(1, direction.0 * direction.0 + direction.1 * direction.1 + direction.2 * direction.2)
    }

    /// The blend weight in [0, 1] (how much ink) and the RGB distance left unexplained.
    @inline(__always)
    func fit(_ r: Double, _ g: Double, _ b: Double) -> (alpha: Double, residual: Double) {
        let pr = r - background.0, pg = g - background.1, pb = b - background.2
        var alpha = (pr * direction.0 + pg * direction.1 + pb * direction.2) / lengthSquared
        alpha = min(1, max(0, alpha))
        let er = pr - alpha * direction.0, eg = pg - alpha * direction.1, eb = pb - alpha * direction.2
        return (alpha, (er * er + eg * eg + eb * eb).squareRoot())
    }

    /// Distance of the ink from the background, in RGB units (how visible the curve is).
    var contrast: Double { lengthSquared.squareRoot() }
}
