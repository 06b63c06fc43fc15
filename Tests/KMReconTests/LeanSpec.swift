import Foundation
import KMRecon

/// The spec a reader of the paper's text alone would type (what `score.py --lean` gives the
/// tool): format, image, arm names, and `n` / `events` where the case gives them.
func leanSpec(_ folder: String) throws -> FigureSpec {
    let url = URL(fileURLWithPath: folder + "/spec.json")
    let full = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    let arms = (full["arms"] as! [[String: Any]]).map { arm in arm.filter { ["name", "n", "events"].contains($0.key) } }
    let lean: [String: Any] = ["format": "km-figure-spec/1", "image": full["image"]!, "arms": arms]
    return try FigureSpec.parse(JSONSerialization.data(withJSONObject: lean), path: url.path)
}

/// The dev case folders (../shared/bench/dev), sorted; empty without ../shared.
func devCaseFolders() throws -> [String] {
    guard let folder = devBenchFolder else { return [] }
    return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("dev") }.sorted().map { folder + "/" + $0 }
}
