/// Fits `value = a + b · pixel` through labels read along one axis, robustly: an exhaustive
/// pair RANSAC with a sign constraint on `b`, then a least-squares refit on the inliers.
/// Misread labels ("20.50" for "0.50") simply become outliers.
enum LabelLineFit {
    struct Point: Equatable {
        var pixel: Double
        var value: Double
        var index: Int
    }

    struct Fit: Equatable {
        var intercept: Double
        var slope: Double
        var inliers: [Point]
        var rms: Double
        var maxResidual: Double
    }

    /// The best line through `points` whose slope has the sign of `positiveSlope`, or nil when
    /// no pair of distinct values defines one.
    ///
    /// - Parameter tolerance: largest distance along the axis, pixels, for an inlier.
    static func ransac(_ points: [Point], positiveSlope: Bool, tolerance: Double) -> Fit? {
        var best: Fit?
        for i in points.indices {
            for j in points.indices where j > i {
                let p = points[i], q = points[j]
                guard p.value != q.value, p.pixel != q.pixel else { continue }
                let b = (q.value - p.value) / (q.pixel - p.pixel)
                guard positiveSlope ? b > 0 : b < 0 else { continue }
                let a = p.value - b * p.pixel
                let inliers = uniqueValues(points.filter { abs(($0.value - a) / b - $0.pixel) <= tolerance }, a: a, b: b)
                guard inliers.count >= 2, let fit = leastSquares(inliers) else { continue }
                guard positiveSlope ? fit.slope > 0 : fit.slope < 0 else { continue }
                if best == nil || fit.inliers.count > best!.inliers.count
                    || (fit.inliers.count == best!.inliers.count && fit.rms < best!.rms) {
                    best = fit
                }
            }
        }
        return best
    }

    /// Of several points with one value, keeps the one nearest the line.
    private static func uniqueValues(_ points: [Point], a: Double, b: Double) -> [Point] {
        var byValue: [Double: Point] = [:]
        for p in points {
            if let q = byValue[p.value], abs((q.value - a) / b - q.pixel) <= abs((p.value - a) / b - p.pixel) { continue }
            byValue[p.value] = p
        }
        return byValue.values.sorted { $0.value < $1.value }
    }

    /// Least squares of pixel on value (values are exact, positions are measured), inverted to
    /// `value = a + b · pixel`; residuals are in pixels.
    static func leastSquares(_ points: [Point]) -> Fit? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mv = points.map(\.value).reduce(0, +) / n
        let mp = points.map(\.pixel).reduce(0, +) / n
        var svv = 0.0, svp = 0.0
        for p in points { svv += (p.value - mv) * (p.value - mv); svp += (p.value - mv) * (p.pixel - mp) }
        guard svv > 0, svp != 0 else { return nil }
        let pixelsPerValue = svp / svv
        let pixelAtZero = mp - pixelsPerValue * mv
        var sum = 0.0, worst = 0.0
        for p in points {
            let r = abs(pixelAtZero + pixelsPerValue * p.value - p.pixel)
            sum += r * r
            worst = max(worst, r)
        }
        let slope = 1 / pixelsPerValue
        return Fit(intercept: -pixelAtZero * slope, slope: slope, inliers: points.sorted { $0.value < $1.value },
                   rms: (sum / n).squareRoot(), maxResidual: worst)
    }
}
