/// Bicubic resampling (Keys' kernel, a = −0.5), separable: rows, then columns. Used to bring
/// every word to the same glyph height before reading; a fixed factor (3×, 4×) ruins large labels.
enum Bicubic {
    /// `image` scaled by `factor` in both directions (output size rounded, at least 1 px).
    static func resize(_ image: GrayImage, factor: Double) -> GrayImage {
        let outW = max(1, Int((Double(image.width) * factor).rounded()))
        let outH = max(1, Int((Double(image.height) * factor).rounded()))
        let horizontal = weights(source: image.width, target: outW)
        let vertical = weights(source: image.height, target: outH)
        var rows = [Double](repeating: 255, count: outW * image.height)
        for y in 0..<image.height {
            let base = y * image.width
            for x in 0..<outW {
                var sum = 0.0
                for (index, weight) in horizontal[x] { sum += weight * Double(image.pixels[base + index]) }
                rows[y * outW + x] = sum
            }
        }
        var out = [UInt8](repeating: 255, count: outW * outH)
        for y in 0..<outH {
            for x in 0..<outW {
                var sum = 0.0
                for (index, weight) in vertical[y] { sum += weight * rows[index * outW + x] }
                out[y * outW + x] = UInt8(max(0, min(255, sum.rounded())))
            }
        }
        return GrayImage(width: outW, height: outH, pixels: out)
    }

    /// Per output position: the four source positions (clamped to the edge) and their weights.
    /// When shrinking, the kernel is widened by the inverse factor so that it averages.
    private static func weights(source: Int, target: Int) -> [[(Int, Double)]] {
        let scale = Double(source) / Double(target)
        let support = max(1.0, scale)
        let radius = Int((2 * support).rounded(.up))
        return (0..<target).map { o in
            let centre = (Double(o) + 0.5) * scale - 0.5
            let first = Int(centre.rounded(.down)) - radius + 1
            var taps: [(Int, Double)] = []
            var total = 0.0
            for s in first...(first + 2 * radius - 1) {
                let w = kernel((Double(s) - centre) / support)
                guard w != 0 else { continue }
                taps.append((min(source - 1, max(0, s)), w))
                total += w
            }
            return total != 0 ? taps.map { ($0.0, $0.1 / total) } : [(min(source - 1, max(0, Int(centre.rounded()))), 1)]
        }
    }

    private static func kernel(_ t: Double) -> Double {
        let a = -0.5, x = abs(t)
        if x < 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
        if x < 2 { return (((x - 5) * x + 8) * x - 4) * a }
        return 0
    }
}
