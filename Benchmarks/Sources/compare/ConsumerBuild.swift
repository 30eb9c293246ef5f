import Foundation

/// Measurement 4: how long an app that uses the generated client takes to
/// build from nothing.
///
/// Small packages are written into the scratch folder, each with one
/// executable that calls one operation (`list-datasets`, a GET without a
/// body) so that the client code is used, not only declared:
///
/// - ours: depends on this repository's `IdeogramClient` product by path.
///   No other package; the generator's own targets (and libyaml) are not
///   part of the build.
/// - ours, grouped: the same, against a copy of this repository whose
///   client is generated with `--layout grouped` (5 files instead of 90).
/// - theirs: a library target holding swift-openapi-generator's output for
///   the same spec (Types*.swift and Client.swift), plus swift-openapi-runtime
///   and swift-openapi-urlsession (which bring swift-http-types and
///   swift-collections), as their documentation sets a client up.
///
/// Two more packages are not clients of the Ideogram spec. They show how
/// far down a consumer's build can go on this machine, for reading the
/// target against:
///
/// - ours, one operation: our client generated from a spec that holds only
///   `list-datasets` and its two schemas (`OneOperationSpec`): the runtime
///   files and one operation.
/// - floor: a library of one hand-written file that sends the same request
///   with `URLSession`: the least any client built on Foundation's
///   networking costs.
///
/// "Cold" means a new, empty `--scratch-path` for every build: every module
/// of the package and its dependencies is compiled, and SwiftPM's module
/// cache starts empty. Before each timed build, `swift package resolve` is
/// run into the same scratch folder, untimed: it copies the dependencies'
/// checkouts from SwiftPM's shared repository cache. So the time is that
/// of compiling and linking, not of downloading.
struct ConsumerBuild: Sendable {
    var tools: Tools
    var runner: Subprocess
    var workDirectory: String
    var repetitions: Int
    var log: Log

    struct Figures: Sendable {
        var ours: Outcome
        var oursGrouped: Outcome
        var oursOneOperation: Outcome
        var floor: Outcome
        var theirs: Outcome
        /// Lines of generated Swift each consumer compiles, and ours in how many files.
        var oursGeneratedLines: Int
        var theirsGeneratedLines: Int
        var oursFiles: Int
        var groupedFiles: Int
        var oneOperationLines: Int
        var oneOperationFiles: Int
        var floorLines: Int
    }

    /// One package under measurement: its builds so far, or why it has none.
    private struct Contender {
        var label: String
        var package: String
        /// Set when the package cannot be written or built (any more); it is then left out.
        var problem: Outcome?
        var samples = Samples()

        /// Writes the package at `package` with `prepare`, or records why it could not.
        init(_ label: String, package: String, preparing prepare: (String) throws(BenchmarkError) -> Void) {
            self.label = label
            self.package = package
            do {
                try prepare(package)
            } catch {
                problem = .failed(error.description)
            }
        }

        var outcome: Outcome { problem ?? .measured(samples) }
    }

