/// Calls `body` with the flat index `y·width + x` of each of the 8 neighbours of pixel (`x`,
/// `y`) that lie inside a `width` × `height` image: row by row from the top left, the pixel
/// itself left out. The flood fills and neighbour votes of the digitiser and the OCR stage use it.
@inlinable @inline(__always)
public func forEachNeighbour(ofX x: Int, y: Int, width w: Int, height h: Int, _ body: (_ index: Int) -> Void) {
    if x > 0, x + 1 < w, y > 0, y + 1 < h {
        // Away from the border (nearly every pixel): no bounds to check.
        let i = y * w + x
        body(i - w - 1); body(i - w); body(i - w + 1)
        body(i - 1); body(i + 1)
        body(i + w - 1); body(i + w); body(i + w + 1)
        return
    }
    for dy in -1...1 {
        let ny = y + dy
        guard ny >= 0, ny < h else { continue }
        for dx in -1...1 where dx != 0 || dy != 0 {
            let nx = x + dx
            guard nx >= 0, nx < w else { continue }
            body(ny * w + nx)
        }
    }
}
