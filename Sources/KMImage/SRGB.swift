#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sRGB transfer function (IEC 61966-2-1) between 8-bit encoded values and linear light.
public enum SRGB {
    /// Linear light (0…1) for each of the 256 encoded values; indexed by the byte.
    public static let linearTable: [Double] = (0..<256).map { toLinear(Double($0) / 255) }

    /// Linear light (0…1) for an encoded byte, from ``linearTable``.
    @inlinable
    public static func linear(_ encoded: UInt8) -> Double {
        linearTable.withUnsafeBufferPointer { $0[Int(encoded)] }
    }

    /// The exact sRGB decoding curve, encoded value 0…1 → linear light 0…1.
    public static func toLinear(_ encoded: Double) -> Double {
        encoded <= 0.04045 ? encoded / 12.92 : pow((encoded + 0.055) / 1.055, 2.4)
    }

    /// The sRGB encoding curve, linear light 0…1 → encoded value 0…1 (inputs are clamped).
    public static func fromLinear(_ linear: Double) -> Double {
        let x = min(max(linear, 0), 1)
        return x <= 0.0031308 ? 12.92 * x : 1.055 * pow(x, 1 / 2.4) - 0.055
    }

    /// Linear light 0…1 → nearest encoded byte.
    public static func encode(_ linear: Double) -> UInt8 {
        UInt8((fromLinear(linear) * 255).rounded())
    }
}
