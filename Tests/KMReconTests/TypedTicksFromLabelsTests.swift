import Foundation
import Testing
import KMRecon

/// The bundled sample figure the tests redraw without tick marks (SampleCurves/lung-sex-colour).
private let sampleFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("SampleCurves/lung-sex-colour").path

@Suite("Typed tick values on axes without tick marks", .enabled(if: OCRPool.isAvailable))
struct TypedTicksFromLabelsTests {
    /// The sample figure with its tick marks painted white (from beside each axis line outwards
    /// to the first blank row or column), in a spec folder of its own.
    func figureWithoutTickMarks() throws -> (spec: FigureSpec, typed: DigitizedFigure) {
        let original = try FigureSpec.load(sampleFolder + "/spec.json")
        var raster = try PNGReader.read(contentsOf: original.imagePath)
        let typed = try digitizeFigure(original)
        let w = raster.width
        func luma(_ x: Int, _ y: Int) -> Int {
            let i = 3 * (y * w + x)
            return (299 * Int(raster.rgb[i]) + 587 * Int(raster.rgb[i + 1]) + 114 * Int(raster.rgb[i + 2])) / 1000
        }
        func paper(_ x: Int, _ y: Int) { let i = 3 * (y * w + x); raster.rgb[i] = 255; raster.rgb[i + 1] = 255; raster.rgb[i + 2] = 255 }
        let left = typed.panel[0], right = typed.panel[2], top = typed.panel[1]
        let bottom = Int(typed.yAxis.pixel(forValue: 0).rounded())
        let xs = left...right, ys = top...bottom
        // x: the spine is the first row at or below survival 0 that is dark across the panel.
        func spineRow(_ y: Int) -> Bool { xs.filter { luma($0, y) < 128 }.count > xs.count * 8 / 10 }
        var row = (bottom - 2..<min(raster.height, bottom + 40)).first(where: spineRow)!
        while spineRow(row) { row += 1 }
        while xs.contains(where: { luma($0, row) < 240 }) { for x in xs { paper(x, row) }; row += 1 }
        // y: the spine is the first column at or left of time 0 that is dark down the panel.
        let zero = Int(typed.xAxis.pixel(forValue: 0).rounded())
        func spineColumn(_ x: Int) -> Bool { ys.filter { luma(x, $0) < 128 }.count > ys.count * 8 / 10 }
        var column = stride(from: zero + 2, to: max(0, zero - 40), by: -1).first(where: spineColumn)!
        while spineColumn(column) { column -= 1 }
        while ys.contains(where: { luma(column, $0) < 240 }) { for y in ys { paper(column, y) }; column -= 1 }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kmrecon-noticks-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try PNGWriter.write(raster, to: folder + "/figure.png")
        try FileManager.default.copyItem(atPath: sampleFolder + "/spec.json", toPath: folder + "/spec.json")
        return (try FigureSpec.load(folder + "/spec.json"), typed)
    }

    @Test("the printed labels of the typed values calibrate both axes, to within a pixel of the tick marks, and the report asks for review")
    func labelsCalibrate() throws {
        let (spec, typed) = try figureWithoutTickMarks()
        defer { try? FileManager.default.removeItem(atPath: (spec.imagePath as NSString).deletingLastPathComponent) }
        let extraction = try extractFigure(spec)
        #expect(extraction.reading.axes.map(\.calibratedFromLabels) == [true, true])
        #expect(extraction.reading.axes.map(\.source) == [.typed, .typed])
        for t in spec.xTicks! { #expect(abs(extraction.figure.xAxis.pixel(forValue: t) - typed.xAxis.pixel(forValue: t)) < 1, "x = \(t)") }
        for s in spec.yTicks! { #expect(abs(extraction.figure.yAxis.pixel(forValue: s) - typed.yAxis.pixel(forValue: s)) < 1, "y = \(s)") }
        let report = FigureReport(extraction)
        #expect(report.confidence == .review)
        #expect(report.reasons.contains { $0.contains("typed y tick values fit no tick marks") })
        // The patients are those of the figure with its tick marks, give or take the calibration.
        let reference = try extractPatients(FigureSpec.load(sampleFolder + "/spec.json"))
        for (arm, ref) in zip(extraction.arms, reference) {
            #expect(arm.reconstruction.patients.count == ref.reconstruction.patients.count)
            let events = arm.reconstruction.patients.filter(\.event).count, refEvents = ref.reconstruction.patients.filter(\.event).count
            #expect(abs(events - refEvents) <= 2, "\(arm.name): \(events) events against \(refEvents)")
        }
    }

    @Test("typed values that are not the printed ones still fail, naming the axis")
    func wrongValuesFail() throws {
        let (spec, _) = try figureWithoutTickMarks()
        defer { try? FileManager.default.removeItem(atPath: (spec.imagePath as NSString).deletingLastPathComponent) }
        var wrong = spec
        wrong.xTicks = wrong.xTicks!.map { $0 * 2 + 1 }
        #expect(throws: ExtractionError.self) { try extractFigure(wrong) }
    }
}
