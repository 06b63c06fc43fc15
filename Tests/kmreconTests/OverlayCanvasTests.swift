import KMExport
import KMImage
import Testing

@Suite("Overlay drawing")
struct OverlayCanvasTests {
    @Test("the 5x7 font draws a 1 as its bitmap, one image pixel per font pixel at scale 1")
    func fontDrawsDigits() {
        var canvas = OverlayCanvas(Raster(width: 8, height: 9))
        let width = canvas.text("1", x: 1, y: 1, color: .black)
        #expect(width == 5)
        let rows = (1...7).map { y in String((1...5).map { x in canvas.raster[x: x, y: y] == .black ? "#" : "." }) }
        #expect(rows == ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."])
        #expect(BitmapFont.width(of: "10 %", scale: 2) == (4 * 6 - 1) * 2)
        #expect(BitmapFont.rows(for: "a") == BitmapFont.rows(for: "A"), "lower case is drawn as capitals")
        #expect(BitmapFont.rows(for: "µ") == BitmapFont.rows(for: "?"), "unknown characters become ?")
    }

    @Test("dashed lines alternate on and off pixels; fading blends towards white; drawing outside is clipped")
    func linesFadeAndClipping() {
        var canvas = OverlayCanvas(Raster(width: 20, height: 3, fill: (0, 0, 0)))
        canvas.fade(0.5)
        #expect(canvas.raster[x: 0, y: 0] == RGB(r: 128, g: 128, b: 128))
        let red = RGB(r: 255, g: 0, b: 0)
        canvas.line(0, 1, 19, 1, color: red, dash: (on: 3, off: 2))
        let drawn = (0..<20).map { canvas.raster[x: $0, y: 1] == red }
        #expect(drawn == [true, true, true, false, false, true, true, true, false, false,
                          true, true, true, false, false, true, true, true, false, false])
        canvas.line(-50, -50, 100, 100, color: red, width: 3)   // crosses the edge: no trap
        canvas.ring(10, 1, radius: 30, color: red)
    }
}
