import KMImage

/// The default colour sequences of the common plotting tools. Plotting code colours groups in
/// the order it is given them, which is the legend's and usually the paper's arm order, so a
/// set of curves drawn in one of these sequences hints at which curve is which arm.
enum DefaultPalettes {
    static let all: [[String]] = [
        // matplotlib / lifelines tab10
        ["#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B"],
        // seaborn deep
        ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3"],
        // ggplot2 / survminer hue palette, for 2 to 6 groups
        ["#F8766D", "#00BFC4"],
        ["#F8766D", "#00BA38", "#619CFF"],
        ["#F8766D", "#7CAE00", "#00BFC4", "#C77CFF"],
        ["#F8766D", "#A3A500", "#00BF7D", "#00B0F6", "#E76BF3"],
        ["#F8766D", "#B79F00", "#00BA38", "#00BFC4", "#619CFF", "#F564E3"],
        // base R 4 palette and the classic one
        ["#000000", "#DF536B", "#61D04F", "#2297E6", "#28E2E5", "#CD0BBC"],
        ["#000000", "#FF0000", "#00CD00", "#0000FF", "#00FFFF", "#FF00FF"],
        // ggsci journal palettes (survminer's palette = "lancet", "jco", "npg", "nejm", "jama")
        ["#00468B", "#ED0000", "#42B540", "#0099B4", "#925E9F", "#FDAF91"],
        ["#0073C2", "#EFC000", "#868686", "#CD534C", "#7AA6DC", "#003C67"],
        ["#E64B35", "#4DBBD5", "#00A087", "#3C5488", "#F39B7F", "#8491B4"],
        ["#BC3C29", "#0072B5", "#E18727", "#20854E", "#7876B1", "#6F99AD"],
        ["#374E55", "#DF8F44", "#00A1D5", "#B24745", "#79AF97", "#6A6599"],
    ]

    /// For curves in the given colours, each curve's position in the one default palette that
    /// holds all of them (distinct entries, each within a CIELAB ΔE of 15), or nil when no
    /// palette or more than one palette fits equally.
    static func ranks(of colors: [RGB]) -> [Int]? {
        guard colors.count > 1 else { return nil }
        let labs = colors.map { LabColor($0) }
        var best: (ranks: [Int], distance: Double)? = nil
        var tie = false
        for palette in all {
            let entries = palette.compactMap { try? RGB(hex: $0) }.map { LabColor($0) }
            var ranks: [Int] = []
            var total = 0.0
            for lab in labs {
                var bestIndex = -1, bestD = 15.0
                for (i, e) in entries.enumerated() where !ranks.contains(i) {
                    let d = e.deltaE76(lab)
                    if d < bestD { bestD = d; bestIndex = i }
                }
                guard bestIndex >= 0 else { break }
                ranks.append(bestIndex)
                total += bestD
            }
            guard ranks.count == labs.count else { continue }
            if let b = best {
                if ranks == b.ranks { continue }
                if abs(total - b.distance) < 3 { tie = true }
                if total < b.distance { best = (ranks, total); if abs(total - b.distance) >= 3 { tie = false } }
            } else {
                best = (ranks, total)
            }
        }
        guard let found = best, !tie else { return nil }
        return found.ranks
    }
}
