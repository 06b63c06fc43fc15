/// Explains a pixel as a curve colour blended with the panel background, which is what
/// anti-aliasing and thin lines produce: `pixel ≈ background + alpha · (ink − background)`.
package struct BlendModel: Sendable {
    package let ink: (Double, Double, Double)
    package let background: (Double, Double, Double)
    private let direction: (Double, Double, Double)
    private let lengthSquared: Double

    package init(ink: (Double, Double, Double), background: (Double, Double, Double)) {
        self.ink = ink
        self.background = background
        direction = (ink.0 - background.0, ink.1 - background.1, ink.2 - background.2)
        lengthSquared = max(1, direction.0 * direction.0 + direction.1 * direction.1 + direction.2 * direction.2)
    }

    /// The blend weight in [0, 1] (how much ink) and the RGB distance left unexplained.
    @inline(__always)
    package func fit(_ r: Double, _ g: Double, _ b: Double) -> (alpha: Double, residual: Double) {
        let pr = r - background.0, pg = g - background.1, pb = b - background.2
        var alpha = (pr * direction.0 + pg * direction.1 + pb * direction.2) / lengthSquared
        alpha = min(1, max(0, alpha))
        let er = pr - alpha * direction.0, eg = pg - alpha * direction.1, eb = pb - alpha * direction.2
        return (alpha, (er * er + eg * eg + eb * eb).squareRoot())
    }

    /// Distance of the ink from the background, in RGB units (how visible the curve is).
    package var contrast: Double { lengthSquared.squareRoot() }
}
