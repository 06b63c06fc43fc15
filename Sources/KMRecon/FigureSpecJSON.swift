import Foundation
import KMImage

extension FigureSpec {
    /// The spec as `km-figure-spec/1` JSON (UTF-8 text with a final newline): after reading, the
    /// values typed and read together, for a user to check, correct and run again. The image is
    /// written as an absolute path, so the file can be saved anywhere.
    public func json() -> String {
        var image = imagePath
        if !image.hasPrefix("/") {
            image = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(image)
        }
        var fields: [(String, ReportJSON)] = [("format", .string("km-figure-spec/1")), ("image", .string(image))]
        if let timeUnit { fields.append(("time_unit", .string(timeUnit))) }
        if let xTicks { fields.append(("x_axis", .object([("ticks", .array(xTicks.map { .number($0) }))]))) }
        if let yTicks { fields.append(("y_axis", .object([("ticks", .array(yTicks.map { .number($0) }))]))) }
        fields.append(("arms", .array(arms.map { arm in
            var a: [(String, ReportJSON)] = [("name", .string(arm.name))]
            if let color = arm.color { a.append(("color", .string(color.hex))) }
            if let times = arm.atRiskTimes, let counts = arm.atRiskCounts {
                a.append(("at_risk", .object([("times", .array(times.map { .number($0) })), ("counts", .array(counts.map { .int($0) }))])))
            }
            if let n = arm.patients { a.append(("n", .int(n))) }
            if let events = arm.events { a.append(("events", .int(events))) }
            return .object(a)
        })))
        var calibration: [(String, ReportJSON)] = []
        for (axis, pairs) in [("x", calibrationX), ("y", calibrationY)] {
            if let pairs { calibration.append((axis, .array(pairs.map { .array([.number($0.pixel), .number($0.value)]) }))) }
        }
        if !calibration.isEmpty { fields.append(("calibration", .object(calibration))) }
        return ReportJSON.object(fields).rendered() + "\n"
    }
}
