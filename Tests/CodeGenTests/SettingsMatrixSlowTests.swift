import CodeGen
import Foundation
import SpecParser
import TestCommands
import Testing

/// Generated modules in a target with the settings Swift developers use
/// today: MainActor by default (Xcode 26's new app targets), the upcoming
/// features those targets turn on, internal imports by default, strict
/// memory safety, existential `any`, member import visibility, warnings as
/// errors, and a release build. Each set is a package made in the test,
/// built with `swift build`; a program in it checks that a call's work runs
/// off the main actor.
@Suite(.serialized)
struct SettingsMatrixSlowTests {
    static let everySetting = """
        .defaultIsolation(MainActor.self),
        .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
        .enableUpcomingFeature("InferIsolatedConformances"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .strictMemorySafety(),
        .unsafeFlags(["-warnings-as-errors"]),
        """

    static let mainActorOnly = """
        .defaultIsolation(MainActor.self),
        .unsafeFlags(["-warnings-as-errors"]),
        """

    /// The program: top-level code runs on the main actor; with the
    /// argument `probe`, its transport asserts that it runs on the main
    /// actor too, and so crashes when the call's work is elsewhere. With
    /// `NonisolatedNonsendingByDefault` the transport runs where the
    /// operation's body runs, so the crash shows that the operation hopped
    /// off the caller's actor.
    static let check = #"""
        import Foundation
        import IdeogramClient
        import Features
        import PixazoClient

        nonisolated struct Probe: Ideogram.HTTPTransport {
            let assertsMainActor: Bool

            func send(_ request: Ideogram.HTTPRequest) async throws -> Ideogram.HTTPResponse {
                if assertsMainActor { MainActor.preconditionIsolated("the transport runs on the main actor") }
                return .json(#"{"datasets": []}"#)
            }
        }

        MainActor.preconditionIsolated("top-level code runs on the main actor")
        let probe = Probe(assertsMainActor: CommandLine.arguments.contains("probe"))
        let ideogram = Ideogram(configuration: .init(baseURL: URL(string: "https://api.ideogram.ai")!, apiKey: "k"), transport: probe)
        let result = try await ideogram.listDatasets()
        let (_, response) = try await ideogram.withResponse { try await $0.listDatasets() }
        let features = Client(configuration: .init(baseURL: URL(string: "https://example.com")!))
        let pixazo = Pixazo(apiKey: "k")
        print("called: \(result.datasets.count) \(response.statusCode) \(features.configuration.baseURL.host ?? "") \(pixazo.configuration.baseURL.host ?? "") \(JobPolling.default.interval)")
        """#

    func makePackage(settings: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matrix-\(UUID().uuidString)")
        let ideogram = Generator(options: .init(clientName: "Ideogram")).generate(specPath: Paths.spec)
        #expect(!ideogram.diagnostics.hasErrors)
        let features = generate(CompileTests.hostileSpec, clientName: "Client", layout: .grouped)
        #expect(!features.diagnostics.hasErrors)
        // The Pixazo client carries the job runtime and job helpers.
        let pixazo = Generator(options: .init(clientName: "Pixazo")).generate(specPath: Paths.packageRoot + "/spec/pixazo-openapi.yml")
        #expect(!pixazo.diagnostics.hasErrors)
        #expect(pixazo.files.contains { $0.path == "Runtime/Jobs.swift" })
        for (target, files) in [("IdeogramClient", ideogram.files), ("Features", features.files), ("PixazoClient", pixazo.files)] {
            for file in files {
                let url = folder.appendingPathComponent("Sources/\(target)/\(file.path)")
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
        }
        let main = folder.appendingPathComponent("Sources/Check/main.swift")
        try FileManager.default.createDirectory(at: main.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(Self.check.utf8).write(to: main)
        let manifest = """
            // swift-tools-version: 6.2
            import PackageDescription

            let settings: [SwiftSetting] = [
            \(settings)
            ]

            let package = Package(
                name: "Matrix",
                targets: [
                    .target(name: "IdeogramClient", swiftSettings: settings),
                    .target(name: "Features", swiftSettings: settings),
                    .target(name: "PixazoClient", swiftSettings: settings),
                    .executableTarget(name: "Check", dependencies: ["IdeogramClient", "Features", "PixazoClient"], swiftSettings: settings),
                ],
                swiftLanguageModes: [.v6]
            )
            """
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("Package.swift"))
        return folder
    }

    func swift(_ arguments: [String], in folder: URL) async throws -> CommandOutput {
        try await run("/usr/bin/env", ["swift"] + arguments + ["--package-path", folder.path])
    }

    /// Runs a program to its end; a crash prints no backtrace (it would take long).
    func run(_ path: String, _ arguments: [String]) async throws -> CommandOutput {
        try await runCommand([path] + arguments, environment: ["SWIFT_BACKTRACE": "enable=no"])
    }

    /// The program calls through the client; asked to, its transport
    /// asserts the main actor, which must fail: the work is elsewhere.
    func expectWorkOffTheMainActor(_ folder: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let program = folder.appendingPathComponent(".build/debug/Check").path
        let plain = try await run(program, [])
        #expect(plain.status == 0 && plain.output.contains("called: 0 200 example.com"), "\(plain.output.suffix(2000))",
                sourceLocation: sourceLocation)
        let probed = try await run(program, ["probe"])
        #expect(probed.status != 0 && !probed.output.contains("called:"), "\(probed.output.suffix(2000))", sourceLocation: sourceLocation)
    }

    func warnings(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.contains("warning:") || $0.contains("error:") }
    }

    @Test(.timeLimit(.minutes(15)))
    func everySettingTogetherInDebugAndRelease() async throws {
        let folder = try makePackage(settings: Self.everySetting)
        defer { try? FileManager.default.removeItem(at: folder) }
        let debug = try await swift(["build"], in: folder)
        #expect(debug.status == 0 && warnings(debug.output).isEmpty, "\(warnings(debug.output).prefix(30).joined(separator: "\n"))\n\(debug.output.suffix(3000))")
        try await expectWorkOffTheMainActor(folder)
        let release = try await swift(["build", "-c", "release"], in: folder)
        #expect(release.status == 0 && warnings(release.output).isEmpty, "\(warnings(release.output).prefix(30).joined(separator: "\n"))")
    }

    @Test(.timeLimit(.minutes(10)))
    func mainActorByDefaultAlone() async throws {
        let folder = try makePackage(settings: Self.mainActorOnly)
        defer { try? FileManager.default.removeItem(at: folder) }
        let debug = try await swift(["build"], in: folder)
        #expect(debug.status == 0 && warnings(debug.output).isEmpty, "\(warnings(debug.output).prefix(30).joined(separator: "\n"))\n\(debug.output.suffix(3000))")
        try await expectWorkOffTheMainActor(folder)
    }
}
