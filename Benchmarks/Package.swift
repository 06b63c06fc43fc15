// swift-tools-version:6.0
import PackageDescription

// SwiftPM names a path dependency after its folder, whatever the clone is called.
let root = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "KMRecon")

// Benchmarks live in their own package so that nothing they need reaches library users.
// Run: swift run -c release --package-path Benchmarks kmrecon-bench
let package = Package(
    name: "KMReconBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "kmrecon-bench",
            dependencies: [
                .product(name: "KMReconstruct", package: root),
                .product(name: "KMSurvival", package: root),
                .product(name: "KMRecon", package: root),
            ]
        ),
    ]
)
