import CodeGen
import Foundation
import SpecParser
import Testing

/// Paths of the package and of the shared reference material beside it.
enum Paths {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let spec = packageRoot + "/spec/ideogram-openapi.yml"
    static let generatedClient = packageRoot + "/Sources/GeneratedClient"
    static let upstreamSpec = packageRoot + "/../shared/upstream/ideogram-openapi.yml"
    static var hasUpstream: Bool { FileManager.default.fileExists(atPath: upstreamSpec) }
}

/// Generates from spec text held in memory.
func generate(_ yaml: String, clientName: String = "Client", file: String = "test.yml") -> Generator.Output {
    Generator(options: .init(clientName: clientName), loader: SpecLoader(source: InMemorySource([file: yaml])))
        .generate(specPath: file)
}

/// The contents of one generated file, or a test failure naming what exists.
func contents(_ output: Generator.Output, _ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    guard let file = output.files.first(where: { $0.path == path }) else {
        Issue.record("no generated file \(path); have \(output.files.map(\.path))", sourceLocation: sourceLocation)
        return ""
    }
    return file.contents
}

/// The result of compiling a generated module on its own.
struct CompileResult {
    var succeeded: Bool
    var output: String
}

/// Writes the files into a fresh folder and type-checks them as one module
/// in Swift 6 mode with warnings as errors, as `swift build` of a consumer would.
func compile(_ files: [GeneratedFile], moduleName: String = "Generated") throws -> CompileResult {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("codegen-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    var paths: [String] = []
    for file in files {
        let url = folder.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.contents.utf8).write(to: url)
        paths.append(url.path)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["swiftc", "-typecheck", "-swift-version", "6", "-warnings-as-errors", "-module-name", moduleName] + paths
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CompileResult(succeeded: process.terminationStatus == 0, output: String(decoding: data, as: UTF8.self))
}
