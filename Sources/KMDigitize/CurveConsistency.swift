import KMImage

/// Checks a traced curve against the numbers the page prints for its arm.
enum CurveConsistency {
    /// A note when the traced curve falls to 0 (within `survivalPerPixel`, a probability) while
    /// the at-risk table still counts patients at risk later, in numbers the curve would show: no
    /// Kaplan–Meier curve does that, so the trace most likely followed something else (an axis,
    /// another curve) and the arm's patients will be wrong. Nil when consistent.
    ///
    /// Two readings are consistent and get no note:
    /// - A table time within two pixel columns (`timePerPixel`) of where the curve reaches 0:
    ///   patients whose event falls at that time are counted at risk there, and a drop at the
    ///   panel's edge is traced up to a column or so early (a clipped, anti-aliased line).
    /// - Counts too few to lift the curve by a pixel. A Kaplan–Meier curve is never below the
    ///   share of the first count still at risk (censoring lowers the number at risk, never the
    ///   curve), so n at risk out of N only says the curve is at least n / N high; when that is
    ///   less than a pixel, a curve within a pixel of 0 agrees with it.
    static func note(_ arm: ArmDescription, corners: [SurvivalReading], timePerPixel: Double, survivalPerPixel: Double) -> String? {
        guard let times = arm.atRiskTimes, let counts = arm.atRiskCounts, let last = corners.last,
              last.survival <= survivalPerPixel else { return nil }
        // When the curve reaches its bottom level.
        var reachesZero = last.time
        for c in corners.reversed() where c.survival <= survivalPerPixel { reachesZero = c.time }
        let start = times.first == 0 ? counts.first : arm.patients
        for (t, n) in zip(times, counts) where t > reachesZero + 2 * timePerPixel && n > 0 {
            if let start, start > 0, Double(n) / Double(start) <= survivalPerPixel { continue }
            return "arm \"\(arm.name)\": the traced curve reaches 0 at t=\(noteNumber(reachesZero)), but the table reports \(n) at risk at t=\(noteNumber(t)); the curve was probably traced wrongly (give the arm's \"color\")"
        }
        return nil
    }
}

/// A time or survival as the digitiser's notes print it: rounded to 2 decimals, no trailing zeros.
func noteNumber(_ x: Double) -> String {
    printedNumber((x * 100).rounded() / 100)
}
