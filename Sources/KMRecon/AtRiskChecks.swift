import KMReconstruct

/// The printed numbers at risk against the reconstruction's, for one arm: one row per printed
/// time that starts a reconstruction interval (time 0 with n where only n is printed).
///
/// The reconstruction may have been given more rows than the page prints
/// (``ReconstructionFeed/inferredAtRisk`` adds one at every drop); only the printed ones are
/// checked, against what the page says. With the plain feed this is exactly the
/// reconstruction's own interval table.
func printedAtRiskChecks(_ reconstruction: Reconstruction, _ arm: FigureSpec.Arm?) -> [AtRiskCheck] {
    var printed: [Double: Int] = [:]
    if let times = arm?.atRiskTimes, let counts = arm?.atRiskCounts {
        for (t, n) in zip(times, counts) where printed[t] == nil { printed[t] = n }
    } else if let n = arm?.patients {
        printed[0] = n
    }
    guard !printed.isEmpty else {
        return reconstruction.intervals.map { AtRiskCheck(time: $0.riskTime, reported: $0.reportedAtRisk, reconstructed: $0.reconstructedAtRisk) }
    }
    return reconstruction.intervals.compactMap { interval in
        printed[interval.riskTime].map { AtRiskCheck(time: interval.riskTime, reported: $0, reconstructed: interval.reconstructedAtRisk) }
    }
}
