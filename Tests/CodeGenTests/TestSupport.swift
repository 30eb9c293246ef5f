import CodeGen
import Foundation
import SpecParser
import TestCommands
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
func generate(_ yaml: String, clientName: String = "Client", file: String = "test.yml",
              layout: Renderer.Layout = .split) -> Generator.Output {
    Generator(options: .init(clientName: clientName, layout: layout), loader: SpecLoader(source: InMemorySource([file: yaml])))
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
/// `throughSIL` goes on to the mandatory SIL passes, whose diagnostics
/// (`will never be executed`) type-checking alone does not emit.
///
/// The module is checked whole (`-wmo`), in one compiler process, as a
/// release build compiles it. A process per file imported Foundation once a
/// file, took ten times as long, and missed an error that only whole-module
/// compiling showed (how `HTTPTransport` is made nonisolated).
func compile(_ files: [GeneratedFile], moduleName: String = "Generated", extraFlags: [String] = [],
             throughSIL: Bool = false) async throws -> CompileResult {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("codegen-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let paths = try write(files, into: folder)
    let mode = throughSIL ? ["-emit-sil", "-wmo", "-parse-as-library", "-o", "/dev/null"] : ["-typecheck", "-wmo"]
    let result = try await runCommand(
        ["swiftc"] + mode + ["-swift-version", "6", "-warnings-as-errors", "-module-name", moduleName,
                             "-package-name", "Tests"] + extraFlags + paths)
    return CompileResult(succeeded: result.status == 0, output: result.output)
}

/// The first lines of a `main` for ``compileAndRun(_:main:input:)``: a
/// transport, `capture`, that keeps every request in `capture.requests` and
/// answers each with an empty 200, and `client`, the generated `clientName`
/// on https://example.com, sending through it.
func capturingClientPrelude(_ clientName: String) -> String {
    #"""
    import Foundation
    final class Capture: \#(clientName).HTTPTransport, @unchecked Sendable {
        var requests: [\#(clientName).HTTPRequest] = []
        func send(_ request: \#(clientName).HTTPRequest) async throws -> \#(clientName).HTTPResponse {
            requests.append(request)
            return \#(clientName).HTTPResponse(statusCode: 200, headers: [:], body: Data())
        }
    }
    let capture = Capture()
    let client = \#(clientName)(configuration: .init(baseURL: URL(string: "https://example.com")!), transport: capture)

    """#
}

/// Builds the generated files and `main` into an executable in Swift 6 mode
/// (whole module, one compiler process, as ``compile(_:moduleName:extraFlags:throughSIL:)``),
/// runs it with `input` on standard input, and returns what it printed.
/// Throws when the build fails, with the compiler's output.
func compileAndRun(_ files: [GeneratedFile], main: String, input: String) async throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("codegen-run-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let paths = try write(files + [GeneratedFile(path: "main.swift", contents: main)], into: folder)
    let executable = folder.appendingPathComponent("run").path
    let build = try await runCommand(["swiftc", "-swift-version", "6", "-wmo", "-module-name", "Generated", "-o", executable] + paths)
    guard build.status == 0 else { throw CompileFailure(output: build.output) }
    let run = try await runCommand([executable], input: input)
    guard run.status == 0 else { throw CompileFailure(output: "the program exited with \(run.status): \(run.output)") }
    return run.output
}

/// Writes `files` under `folder`, making the folders their paths name, and
/// returns the full paths in the order of `files`.
private func write(_ files: [GeneratedFile], into folder: URL) throws -> [String] {
    try files.map { file in
        let url = folder.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.contents.utf8).write(to: url)
        return url.path
    }
}

struct CompileFailure: Error, CustomStringConvertible {
    var output: String
    var description: String { output }
}

/// A small deterministic generator (SplitMix64), so that a test sees the same values on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
