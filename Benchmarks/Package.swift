// swift-tools-version: 6.0
import PackageDescription

// The benchmark of ideogram-codegen against swift-openapi-generator. It is a
// package of its own so that the main package keeps no dependencies; nothing
// in CI builds or runs it. Run it with:
//
//     Benchmarks/run compare
//
// swift-openapi-generator lives in the nested package TheirGenerator/, which
// `compare` builds itself: its YAML parser (Yams) has a C target named CYaml,
// as does the main package, and SwiftPM refuses two targets of one name in a
// package graph.

// A path dependency is named after its folder, which is whatever the clone
// was called; take it from the folder above this one.
let mainPackage = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "main"

let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "compare",
            dependencies: [
                .product(name: "CodeGen", package: mainPackage),
                .product(name: "SpecParser", package: mainPackage),
                .product(name: "IdeogramClient", package: mainPackage),
                // Not linked: listed so that a release build of `compare` also
                // builds the command line tool it times, next to itself.
                .product(name: "ideogram-codegen", package: mainPackage),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
