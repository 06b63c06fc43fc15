import KMImage

extension RGB {
    var vector: (Double, Double, Double) { (Double(r), Double(g), Double(b)) }

    init(_ v: (Double, Double, Double)) {
        func byte(_ d: Double) -> UInt8 { UInt8(max(0, min(255, d.rounded()))) }
        self.init(r: byte(v.0), g: byte(v.1), b: byte(v.2))
    }
}

extension LabColor {
    init(_ v: (Double, Double, Double)) { self.init(RGB(v)) }
}
