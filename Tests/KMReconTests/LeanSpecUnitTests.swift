import Foundation
import Testing
@testable import KMRecon
@testable import KMDigitize
import KMOCR

@Suite("Lean specs without OCR")
struct LeanSpecUnitTests {
    private func parse(_ json: String) throws -> FigureSpec {
        try FigureSpec.parse(Data(json.utf8), path: "/tmp/lean.json")
    }

    @Test("counts no arm can have (an extra digit, or beyond an integer) are a clear spec error, not a crash")
    func hugeCounts() {
        for counts in ["[1e19, 10]", "[1e12, 10]", "[20000000, 10]"] {
            #expect { try parse(#"{"format": "km-figure-spec/1", "image": "f.png", "arms": [{"name": "A", "at_risk": {"times": [0, 5], "counts": \#(counts)}}]}"#) } throws: { error in
                "\(error)".contains("arms[0].at_risk.counts") && "\(error)".contains("10000000")
            }
        }
        #expect { try parse(#"{"format": "km-figure-spec/1", "image": "f.png", "arms": [{"name": "A", "n": 100000000}]}"#) } throws: { error in
            "\(error)".contains("arms[0].n") && "\(error)".contains("10000000")
        }
    }

    @Test("the smallest spec (image and arm names) parses, and lists exactly the fields to read")
    func smallestSpec() throws {
        let spec = try parse(#"{"format": "km-figure-spec/1", "image": "f.png", "arms": [{"name": "A"}, {"name": "B", "n": 40}]}"#)
        #expect(FigureTextFiller().missingFields(spec) == ["x_axis.ticks", "y_axis.ticks", "arms[0].at_risk (\"A\")"])
        let typed = try parse(#"{"format": "km-figure-spec/1", "image": "f.png", "x_axis": {"ticks": [0, 6]}, "calibration": {"y": [[10, 1], [90, 0]]}, "arms": [{"name": "A", "n": 5}]}"#)
        #expect(FigureTextFiller().missingFields(typed).isEmpty)
    }

    @Test("an arm with neither at_risk nor n that reaches reconstruction says what to type")
    func armWithoutCounts() throws {
        let spec = try parse(#"{"format": "km-figure-spec/1", "image": "f.png", "arms": [{"name": "A"}]}"#)
        let figure = DigitizedFigure(xAxis: AxisCalibration(intercept: 0, slope: 1), yAxis: AxisCalibration(intercept: 1, slope: -0.01),
                                     yInPercent: false, panel: [0, 0, 100, 100],
                                     arms: [DigitizedArm(name: "A", color: .black, corners: [SurvivalReading(time: 0, survival: 1), SurvivalReading(time: 5, survival: 1)],
                                                         censorMarks: [], assignmentConfidence: 1)], notes: [])
        #expect { try reconstructArms(spec, figure) } throws: { error in
            "\(error)".contains("missing required field \"arms[0].at_risk or arms[0].n (for \"A\")\"")
        }
    }

    @Test("read tick values fill the gaps of a regular progression, and leave irregular ones alone")
    func progression() {
        #expect(TickProgression.filled([0, 10, 30, 40]).ticks == [0, 10, 20, 30, 40])
        #expect(TickProgression.filled([0, 10, 30, 40]).filled == [20])
        #expect(TickProgression.filled([0.25, 0.5, 1]).ticks == [0.25, 0.5, 0.75, 1])
        #expect(TickProgression.filled([0, 5, 12, 30]).filled.isEmpty)
    }

    @Test("words are read in bands of whole rows with about equal numbers of words")
    func bands() {
        // Two rows of five words and one of six, 20 px apart.
        let boxes = (0..<16).map { i -> PixelBox in
            let row = i < 5 ? 0 : (i < 10 ? 1 : 2)
            return PixelBox(left: 10 + 40 * (i % 6), top: 100 + 20 * row, right: 30 + 40 * (i % 6), bottom: 112 + 20 * row)
        }
        let bands = FigureWordReading.bands(boxes, count: 2)
        #expect(bands.count == 2)
        #expect(bands.map(\.count).reduce(0, +) == 16)
        // No row is split: the cut nearest the middle (8) is after the second row (10 words).
        #expect(Set(bands[0].map(\.top)) == [100, 120])
        #expect(Set(bands[1].map(\.top)) == [140])
    }

    @Test("the completed spec is written as km-figure-spec/1 and parses back to the same values")
    func specRoundTrip() throws {
        var spec = try parse(##"{"format": "km-figure-spec/1", "image": "/data/f.png", "time_unit": "months", "arms": [{"name": "A", "color": "#1F77B4", "events": 3}]}"##)
        spec.xTicks = [0, 6, 12]
        spec.yTicks = [0, 0.5, 1]
        spec.arms[0].atRiskTimes = [0, 6, 12]
        spec.arms[0].atRiskCounts = [20, 11, 4]
        spec.calibrationX = [(pixel: 40.5, value: 0), (pixel: 400, value: 12)]
        let back = try FigureSpec.parse(Data(spec.json().utf8), path: "/tmp/back.json")
        #expect(back.imagePath == "/data/f.png")
        #expect(back.timeUnit == "months")
        #expect(back.xTicks == [0, 6, 12])
        #expect(back.yTicks == [0, 0.5, 1])
        #expect(back.arms[0].atRiskCounts == [20, 11, 4])
        #expect(back.arms[0].color?.hex == "#1F77B4")
        #expect(back.arms[0].events == 3)
        #expect(back.calibrationX?.map(\.pixel) == [40.5, 400])
        #expect(back.calibrationY == nil)
    }

    @Test("reading errors name the fields to type, and what to install when the engine is missing")
    func messages() {
        let missing = ReadingError.engineUnavailable(missing: ["x_axis.ticks"], reason: "libtesseract.so.5 was not found")
        #expect(missing.description.contains("apt-get install libtesseract5 tesseract-ocr-eng"))
        #expect(missing.description.contains("or type it into the spec"))
        #expect(ReadingError.plotNotFound(missing: ["x_axis.ticks", "y_axis.ticks"]).description.hasSuffix("type them into the spec"))
    }
}
