/// Checks a traced curve against the numbers the page prints for its arm.
enum CurveConsistency {
    /// A note when the traced curve falls to 0 (within `survivalPerPixel`, a probability) but
    /// the at-risk table still has patients at risk more than a pixel's time (`timePerPixel`)
    /// later: no Kaplan–Meier curve does that, so the trace most likely followed something else
    /// (an axis, another curve) and the arm's patients will be wrong. Nil when consistent.
    static func note(_ arm: ArmDescription, corners: [SurvivalReading], timePerPixel: Double, survivalPerPixel: Double) -> String? {
        guard let times = arm.atRiskTimes, let counts = arm.atRiskCounts, let last = corners.last,
              last.survival <= survivalPerPixel else { return nil }
        // When the curve reaches its bottom level.
        var reachesZero = last.time
        for c in corners.reversed() where c.survival <= survivalPerPixel { reachesZero = c.time }
        for (t, n) in zip(times, counts) where t > reachesZero + timePerPixel && n > 0 {
            return "arm \"\(arm.name)\": the traced curve reaches 0 at t=\(short(reachesZero)), but the table reports \(n) at risk at t=\(short(t)); the curve was probably traced wrongly (give the arm's \"color\")"
        }
        return nil
    }

    private static func short(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
