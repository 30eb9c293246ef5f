import Foundation
import Testing

/// Clients generated from real specs (the corpus in `../shared/corpus`, and
/// the small specs of `Specs/`), built into a package of their own and run
/// against a server that validates each request against its spec: the
/// conformance mock of `Tests/Server`, or the server `CONFORMANCE_SERVER_URL`
/// names. Each test reads what one scenario of the runner observed
/// (`Runner/`, one file per area, like the tests).
///
/// Skipped when the corpus is absent. Its name ends in `SlowTests`, which
/// the quick loop skips (MAINTAINING.md).
@Suite(.enabled(if: Conformance.corpusIsPresent, "the corpus ../shared/corpus is absent"))
enum ConformanceSlowTests {}

/// The shared state of the suite: one generation, build and run for all its tests.
enum Conformance {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var corpusIsPresent: Bool {
        FileManager.default.fileExists(atPath: ClientCatalog.corpus)
    }

    /// True unless `CONFORMANCE_SERVER_URL` names another server: only the
    /// mock plays failure modes (`X-Mock-*`) and shows what it received (`/__last`).
    static var usesMock: Bool { ConformanceServer.externalURL == nil }

    /// Every scenario, run once for the whole suite.
    static let run = Task { try await ScenarioRun.start() }

    /// What the scenario `name` observed; a test failure when the runner printed nothing for it.
    static func observation(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> Observation
    {
        let run = try await run.value
        guard let json = run.observations[name] else {
            Issue.record(
                "the runner printed nothing for the scenario '\(name)'; its output:\n\(run.runnerOutput.suffix(4000))",
                sourceLocation: sourceLocation)
            throw MissingScenario()
        }
        return Observation(name: name, json: json)
    }

    struct MissingScenario: Error {}
}

extension Trait where Self == ConditionTrait {
    /// For tests that need the mock: its `X-Mock-*` headers or its record of what it received.
    static var needsMock: Self {
        .enabled(if: Conformance.usesMock, "needs the conformance mock (CONFORMANCE_SERVER_URL is set)")
    }
}
