// swift-tools-version: 6.2
import Foundation
import PackageDescription

/// The pkg-config name of libyaml, when asking pkg-config is of use.
///
/// SwiftPM looks up the pkg-config name of every system library of every
/// package in the graph, and warns when it is not installed, even in an app
/// that uses only a client module and never builds the generator. So the
/// name is given only where it finds something: on Linux, apt's libyaml-dev
/// puts `yaml.h` and the library in the compiler's default paths, where
/// pkg-config would add nothing; elsewhere (Homebrew, MacPorts) it is given
/// only when its `.pc` file is there. Without libyaml, building the
/// generator stops at `Sources/CYaml/shim.h` with an error that says how to
/// install it; the client modules never need it.
let libyamlPkgConfig: String? = {
    #if os(Linux)
    return nil
    #else
    let environment =
        ProcessInfo.processInfo.environment["PKG_CONFIG_PATH"]?.split(separator: ":").map(String.init) ?? []
    let folders = environment + ["/opt/homebrew/lib/pkgconfig", "/usr/local/lib/pkgconfig", "/opt/local/lib/pkgconfig"]
    let found = folders.contains { FileManager.default.fileExists(atPath: $0 + "/yaml-0.1.pc") }
    return found ? "yaml-0.1" : nil
    #endif
}()

let package = Package(
    name: "IdeogramSwift",
    // The oldest systems with every API the client uses; the reasoning, API
    // by API, is in Sources/CodeGen/Render/Availability.swift, and generated
    // modules carry the same versions on each declaration (`@available`), so
    // they build in packages that declare none.
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
    products: [
        .library(name: "IdeogramClient", targets: ["IdeogramClient"]),
        .library(name: "PixazoClient", targets: ["PixazoClient"]),
        .library(name: "SpecParser", targets: ["SpecParser"]),
        .library(name: "CodeGen", targets: ["CodeGen"]),
        .library(name: "SpecDiff", targets: ["SpecDiff"]),
        .executable(name: "ideogram-codegen", targets: ["ideogram-codegen"]),
        .plugin(name: "GenerateClient", targets: ["GenerateClient"]),
    ],
    targets: [
        // libyaml, the C library (found through pkg-config where that helps; see above).
        .systemLibrary(
            name: "CYaml",
            pkgConfig: libyamlPkgConfig,
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Starts the generator's helper threads each on a processor of its own (Linux; plain elsewhere).
        .target(name: "CWorkerThreads"),
        // YAML -> located node tree -> OpenAPI document model.
        .target(name: "SpecParser", dependencies: ["CYaml", "CWorkerThreads"]),
        // Document model -> API model -> Swift source text.
        // The runtime's text comes from Sources/ClientRuntime, embedded in
        // Sources/CodeGen/Runtime/EmbeddedRuntime.swift by RuntimeEmbedder
        // (scripts/embed-runtime; a drift test keeps the two equal). Not a
        // build plugin: SwiftPM compiles a dependency's plugins and their tools
        // in every app that depends on the package, even one that uses only a
        // client module.
        // CodeGen reads a spec diff to say what it does to the generated Swift API (Sources/CodeGen/Surface).
        .target(name: "CodeGen", dependencies: ["SpecParser", "SpecDiff"]),
        .executableTarget(name: "RuntimeEmbedder"),
        // The support code every generated module carries, as ordinary Swift:
        // compiled and tested here on its own, with the strictest settings a
        // generated module meets in an app (see SettingsMatrixSlowTests), and
        // copied into each module by the generator (RuntimeEmbedder hands
        // CodeGen its text). Parts only some modules need are folders
        // of their own, and the lines other parts need for them sit in
        // `#if RUNTIME_<PART>` blocks; every part is compiled here.
        .target(
            name: "ClientRuntime",
            swiftSettings: [
                .define("RUNTIME_JOBS"),
                .define("RUNTIME_STYLED_VALUES"),
                .define("RUNTIME_RESPONSE_HEADERS"),
                .define("RUNTIME_STREAMING_TRANSPORT"),
                .define("RUNTIME_EVENT_STREAMS"),
                .define("RUNTIME_LARGE_BODIES"),
                .define("RUNTIME_PAGINATION"),
                .define("RUNTIME_IDEMPOTENCY_KEYS"),
                .defaultIsolation(MainActor.self),
                .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
                .enableUpcomingFeature("InferIsolatedConformances"),
                .enableUpcomingFeature("InternalImportsByDefault"),
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .strictMemorySafety(),
                .treatAllWarnings(as: .error),
            ]
        ),
        // Two document models -> the API changes between them.
        .target(name: "SpecDiff", dependencies: ["SpecParser"]),
        // The tool has no unsafe flags, so another package can depend on it by
        // version (its plugins included). For the fastest start on Linux, build
        // it with the Swift runtime linked in: `swift build -c release
        // --product ideogram-codegen --static-swift-stdlib` (Benchmarks/BENCHMARKS.md).
        .executableTarget(
            name: "ideogram-codegen",
            dependencies: ["SpecParser", "CodeGen", "SpecDiff"]
        ),
        // Generated from spec/ideogram-openapi.yml; never edited by hand.
        // spec-snapshot.yml is the spec it was generated from, for API diffs on drift.
        .target(name: "IdeogramClient", path: "Sources/GeneratedClient", exclude: ["spec-snapshot.yml"]),
        // Generated from spec/pixazo-openapi.yml, the Pixazo gateway; never edited by hand.
        .target(name: "PixazoClient", path: "Sources/GeneratedPixazoClient", exclude: ["spec-snapshot.yml"]),
        .plugin(
            name: "GenerateClient",
            capability: .command(
                intent: .custom(
                    verb: "generate-client",
                    description: "Regenerate the client modules openapi-clients.yml lists from their specs"
                ),
                permissions: [
                    .writeToPackageDirectory(
                        reason: "Writes the generated clients into the folders openapi-clients.yml names")
                ]
            ),
            dependencies: ["ideogram-codegen"]
        ),
        // Running commands (the compiler, builds, git) from tests without
        // holding the threads the tests run on.
        .target(name: "TestCommands", path: "Tests/TestCommands"),
        .testTarget(name: "SpecParserTests", dependencies: ["SpecParser"]),
        .testTarget(name: "ClientRuntimeTests", dependencies: ["ClientRuntime"]),
        .testTarget(name: "CodeGenTests", dependencies: ["CodeGen", "SpecParser", "SpecDiff", "TestCommands"]),
        .testTarget(name: "SpecDiffTests", dependencies: ["SpecDiff", "SpecParser"]),
        // The generated client over real HTTP against the validating server of Tests/Server.
        .testTarget(name: "IntegrationTests", dependencies: ["IdeogramClient", "PixazoClient"]),
        .testTarget(name: "PixazoClientTests", dependencies: ["PixazoClient"]),
        // Clients generated from real specs, run over HTTP against the conformance server (Tests/Server).
        .testTarget(name: "ConformanceTests", dependencies: ["CodeGen", "SpecParser"], exclude: ["Runner", "Specs"]),
        .testTarget(
            name: "IdeogramClientTests",
            dependencies: ["IdeogramClient", "CodeGen", "SpecParser", "SpecDiff", "TestCommands"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
