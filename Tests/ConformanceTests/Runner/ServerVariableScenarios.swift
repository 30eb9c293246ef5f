import Foundation
import RegionalClient

/// A server URL with variables (Specs/regional.yaml:
/// `{scheme}://{host}:{port}/regional`). `ServerVariableTests` reads them.
let serverVariableScenarios: [Scenario] = [
    // The URL with each variable's default.
    Scenario("servers.defaultServer") { server in
        ["outcome": "ok", "value": Report(Regional.servers.first?.absoluteString)]
    },
    // The client's server function with `scheme: .http` (from the enum) and the mock's host and port: a request
    // arrives only when every variable was substituted.
    Scenario("servers.variables", needsMock: true) { server in
        let root = URLComponents(url: server.root, resolvingAgainstBaseURL: false)
        guard let host = root?.host, let port = root?.port,
            let baseURL = Regional.server(scheme: .http, host: host, port: String(port))
        else {
            return ["outcome": "error", "error": ["kind": "noURL", "reason": "the server function made no URL"]]
        }
        var fields = await attempt {
            try await Regional(
                configuration: .init(
                    baseURL: baseURL, timeout: .seconds(30), retryPolicy: .never, allowsInsecureHTTP: true)
            ).ping()
        }
        fields["baseURL"] = .string(baseURL.absoluteString)
        fields["expectedBaseURL"] = .string(server.baseURL("regional").absoluteString)
        return fields
    },
]
