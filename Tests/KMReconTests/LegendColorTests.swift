import Foundation
import Testing
@testable import KMRecon
import KMImage

@Suite("Legend text to arm names")
struct LegendNameMatcherTests {
    let matcher = LegendNameMatcher()

    @Test("names and legend texts are normalised: case, accents, punctuation, spacing, a count annotation")
    func normalisation() {
        #expect(LegendNameMatcher.normalized("Fulvestrant + Placebo (n=20)") == "fulvestrant placebo")
        #expect(LegendNameMatcher.normalized("  Lev+5-FU ") == "lev 5 fu")
        #expect(LegendNameMatcher.normalized("Rétinoïde, N = 134") == "retinoide")
        #expect(LegendNameMatcher.normalized("1992-2004 (n") == "1992 2004")
        #expect(LegendNameMatcher.similarity("Lev+5-FU", "Lev+ 5 FU") == 1)
        #expect(LegendNameMatcher.similarity("Fulvestrant + Placebo", "Fulvestrant+Placebo (n=20)") == 1)
    }

    @Test("an unambiguous match is accepted: exact, garbled by OCR, with extra words, abbreviated")
    func accepts() throws {
        let exact = try #require(matcher.match(names: ["Female", "Male"], texts: ["Male", "Female"]))
        #expect(exact.textOfName == [1, 0])
        #expect(exact.similarity == [1, 1])
        let garbled = try #require(matcher.match(names: ["Fulvestrant + Selumetinib", "Fulvestrant + Placebo"],
                                                 texts: ["Fulvestrant + Placeb0", "Fu1vestrant + Selumetinib"]))
        #expect(garbled.textOfName == [1, 0])
        let extra = try #require(matcher.match(names: ["A", "B"], texts: ["Arm B (n=40)", "Arm A (n=41)"]))
        #expect(extra.textOfName == [1, 0])
        // Extra words: a match, but not a near-exact one.
        #expect(extra.similarity.allSatisfy { $0 < matcher.nearExactSimilarity })
        let abbreviated = try #require(matcher.match(names: ["Chemotherapy", "Pembrolizumab"], texts: ["Pembro", "Chemo"]))
        #expect(abbreviated.textOfName == [1, 0])
        let three = try #require(matcher.match(names: ["Obs", "Lev", "Lev+5FU"], texts: ["Lev+5FU", "Obs", "Lev"]))
        #expect(three.textOfName == [1, 2, 0])
    }

    @Test("an ambiguous or poor match is refused")
    func refuses() {
        // Texts that name neither arm.
        #expect(matcher.match(names: ["Male", "Female"], texts: ["Treatment", "Control"]) == nil)
        // One arm matched, the other not.
        #expect(matcher.match(names: ["Male", "Female"], texts: ["Male", "Placebo"]) == nil)
        // Both texts as like one name as the other.
        #expect(matcher.match(names: ["Arm 1", "Arm 2"], texts: ["Arm", "Arm"]) == nil)
        // Two names that OCR could have garbled into each other.
        #expect(matcher.match(names: ["Dose 10", "Dose 16"], texts: ["Dose 1O", "Dose I6"]) == nil)
        // Counts that differ: nothing to match one to one.
        #expect(matcher.match(names: ["A", "B", "C"], texts: ["A", "B"]) == nil)
    }
}

/// The bundled lung figure (SampleCurves/lung-sex-colour): Male in blue, Female in red, named
/// in a legend at the top right (keys in the curves' colours, matplotlib).
private let lungFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("SampleCurves/lung-sex-colour").path

@Suite("Arm colours read from the legend", .enabled(if: OCRPool.isAvailable))
struct LegendColorTests {
    /// A lean spec the printed numbers cannot decide: no colours, the same `n` for both arms
    /// (so no table is read and every match of curves to arms fits the numbers equally), and
    /// Female listed first, against both weak priors (the default palette's order and the
    /// legend's order put the blue curve first).
    func undecidedSpec() throws -> FigureSpec {
        let json = #"{"format": "km-figure-spec/1", "image": "figure.png", "arms": [{"name": "Female", "n": 110}, {"name": "Male", "n": 110}]}"#
        return try FigureSpec.parse(Data(json.utf8), path: lungFolder + "/lean-undecided.json")
    }

    let blue = try! RGB(hex: "#1F77B4"), red = try! RGB(hex: "#D62728")

    func close(_ a: RGB, _ b: RGB) -> Bool { LabColor(a).deltaE76(LabColor(b)) < 15 }

    @Test("the legend's text names the arms beside their keys: each arm gets its key's colour")
    func legendDecides() throws {
        let prepared = try prepareFigure(undecidedSpec())
        #expect(close(prepared.figure.arms[0].color, red), "Female: \(prepared.figure.arms[0].color.hex)")
        #expect(close(prepared.figure.arms[1].color, blue), "Male: \(prepared.figure.arms[1].color.hex)")
        #expect(prepared.figure.arms.allSatisfy { $0.assignmentConfidence == 1 })
        #expect(prepared.reading.colors.map(\.source) == [.legend, .legend])
        #expect(prepared.reading.colors.map { $0.legendText?.text } == ["Female", "Male"])
        #expect(prepared.spec.arms.map { $0.color.map { close($0, red) } } == [true, false])
        #expect(prepared.reading.summaryLines.contains { $0.hasPrefix("arm \"Female\" color read from the legend (\"Female\", #") })
        // An exact name read with confidence needs no review.
        #expect(ConfidenceRules().readingReasons(prepared.reading).isEmpty)
        // The completed spec, run again, traces the same curves (nothing left to read).
        let again = try prepareFigure(prepared.spec)
        #expect(again.reading.colors.map(\.source) == [.typed, .typed])
        #expect(again.figure.arms.map(\.corners) == prepared.figure.arms.map(\.corners))
    }

    @Test("without the legend, the same spec is swapped and left to review")
    func withoutLegend() throws {
        var filler = FigureTextFiller()
        filler.readsLegend = false
        let prepared = try prepareFigure(undecidedSpec(), filler: filler)
        #expect(close(prepared.figure.arms[0].color, blue))
        #expect(close(prepared.figure.arms[1].color, red))
        #expect(prepared.figure.arms.allSatisfy { $0.assignmentConfidence < ConfidenceRules().minimumAssignmentConfidence })
        #expect(prepared.reading.colors.map(\.source) == [.unspecified, .unspecified])
        // The digitiser found the legend all the same: two entries, blue first.
        #expect(prepared.figure.legend.count == 2)
        #expect(prepared.figure.legend.first.map { close($0.color, blue) } == true)
    }

    @Test("a legend that names other groups changes nothing")
    func otherNames() throws {
        let json = #"{"format": "km-figure-spec/1", "image": "figure.png", "arms": [{"name": "Treatment", "n": 110}, {"name": "Control", "n": 110}]}"#
        let spec = try FigureSpec.parse(Data(json.utf8), path: lungFolder + "/lean-other.json")
        var off = FigureTextFiller()
        off.readsLegend = false
        let with = try prepareFigure(spec), without = try prepareFigure(spec, filler: off)
        #expect(with.reading.colors.map(\.source) == [.unspecified, .unspecified])
        #expect(with.figure.arms.map(\.color) == without.figure.arms.map(\.color))
        #expect(with.spec.arms.allSatisfy { $0.color == nil })
    }
}
