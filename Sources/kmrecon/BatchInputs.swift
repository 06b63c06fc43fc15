import Foundation

/// One figure of a batch: its output name and spec path.
struct BatchFigure: Sendable {
    /// The folder name for a file called spec.json, else the spec's file stem.
    let name: String
    let specPath: String
}

/// Expands the batch arguments into figures: a file is one spec; a folder gives every `*.json`
/// in it that is a km-figure-spec (other JSON files, such as truth.json, are skipped) and
/// `spec.json` in each of its subfolders. Sorted by name; two figures with one name is an error.
func batchFigures(_ arguments: [String]) throws -> [BatchFigure] {
    let fm = FileManager.default
    var figures: [BatchFigure] = []
    func add(_ path: String) {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent == "spec.json"
            ? url.deletingLastPathComponent().standardizedFileURL.lastPathComponent
            : url.deletingPathExtension().lastPathComponent
        figures.append(BatchFigure(name: name, specPath: path))
    }
    for argument in arguments {
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: argument, isDirectory: &isFolder) else {
            throw CommandFailure("\(argument): no such file or folder")
        }
        guard isFolder.boolValue else { add(argument); continue }
        let entries = ((try? fm.contentsOfDirectory(atPath: argument)) ?? []).sorted()
        for entry in entries where !entry.hasPrefix(".") {
            let path = (argument as NSString).appendingPathComponent(entry)
            var entryIsFolder: ObjCBool = false
            _ = fm.fileExists(atPath: path, isDirectory: &entryIsFolder)
            if entryIsFolder.boolValue {
                let spec = (path as NSString).appendingPathComponent("spec.json")
                if fm.fileExists(atPath: spec) { add(spec) }
            } else if entry.hasSuffix(".json"), looksLikeSpec(path) {
                add(path)
            }
        }
    }
    var seen: [String: String] = [:]
    for f in figures {
        if let other = seen[f.name] {
            throw CommandFailure("two figures would both write \(f.name).csv: \(other) and \(f.specPath); rename one of them or run them separately")
        }
        seen[f.name] = f.specPath
    }
    guard !figures.isEmpty else {
        throw CommandFailure("no figure specs found in \(arguments.joined(separator: ", ")): expected *.json spec files or subfolders with a spec.json")
    }
    return figures.sorted { $0.name < $1.name }
}

/// A JSON file found in a folder counts as a spec when its "format" is km-figure-spec/1, or it
/// has no "format" but a string "image", or it is not valid JSON (so that a broken spec fails
/// visibly); other JSON files, such as a case's truth.json, are skipped.
private func looksLikeSpec(_ path: String) -> Bool {
    guard let data = FileManager.default.contents(atPath: path),
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return true }
    guard let format = object["format"] else { return object["image"] is String }
    return (format as? String) == "km-figure-spec/1"
}
