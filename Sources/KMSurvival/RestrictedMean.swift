/// Restricted mean survival time: the area under the Kaplan–Meier curve from 0 to τ, i.e. the
/// mean event-free time over the first τ time units (R's `summary(fit, rmean = τ)`).
public struct RestrictedMean: Sendable, Equatable {
    /// τ, the horizon (study time units).
    public var tau: Double
    /// ∫₀^τ S(t) dt, in study time units.
    public var estimate: Double
    /// Its standard error: √Σ Aⱼ² dⱼ / (nⱼ (nⱼ − dⱼ)) over event times tⱼ ≤ τ, where Aⱼ is the
    /// area under the curve from tⱼ to τ (terms with nⱼ = dⱼ contribute 0, as in R).
    public var standardError: Double
}

extension KaplanMeier {
    /// The restricted mean survival time up to `tau` (> 0). Past the last step the curve is
    /// carried forward flat.
    public func restrictedMean(upTo tau: Double) throws(SurvivalError) -> RestrictedMean {
        guard tau.isFinite, tau > 0 else {
            throw .invalidArgument("τ for the restricted mean must be a finite time > 0, got \(tau)")
        }
        // Event steps within [0, τ]; the curve only changes at those.
        let drops = steps.filter { $0.events > 0 && $0.time <= tau }
        var previousTime = 0.0, previousSurvival = 1.0
        var total = 0.0
        for step in drops {
            total += previousSurvival * (step.time - previousTime)
            previousTime = step.time
            previousSurvival = step.survival
        }
        total += previousSurvival * (tau - previousTime)
        // Area after each drop: fill from the back.
        var variance = 0.0
        var after = 0.0
        for j in stride(from: drops.count - 1, through: 0, by: -1) {
            let end = j + 1 < drops.count ? drops[j + 1].time : tau
            after += drops[j].survival * (end - drops[j].time)
            let n = Double(drops[j].atRisk), d = Double(drops[j].events)
            if n > d { variance += after * after * d / (n * (n - d)) }
        }
        return RestrictedMean(tau: tau, estimate: total, standardError: variance.squareRoot())
    }
}
