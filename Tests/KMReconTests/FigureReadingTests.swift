import Foundation
import Testing
import KMRecon

@Suite("Reading what a lean spec leaves out, through the pipeline", .enabled(if: devBenchFolder != nil && OCRPool.isAvailable))
struct FigureReadingPipelineTests {
    @Test("on dev, lean specs are completed with ≥ 98 % of tick labels and ≥ 97 % of table cells as typed, and no read value the typed spec lacks")
    func devTicksAndTables() throws {
        let pool = OCRPool()
        var tickExact = 0, tickTotal = 0, cellExact = 0, cellTotal = 0
        var wrong: [String] = [], failed: [String] = []
        for folder in try devCaseFolders() {
            let name = (folder as NSString).lastPathComponent
            let typed = try FigureSpec.load(folder + "/spec.json")
            let lean = try leanSpec(folder)
            let raster = try PNGReader.read(contentsOf: lean.imagePath)
            let result = try FigureTextFiller().readMissing(lean, raster: raster, pool: pool)
            let completed = result.spec
            failed += result.failures.map { "\(name): \($0)" }
            for (axis, read, truth) in [("x", completed.xTicks ?? [], typed.xTicks ?? []), ("y", completed.yTicks ?? [], typed.yTicks ?? [])] {
                tickTotal += truth.count
                tickExact += truth.filter { read.contains($0) }.count
                let extra = read.filter { !truth.contains($0) }
                if !extra.isEmpty { wrong.append("\(name) \(axis): read \(extra) not in \(truth)") }
            }
            for (readArm, typedArm) in zip(completed.arms, typed.arms) {
                guard let counts = typedArm.atRiskCounts, let times = typedArm.atRiskTimes else { continue }
                cellTotal += counts.count
                let read = Dictionary(zip(readArm.atRiskTimes ?? [], readArm.atRiskCounts ?? []), uniquingKeysWith: { a, _ in a })
                cellExact += zip(times, counts).filter { read[$0.0] == $0.1 }.count
                if let readCounts = readArm.atRiskCounts, readArm.atRiskTimes != times || readCounts != counts {
                    wrong.append("\(name) \(typedArm.name): read \(readCounts) at \(readArm.atRiskTimes ?? []), typed \(counts) at \(times)")
                }
            }
        }
        print("dev through the pipeline: tick labels \(tickExact)/\(tickTotal), table cells \(cellExact)/\(cellTotal); failed closed: \(failed.count)")
        for line in failed + wrong { print("  " + line) }
        #expect(Double(tickExact) >= 0.98 * Double(tickTotal))
        #expect(Double(cellExact) >= 0.97 * Double(cellTotal))
        #expect(wrong.isEmpty, "values read that the typed spec does not have")
    }

    @Test("a lean spec extracts dev figures end to end: every patient of the table, close to the truth",
          arguments: ["dev01_lung_sex_survminer", "dev03_colon_death_3arm_survminer", "dev09_lung_ecog_lifelines_pct"])
    func leanEndToEnd(_ name: String) throws {
        let folder = devBenchFolder! + "/" + name
        let typed = try FigureSpec.load(folder + "/spec.json")
        let extraction = try extractFigure(leanSpec(folder))
        #expect(extraction.reading.readAnything)
        #expect(extraction.spec.xTicks == typed.xTicks)
        #expect(extraction.spec.yTicks == typed.yTicks)
        let truth = try String(contentsOfFile: folder + "/truth.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        for (arm, typedArm) in zip(extraction.arms, typed.arms) {
            let n = truth.filter { $0.hasPrefix(typedArm.name + ",") || $0.hasPrefix("\"\(typedArm.name)\",") }.count
            #expect(arm.reconstruction.patients.count == n, "\(name) \(arm.name)")
            #expect(extraction.spec.arms.first { $0.name == arm.name }?.atRiskCounts == typedArm.atRiskCounts)
        }
        let report = FigureReport(extraction)
        #expect(report.reading?.axes.map(\.source) == [.read, .read])
        #expect(report.json().contains("\"read_from_figure\""))
    }

    @Test("typed values win: a full spec is never read, and its patients are those of the typed spec")
    func typedValuesWin() throws {
        let folder = devBenchFolder! + "/dev01_lung_sex_survminer"
        let spec = try FigureSpec.load(folder + "/spec.json")
        let extraction = try extractFigure(spec)
        #expect(!extraction.reading.readAnything)
        #expect(extraction.reading.location == nil)
        #expect(extraction.spec.xTicks == spec.xTicks)
        #expect(extraction.reading.arms.map(\.source) == [.typed, .typed])
    }
}
