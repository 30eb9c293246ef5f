import Foundation

// The conformance runner: runs every scenario, one after another, against
// the server given, and prints one JSON line per scenario:
//
//   Runner --server http://127.0.0.1:PORT [--mock] [--only NAME]...
//
// With --mock (the conformance mock of Tests/Server), the mock's record is
// reset before each scenario and added after it: `wire` (/__last, the last
// request it accepted), `requests` (/__requests) and `streams` (/__streams).
// Without it, scenarios that need the mock print `skipped`.

let scenarios: [Scenario] =
    requestScenarios + securityScenarios + statusScenarios + responseHeaderScenarios + mediaTypeScenarios
    + unionScenarios + serverVariableScenarios + streamScenarios + paginationScenarios + downloadScenarios

let arguments = Array(CommandLine.arguments.dropFirst())
guard let serverIndex = arguments.firstIndex(of: "--server"), serverIndex + 1 < arguments.count,
    let root = URL(string: arguments[serverIndex + 1])
else {
    FileHandle.standardError.write(Data("usage: Runner --server URL [--mock] [--only NAME]...\n".utf8))
    exit(2)
}
let server = Server(root: root, isMock: arguments.contains("--mock"))
let only = Set(
    arguments.indices.filter { arguments[$0] == "--only" && $0 + 1 < arguments.count }.map { arguments[$0 + 1] })

// A scenario that hangs must not hang the test run.
Thread.detachNewThread {
    Thread.sleep(forTimeInterval: 240)
    FileHandle.standardError.write(Data("runner: the scenarios took more than 240 s; stopping\n".utf8))
    exit(3)
}

for scenario in scenarios where only.isEmpty || only.contains(scenario.name) {
    var fields: [String: Report]
    if scenario.needsMock && !server.isMock {
        fields = ["skipped": "needs the conformance mock"]
    } else {
        await server.reset()
        fields = await scenario.run(against: server)
        if server.isMock {
            // Side by side: each answer from the mock takes tens of milliseconds on Linux.
            async let last = server.introspect("__last")
            async let requests = server.introspect("__requests")
            async let streams = server.introspect("__streams")
            fields["wire"] = await last
            fields["requests"] = await requests["requests"] ?? .null
            fields["streams"] = await streams["streams"] ?? .null
        }
    }
    fields["scenario"] = .string(scenario.name)
    // One write per line, so that a runner stopped midway leaves whole lines.
    FileHandle.standardOutput.write(Data((Report.object(fields).line + "\n").utf8))
}
