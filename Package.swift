// swift-tools-version:6.0
import PackageDescription

// KMRecon: published Kaplan–Meier figure → patient-level survival data.
//
// The pipeline is visible in the targets, and data flows one way:
//   KMImage → KMDigitize → KMReconstruct → KMSurvival / KMExport → KMRecon (umbrella) → kmrecon (CLI)
// KMReconstruct and KMSurvival never import the image code, so they stay usable for people who
// digitised a curve by hand.
let package = Package(
    name: "KMRecon",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "KMRecon", targets: ["KMRecon"]),
        .library(name: "KMReconstruct", targets: ["KMReconstruct"]),
        .library(name: "KMSurvival", targets: ["KMSurvival"]),
        .executable(name: "kmrecon", targets: ["kmrecon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libpng through pkg-config; Swift only sees the simplified png_image API.
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        .target(name: "KMImage", dependencies: ["CPNG"]),
        .target(name: "KMDigitize", dependencies: ["KMImage"]),
        // Offline OCR over libtesseract's C API, loaded at run time: KMRecon builds and its core
        // tests pass on machines without it.
        .target(name: "KMOCR", dependencies: ["KMImage"]),
        .target(name: "KMReconstruct", dependencies: ["KMSurvival"]),
        .target(name: "KMSurvival", exclude: ["README.md"]),
        .target(name: "KMExport", dependencies: ["KMReconstruct", "KMSurvival", "KMImage"]),
        .target(
            name: "KMRecon",
            dependencies: ["KMImage", "KMDigitize", "KMOCR", "KMReconstruct", "KMSurvival", "KMExport"]
        ),
        .executableTarget(
            name: "kmrecon",
            dependencies: [
                "KMRecon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KMImageTests", dependencies: ["KMImage"]),
        .testTarget(name: "KMDigitizeTests", dependencies: ["KMDigitize"]),
        .testTarget(name: "KMOCRTests", dependencies: ["KMOCR"]),
        .testTarget(name: "KMReconTests", dependencies: ["KMRecon"]),
        .testTarget(name: "KMReconstructTests", dependencies: ["KMReconstruct"]),
        .testTarget(name: "KMSurvivalTests", dependencies: ["KMSurvival"]),
        .testTarget(name: "KMExportTests", dependencies: ["KMExport"]),
        .testTarget(name: "kmreconTests", dependencies: ["kmrecon"]),
    ]
)
