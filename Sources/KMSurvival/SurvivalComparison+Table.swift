import Foundation

extension SurvivalComparison {
    /// The report as a plain-text table for a terminal: per arm n, events, median (95 % CI),
    /// landmark survival and RMST (SE); then the log-rank test, the Cox hazard ratios and any
    /// warnings. Missing values print as "NR" (median not reached) or "NA".
    public func tableText() -> String {
        var lines: [String] = []
        var header = ["arm", "n", "events", "median (95% CI)"]
        header += arms.first?.landmarks.map { "S(\(format($0.time)))" } ?? []
        header.append("RMST(τ=\(format(tau))) (SE)")
        var rows: [[String]] = [header]
        for arm in arms {
            var row = [arm.name, String(arm.patients), String(arm.events)]
            let m = arm.median
            row.append("\(m.time.map(format) ?? "NR") (\(m.lower.map(format) ?? "NR"), \(m.upper.map(format) ?? "NR"))")
            row += arm.landmarks.map { l in finiteOrNil(l.survival).map { String(format: "%.3f", $0) } ?? "NA" }
            row.append("\(format(arm.restrictedMean.estimate)) (\(format(arm.restrictedMean.standardError)))")
            rows.append(row)
        }
        lines += aligned(rows)

        if let test = logRank {
            lines.append("")
            let strata = test.stratified ? ", stratified by \(stratifiedBy ?? "study")" : ""
            lines.append("Log-rank test\(strata): chi-square = \(String(format: "%.3f", test.chiSquare)) on \(test.degreesOfFreedom) df, p = \(formatP(test.pValue))")
        }
        if let cox {
            lines.append("")
            let strata = cox.stratified ? ", stratified by \(stratifiedBy ?? "study")" : ""
            lines.append("Cox model (\(cox.ties.rawValue) ties\(strata)), hazard ratios against \(cox.reference):")
            var table = [["arm", "HR (95% CI)", "coef", "se", "p"]]
            for t in cox.terms {
                table.append([t.arm,
                              "\(formatRatio(t.hazardRatio)) (\(formatRatio(t.hazardRatioInterval.lower)), \(formatRatio(t.hazardRatioInterval.upper)))",
                              finiteOrNil(t.coefficient).map { String(format: "%.4f", $0) } ?? "NA",
                              finiteOrNil(t.standardError).map { String(format: "%.4f", $0) } ?? "NA",
                              formatP(t.pValue)])
            }
            lines += aligned(table)
            for (name, test) in [("Likelihood ratio", cox.likelihoodRatioTest), ("Score (log-rank)", cox.scoreTest), ("Wald", cox.waldTest)] {
                lines.append("\(name) test: \(finiteOrNil(test.statistic).map { String(format: "%.3f", $0) } ?? "NA") on \(test.degreesOfFreedom) df, p = \(formatP(test.pValue))")
            }
        }
        if !warnings.isEmpty {
            lines.append("")
            lines += warnings.map { "warning: \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Left-aligns the first column and right-aligns the others.
private func aligned(_ rows: [[String]]) -> [String] {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { c, cell in
            let pad = String(repeating: " ", count: widths[c] - cell.count)
            return c == 0 ? cell + pad : pad + cell
        }.joined(separator: "  ")
    }
}

/// A time or mean: up to 3 decimals, trailing zeros dropped.
private func format(_ x: Double) -> String {
    guard x.isFinite else { return "NA" }
    var s = String(format: "%.3f", x)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
}

private func formatRatio(_ x: Double?) -> String {
    guard let x = finiteOrNil(x) else { return "NA" }
    return x >= 1000 || x < 0.001 ? String(format: "%.3g", x) : String(format: "%.3f", x)
}

private func formatP(_ p: Double) -> String {
    guard p.isFinite else { return "NA" }
    return p < 0.0001 ? String(format: "%.2e", p) : String(format: "%.4f", p)
}
