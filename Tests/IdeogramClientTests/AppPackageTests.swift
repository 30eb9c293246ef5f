import Foundation
import Testing

/// A new package of an app's shape, outside the project's own targets, that
/// depends on `IdeogramClient` and holds the README's examples verbatim: it
/// must build with no warning, as an app developer's first build would.
@Suite(.serialized)
struct AppPackageTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The README's Swift examples that use the client: each block that
    /// imports `IdeogramClient`.
    static func readmeExamples() throws -> [String] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" {
                current = []
            } else if current != nil, line == "```" {
                let block = current!.joined(separator: "\n")
                if block.contains("import IdeogramClient") { blocks.append(block) }
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

    @Test(.timeLimit(.minutes(10)))
    func anAppPackageWithTheReadmeExamplesBuildsWithoutWarnings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("app-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = folder.appendingPathComponent("Sources/App")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        let identity = Self.root.lastPathComponent.lowercased()
        let manifest = """
            // swift-tools-version: 6.0
            import PackageDescription

            let package = Package(
                name: "App",
                dependencies: [.package(path: \(String(reflecting: Self.root.path)))],
                targets: [
                    .target(name: "App", dependencies: [.product(name: "IdeogramClient", package: \(String(reflecting: identity)))]),
                ],
                swiftLanguageModes: [.v6]
            )
            """
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("Package.swift"))
        let examples = try Self.readmeExamples()
        #expect(examples.count >= 6)
        try Data(Self.appSource(examples).utf8).write(to: sources.appendingPathComponent("App.swift"))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "build", "--package-path", folder.path, "--scratch-path", folder.appendingPathComponent(".build").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        let warnings = output.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.isEmpty, "\(warnings.joined(separator: "\n"))")
        #expect(output.contains("Compiling App") || output.contains("Build complete"), "\(output)")
    }
}
