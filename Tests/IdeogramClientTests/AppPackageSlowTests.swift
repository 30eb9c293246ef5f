import Foundation
import TestCommands
import Testing

/// New packages outside the project, which depend on it by version as its
/// users do (on a copy of the working tree, committed and tagged in a
/// temporary git repository):
/// - an app that uses `IdeogramClient` and `PixazoClient` and holds the
///   README's examples verbatim: it must build with no warning and build
///   nothing of the generator;
/// - a package that generates a client for its own API with the
///   `generate-client` plugin, its own config and spec.
@Suite(.serialized)
struct AppPackageSlowTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The README's Swift examples that use a client: each block that
    /// imports `module`.
    static func readmeExamples(importing module: String = "IdeogramClient") throws -> [String] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" {
                current = []
            } else if current != nil, line == "```" {
                let block = current!.joined(separator: "\n")
                if block.contains("import \(module)\n") { blocks.append(block) }
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// One file of the app: the imports of every example at the top; an
    /// example that declares functions as they are, one made of statements
    /// inside a function of its own.
    static func appSource(_ examples: [String]) -> String {
        var imports: [String] = []
        var bodies: [String] = []
        for (index, example) in examples.enumerated() {
            let lines = example.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for line in lines where line.hasPrefix("import ") && !imports.contains(line) { imports.append(line) }
            let rest = lines.filter { !$0.hasPrefix("import ") }
            let first = rest.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
            if first.hasPrefix("func ") {
                bodies.append(rest.joined(separator: "\n"))
            } else {
                bodies.append("func readmeExample\(index + 1)() async throws {\n"
                              + rest.map { "    " + $0 }.joined(separator: "\n") + "\n}")
            }
        }
        return imports.joined(separator: "\n") + "\n\n" + bodies.joined(separator: "\n\n") + "\n"
    }

    @Test func theReadmeHasExamplesOfEveryTopic() throws {
        let examples = try Self.readmeExamples().joined(separator: "\n")
        for topic in ["save(", "StubTransport", "isRejected", "localizedDescription", "withResponse", "configured {", "MultipartFile"] {
            #expect(examples.contains(topic), "\(topic)")
        }
    }

    /// The package as a tagged git repository, version 1.0.0: what
    /// `.package(url:from:)` resolves. Made once per run, from the files git
    /// tracks or would (the working tree, uncommitted changes included).
    static let taggedCopy: Result<URL, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("dependency-\(UUID().uuidString)/ideogram-swift")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let listed = try runBlocking(["git", "-C", root.path, "ls-files", "--cached", "--others", "--exclude-standard", "-z"])
        for path in listed.split(separator: "\0").map(String.init) where !path.hasPrefix("Benchmarks/") && !path.hasPrefix("Fuzz/") {
            let source = root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: target)
        }
        let git = ["git", "-C", folder.path, "-c", "user.name=Test", "-c", "user.email=test@example.com"]
        _ = try runBlocking(["git", "init", "-q", folder.path])
        _ = try runBlocking(git + ["add", "-A"])
        _ = try runBlocking(git + ["commit", "-q", "-m", "release"])
        _ = try runBlocking(git + ["tag", "1.0.0"])
        return folder
    }

    struct CommandFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a command off the cooperative pool; its output (stdout and
    /// stderr), or an error with it.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, check: Bool = true) async throws -> String {
        try await offThePool { try runBlocking(arguments, in: directory, check: check) }
    }

    /// ``run(_:in:check:)`` on the calling thread, for ``taggedCopy``.
    @discardableResult
    static func runBlocking(_ arguments: [String], in directory: URL? = nil, check: Bool = true) throws -> String {
        let result = try runCommandBlocking(arguments, in: directory)
        if check && result.status != 0 {
            throw CommandFailure(description: "\(arguments.joined(separator: " ")) failed:\n\(result.output)")
        }
        return result.output
    }

    /// `.package(url: "file:///…/ideogram-swift", from: "1.0.0")`.
    static func dependency() async throws -> String {
        let copy = try await offThePool { try taggedCopy.get() }
        return ".package(url: \(String(reflecting: copy.absoluteString)), from: \"1.0.0\")"
    }

    @Test(.timeLimit(.minutes(10)))
    func anAppPackageWithTheReadmeExamplesBuildsWithoutWarnings() async throws {
        let dependency = try await Self.dependency()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("app-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = """
            // swift-tools-version: 6.0
            import PackageDescription

            let package = Package(
                name: "App",
                dependencies: [\(dependency)],
                targets: [
                    .target(name: "App", dependencies: [.product(name: "IdeogramClient", package: "ideogram-swift")]),
                    // A module of its own: both clients have a `StyleType`, as any two APIs may share a name.
                    .target(name: "PixazoApp", dependencies: [.product(name: "PixazoClient", package: "ideogram-swift")]),
                ],
                swiftLanguageModes: [.v6]
            )
            """
        for target in ["App", "PixazoApp"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("Sources/" + target), withIntermediateDirectories: true)
        }
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("Package.swift"))
        let examples = try Self.readmeExamples()
        #expect(examples.count >= 6)
        try Data(Self.appSource(examples).utf8).write(to: folder.appendingPathComponent("Sources/App/App.swift"))
        let pixazo = try Self.readmeExamples(importing: "PixazoClient")
        #expect(pixazo.count >= 2)
        try Data(Self.appSource(pixazo).utf8).write(to: folder.appendingPathComponent("Sources/PixazoApp/PixazoApp.swift"))

        let output = try await Self.run(["swift", "build", "--package-path", folder.path, "--scratch-path", folder.appendingPathComponent(".build").path])
        let warnings = output.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.isEmpty, "\(warnings.joined(separator: "\n"))")
        #expect(output.contains("Compiling App") || output.contains("Build complete"), "\(output)")
        // An app builds the client modules and nothing of the generator.
        for generatorModule in ["SpecParser", "CodeGen", "SpecDiff", "ideogram_codegen", "CYaml"] {
            #expect(!output.contains("Compiling \(generatorModule)"), "\(generatorModule) was built for an app")
        }
        let resolved = try String(contentsOf: folder.appendingPathComponent("Package.resolved"), encoding: .utf8)
        #expect(resolved.contains("\"version\" : \"1.0.0\""), "\(resolved)")
    }

    /// An app that also uses swift-http-types and OpenAPIURLSession, whose
    /// `HTTPRequest`, `HTTPResponse` and `URLSessionTransport` it names
    /// without a module, and both generated clients in one file: the
    /// clients' transport types are nested in them, so nothing is ambiguous.
    @Test(.timeLimit(.minutes(15)))
    func anAppWithHTTPTypesAndOpenAPIURLSessionNeedsNoQualification() async throws {
        let dependency = try await Self.dependency()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecosystem-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Sources/App"), withIntermediateDirectories: true)
        try Data("""
            // swift-tools-version: 6.0
            import PackageDescription

            let package = Package(
                name: "App",
                platforms: [.macOS(.v13), .iOS(.v16)],
                dependencies: [
                    \(dependency),
                    .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
                    .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.0.0"),
                ],
                targets: [
                    .target(name: "App", dependencies: [
                        .product(name: "IdeogramClient", package: "ideogram-swift"),
                        .product(name: "PixazoClient", package: "ideogram-swift"),
                        .product(name: "HTTPTypes", package: "swift-http-types"),
                        .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                    ]),
                ],
                swiftLanguageModes: [.v6]
            )
            """.utf8).write(to: folder.appendingPathComponent("Package.swift"))
        try Data("""
            import Foundation
            import HTTPTypes
            import IdeogramClient
            import OpenAPIURLSession
            import PixazoClient

            func request() -> HTTPRequest {
                HTTPRequest(method: .get, scheme: "https", authority: "example.com", path: "/")
            }

            func status(_ response: HTTPResponse) -> Int { response.status.code }

            func transports() -> (URLSessionTransport, Ideogram.URLSessionTransport, Pixazo.URLSessionTransport) {
                (URLSessionTransport(), Ideogram.URLSessionTransport(), Pixazo.URLSessionTransport())
            }

            func clients(key: String) -> (Ideogram, Pixazo) {
                (Ideogram(apiKey: key), Pixazo(apiKey: key, transport: Pixazo.StubTransport(always: .json("{}"))))
            }
            """.utf8).write(to: folder.appendingPathComponent("Sources/App/App.swift"))
        let output = try await Self.run(["swift", "build", "--package-path", folder.path, "--scratch-path", folder.appendingPathComponent(".build").path])
        let warnings = output.split(separator: "\n").filter { $0.contains("warning:") && $0.contains("/Sources/App/") }
        #expect(warnings.isEmpty, "\(warnings.joined(separator: "\n"))")
    }

    /// A package with an API of its own, depending on the project by
    /// version, generates its client with the plugin from its own
    /// openapi-clients.yml, checks it, and builds it.
    @Test(.timeLimit(.minutes(15)))
    func anotherPackageGeneratesItsOwnClientWithThePlugin() async throws {
        let dependency = try await Self.dependency()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tool-user-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("spec"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Sources/Weather"), withIntermediateDirectories: true)
        // The generated target's folder exists, empty, before the first generation.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Sources/WeatherClient"), withIntermediateDirectories: true)
        try Data("""
            // swift-tools-version: 6.2
            import PackageDescription

            let package = Package(
                name: "ToolUser",
                dependencies: [\(dependency)],
                targets: [
                    .target(name: "WeatherClient", path: "Sources/WeatherClient", exclude: ["spec-snapshot.yml"],
                            swiftSettings: [.defaultIsolation(MainActor.self)]),
                    .target(name: "Weather", dependencies: ["WeatherClient"]),
                ],
                swiftLanguageModes: [.v6]
            )
            """.utf8).write(to: folder.appendingPathComponent("Package.swift"))
        try Data("""
            clients:
              - spec: spec/weather.yml
                output: Sources/WeatherClient
                names:
                  operations:
                    get-v1-forecast: forecast
            """.utf8).write(to: folder.appendingPathComponent("openapi-clients.yml"))
        try Data("""
            openapi: 3.1.0
            info: {title: Weather, version: '1'}
            servers: [{url: 'https://weather.example.com'}]
            paths:
              /v1/forecast:
                get:
                  operationId: get-v1-forecast
                  parameters:
                    - {name: city, in: query, required: true, schema: {type: string}}
                  responses:
                    '200':
                      description: The forecast.
                      content:
                        application/json:
                          schema:
                            type: object
                            required: [celsius]
                            properties:
                              celsius: {type: number}
            """.utf8).write(to: folder.appendingPathComponent("spec/weather.yml"))
        try Data("""
            import WeatherClient

            func temperature(in city: String) async throws -> Double {
                try await Weather(configuration: .init(baseURL: Weather.servers[0])).forecast(city: city).celsius
            }
            """.utf8).write(to: folder.appendingPathComponent("Sources/Weather/Use.swift"))

        let scratch = ["--scratch-path", folder.appendingPathComponent(".build").path]
        let generated = try await Self.run(["swift", "package", "--package-path", folder.path] + scratch
                                     + ["--allow-writing-to-package-directory", "generate-client"])
        #expect(generated.contains("into \(folder.path)/Sources/WeatherClient") || generated.contains("Sources/WeatherClient"), "\(generated)")
        let client = try String(contentsOf: folder.appendingPathComponent("Sources/WeatherClient/Weather.swift"), encoding: .utf8)
        #expect(client.contains("public struct Weather: Sendable"))
        #expect(!client.contains("Ideogram"))
        let checked = try await Self.run(["swift", "package", "--package-path", folder.path] + scratch
                                   + ["--allow-writing-to-package-directory", "generate-client", "--check"])
        #expect(checked.contains("is up to date"), "\(checked)")
        let built = try await Self.run(["swift", "build", "--package-path", folder.path] + scratch)
        let warnings = built.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.isEmpty, "\(warnings.joined(separator: "\n"))")
    }
}
