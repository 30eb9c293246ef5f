import CodeGen
import Foundation
import SpecParser

/// The SwiftPM package the scenarios run in: one library target per client
/// of ``ClientCatalog`` (generated here, with the generator of this
/// package) and the `Runner` executable, whose sources are the files of
/// `Tests/ConformanceTests/Runner`.
///
/// It lives in `.build-conformance/` at the package root (ignored by git),
/// and files are rewritten only when their contents change, so that a second
/// run builds incrementally: a cold build takes about 110 s on two cores,
/// an unchanged one a few seconds.
enum ConformancePackage {
    static let folder = URL(fileURLWithPath: Conformance.packageRoot + "/.build-conformance")
    static let runnerSources = URL(fileURLWithPath: Conformance.packageRoot + "/Tests/ConformanceTests/Runner")

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Generates every client and writes the package; returns the generator's warnings.
    static func write() throws -> [String] {
        var warnings: [String] = []
        for client in ClientCatalog.all {
            // A few files per module build faster than many, but for Stripe's 500 types many files give the
            // compiler jobs for both cores (measured on two cores from clean: 107 s, against 153 s with every
            // module split and 153 s with every module grouped).
            let options = Generator.Options(
                clientName: client.clientName, layout: client.module == "StripeClient" ? .split : .grouped,
                selection: OperationSelection(operationIds: client.operations.map { .init($0) }))
            let output = Generator(options: options, loader: SpecLoader()).generate(specPath: client.specPath)
            guard !output.diagnostics.hasErrors, !output.files.isEmpty else {
                throw Failure(
                    description: "generating \(client.module) from \(client.specPath) failed:\n"
                        + output.diagnostics.all.map(\.description).joined(separator: "\n"))
            }
            warnings += output.diagnostics.warnings.map { "\(client.module): \($0)" }
            try sync(
                output.files.map { ($0.path, $0.contents) },
                into: folder.appendingPathComponent("Sources/" + client.module))
        }
        let runnerFiles = try FileManager.default.contentsOfDirectory(atPath: runnerSources.path)
            .filter { $0.hasSuffix(".swift") }
            .map { name in (name, try String(contentsOf: runnerSources.appendingPathComponent(name), encoding: .utf8)) }
        try sync(runnerFiles, into: folder.appendingPathComponent("Sources/Runner"))
        try writeIfChanged(manifest, to: folder.appendingPathComponent("Package.swift"))
        return warnings
    }

    /// The package's manifest: a target per client, and the runner depending on them all.
    static var manifest: String {
        let modules = ClientCatalog.all.map(\.module)
        return """
            // swift-tools-version: 6.2
            // Written by ConformanceTests (Tests/ConformanceTests/Harness/ConformancePackage.swift).
            import PackageDescription

            let clients = [\(modules.map { "\"\($0)\"" }.joined(separator: ", "))]

            let package = Package(
                name: "Conformance",
                platforms: [.macOS(.v13)],
                targets: clients.map { .target(name: $0) } + [
                    .executableTarget(name: "Runner", dependencies: clients.map { .byName(name: $0) }),
                ],
                swiftLanguageModes: [.v6]
            )

            """
    }

    /// Builds the package; returns the runner executable.
    static func build() async throws -> URL {
        let scratch = folder.appendingPathComponent(".build")
        let result = try await Command.run(
            ["swift", "build", "--package-path", folder.path, "--scratch-path", scratch.path, "--product", "Runner"])
        guard result.status == 0 else {
            throw Failure(description: "the conformance package did not build:\n" + result.output)
        }
        return scratch.appendingPathComponent("debug/Runner")
    }

    /// Makes `folder` hold exactly `files` (paths relative to it), writing only those that changed.
    private static func sync(_ files: [(path: String, contents: String)], into folder: URL) throws {
        let wanted = Set(files.map(\.path))
        if let existing = FileManager.default.enumerator(atPath: folder.path) {
            for case let path as String in existing where path.hasSuffix(".swift") && !wanted.contains(path) {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(path))
            }
        }
        for file in files {
            try writeIfChanged(file.contents, to: folder.appendingPathComponent(file.path))
        }
    }

    private static func writeIfChanged(_ contents: String, to url: URL) throws {
        let data = Data(contents.utf8)
        if let existing = try? Data(contentsOf: url), existing == data { return }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}
