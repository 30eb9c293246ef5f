import Foundation
import RegionalClient

/// A server URL with variables (Specs/regional.yaml:
/// `{scheme}://{host}:{port}/regional`). `ServerVariableTests` reads them.
let serverVariableScenarios: [Scenario] = [
    // What the client offers today: the URL with each variable's default.
    Scenario("servers.defaultServer") { server in
        ["outcome": "ok", "value": Report(Regional.servers.first?.absoluteString)]
    },

    // Pending: server variables. Build the base URL from the client's server with `scheme: http` and the mock's
    // host and port (from `server.root`), report it as `baseURL`, and call `ping()` through it.
    Scenario("servers.variablesPending", needsMock: true) { server in
        [
            "outcome": "error", "error": ["kind": "pending", "reason": "no server variables yet"],
            "expectedBaseURL": .string(server.baseURL("regional").absoluteString),
        ]
    },
]
