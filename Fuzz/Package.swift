// swift-tools-version:6.0
// A libFuzzer target over the whole generator: bytes → YAML → document → API model → Swift text,
// and over the spec comparison of `diff`.
// Build and run it with scripts/fuzz (it passes -sanitize=fuzzer); it is not part of the main package,
// whose executables have their own `main`.
import PackageDescription

let package = Package(
    name: "Fuzz",
    dependencies: [
        .package(name: "IdeogramSwift", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "FuzzGenerator",
            dependencies: [
                .product(name: "SpecParser", package: "IdeogramSwift"),
                .product(name: "CodeGen", package: "IdeogramSwift"),
                .product(name: "SpecDiff", package: "IdeogramSwift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