    func run() -> Figures {
        let groupedCopy = workDirectory + "/ideogram-grouped"
        let oneOperationClient = workDirectory + "/ideogram-one-operation"
        let floorClient = workDirectory + "/floor-client"
        var contenders = [
            Contender("ours", package: workDirectory + "/consumer-ours") { (package) throws(BenchmarkError) in
                try writeOursConsumer(at: package, dependency: Paths.mainPackage)
            },
            Contender("ours, grouped layout", package: workDirectory + "/consumer-ours-grouped") { (package) throws(BenchmarkError) in
                try copyMainPackage(to: groupedCopy)
                _ = try runner.runChecked(tools.ours, ["generate", Paths.ideogramSpec, "--output", groupedCopy + "/Sources/GeneratedClient", "--module-name", "IdeogramClient",
                                                       "--layout", "grouped", "--snapshot"])
                try writeOursConsumer(at: package, dependency: groupedCopy)
            },
            Contender("ours, one operation", package: workDirectory + "/consumer-one-operation") { (package) throws(BenchmarkError) in
                try writeOneOperationClient(at: oneOperationClient)
                try writeOursConsumer(at: package, dependency: oneOperationClient)
            },
            Contender("floor", package: workDirectory + "/consumer-floor") { (package) throws(BenchmarkError) in
                try writeFloorClient(at: floorClient)
                try writeOursConsumer(at: package, dependency: floorClient)
            },
        ]
        let theirsPackage = workDirectory + "/consumer-theirs"
        var theirs = Contender("theirs", package: theirsPackage) { (package) throws(BenchmarkError) in
            if case .success(let their) = tools.theirs {
                try writeTheirsConsumer(at: package, generator: their.cli)
            }
        }
        if case .failure(let error) = tools.theirs {
            theirs.problem = .skipped(error.description)
        }
        contenders.append(theirs)

        // Take the packages in turn, so that a slow spell of the machine hits all alike.
        for repetition in 1...repetitions {
            for index in contenders.indices where contenders[index].problem == nil {
                log.note("consumer build \(repetition)/\(repetitions): \(contenders[index].label)")
                do {
                    contenders[index].samples.append(try coldBuild(package: contenders[index].package))
                } catch {
                    contenders[index].problem = .failed(error.description)
                }
            }
        }
        let oursSources = Self.swiftSources(in: Paths.mainPackage + "/Sources/GeneratedClient")
        let oneOperationSources = Self.swiftSources(in: oneOperationClient + "/Sources/IdeogramClient")
        return Figures(
            ours: contenders[0].outcome,
            oursGrouped: contenders[1].outcome,
            oursOneOperation: contenders[2].outcome,
            floor: contenders[3].outcome,
            theirs: contenders[4].outcome,
            oursGeneratedLines: oursSources.lines,
            theirsGeneratedLines: Self.swiftSources(in: theirsPackage + "/Sources/IdeogramAPI").lines,
            oursFiles: oursSources.files,
            groupedFiles: Self.swiftSources(in: groupedCopy + "/Sources/GeneratedClient").files,
            oneOperationLines: oneOperationSources.lines,
            oneOperationFiles: oneOperationSources.files,
            floorLines: Self.swiftSources(in: floorClient + "/Sources/IdeogramClient").lines)
    }

    /// One build in a new scratch folder; returns the seconds `swift build` took.
    private func coldBuild(package: String) throws(BenchmarkError) -> Double {
        let scratch = package + "/.build-cold"
        try? FileManager.default.removeItem(atPath: scratch)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let location = ["--package-path", package, "--scratch-path", scratch]
        _ = try runner.runChecked("swift", ["package", "resolve"] + location)
        let build = try runner.run("swift", ["build", "--product", "Consumer"] + location)
        guard build.succeeded else {
            throw BenchmarkError("swift build: \(build.termination == .timedOut ? "timed out" : Format.firstLine(of: build.standardOutput + "\n" + build.standardError))")
        }
        // The app must also run: without arguments it makes no call and exits 0.
        let binPath = try runner.runChecked("swift", ["build", "--show-bin-path"] + location)
            .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try runner.runChecked(binPath + "/Consumer", [])
        return build.wallSeconds
    }

    /// The files git tracks in the main package, copied to `destination`
    /// (a package SwiftPM can build, without build products or checkouts).
    private func copyMainPackage(to destination: String) throws(BenchmarkError) {
        try? FileManager.default.removeItem(atPath: destination)
        let listed = try runner.runChecked("git", ["-C", Paths.mainPackage, "ls-files", "-z"])
        var files: [String: String] = [:]
        for path in listed.standardOutput.split(separator: "\0").map(String.init) where !path.hasPrefix("Benchmarks/") {
            guard let text = try? String(contentsOfFile: Paths.mainPackage + "/" + path, encoding: .utf8) else { continue }
            files[path] = text
        }
        try Self.write(files, into: destination)
    }

    /// A package whose `IdeogramClient` is our client for `OneOperationSpec`.
    private func writeOneOperationClient(at package: String) throws(BenchmarkError) {
        try? FileManager.default.removeItem(atPath: package)
        let spec = package + "/one-operation.yml"
        try Self.write([
            "one-operation.yml": OneOperationSpec.yaml,
            "Package.swift": Self.libraryManifest(name: "IdeogramOneOperation"),
        ], into: package)
        _ = try runner.runChecked(tools.ours, ["generate", spec, "--output", package + "/Sources/IdeogramClient",
                                               "--client-name", "Ideogram"])
    }

    /// A package whose `IdeogramClient` is one hand-written file: the same
    /// call the consumer makes, sent with `URLSession` and nothing more.
    private func writeFloorClient(at package: String) throws(BenchmarkError) {
        try? FileManager.default.removeItem(atPath: package)
        try Self.write([
            "Package.swift": Self.libraryManifest(name: "IdeogramFloor"),
            "Sources/IdeogramClient/Ideogram.swift": """
                import Foundation
                #if canImport(FoundationNetworking)
                import FoundationNetworking
                #endif

                public struct Ideogram: Sendable {
                    private let apiKey: String

                    public init(apiKey: String) {
                        self.apiKey = apiKey
                    }

                    public func listDatasets() async throws -> Data {
                        var request = URLRequest(url: URL(string: "https://api.ideogram.ai/datasets")!)
                        request.setValue(apiKey, forHTTPHeaderField: "Api-Key")
                        let (data, _) = try await URLSession.shared.data(for: request)
                        return data
                    }
                }

                """,
        ], into: package)
    }

