import KMImage

/// Anti-aliasing and JPEG fringes one pixel at a time.
///
/// The edge of a dark curve blends with the background into lighter shades of the same hue.
/// When such a shade is also the colour of another curve (a black curve's grey fringe next to
/// a grey curve), the colour classes cannot tell them apart; the pixel's neighbours can. A
/// pixel whose class colour is a paler blend of a neighbouring class with the background is
/// given to that neighbour. Likewise a pixel that a whole-class fringe merge gave to one curve
/// (a pale shade shared by two curves' fringes) goes to the neighbouring curve whose blend
/// explains its own colour clearly better.
enum FringeFolder {
    /// `paler[b * k + a]` for `k` classes: class b's colour is a lighter blend of class a's with
    /// the background (within 30 of the blend line, less than 90 % ink), so b may be a's fringe.
    static func palerPairs(_ classes: [InkClass], background bg: (Double, Double, Double)) -> [Bool] {
        let k = classes.count
        var paler = [Bool](repeating: false, count: k * k)
        for a in 0..<k {
            let model = BlendModel(ink: classes[a].color, background: bg)
            for b in 0..<k where b != a {
                let c = classes[b].color
                let fit = model.fit(c.0, c.1, c.2)
                if fit.residual < 30, fit.alpha < 0.9 { paler[b * k + a] = true }
            }
        }
        return paler
    }

    /// Folds fringe pixels of `labels` (`rect`'s pixels, row-major) into the class they border.
    /// `ink` lists the indices (row-major) of every pixel with a class; all others are left alone.
    static func fold(_ labels: inout [Int16], ink: [Int], classes: [InkClass], grid: PixelGrid, rect: PixelRect,
                     background bg: (Double, Double, Double)) {
        let k = classes.count
        let w = rect.width, h = rect.height
        guard k > 1 else { return }
        let models = classes.map { BlendModel(ink: $0.color, background: bg) }
        let paler = palerPairs(classes, background: bg)
        // Every decision reads the labels as they were: the new ones are collected, then written.
        var folded: [(index: Int, label: Int16)] = []
        var votes = [Int](repeating: 0, count: k)
        labels.withUnsafeBufferPointer { original in
            votes.withUnsafeMutableBufferPointer { votes in
                // The row of pixel `i`, followed along the row-major list without dividing.
                var y = 0, rowStart = 0
                for i in ink {
                    let b = Int(original[i])
                    guard b >= 0 else { continue }
                    while i >= rowStart + w { rowStart += w; y += 1 }
                    let x = i - rowStart
                    var touched = false, others = false
                    var same = 0
                    forEachNeighbour(ofX: x, y: y, width: w, height: h) { j in
                        let a = Int(original[j])
                        if a == b { same += 1 } else if a >= 0 {
                            others = true
                            if paler[b * k + a] { votes[a] += 1; touched = true }
                        }
                    }
                    // Only a thin rim folds: a pixel inside a pale area (a confidence band's fill
                    // along the curve) has more of its own kind around it.
                    if touched, same > 4 { for a in 0..<k { votes[a] = 0 }; touched = false }
                    if touched {
                        var best = -1, bestVotes = 0
                        for a in 0..<k where votes[a] > bestVotes { best = a; bestVotes = votes[a] }
                        for a in 0..<k { votes[a] = 0 }
                        folded.append((i, Int16(best)))
                        continue
                    }
                    // The pixel's own colour against its class and its neighbours' classes; with no
                    // other class around, nothing can take it.
                    guard others else { continue }
                    let c = grid.color(rect.left + x, rect.top + y)
                    let own = models[b].fit(c.0, c.1, c.2).residual
                    guard own > 8 else { continue }
                    var best = b, bestResidual = own - 8
                    forEachNeighbour(ofX: x, y: y, width: w, height: h) { j in
                        let a = Int(original[j])
                        guard a >= 0, a != b else { return }
                        let fit = models[a].fit(c.0, c.1, c.2)
                        if fit.residual < bestResidual { best = a; bestResidual = fit.residual }
                    }
                    if best != b { folded.append((i, Int16(best))) }
                }
            }
        }
        for f in folded { labels[f.index] = f.label }
    }
}
