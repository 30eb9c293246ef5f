import Foundation

/// One run of every scenario: the clients generated, the conformance
/// package built, the server started (both at once), then the runner run
/// once; what it printed, by scenario.
struct ScenarioRun: Sendable {
    /// What each scenario observed, by name.
    var observations: [String: JSON]
    /// Everything the runner printed, for failure messages.
    var runnerOutput: String

    static func start() async throws -> ScenarioRun {
        let clock = ContinuousClock()
        let started = clock.now
        let server = Task { try await Command.offThePool { try ConformanceServer.start() } }
        let warnings = try ConformancePackage.write()
        let generated = clock.now
        let runner = try await ConformancePackage.build()
        let built = clock.now
        let root = try await server.value
        var arguments = [runner.path, "--server", root.root.absoluteString]
        if root.isMock { arguments.append("--mock") }
        let result = try await Command.run(arguments, timeout: .seconds(300))
        let ran = clock.now
        log(
            "conformance: generated \(ClientCatalog.all.count) clients in \(seconds(started, generated)) "
                + "(\(warnings.count) warnings), built in \(seconds(generated, built)), "
                + "ran the scenarios in \(seconds(built, ran)) against \(root.root.absoluteString)")
        var observations: [String: JSON] = [:]
        for line in result.standardOutput.split(separator: "\n") where line.hasPrefix("{") {
            let json = try JSON(parsing: Data(line.utf8))
            if let name = json["scenario"]?.string { observations[name] = json }
        }
        guard result.status == 0 || !observations.isEmpty else {
            throw ConformancePackage.Failure(description: "the runner failed (\(result.status)):\n" + result.output)
        }
        return ScenarioRun(observations: observations, runnerOutput: result.output)
    }

    private static func seconds(_ start: ContinuousClock.Instant, _ end: ContinuousClock.Instant) -> String {
        let duration = start.duration(to: end)
        let tenths = (duration.components.seconds * 10) + duration.components.attoseconds / 100_000_000_000_000_000
        return "\(tenths / 10).\(tenths % 10) s"
    }

    private static func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
