import Foundation
import _OpenAPIGeneratorCore

// theirs-inproc SPEC REPETITIONS [--no-warm-up]
//
// Times swift-openapi-generator's core in-process, for `compare`: each
// repetition reads SPEC and produces Types.swift and Client.swift in memory
// (nothing is written), with the settings `compare` gives its CLI
// (`--mode types --mode client --access-modifier public --naming-strategy
// idiomatic`). The two modes run concurrently, as the CLI runs them.
//
// Output, one line each: `seconds S` per repetition, after one untimed
// warm-up run (left out with --no-warm-up, for slow specs); or
// `error MESSAGE` (exit status 1) when generation fails.

/// Drops warnings and notes; errors still stop the run, through
/// `ErrorThrowingDiagnosticCollector`, exactly as in the CLI.
struct SilentCollector: DiagnosticCollector, Sendable {
    func emit(_ diagnostic: Diagnostic) {}
}

func fail(_ message: String) -> Never {
    let firstLine = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
    print("error \(firstLine)")
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 3 || (arguments.count == 4 && arguments[3] == "--no-warm-up"),
      let repetitions = Int(arguments[2]), repetitions > 0 else {
    fail("usage: theirs-inproc SPEC REPETITIONS [--no-warm-up]")
}
let warmUp = arguments.count == 3
let specURL = URL(fileURLWithPath: arguments[1]).standardizedFileURL

let configs = [GeneratorMode.types, .client].map { mode in
    Config(mode: mode, access: .public, namingStrategy: .idiomatic)
}

/// One generation, as the CLI does it for these two modes.
func generateOnce() async throws -> Int {
    let contents = try Data(contentsOf: specURL)
    let input = InMemoryInputFile(absolutePath: specURL, contents: contents)
    let diagnostics = ErrorThrowingDiagnosticCollector(upstream: SilentCollector())
    return try await withThrowingTaskGroup(of: Int.self) { group in
        for config in configs {
            group.addTask {
                try runGenerator(input: input, config: config, diagnostics: diagnostics)
                    .reduce(0) { $0 + $1.contents.count }
            }
        }
        return try await group.reduce(0, +)
    }
}

do {
    if warmUp { _ = try await generateOnce() }
    for _ in 0..<repetitions {
        let clock = ContinuousClock()
        let start = clock.now
        let bytes = try await generateOnce()
        let elapsed = clock.now - start
        precondition(bytes > 0, "no output")
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("seconds \(seconds)")
    }
} catch {
    fail(String(describing: error))
}
