// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "IdeogramSwift",
    products: [
        .library(name: "IdeogramClient", targets: ["IdeogramClient"]),
        .library(name: "SpecParser", targets: ["SpecParser"]),
        .library(name: "CodeGen", targets: ["CodeGen"]),
        .executable(name: "ideogram-codegen", targets: ["ideogram-codegen"]),
        .plugin(name: "GenerateClient", targets: ["GenerateClient"]),
    ],
    targets: [
        // libyaml, the C library, through pkg-config.
        .systemLibrary(
            name: "CYaml",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // YAML -> located node tree -> OpenAPI document model.
        .target(name: "SpecParser", dependencies: ["CYaml"]),
        // Document model -> API model -> Swift source text.
        .target(name: "CodeGen", dependencies: ["SpecParser"]),
        .executableTarget(name: "ideogram-codegen", dependencies: ["SpecParser", "CodeGen"]),
        // Generated from spec/ideogram-openapi.yml; never edited by hand.
        .target(name: "IdeogramClient", path: "Sources/GeneratedClient"),
        .plugin(
            name: "GenerateClient",
            capability: .command(
                intent: .custom(
                    verb: "generate-client",
                    description: "Regenerate Sources/GeneratedClient from spec/ideogram-openapi.yml"
                ),
                permissions: [
                    .writeToPackageDirectory(reason: "Writes the generated client into Sources/GeneratedClient")
                ]
            ),
            dependencies: ["ideogram-codegen"]
        ),
        .testTarget(name: "SpecParserTests", dependencies: ["SpecParser"]),
        .testTarget(name: "CodeGenTests", dependencies: ["CodeGen", "SpecParser"]),
        .testTarget(
            name: "IdeogramClientTests",
            dependencies: ["IdeogramClient", "CodeGen", "SpecParser"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
