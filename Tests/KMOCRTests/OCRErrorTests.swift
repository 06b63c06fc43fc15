import Testing
import KMOCR

@Suite("OCR errors")
struct OCRErrorTests {
    @Test("an unavailable engine says what to install and what to type instead")
    func unavailableMessage() {
        let message = OCRError.engineUnavailable(reason: "libtesseract.so.5 not found").description
        #expect(message.contains("apt-get install"))
        #expect(message.contains("type the tick labels"))
    }
}
