#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libtesseract's C API (`tesseract/capi.h`), resolved with `dlopen`/`dlsym` at run time so that
/// nothing links against it: without the library only reading fails, with
/// ``OCRError/engineUnavailable(reason:)``.
///
/// Loaded once per process. Before loading, `OMP_THREAD_LIMIT=1` is put into the environment
/// when it is not already set (or is empty): Tesseract's OpenMP threads only add contention
/// when several engines run side by side, and OpenMP reads the variable when the library loads.
struct TesseractLibrary: @unchecked Sendable {
    // @unchecked: only immutable C function pointers and the dlopen handle, which stays open.
    typealias Handle = OpaquePointer

    let create: @convention(c) () -> Handle?
    let delete: @convention(c) (Handle?) -> Void
    let end: @convention(c) (Handle?) -> Void
    let initialize: @convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let setPageSegMode: @convention(c) (Handle?, UInt32) -> Void
    let setVariable: @convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let setImage: @convention(c) (Handle?, UnsafePointer<UInt8>?, Int32, Int32, Int32, Int32) -> Void
    let setSourceResolution: @convention(c) (Handle?, Int32) -> Void
    let getUTF8Text: @convention(c) (Handle?) -> UnsafeMutablePointer<CChar>?
    let meanTextConf: @convention(c) (Handle?) -> Int32
    let deleteText: @convention(c) (UnsafePointer<CChar>?) -> Void
    let clear: @convention(c) (Handle?) -> Void
    let getIterator: @convention(c) (Handle?) -> Handle?
    let resultIteratorDelete: @convention(c) (Handle?) -> Void
    let resultIteratorNext: @convention(c) (Handle?, UInt32) -> Int32
    let resultIteratorText: @convention(c) (Handle?, UInt32) -> UnsafeMutablePointer<CChar>?
    let resultIteratorConfidence: @convention(c) (Handle?, UInt32) -> Float
    let resultIteratorPageIterator: @convention(c) (Handle?) -> Handle?
    let pageIteratorBoundingBox: @convention(c) (Handle?, UInt32, UnsafeMutablePointer<Int32>?,
                                                 UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?,
                                                 UnsafeMutablePointer<Int32>?) -> Int32
    /// The folder holding `eng.traineddata`.
    let tessdata: String

    /// `tesseract/capi.h` enum values used here.
    static let psmSingleLine: UInt32 = 7
    static let rilSymbol: UInt32 = 4

    /// The library, or why it cannot be used. Resolved on first use.
    static let loaded: Result<TesseractLibrary, OCRError> = load()

    /// Library file names tried in order (Linux soname first, then macOS/Homebrew names), unless
    /// the environment variable `KMOCR_TESSERACT_LIBRARY` names one file to load instead.
    static let candidates = [
        "libtesseract.so.5", "libtesseract.so",
        "libtesseract.5.dylib", "/opt/homebrew/lib/libtesseract.5.dylib", "/usr/local/lib/libtesseract.5.dylib",
    ]

