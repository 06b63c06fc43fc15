/// Problems that stop a survival statistic from being computed. Each message says what is
/// wrong with the input and what to change.
public enum SurvivalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There are no patients at all (or none in the named arm).
    case noPatients(arm: String?)
    /// A time is negative, infinite or NaN.
    case invalidTime(arm: String, time: Double)
    /// A test or model that compares arms was given fewer than two arms with patients.
    case needTwoArms(found: [String])
    /// The named reference arm does not occur in the data.
    case unknownArm(name: String, known: [String])
    /// No events anywhere, so nothing can be compared.
    case noEvents
    /// The variance (log-rank) or information (Cox) matrix cannot be inverted.
    case singular(what: String)
    /// A requested quantity does not make sense (τ ≤ 0, probability outside (0, 1)…).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .noPatients(arm):
            if let arm { return "arm '\(arm)' has no patients; remove it or check the arm labels" }
            return "there are no patients; the input needs at least one row of arm,time,event"
        case let .invalidTime(arm, time):
            return "arm '\(arm)': time \(time) is not a finite number ≥ 0; fix that row"
        case let .needTwoArms(found):
            let listed = found.isEmpty ? "none" : found.map { "'\($0)'" }.joined(separator: ", ")
            return "comparing arms needs at least two arms with patients, found \(found.count) (\(listed))"
        case let .unknownArm(name, known):
            return "no arm named '\(name)'; the arms are \(known.map { "'\($0)'" }.joined(separator: ", "))"
        case .noEvents:
            return "there are no events (every patient is censored), so arms cannot be compared"
        case let .singular(what):
            return "\(what) is singular, so the test cannot be computed"
        case let .invalidArgument(problem):
            return problem
        }
    }
}
