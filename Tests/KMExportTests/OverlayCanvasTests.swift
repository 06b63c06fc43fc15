import Testing
import KMExport
import KMImage

@Suite("Overlay drawing")
struct OverlayCanvasTests {
    @Test("a filled rectangle is clipped to the image, and one wholly outside it draws nothing")
    func fillRectClipped() {
        var canvas = OverlayCanvas(Raster(width: 20, height: 10))
        canvas.fillRect(left: 15, top: 5, right: 40, bottom: 30, color: RGB(r: 0, g: 0, b: 0))
        let black = (0..<(20 * 10)).filter { canvas.raster.rgb[3 * $0] == 0 }.count
        #expect(black == 5 * 5)
        // Below, right of, above and left of the image (a legend placed off a cropped figure).
        let before = canvas.raster.rgb
        canvas.fillRect(left: 2, top: 12, right: 8, bottom: 30, color: RGB(r: 0, g: 0, b: 0))
        canvas.fillRect(left: 25, top: 0, right: 30, bottom: 5, color: RGB(r: 0, g: 0, b: 0))
        canvas.fillRect(left: 2, top: -9, right: 8, bottom: -1, color: RGB(r: 0, g: 0, b: 0))
        canvas.fillRect(left: -9, top: 2, right: -1, bottom: 5, color: RGB(r: 0, g: 0, b: 0))
        #expect(canvas.raster.rgb == before)
    }
}