    private static func load() -> Result<TesseractLibrary, OCRError> {
        // Keep a value the user set; an empty one would leave OpenMP at one thread per core.
        if getenv("OMP_THREAD_LIMIT").map({ $0.pointee == 0 }) ?? true { setenv("OMP_THREAD_LIMIT", "1", 1) }
        var opened: UnsafeMutableRawPointer?
        // KMOCR_TESSERACT_LIBRARY names the one library file to load (tests point it at a
        // missing file to check what a machine without Tesseract does).
        let override = getenv("KMOCR_TESSERACT_LIBRARY").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        for name in override.map({ [$0] }) ?? candidates {
            opened = dlopen(name, RTLD_NOW | RTLD_LOCAL)
            if opened != nil { break }
        }
        guard let library = opened else {
            return .failure(.engineUnavailable(reason: "\(override ?? "libtesseract.so.5") was not found"))
        }
        guard let tessdata = findTessdata() else {
            return .failure(.engineUnavailable(
                reason: "the English model eng.traineddata was not found (looked in TESSDATA_PREFIX and \(tessdataFolders.joined(separator: ", "))); install tesseract-ocr-eng or set TESSDATA_PREFIX to its folder"))
        }
        var missing: [String] = []
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            guard let pointer = dlsym(library, name) else { missing.append(name); return nil }
            return unsafeBitCast(pointer, to: type)
        }
        let api = TesseractLibrary(
            create: symbol("TessBaseAPICreate", as: (@convention(c) () -> Handle?).self),
            delete: symbol("TessBaseAPIDelete", as: (@convention(c) (Handle?) -> Void).self),
            end: symbol("TessBaseAPIEnd", as: (@convention(c) (Handle?) -> Void).self),
            initialize: symbol("TessBaseAPIInit3", as: (@convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self),
            setPageSegMode: symbol("TessBaseAPISetPageSegMode", as: (@convention(c) (Handle?, UInt32) -> Void).self),
            setVariable: symbol("TessBaseAPISetVariable", as: (@convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self),
            setImage: symbol("TessBaseAPISetImage", as: (@convention(c) (Handle?, UnsafePointer<UInt8>?, Int32, Int32, Int32, Int32) -> Void).self),
            setSourceResolution: symbol("TessBaseAPISetSourceResolution", as: (@convention(c) (Handle?, Int32) -> Void).self),
            getUTF8Text: symbol("TessBaseAPIGetUTF8Text", as: (@convention(c) (Handle?) -> UnsafeMutablePointer<CChar>?).self),
            meanTextConf: symbol("TessBaseAPIMeanTextConf", as: (@convention(c) (Handle?) -> Int32).self),
            deleteText: symbol("TessDeleteText", as: (@convention(c) (UnsafePointer<CChar>?) -> Void).self),
            clear: symbol("TessBaseAPIClear", as: (@convention(c) (Handle?) -> Void).self),
            getIterator: symbol("TessBaseAPIGetIterator", as: (@convention(c) (Handle?) -> Handle?).self),
            resultIteratorDelete: symbol("TessResultIteratorDelete", as: (@convention(c) (Handle?) -> Void).self),
            resultIteratorNext: symbol("TessResultIteratorNext", as: (@convention(c) (Handle?, UInt32) -> Int32).self),
            resultIteratorText: symbol("TessResultIteratorGetUTF8Text", as: (@convention(c) (Handle?, UInt32) -> UnsafeMutablePointer<CChar>?).self),
            resultIteratorConfidence: symbol("TessResultIteratorConfidence", as: (@convention(c) (Handle?, UInt32) -> Float).self),
            resultIteratorPageIterator: symbol("TessResultIteratorGetPageIterator", as: (@convention(c) (Handle?) -> Handle?).self),
            pageIteratorBoundingBox: symbol("TessPageIteratorBoundingBox", as: (@convention(c) (Handle?, UInt32, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Int32).self),
            tessdata: tessdata)
        guard let api, missing.isEmpty else {
            return .failure(.engineUnavailable(reason: "libtesseract lacks \(missing.joined(separator: ", ")); install Tesseract 5"))
        }
        return .success(api)
    }

    /// Standard model folders, tried after `TESSDATA_PREFIX`.
    static let tessdataFolders = [
        "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata",
        "/opt/homebrew/share/tessdata", "/usr/local/share/tessdata",
    ]

    private static func findTessdata() -> String? {
        var folders = tessdataFolders
        if let prefix = getenv("TESSDATA_PREFIX").map({ String(cString: $0) }), !prefix.isEmpty {
            folders.insert(prefix, at: 0)
            folders.insert(prefix.hasSuffix("/") ? prefix + "tessdata" : prefix + "/tessdata", at: 1)
        }
        return folders.first { access($0 + "/eng.traineddata", R_OK) == 0 }
    }
}

extension TesseractLibrary {
    /// Builds the API value only when every symbol resolved.
    fileprivate init?(create: (@convention(c) () -> Handle?)?, delete: (@convention(c) (Handle?) -> Void)?,
                      end: (@convention(c) (Handle?) -> Void)?,
                      initialize: (@convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32)?,
                      setPageSegMode: (@convention(c) (Handle?, UInt32) -> Void)?,
                      setVariable: (@convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32)?,
                      setImage: (@convention(c) (Handle?, UnsafePointer<UInt8>?, Int32, Int32, Int32, Int32) -> Void)?,
                      setSourceResolution: (@convention(c) (Handle?, Int32) -> Void)?,
                      getUTF8Text: (@convention(c) (Handle?) -> UnsafeMutablePointer<CChar>?)?,
                      meanTextConf: (@convention(c) (Handle?) -> Int32)?,
                      deleteText: (@convention(c) (UnsafePointer<CChar>?) -> Void)?,
                      clear: (@convention(c) (Handle?) -> Void)?,
                      getIterator: (@convention(c) (Handle?) -> Handle?)?,
                      resultIteratorDelete: (@convention(c) (Handle?) -> Void)?,
                      resultIteratorNext: (@convention(c) (Handle?, UInt32) -> Int32)?,
                      resultIteratorText: (@convention(c) (Handle?, UInt32) -> UnsafeMutablePointer<CChar>?)?,
                      resultIteratorConfidence: (@convention(c) (Handle?, UInt32) -> Float)?,
                      resultIteratorPageIterator: (@convention(c) (Handle?) -> Handle?)?,
                      pageIteratorBoundingBox: (@convention(c) (Handle?, UInt32, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Int32)?,
                      tessdata: String) {
        guard let create, let delete, let end, let initialize, let setPageSegMode, let setVariable, let setImage,
              let setSourceResolution, let getUTF8Text, let meanTextConf, let deleteText, let clear, let getIterator,
              let resultIteratorDelete, let resultIteratorNext, let resultIteratorText, let resultIteratorConfidence,
              let resultIteratorPageIterator, let pageIteratorBoundingBox else { return nil }
        self.init(create: create, delete: delete, end: end, initialize: initialize, setPageSegMode: setPageSegMode,
                  setVariable: setVariable, setImage: setImage, setSourceResolution: setSourceResolution,
                  getUTF8Text: getUTF8Text, meanTextConf: meanTextConf, deleteText: deleteText, clear: clear,
                  getIterator: getIterator, resultIteratorDelete: resultIteratorDelete,
                  resultIteratorNext: resultIteratorNext, resultIteratorText: resultIteratorText,
                  resultIteratorConfidence: resultIteratorConfidence,
                  resultIteratorPageIterator: resultIteratorPageIterator,
                  pageIteratorBoundingBox: pageIteratorBoundingBox, tessdata: tessdata)
    }
}
