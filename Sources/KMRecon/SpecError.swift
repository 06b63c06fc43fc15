import KMImage

/// What is wrong with a spec file. Each message is one line that says what to fix.
public enum SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case malformed(path: String, reason: String)
    case missingField(path: String, field: String)
    case wrongValue(path: String, field: String, expected: String)
    case ticksNotIncreasing(path: String, axis: String, value: Double, previous: Double)
    case atRiskTimesNotIncreasing(path: String, arm: String, time: Double, previous: Double)
    case atRiskGrows(path: String, arm: String, count: Int, time: Double, previousCount: Int, previousTime: Double)

    public var description: String {
        switch self {
        case let .unreadable(path):
            return "\(path): cannot read the spec file"
        case let .malformed(path, reason):
            return "\(path): not valid JSON (\(reason))"
        case let .missingField(path, field):
            return "\(path): missing required field \"\(field)\""
        case let .wrongValue(path, field, expected):
            return "\(path): \"\(field)\" must be \(expected)"
        case let .ticksNotIncreasing(path, axis, value, previous):
            return "\(path): \(axis).ticks must increase: \(printedNumber(value)) comes after \(printedNumber(previous))"
        case let .atRiskTimesNotIncreasing(path, arm, time, previous):
            return "\(path): arm \"\(arm)\": at-risk times must increase: \(printedNumber(time)) comes after \(printedNumber(previous))"
        case let .atRiskGrows(path, arm, count, time, previousCount, previousTime):
            return "\(path): arm \"\(arm)\": at-risk counts must not increase: \(count) at t=\(printedNumber(time)) after \(previousCount) at t=\(printedNumber(previousTime))"
        }
    }
}

