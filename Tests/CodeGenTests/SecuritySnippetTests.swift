import CodeGen
import Testing

/// Security schemes and requirements, one rule each: what the client
/// declares (`SecurityScheme`, placements) and what each operation asks for
/// (`builder.security`). The whole output of a spec with every kind of
/// scheme is pinned in Tests/Reference/Security.
struct SecuritySnippetTests {
    /// `listThings` with `operation`'s keys, beside two operations that
    /// follow the root's requirement (so that it is the client's default).
    static func spec(schemes: String, rootSecurity: String = "", operation: String) -> String {
        """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        servers: [{url: 'https://api.example.com'}]
        \(rootSecurity)
        paths:
          /things:
            get:
              operationId: listThings
        \(operation.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
              responses:
                '204': {description: ok}
          /a:
            get:
              responses: {'204': {description: ok}}
          /b:
            get:
              responses: {'204': {description: ok}}
        components:
          securitySchemes:
        \(schemes.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    /// Anthropic's way: the key is a header parameter of each operation.
    /// It becomes the client's credential, not an argument of each call.
    @Test func aCredentialHeaderParameterIsTheClientsCredential() {
        let output = generate(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            servers: [{url: 'https://api.example.com'}]
            paths:
              /messages:
                post:
                  operationId: createMessage
                  parameters:
                    - {name: x-api-key, in: header, required: true, schema: {type: string}}
                    - {name: anthropic-version, in: header, required: true, schema: {type: string}}
                  responses:
                    '204': {description: ok}
            """)
        #expect(!output.diagnostics.hasErrors)
        let client = contents(output, "Client.swift")
        #expect(client.contains("        case xAPIKey = \"x-api-key\"\n"))
        #expect(client.contains("        case .xAPIKey: .header(\"x-api-key\")\n"))
        #expect(client.contains("    static let primaryScheme: SecurityScheme? = .xAPIKey\n"))
        #expect(client.contains("    public init(\n        apiKey: String,\n"))
        // Every operation sends it, so it is the default, written once.
        #expect(client.contains("    static let defaultSecurity: [[SecurityScheme]] = [[.xAPIKey]]\n"))
        let operation = contents(output, "Operations/CreateMessage.swift")
        #expect(!operation.contains("xAPIKey:"))
        #expect(operation.contains("anthropicVersion: String"))
    }

    /// Discord's bot token: an API key whose header is `Authorization` is
    /// sent as written, not as a bearer token.
    @Test func anAPIKeyInTheAuthorizationHeaderIsSentAsWritten() {
        let output = generate(
            Self.spec(
                schemes: """
                    BotToken: {type: apiKey, in: header, name: Authorization}
                    OAuth2: {type: oauth2, flows: {implicit: {authorizationUrl: 'https://x.example/a', scopes: {}}}}
                    """,
                rootSecurity: "security: [{BotToken: []}, {OAuth2: []}]",
                operation: "summary: List."))
        let client = contents(output, "Client.swift")
        #expect(client.contains("        case .botToken: .header(\"Authorization\")\n        case .oAuth2: .bearer\n"))
        #expect(client.contains("    static let defaultSecurity: [[SecurityScheme]] = [[.botToken], [.oAuth2]]\n"))
        // The root's requirement is the default: the operation writes none of its own.
        #expect(!contents(output, "Operations/ListThings.swift").contains("builder.security"))
    }

    @Test func basicAndBearerAreSchemesOfTheirOwn() {
        let output = generate(
            Self.spec(
                schemes: """
                    basicAuth: {type: http, scheme: basic}
                    bearerAuth: {type: http, scheme: Bearer}
                    """,
                rootSecurity: "security: [{basicAuth: []}, {bearerAuth: []}]",
                operation: "summary: List."))
        let client = contents(output, "Client.swift")
        #expect(client.contains("        case .basicAuth: .basic\n        case .bearerAuth: .bearer\n"))
        #expect(client.contains("give it a `Credential.basic(username:password:)`"))
    }

    @Test func anOperationWithAnEmptyRequirementSendsNoCredential() {
        let output = generate(
            Self.spec(
                schemes: "key: {type: apiKey, in: query, name: api_key}",
                rootSecurity: "security: [{key: []}]",
                operation: "security: []"))
        #expect(contents(output, "Operations/ListThings.swift").contains("        builder.security = []\n"))
        #expect(contents(output, "Client.swift").contains("        case .key: .query(\"api_key\")\n"))
    }

    @Test func anOptionalRequirementKeepsItsEmptyAlternative() {
        let output = generate(
            Self.spec(
                schemes: "session: {type: apiKey, in: cookie, name: sid}",
                operation: "security: [{session: []}, {}]"))
        #expect(contents(output, "Operations/ListThings.swift").contains("builder.security = [[.session], []]"))
        #expect(contents(output, "Client.swift").contains("        case .session: .cookie(\"sid\")\n"))
    }

    /// What cannot be sent is said, where the spec says it.
    @Test func unsupportedSchemesAndUndeclaredOnesAreLocatedWarnings() {
        let output = generate(
            Self.spec(
                schemes: """
                    tls: {type: mutualTLS}
                    digest: {type: http, scheme: digest}
                    key: {type: apiKey, in: header, name: X-Key}
                    """,
                operation: "security: [{tls: []}, {missing: []}, {key: []}]"))
        let messages = output.diagnostics.all.map(\.description)
        #expect(
            messages.contains {
                $0.hasPrefix("test.yml:") && $0.contains("security scheme 'tls' (mutual TLS) is not generated")
            })
        #expect(messages.contains { $0.contains("security scheme 'digest' uses HTTP authentication 'digest'") })
        #expect(
            messages.contains { $0.contains("asks for the security scheme 'missing', which the spec does not declare") }
        )
        #expect(contents(output, "Operations/ListThings.swift").contains("builder.security = [[.key]]"))
    }

    @Test func theGeneratedSecurityCompiles() async throws {
        let output = generate(
            Self.spec(
                schemes: """
                    basicAuth: {type: http, scheme: basic}
                    key: {type: apiKey, in: cookie, name: sid}
                    """,
                rootSecurity: "security: [{basicAuth: [], key: []}]",
                operation: "summary: List."))
        let result = try await compile(output.files)
        #expect(result.succeeded, "\(result.output)")
    }
}
