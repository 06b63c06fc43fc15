import Foundation
import KMDigitize
import KMImage
import KMReconstruct

/// A JSON value that keeps its keys in the order written, for stable, readable reports.
enum ReportJSON {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([ReportJSON])
    case object([(String, ReportJSON)])

    static func number(_ x: Double?) -> ReportJSON {
        guard let x, x.isFinite else { return .null }
        return .number(x)
    }

    /// Pretty-printed with two-space indents; arrays of scalars on one line.
    func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .int(i): return String(i)
        case let .number(x):
            return printedNumber(x)
        case let .string(s): return Self.quoted(s)
        case let .array(items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ $0.isScalar }) || items.allSatisfy({ $0.isPair }) {
                return "[" + items.map { $0.rendered(indent: indent + 1) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n" + end + "]"
        case let .object(fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { pad + Self.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n" + end + "}"
        }
    }

    private var isScalar: Bool {
        switch self { case .array, .object: return false; default: return true }
    }

    private var isPair: Bool {
        if case let .array(items) = self { return items.count <= 2 && items.allSatisfy(\.isScalar) }
        return false
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension FigureReport {
    /// The report format's name, written as the `format` field.
    public static let format = "kmrecon-figure-report/1"

    /// The report as JSON (UTF-8 text with a final newline). Missing values are `null`;
    /// pixels are image pixels with the origin top-left; times are in the figure's unit;
    /// survival is a probability. See the README for the fields.
    public func json() -> String {
        func readings(_ r: [SurvivalReading]) -> ReportJSON {
            .array(r.map { .array([.number($0.time), .number($0.survival)]) })
        }
        let calibrationJSON: [(String, ReportJSON)] = calibration.map { axis in
            (axis.axis, .object([
                ("source", .string(axis.source)),
                ("intercept", .number(axis.calibration.intercept)),
                ("slope", .number(axis.calibration.slope)),
                ("ticks", .array(axis.ticks.map { t in
                    .object([("value", .number(t.value)), ("calibrated_pixel", .number(t.calibratedPixel)),
                             ("found_pixel", .number(t.foundPixel)), ("residual_pixels", .number(t.residualPixels))])
                })),
                ("ticks_found", .int(axis.ticks.filter { $0.foundPixel != nil }.count)),
                ("rms_residual_pixels", .number(axis.rmsResidualPixels)),
                ("max_residual_pixels", .number(axis.maxResidualPixels)),
            ]))
        }
        let armsJSON: [ReportJSON] = arms.map { a in
            .object([
                ("name", .string(a.name)),
                ("color", .string(a.color.hex)),
                ("assignment_confidence", .number(a.assignmentConfidence)),
                ("patients", .int(a.patients)),
                ("events", .int(a.events)),
                ("censored", .int(a.censored)),
                ("reported_events", a.reportedEvents.map { .int($0) } ?? .null),
                ("at_risk", .array(a.atRisk.map { row in
                    .object([("time", .number(row.time)), ("reported", .int(row.reported)),
                             ("reconstructed", .int(row.reconstructed)), ("difference", .int(row.reconstructed - row.reported))])
                })),
                ("curve_gap", .number(a.curveGap)),
                ("accuracy", .object([
                    ("rmse", .number(a.accuracy.rootMeanSquareError)),
                    ("mean_absolute_error", .number(a.accuracy.meanAbsoluteError)),
                    ("max_error", .number(a.accuracy.maxError)),
                    ("ks_statistic", .number(a.accuracy.ksStatistic)),
                    ("ks_p_value", .number(a.accuracy.ksPValue)),
                ])),
                ("warnings", .array(a.warnings.map { .string($0.description) })),
                ("overlay_colors", .object([("traced", .string(a.overlayTracedColor.hex)),
                                            ("reconstructed", .string(a.overlayReconstructedColor.hex))])),
                ("traced_points", readings(a.tracedPoints)),
                ("censor_marks", readings(a.censorMarks)),
            ])
        }
        let warnings: [ReportJSON] = arms.flatMap { a in a.warnings.map { ReportJSON.string("arm \"\(a.name)\": \($0.description)") } }
            + notes.map { .string("digitiser: \($0)") }
        let root: ReportJSON = .object([
            ("format", .string(Self.format)),
            ("spec", .string(specPath)),
            ("image", imagePath.map { .string($0) } ?? .null),
            ("image_size", imageSize.map { .array([.int($0.width), .int($0.height)]) } ?? .null),
            ("confidence", .string(confidence.rawValue)),
            ("reasons", .array(reasons.map { .string($0) })),
            ("error", error.map { .string($0) } ?? .null),
            ("calibration", .object(calibrationJSON + [
                ("y_in_percent", yInPercent.map { .bool($0) } ?? .null),
                ("panel", panel.map { .array($0.map { .int($0) }) } ?? .null),
            ])),
            ("read_from_figure", reading.map(Self.readingJSON) ?? .null),
            ("arms", .array(armsJSON)),
            ("warnings", .array(warnings)),
            ("rules", .object([
                ("at_risk_relative_tolerance", .number(rules.atRiskRelativeTolerance)),
                ("at_risk_absolute_tolerance", .int(rules.atRiskAbsoluteTolerance)),
                ("minimum_assignment_confidence", .number(rules.minimumAssignmentConfidence)),
                ("maximum_curve_gap", .number(rules.maximumCurveGap)),
                ("events_relative_tolerance", .number(rules.eventsRelativeTolerance)),
                ("maximum_tick_residual_pixels", .number(rules.maximumTickResidualPixels)),
                ("review_on_warnings", .bool(rules.reviewOnWarnings)),
                ("maximum_drop_at_zero", .number(rules.maximumDropAtZero)),
                ("maximum_reading_disagreement_pixels", .number(rules.maximumReadingDisagreementPixels)),
            ])),
        ])
        return root.rendered() + "\n"
    }
}
