import Testing
@testable import KMOCR

@Suite("Numbers from OCR text")
struct NumberTextTests {
    @Test("printed numbers parse, with an optional percent sign")
    func parses() {
        #expect(NumberText.parse("0.25")! == (0.25, false))
        #expect(NumberText.parse("138")! == (138, false))
        #expect(NumberText.parse("50%")! == (50, true))
    }

    @Test("anything else is not a number: signs, two points, empty parts, inner spaces")
    func rejects() {
        for text in ["", "-1", "1.2.3", ".5", "5.", "351 344", "12a", "%"] {
            #expect(NumberText.parse(text) == nil, "\(text)")
        }
    }

    @Test("look-alike letters map to digits; inner spaces are kept")
    func confusables() {
        #expect(NumberText.mapped("l38") == "138")
        #expect(NumberText.mapped("O.SO") == "0.50")
        #expect(NumberText.mapped("351 344") == "351 344")
    }

    @Test("a count printed against its row label is split off at the trailing digit run")
    func digitRun() {
        #expect(NumberText.digitRun("Nonmaintainel2") == 12..<14)
        #expect(NumberText.digitRun("741") == 0..<3)
        #expect(NumberText.digitRun("Male") == nil)
        #expect(NumberText.digitRun("5FU") == nil)
        // A count with the censored count in parentheses after it.
        #expect(NumberText.digitRun("0(15)") == 0..<1)
        #expect(NumberText.digitRun("256(0)") == 0..<3)
        #expect(NumberText.digitRun("0(15") == nil)
        #expect(NumberText.digitRun("(15)") == nil)
    }

    @Test("counts printed with thousands separators give their digits; decimal commas and points do not")
    func groupedDigits() {
        #expect(NumberText.groupedDigits("2,400", separator: ",") == "2400")
        #expect(NumberText.groupedDigits("12,345,678", separator: ",") == "12345678")
        #expect(NumberText.groupedDigits("1.369", separator: ".") == "1369")
        for text in ["0,5", "1,25", "0,125", "1,2345", "12345", ",400", "2,400,", "1234,567", "2,4OO"] {
            #expect(NumberText.groupedDigits(text, separator: ",") == nil, "\(text)")
        }
    }

    @Test("a word's shape rejects a read that dropped its decimal point or a digit")
    func glyphShape() {
        let shape = GlyphShape(fullCount: 2, hasDot: true)   // "0.4"
        #expect(shape.admits("0.4"))
        #expect(!shape.admits("4"))
        #expect(!shape.admits("04"))
        #expect(GlyphShape(fullCount: 3, hasDot: false).admits("100"))
        #expect(!GlyphShape(fullCount: 3, hasDot: false).admits("10"))
    }
}
