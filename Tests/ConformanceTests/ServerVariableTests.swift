import Testing

extension ConformanceSlowTests {
    /// Server URLs with variables (Specs/regional.yaml:
    /// `{scheme}://{host}:{port}/regional`).
    @Suite struct ServerVariableTests {
        /// The runner fills the variables with the mock's address (`scheme: http`, from the enum); a request
        /// arrives only if every variable was substituted.
        @Test(.needsMock) func variablesAreSubstituted() async throws {
            let seen = try await Conformance.observation("servers.variables")
            try seen.expectSuccess()
            #expect(seen["baseURL"] == seen["expectedBaseURL"], "\(seen)")
            #expect(seen.wire?["path"] == "/regional/ping", "\(seen)")
            #expect(seen["value", "ok"] == true)
        }

        /// `servers` holds the server with its variables' defaults.
        @Test func theDefaultsMakeTheFirstServer() async throws {
            let seen = try await Conformance.observation("servers.defaultServer")
            #expect(seen["value"] == "https://eu.api.example.com:443/regional", "\(seen)")
        }
    }
}
