import Foundation
import KMImage

/// A few ``OCREngine``s shared by concurrent tasks: each call borrows an idle engine (creating
/// one when none is idle) and returns it afterwards, so a batch on N threads loads the model
/// at most N times and no engine is ever used by two threads at once.
public final class OCREnginePool: @unchecked Sendable {
    // @unchecked: `idle` is only touched under `lock`, and an engine is only used by the one
    // caller that took it out of `idle`.
    private let lock = NSLock()
    private var idle: [OCREngine] = []

    public init() {}

    /// Runs `body` with an engine nobody else is using.
    public func withEngine<T>(_ body: (OCREngine) throws -> T) throws -> T {
        let engine = try take()
        defer { lock.withLock { idle.append(engine) } }
        return try body(engine)
    }

    /// Reads a figure with a pooled engine; see ``FigureTextReader/read(_:layout:engine:)``.
    public func read(_ raster: Raster, layout: PlotLayout, reader: FigureTextReader = FigureTextReader()) throws(OCRError) -> FigureText {
        let engine = try take()
        defer { lock.withLock { idle.append(engine) } }
        return reader.read(raster, layout: layout, engine: engine)
    }

    private func take() throws(OCRError) -> OCREngine {
        if let engine = lock.withLock({ idle.popLast() }) { return engine }
        return try OCREngine()
    }
}