    /// The manifest of a package with one library product, `IdeogramClient`,
    /// whose sources are in `Sources/IdeogramClient`.
    private static func libraryManifest(name: String) -> String {
        """
        // swift-tools-version: 6.0
        import PackageDescription

        let package = Package(
            name: \(quoted(name)),
            products: [.library(name: "IdeogramClient", targets: ["IdeogramClient"])],
            targets: [.target(name: "IdeogramClient")],
            swiftLanguageModes: [.v6]
        )

        """
    }

    private func writeOursConsumer(at package: String, dependency: String) throws(BenchmarkError) {
        // A path dependency's identity is its folder's name.
        let identity = (dependency as NSString).lastPathComponent
        try Self.write([
            "Package.swift": """
                // swift-tools-version: 6.0
                import PackageDescription

                let package = Package(
                    name: "OursConsumer",
                    platforms: [.macOS(.v13)],
                    dependencies: [.package(path: \(Self.quoted(dependency)))],
                    targets: [
                        .executableTarget(
                            name: "Consumer",
                            dependencies: [.product(name: "IdeogramClient", package: \(Self.quoted(identity)))]
                        ),
                    ]
                )

                """,
            "Sources/Consumer/main.swift": """
                import IdeogramClient

                // Calls one operation when given an API key; without one it only builds the client.
                let arguments = CommandLine.arguments
                let client = Ideogram(apiKey: arguments.count > 1 ? arguments[1] : "")
                if arguments.count > 1 {
                    let datasets = try await client.listDatasets()
                    print(datasets)
                }

                """,
        ], into: package)
    }

    private func writeTheirsConsumer(at package: String, generator: String) throws(BenchmarkError) {
        let sources = package + "/Sources/IdeogramAPI"
        try? FileManager.default.removeItem(atPath: sources)
        do {
            try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        } catch {
            throw BenchmarkError("cannot create \(sources): \(error.localizedDescription)")
        }
        _ = try runner.runChecked(generator, [
            "generate", "--mode", "types", "--mode", "client", "--access-modifier", "public",
            "--naming-strategy", "idiomatic", "--output-directory", sources, Paths.ideogramSpec,
        ])
        try Self.write([
            "Package.swift": """
                // swift-tools-version: 6.0
                import PackageDescription

                let package = Package(
                    name: "TheirsConsumer",
                    platforms: [.macOS(.v13)],
                    dependencies: [
                        .package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4"),
                        .package(url: "https://github.com/apple/swift-openapi-urlsession", exact: "1.4.0"),
                    ],
                    targets: [
                        // swift-openapi-generator's output for spec/ideogram-openapi.yml.
                        .target(
                            name: "IdeogramAPI",
                            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")]
                        ),
                        .executableTarget(
                            name: "Consumer",
                            dependencies: [
                                "IdeogramAPI",
                                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                            ]
                        ),
                    ]
                )

                """,
            "Sources/Consumer/main.swift": """
                import Foundation
                import IdeogramAPI
                import OpenAPIURLSession

                // Calls one operation when given an API key; without one it only builds the client.
                let arguments = CommandLine.arguments
                let client = Client(serverURL: URL(string: "https://api.ideogram.ai")!, transport: URLSessionTransport())
                if arguments.count > 1 {
                    let datasets = try await client.listDatasets(headers: .init(apiKey: arguments[1]))
                    print(datasets)
                }

                """,
        ], into: package)
    }

    private static func write(_ files: [String: String], into package: String) throws(BenchmarkError) {
        for (path, contents) in files {
            let full = package + "/" + path
            do {
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try contents.write(toFile: full, atomically: true, encoding: .utf8)
            } catch {
                throw BenchmarkError("cannot write \(full): \(error.localizedDescription)")
            }
        }
    }

    /// A Swift string literal of a path (escaping what could break out of it).
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The `.swift` files under a folder, and the lines in them.
    static func swiftSources(in folder: String) -> (files: Int, lines: Int) {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return (0, 0) }
        var files = 0, lines = 0
        while let item = enumerator.nextObject() as? String {
            guard item.hasSuffix(".swift"), let text = try? String(contentsOfFile: folder + "/" + item, encoding: .utf8) else { continue }
            files += 1
            lines += text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
        return (files, lines)
    }
}
