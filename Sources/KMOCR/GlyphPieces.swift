/// Puts back together glyphs that the ink threshold broke into pieces stacked one above the
/// other (the bar and bowl of a faint 8 px "5", the dot of an "i"): pieces whose columns
/// overlap by at least half the narrower one and that are at most 1 px apart vertically form
/// one unit for word grouping, as long as the unit stays at most 1.3× its tallest piece plus
/// 3 px tall, so that the stacked letters of a rotated axis title never chain together.
enum GlyphPieces {
    struct Unit {
        var members: [Int]
        var box: PixelBox
    }

    static func units(_ map: ComponentMap, glyphs: [Int]) -> [Unit] {
        let order = glyphs.sorted { map.components[$0].box.left < map.components[$1].box.left }
        var parent = Array(order.indices)
        var box = order.map { map.components[$0].box }
        var tallestPiece = box.map(\.height)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        // Sweep by left edge: only pieces whose columns overlap are compared.
        for i in order.indices {
            let a = map.components[order[i]].box
            var j = i + 1
            while j < order.count, map.components[order[j]].box.left <= a.right {
                let b = map.components[order[j]].box
                let overlap = min(a.right, b.right) - max(a.left, b.left) + 1
                let gap = max(a.top, b.top) - min(a.bottom, b.bottom) - 1
                if Double(overlap) >= 0.5 * Double(min(a.width, b.width)), gap >= 0, gap <= 1 {
                    let ri = root(i), rj = root(j)
                    let union = box[ri].union(box[rj])
                    let tallest = max(tallestPiece[ri], tallestPiece[rj])
                    if ri != rj, Double(union.height) <= 1.3 * Double(tallest) + 3 {
                        parent[rj] = ri
                        box[ri] = union
                        tallestPiece[ri] = tallest
                    }
                }
                j += 1
            }
        }
        var units: [Int: Unit] = [:]
        var roots: [Int] = []
        for i in order.indices {
            let r = root(i), box = map.components[order[i]].box
            if var unit = units[r] {
                unit.members.append(order[i])
                unit.box = unit.box.union(box)
                units[r] = unit
            } else {
                units[r] = Unit(members: [order[i]], box: box)
                roots.append(r)
            }
        }
        return roots.map { units[$0]! }
    }
}
