import Dispatch
import Foundation
import KMDigitize
import KMImage
import KMOCR

/// Reads the words around a located plot on up to `threads` engines at once: the word
/// candidates are found first (no OCR), split into bands of whole text rows with about equal
/// numbers of candidates, and each band is read by its own engine from the pool.
///
/// Only words that can be tick labels, at-risk cells or row labels are read: not inside the
/// panel, not above it, not far right of it, and beside the panel only near the y axis (a
/// rotated axis title further left is skipped).
struct FigureWordReading {
    var finder: WordFinder
    var threads: Int

    func read(_ raster: Raster, layout: PlotLayout, pool: OCREnginePool) throws -> [ReadWord] {
        let wanted = Self.around(layout)
        let finder = self.finder
        // 1. Candidate boxes, without reading them.
        final class Boxes: @unchecked Sendable { var all: [PixelBox] = [] }
        let boxes = Boxes()
        _ = try pool.withEngine { engine in
            finder.words(in: raster, engine: engine) { box in
                if wanted(box) { boxes.all.append(box) }
                return false
            }
        }
        let bands = Self.bands(boxes.all, count: max(1, threads))
        // 2. Each band on its own engine.
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var words: [[ReadWord]]
            var error: Error?
            init(_ n: Int) { words = Array(repeating: [], count: n) }
        }
        let results = Results(bands.count)
        DispatchQueue.concurrentPerform(iterations: bands.count) { i in
            let members = bands[i]
            do {
                let read = try pool.withEngine { engine in finder.words(in: raster, engine: engine) { members.contains($0) } }
                results.lock.withLock { results.words[i] = read }
            } catch {
                results.lock.withLock { results.error = error }
            }
        }
        if let error = results.error { throw error }
        return results.words.flatMap { $0 }.sorted {
            $0.box.top != $1.box.top ? $0.box.top < $1.box.top : $0.box.left < $1.box.left
        }
    }

    /// Which candidate words to read (boxes in pixels).
    static func around(_ layout: PlotLayout) -> @Sendable (PixelBox) -> Bool {
        let inset = 2.0
        return { box in
            let l = Double(box.left), r = Double(box.right), t = Double(box.top), b = Double(box.bottom)
            if b < layout.top - inset { return false }
            if l > layout.right + 0.06 * layout.width { return false }
            if t > layout.top + inset, b < layout.bottom - inset {
                if l > layout.left + inset, r < layout.right - inset { return false }
                // Beside the panel: y tick labels end within a few glyph heights of the axis.
                if r < layout.left - 4 * Double(box.height) - 4 { return false }
            }
            return true
        }
    }

    /// The boxes split into at most `count` sets of whole text rows, top to bottom, with
    /// about equal numbers of boxes each.
    static func bands(_ boxes: [PixelBox], count: Int) -> [Set<PixelBox>] {
        let sorted = boxes.sorted { $0.top < $1.top }
        guard count > 1, sorted.count >= 8 else { return [Set(sorted)] }
        var cuts: [Int] = []
        var bottom = Int.min
        // A cut before box i is allowed when no earlier box reaches down to it.
        var allowed: [Int] = []
        for (i, box) in sorted.enumerated() {
            if i > 0, box.top > bottom { allowed.append(i) }
            bottom = max(bottom, box.bottom)
        }
        for k in 1..<count {
            let target = k * sorted.count / count
            if let best = allowed.min(by: { abs($0 - target) < abs($1 - target) }), !cuts.contains(best) { cuts.append(best) }
        }
        cuts.sort()
        var out: [Set<PixelBox>] = []
        var start = 0
        for cut in cuts + [sorted.count] where cut > start {
            out.append(Set(sorted[start..<cut]))
            start = cut
        }
        return out
    }
}
