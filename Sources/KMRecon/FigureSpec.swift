import Foundation
import KMDigitize
import KMImage
import KMReconstruct

/// A `km-figure-spec/1` document: the figure and what a reader sees on the page.
/// See FORMAT.md: ticks, arms with optional colour hints, at-risk tables, n and events.
public struct FigureSpec: Sendable {
    public struct Arm: Sendable {
        public var name: String
        public var color: RGB?
        public var atRiskTimes: [Double]?
        public var atRiskCounts: [Int]?
        public var patients: Int?
        public var events: Int?
    }

    /// The spec file's own path ("" when parsed from text).
    public var path: String
    /// The image path, resolved against the spec's folder.
    public var imagePath: String
    public var timeUnit: String?
    public var xTicks: [Double]?
    public var yTicks: [Double]?
    public var arms: [Arm]
    /// Manual calibration pairs (pixel, value) per axis.
    public var calibrationX: [(pixel: Double, value: Double)]?
    public var calibrationY: [(pixel: Double, value: Double)]?

    /// Reads and validates a spec file.
    public static func load(_ path: String) throws(SpecError) -> FigureSpec {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parse(data, path: path)
    }

    /// Parses and validates spec JSON; `path` locates a relative image and names the file in errors.
    public static func parse(_ data: Data, path: String) throws(SpecError) -> FigureSpec {
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw SpecError.malformed(path: path, reason: "the top level must be an object")
            }
            root = object
        } catch let e as SpecError {
            throw e
        } catch {
            throw .malformed(path: path, reason: (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "not valid JSON")
        }
        guard let format = root["format"] else { throw .missingField(path: path, field: "format") }
        guard let formatText = format as? String, formatText == "km-figure-spec/1" else {
            throw .wrongValue(path: path, field: "format", expected: "the string \"km-figure-spec/1\"")
        }
        guard let imageAny = root["image"] else { throw .missingField(path: path, field: "image") }
        guard let image = imageAny as? String, !image.isEmpty else { throw .wrongValue(path: path, field: "image", expected: "a file path") }
        let folder = (path as NSString).deletingLastPathComponent
        let imagePath = image.hasPrefix("/") || folder.isEmpty ? image : (folder as NSString).appendingPathComponent(image)

        func ticks(_ key: String) throws(SpecError) -> [Double]? {
            guard let axisAny = root[key] else { return nil }
            guard let axis = axisAny as? [String: Any] else { throw .wrongValue(path: path, field: key, expected: "an object with \"ticks\"") }
            guard let t = axis["ticks"] else { return nil }
            guard let values = numbers(t) else { throw .wrongValue(path: path, field: "\(key).ticks", expected: "a list of numbers") }
            guard values.count >= 2 else { throw .wrongValue(path: path, field: "\(key).ticks", expected: "at least 2 tick values") }
            for i in 1..<values.count where !(values[i] > values[i - 1]) {
                throw .ticksNotIncreasing(path: path, axis: key, value: values[i], previous: values[i - 1])
            }
            return values
        }
        let xTicks = try ticks("x_axis")
        let yTicks = try ticks("y_axis")

        guard let armsAny = root["arms"] else { throw .missingField(path: path, field: "arms") }
        guard let armList = armsAny as? [Any], !armList.isEmpty else { throw .wrongValue(path: path, field: "arms", expected: "a list of at least one arm") }
        var arms: [Arm] = []
        for (i, item) in armList.enumerated() {
            let field = "arms[\(i)]"
            guard let a = item as? [String: Any] else { throw .wrongValue(path: path, field: field, expected: "an object") }
            guard let nameAny = a["name"] else { throw .missingField(path: path, field: "\(field).name") }
            guard let name = nameAny as? String, !name.isEmpty else { throw .wrongValue(path: path, field: "\(field).name", expected: "a non-empty string") }
            var arm = Arm(name: name)
            if let c = a["color"] {
                guard let hex = c as? String, let rgb = try? RGB(hex: hex) else {
                    throw .wrongValue(path: path, field: "\(field).color", expected: "a hex colour such as \"#1F77B4\"")
                }
                arm.color = rgb
            }
            if let ar = a["at_risk"] {
                guard let table = ar as? [String: Any], let tAny = table["times"], let cAny = table["counts"],
                      let times = numbers(tAny), let countValues = numbers(cAny) else {
                    throw .wrongValue(path: path, field: "\(field).at_risk", expected: "{\"times\": [...], \"counts\": [...]}")
                }
                guard times.count == countValues.count, !times.isEmpty else {
                    throw .wrongValue(path: path, field: "\(field).at_risk", expected: "as many counts as times (\(times.count) times, \(countValues.count) counts)")
                }
                for i in 1..<max(1, times.count) where !(times[i] > times[i - 1]) {
                    throw .atRiskTimesNotIncreasing(path: path, arm: name, time: times[i], previous: times[i - 1])
                }
                var counts: [Int] = []
                for (j, v) in countValues.enumerated() {
                    guard v >= 0, v == v.rounded(), v <= Double(ReconstructionInput.maximumPatients) else {
                        throw .wrongValue(path: path, field: "\(field).at_risk.counts",
                                          expected: "whole numbers from 0 to \(ReconstructionInput.maximumPatients) (entry \(j + 1) is \(printedNumber(v)))")
                    }
                    let n = Int(v)
                    if let prev = counts.last, n > prev {
                        throw .atRiskGrows(path: path, arm: name, count: n, time: times[j], previousCount: prev, previousTime: times[j - 1])
                    }
                    counts.append(n)
                }
                arm.atRiskTimes = times
                arm.atRiskCounts = counts
            }
            arm.patients = try wholeNumber(a["n"], field: "\(field).n", path: path, minimum: 1)
            arm.events = try wholeNumber(a["events"], field: "\(field).events", path: path, minimum: 0)
            // Neither at_risk nor n: the table is read from the figure (see ``FigureTextFiller``).
            arms.append(arm)
        }
        let names = arms.map(\.name)
        if Set(names).count != names.count { throw .wrongValue(path: path, field: "arms", expected: "distinct arm names") }

        var calX: [(pixel: Double, value: Double)]? = nil, calY: [(pixel: Double, value: Double)]? = nil
        if let calAny = root["calibration"] {
            guard let cal = calAny as? [String: Any] else { throw .wrongValue(path: path, field: "calibration", expected: "{\"x\": [[pixel, value], ...], \"y\": [...]}") }
            func pairs(_ key: String) throws(SpecError) -> [(pixel: Double, value: Double)]? {
                guard let any = cal[key] else { return nil }
                guard let list = any as? [Any], list.count >= 2 else {
                    throw .wrongValue(path: path, field: "calibration.\(key)", expected: "at least two [pixel, value] pairs")
                }
                var out: [(pixel: Double, value: Double)] = []
                for p in list {
                    guard let v = numbers(p), v.count == 2 else {
                        throw .wrongValue(path: path, field: "calibration.\(key)", expected: "[pixel, value] pairs of numbers")
                    }
                    out.append((v[0], v[1]))
                }
                return out
            }
            calX = try pairs("x")
            calY = try pairs("y")
        }
        let unit = root["time_unit"] as? String
        return FigureSpec(path: path, imagePath: imagePath, timeUnit: unit, xTicks: xTicks, yTicks: yTicks, arms: arms,
                          calibrationX: calX, calibrationY: calY)
    }

    /// The digitiser's view of this spec.
    public func digitizeRequest() throws(SpecError) -> DigitizeRequest {
        guard calibrationX != nil || xTicks != nil else { throw .missingField(path: path, field: "x_axis.ticks (read them from the figure with FigureTextFiller first, or type the printed x tick labels)") }
        guard calibrationY != nil || yTicks != nil else { throw .missingField(path: path, field: "y_axis.ticks (read them from the figure with FigureTextFiller first, or type the printed y tick labels)") }
        return DigitizeRequest(
            xTicks: xTicks ?? [], yTicks: yTicks ?? [], manualX: calibrationX, manualY: calibrationY,
            arms: arms.map {
                ArmDescription(name: $0.name, color: $0.color, atRiskTimes: $0.atRiskTimes, atRiskCounts: $0.atRiskCounts,
                               patients: $0.patients, events: $0.events)
            })
    }
}

private func numbers(_ any: Any) -> [Double]? {
    guard let list = any as? [Any] else { return nil }
    var out: [Double] = []
    for v in list {
        guard let n = v as? NSNumber else { return nil }
        let d = n.doubleValue
        guard d.isFinite else { return nil }
        out.append(d)
    }
    return out
}

private func wholeNumber(_ any: Any?, field: String, path: String, minimum: Int) throws(SpecError) -> Int? {
    guard let any else { return nil }
    guard let n = any as? NSNumber, n.doubleValue == n.doubleValue.rounded(),
          n.doubleValue >= Double(minimum), n.doubleValue <= Double(ReconstructionInput.maximumPatients) else {
        throw .wrongValue(path: path, field: field, expected: "a whole number from \(minimum) to \(ReconstructionInput.maximumPatients)")
    }
    return n.intValue
}
