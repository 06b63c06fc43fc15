import Foundation

/// SampleCurves/, the figures rendered from public data sets that ship with the package.
let sampleCurves: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("SampleCurves")

/// The parsed JSON object at `url`.
func jsonObject(_ url: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: url)
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw CocoaError(.propertyListReadCorrupt)
    }
    return object
}

/// The files in `folder`, hidden ones included, sorted.
func filesIn(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}

/// `#RRGGBB` → (r, g, b).
func rgb(hex: String) -> (Int, Int, Int) {
    let v = Int(hex.dropFirst(), radix: 16) ?? 0
    return (v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF)
}
