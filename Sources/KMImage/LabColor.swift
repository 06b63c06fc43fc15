#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A colour in CIELAB (D65 white, 2° observer), the space where distances roughly match how
/// different two colours look. `L` is lightness 0 (black)…100 (white); `a` runs green (−) to
/// red (+) and `b` blue (−) to yellow (+), both roughly −128…128 for sRGB colours.
public struct LabColor: Sendable, Hashable {
    public var L: Double
    public var a: Double
    public var b: Double

    public init(L: Double, a: Double, b: Double) {
        self.L = L; self.a = a; self.b = b
    }

    /// The D65 reference white in XYZ, normalised to Y = 1; sums of the rows of the matrix below.
    static let white = (x: 0.9504700, y: 1.0, z: 1.0888300)

    /// Converts an sRGB colour: decode to linear light, sRGB → XYZ (IEC 61966-2-1 matrix),
    /// then XYZ → Lab relative to D65 white.
    public init(_ rgb: RGB) {
        let r = SRGB.linear(rgb.r), g = SRGB.linear(rgb.g), bl = SRGB.linear(rgb.b)
        let x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * bl
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * bl
        let z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * bl
        let fx = Self.f(x / Self.white.x), fy = Self.f(y / Self.white.y), fz = Self.f(z / Self.white.z)
        self.init(L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
    }

    /// Parses `#RRGGBB` and converts it.
    public init(hex: String) throws(HexColorError) {
        self.init(try RGB(hex: hex))
    }

    /// CIE's cube root with a linear segment near black: (6/29)³ is where the two meet.
    private static func f(_ t: Double) -> Double {
        let delta = 6.0 / 29.0
        return t > delta * delta * delta ? cbrt(t) : t / (3 * delta * delta) + 4.0 / 29.0
    }

    /// Chroma, the distance from the gray axis: sqrt(a² + b²).
    public var chroma: Double { (a * a + b * b).squareRoot() }

    /// CIE76 colour difference: the straight-line distance in Lab. About 2.3 is a just-noticeable
    /// difference; it overstates differences between saturated colours.
    public func deltaE76(_ other: LabColor) -> Double {
        let dL = L - other.L, da = a - other.a, db = b - other.b
        return (dL * dL + da * da + db * db).squareRoot()
    }

    /// CIEDE2000 colour difference (Sharma, Wu & Dalal 2005, with kL = kC = kH = 1). Corrects
    /// CIE76 for the eye's lower sensitivity to chroma differences in saturated colours and for
    /// the blue region; about 1 is a just-noticeable difference. Symmetric in its arguments.
    public func deltaE2000(_ other: LabColor) -> Double {
        let degrees = 180.0 / Double.pi
        let pow25to7 = 6_103_515_625.0   // 25^7

        let cBar = (chroma + other.chroma) / 2
        let cBar7 = pow(cBar, 7)
        let g = 0.5 * (1 - (cBar7 / (cBar7 + pow25to7)).squareRoot())
        let a1 = (1 + g) * a, a2 = (1 + g) * other.a
        let c1 = (a1 * a1 + b * b).squareRoot(), c2 = (a2 * a2 + other.b * other.b).squareRoot()
        func hue(_ b: Double, _ a: Double) -> Double {
            if a == 0 && b == 0 { return 0 }
            let h = atan2(b, a) * degrees
            return h < 0 ? h + 360 : h
        }
        let h1 = hue(b, a1), h2 = hue(other.b, a2)

        let dL = other.L - L
        let dC = c2 - c1
        var dh = 0.0
        if c1 * c2 != 0 {
            dh = h2 - h1
            if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 }
        }
        let dH = 2 * (c1 * c2).squareRoot() * sin(dh / 2 / degrees)

        let lBar = (L + other.L) / 2
        let cBarPrime = (c1 + c2) / 2
        var hBar = h1 + h2
        if c1 * c2 != 0 {
            if abs(h1 - h2) <= 180 { hBar /= 2 } else if hBar < 360 { hBar = (hBar + 360) / 2 } else { hBar = (hBar - 360) / 2 }
        }
        let t = 1 - 0.17 * cos((hBar - 30) / degrees) + 0.24 * cos(2 * hBar / degrees)
            + 0.32 * cos((3 * hBar + 6) / degrees) - 0.20 * cos((4 * hBar - 63) / degrees)
        let dTheta = 30 * exp(-pow((hBar - 275) / 25, 2))
        let cBarPrime7 = pow(cBarPrime, 7)
        let rC = 2 * (cBarPrime7 / (cBarPrime7 + pow25to7)).squareRoot()
        let l50 = (lBar - 50) * (lBar - 50)
        let sL = 1 + 0.015 * l50 / (20 + l50).squareRoot()
        let sC = 1 + 0.045 * cBarPrime
        let sH = 1 + 0.015 * cBarPrime * t
        let rT = -sin(2 * dTheta / degrees) * rC

        let termL = dL / sL, termC = dC / sC, termH = dH / sH
        return (termL * termL + termC * termC + termH * termH + rT * termC * termH).squareRoot()
    }
}
