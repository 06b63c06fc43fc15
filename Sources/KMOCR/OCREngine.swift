/// One Tesseract instance set up for single-line reading (page segmentation mode 7, source
/// resolution 300 dpi). Each read is either restricted to the characters of a number
/// (`0123456789.%-`) or has no whitelist, which tells text from numbers; one handle serves both,
/// its whitelist switched between reads (Tesseract applies it afresh on every recognition), so
/// an engine loads the model once (about 0.1 s) rather than twice.
///
/// Not thread-safe, and deliberately not `Sendable`: use one engine per thread, or
/// ``OCREnginePool`` to share a few engines between concurrent tasks. Creating an engine loads
/// the English model (tens of milliseconds); reading one word crop takes a few milliseconds.
public final class OCREngine {
    /// The characters a numeric read may return.
    public static let numberCharacters = "0123456789.%-"

    /// Whether libtesseract 5 and its English model can be loaded on this machine.
    public static var isAvailable: Bool {
        if case .success = TesseractLibrary.loaded { return true }
        return false
    }

    /// Why the engine cannot be loaded, or nil when it can.
    public static var unavailableReason: OCRError? {
        if case let .failure(error) = TesseractLibrary.loaded { return error }
        return nil
    }

    private let api: TesseractLibrary
    private let handle: TesseractLibrary.Handle
    /// Whether the handle's whitelist is currently the number characters.
    private var numericWhitelist = false
    /// How many line images this engine has read (calls of ``readLine(_:numeric:symbols:)``
    /// with a non-empty image), to measure the reading effort.
    public private(set) var linesRead = 0

    /// Loads libtesseract (on first use in the process) and the English model.
    public init() throws(OCRError) {
        let api = try TesseractLibrary.loaded.get()
        guard let handle = api.create() else { throw .engineUnavailable(reason: "TessBaseAPICreate failed") }
        guard api.initialize(handle, api.tessdata, "eng") == 0 else {
            api.end(handle); api.delete(handle)
            throw .engineUnavailable(reason: "Tesseract could not load eng.traineddata from \(api.tessdata)")
        }
        api.setPageSegMode(handle, TesseractLibrary.psmSingleLine)
        _ = api.setVariable(handle, "tessedit_char_whitelist", "")
        self.api = api
        self.handle = handle
    }

    deinit {
        // End before Delete, or Tesseract reports leaked cache entries at exit.
        api.end(handle); api.delete(handle)
    }

    /// Reads `image` as one line of text.
    ///
    /// - Parameters:
    ///   - numeric: restrict the characters to ``numberCharacters``.
    ///   - symbols: also return each recognised character with its box (pixels of `image`).
    public func readLine(_ image: GrayImage, numeric: Bool, symbols: Bool = false) -> LineReading {
        if numeric != numericWhitelist {
            _ = api.setVariable(handle, "tessedit_char_whitelist", numeric ? OCREngine.numberCharacters : "")
            numericWhitelist = numeric
        }
        guard image.width > 0, image.height > 0 else { return LineReading(text: "", confidence: 0, symbols: []) }
        linesRead += 1
        return image.pixels.withUnsafeBufferPointer { buffer -> LineReading in
            api.setImage(handle, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
            api.setSourceResolution(handle, 300)
            var result = ""
            if let raw = api.getUTF8Text(handle) {
                result = String(cString: raw)
                api.deleteText(raw)
            }
            let confidence = Int(api.meanTextConf(handle))
            let found = symbols ? symbolBoxes(handle) : []
            api.clear(handle)
            return LineReading(text: result.trimmingCharacters(in: " \n\t"), confidence: max(0, confidence), symbols: found)
        }
    }

    private func symbolBoxes(_ handle: TesseractLibrary.Handle) -> [LineReading.Symbol] {
        guard let iterator = api.getIterator(handle) else { return [] }
        defer { api.resultIteratorDelete(iterator) }
        let level = TesseractLibrary.rilSymbol
        var out: [LineReading.Symbol] = []
        repeat {
            guard let raw = api.resultIteratorText(iterator, level) else { continue }
            let character = String(cString: raw)
            api.deleteText(raw)
            var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, b: Int32 = 0
            let page = api.resultIteratorPageIterator(iterator)
            guard api.pageIteratorBoundingBox(page, level, &l, &t, &r, &b) != 0 else { continue }
            // Tesseract boxes are right/bottom exclusive.
            out.append(.init(text: character, box: PixelBox(left: Int(l), top: Int(t), right: Int(r) - 1, bottom: Int(b) - 1)))
        } while api.resultIteratorNext(iterator, level) != 0
        return out
    }
}

/// What the engine read from one line image.
public struct LineReading: Sendable, Equatable {
    /// One recognised character and its box, in pixels of the image that was read.
    public struct Symbol: Sendable, Equatable {
        public var text: String
        public var box: PixelBox
    }

    /// The text, with surrounding white space removed (inner spaces kept).
    public var text: String
    /// Tesseract's mean word confidence, 0…100.
    public var confidence: Int
    /// Per-character boxes, when asked for.
    public var symbols: [Symbol]
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
