import Foundation
import Testing

extension ConformanceSlowTests {
    /// Each security scheme's credential, as the mock saw it: which scheme of
    /// the operation's requirement was met, and the hash of the credential
    /// (the mock never records the value), compared with the hash of what the
    /// scheme says should be sent. Another server tells only that it accepted
    /// the call, so these need the mock.
    @Suite(.needsMock) struct SecurityTests {
        /// The mock's record of the schemes that were met (`scheme`, `type`, `in`, `name`, `auth_scheme`,
        /// `credential_sha256`, `user_sha256`), after checking that the call succeeded.
        func met(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [JSON] {
            let seen = try await Conformance.observation(name)
            try seen.expectSuccess(sourceLocation: sourceLocation)
            return try #require(seen.wire?["security", "details"]?.array, "\(seen)", sourceLocation: sourceLocation)
        }

        func hash(_ text: String) -> JSON { .string(SHA256.hex(text)) }

        func basic(_ user: String, _ password: String) -> JSON {
            hash(Data((user + ":" + password).utf8).base64EncodedString())
        }

        @Test func openAIBearerToken() async throws {
            let met = try await met("security.openAIBearer")
            #expect(
                met == [
                    [
                        "scheme": "ApiKeyAuth", "type": "http", "auth_scheme": "bearer",
                        "credential_sha256": hash(TestCredentials.openAI),
                    ]
                ])
        }

        /// `apiKey:` is the credential of the spec's first scheme.
        @Test func apiKeyIsTheFirstSchemesCredential() async throws {
            let met = try await met("security.openAIApiKeyInitializer")
            #expect(met.first?["scheme"] == "ApiKeyAuth")
            #expect(met.first?["credential_sha256"] == hash(TestCredentials.openAI))
        }

        /// An apiKey in the `Authorization` header goes as it is given: `Bot <token>`, no `Bearer`.
        @Test func discordBotTokenAsGiven() async throws {
            let met = try await met("security.discordBotToken")
            #expect(met.first?["scheme"] == "BotToken")
            #expect(met.first?["in"] == "header")
            #expect(met.first?["credential_sha256"] == hash(TestCredentials.discord), "\(met)")
        }

        /// The client encodes `AccountSid:AuthToken` itself.
        @Test func twilioBasicFromUserAndPassword() async throws {
            let met = try await met("security.twilioBasic")
            #expect(met.first?["scheme"] == "accountSid_authToken")
            #expect(met.first?["auth_scheme"] == "basic")
            #expect(met.first?["user_sha256"] == hash(TestCredentials.twilioAccount))
            #expect(
                met.first?["credential_sha256"] == basic(TestCredentials.twilioAccount, TestCredentials.twilioToken))
        }

        /// Stripe's basic scheme: the key as the user, an empty password.
        @Test func stripeBasicWithTheKeyAsUser() async throws {
            let met = try await met("security.stripeBasic")
            #expect(met.first?["scheme"] == "basicAuth", "\(met)")
            #expect(met.first?["user_sha256"] == hash(TestCredentials.stripe))
            #expect(met.first?["credential_sha256"] == basic(TestCredentials.stripe, ""))
        }

        /// Configured for bearer only, the client meets Stripe's second alternative.
        @Test func stripeBearerWhenOnlyBearerIsConfigured() async throws {
            let met = try await met("security.stripeBearer")
            #expect(
                met == [
                    [
                        "scheme": "bearerAuth", "type": "http", "auth_scheme": "bearer",
                        "credential_sha256": hash(TestCredentials.stripe),
                    ]
                ])
        }

        /// The mirror of Anthropic's spec has no security scheme, only an `x-api-key` header parameter:
        /// configured once, it goes in `x-api-key` without being an argument of the call.
        @Test func anthropicKeyConfiguredOnce() async throws {
            let met = try await met("security.anthropicKey")
            #expect(met.first?["name"] == "x-api-key")
            #expect(met.first?["credential_sha256"] == hash(TestCredentials.anthropic))
        }

        /// Only the configured scheme's header is sent: `api_key`, and no `Authorization`.
        @Test func petstoreOnlyTheConfiguredScheme() async throws {
            let seen = try await Conformance.observation("security.petstoreOnlyAPIKey")
            try seen.expectSuccess()
            let headers = try #require(seen.wire?["headers"]?.object, "\(seen)")
            #expect(headers["api_key"] != nil)
            #expect(headers["authorization"] == nil, "\(headers)")
            #expect(
                seen.wire?["security", "details"] == [
                    [
                        "scheme": "api_key", "type": "apiKey", "in": "header", "name": "api_key",
                        "credential_sha256": hash(TestCredentials.petstore),
                    ]
                ])
        }

        /// Both of getPetById's schemes configured: the first alternative (petstore_auth) goes, alone.
        @Test func petstoreTheFirstAlternativeConfigured() async throws {
            let seen = try await Conformance.observation("security.petstoreFirstAlternative")
            try seen.expectSuccess()
            #expect(seen.wire?["headers", "api_key"] == nil, "\(seen)")
            #expect(seen.wire?["security", "scheme"] == "petstore_auth")
            #expect(seen.wire?["security", "details", 0, "credential_sha256"] == hash(TestCredentials.petstoreOAuth))
        }

        /// OAuth 2: the token comes from the app's provider, asked once for the one request.
        @Test func oauthTokenFromAProvider() async throws {
            let met = try await met("security.petstoreOAuthProvider")
            #expect(met.first?["scheme"] == "petstore_auth")
            #expect(met.first?["auth_scheme"] == "bearer")
            #expect(met.first?["credential_sha256"] == hash(TestCredentials.petstoreOAuth))
            #expect(try await Conformance.observation("security.petstoreOAuthProvider")["providerCalls"] == 1)
        }

        /// A provider that throws fails the call before anything is sent, with its error in the reason.
        @Test func aFailingProviderStopsTheCall() async throws {
            let seen = try await Conformance.observation("security.failingProvider")
            #expect(seen["error", "kind"] == "invalidRequest", "\(seen)")
            #expect(seen["error", "reason"]?.string?.contains("the token store is locked") == true, "\(seen)")
            #expect(seen["requestsReceived"] == 0, "\(seen)")
        }

        /// An apiKey in the query: `api_key=…` beside the call's own query, which the mock redacts.
        @Test func apiKeyInTheQuery() async throws {
            let seen = try await Conformance.observation("security.queryKey")
            try seen.expectSuccess()
            #expect(
                seen.wire?["security", "details"] == [
                    [
                        "scheme": "queryKey", "type": "apiKey", "in": "query", "name": "api_key",
                        "credential_sha256": hash(TestCredentials.queryKey),
                    ]
                ])
            #expect(seen.wire?["query", "q"] == ["cats & dogs"], "\(seen)")
            #expect(seen.wire?["headers", "x-key"] == nil, "only the operation's scheme: \(seen)")
        }

        @Test func apiKeyInACookie() async throws {
            let seen = try await Conformance.observation("security.cookieKey")
            try seen.expectSuccess()
            #expect(
                seen.wire?["security", "details"] == [
                    [
                        "scheme": "sessionCookie", "type": "apiKey", "in": "cookie", "name": "session",
                        "credential_sha256": hash(TestCredentials.cookieKey),
                    ]
                ])
            #expect(seen.wire?["query"] == [:], "\(seen)")
        }

        /// Two schemes in one alternative: both go.
        @Test func twoSchemesTogether() async throws {
            let met = try await met("security.headerAndCookie")
            #expect(met.compactMap { $0["scheme"]?.string }.sorted() == ["headerKey", "sessionCookie"], "\(met)")
            #expect(met.first { $0["scheme"] == "headerKey" }?["credential_sha256"] == hash(TestCredentials.headerKey))
            #expect(
                met.first { $0["scheme"] == "sessionCookie" }?["credential_sha256"] == hash(TestCredentials.cookieKey))
        }

        /// An operation without `security` of its own takes the root's.
        @Test func theRootRequirement() async throws {
            let met = try await met("security.rootRequirement")
            #expect(met.compactMap { $0["scheme"]?.string } == ["headerKey"], "\(met)")
        }

        /// `security: []`: nothing goes, although the configuration holds three credentials.
        @Test func noCredentialWhereNoneIsRequired() async throws {
            let seen = try await Conformance.observation("security.noneRequired")
            try seen.expectSuccess()
            let headers = try #require(seen.wire?["headers"]?.object, "\(seen)")
            #expect(
                headers["x-key"] == nil && headers["cookie"] == nil && headers["authorization"] == nil, "\(headers)")
            #expect(seen.wire?["query"] == [:], "\(seen)")
        }

        /// `[queryKey, {}]`: the key when configured, else an anonymous call.
        @Test func anOptionalCredential() async throws {
            let absent = try await Conformance.observation("security.optionalKeyAbsent")
            try absent.expectSuccess()
            #expect(absent.wire?["security", "scheme"] == "(anonymous)", "\(absent)")
            #expect(absent.wire?["query"] == [:], "\(absent)")
            let present = try await met("security.optionalKeyPresent")
            #expect(present.first?["credential_sha256"] == hash(TestCredentials.queryKey), "\(present)")
        }

        /// A real spec's `security: []` (Box's authorization page) under a root that asks for OAuth 2.
        @Test func boxOperationWithoutSecurity() async throws {
            let seen = try await Conformance.observation("security.boxAuthorizeWithoutCredential")
            try seen.expectSuccess()
            #expect(seen.wire?["headers", "authorization"] == nil, "\(seen)")
            #expect(seen.wire?["security", "required"] == false, "\(seen)")
        }

        /// Without a credential, a call that needs one fails before it is sent, and names the schemes it takes.
        @Test func aMissingCredentialFailsBeforeSending() async throws {
            let seen = try await Conformance.observation("security.missingCredential")
            #expect(seen["error", "kind"] == "invalidRequest", "\(seen)")
            let reason = seen["error", "reason"]?.string ?? ""
            #expect(reason.contains("`basicAuth`") && reason.contains("`bearerAuth`"), "\(seen)")
            #expect(seen["requestsReceived"] == 0, "\(seen)")
        }

        /// One of two schemes needed together is as good as none.
        @Test func halfOfARequirementIsMissing() async throws {
            let seen = try await Conformance.observation("security.missingOneOfTwo")
            #expect(seen["error", "kind"] == "invalidRequest", "\(seen)")
            #expect(seen["error", "reason"]?.string?.contains("`sessionCookie`") == true, "\(seen)")
            #expect(seen["requestsReceived"] == 0, "\(seen)")
        }

        /// A 401 with `WWW-Authenticate: Basic`, which the mock sends for a malformed basic credential, is an
        /// error like any status. On Linux, Foundation's URLSession raises a challenge for it that nothing
        /// answers through the shared session (swiftlang/swift-corelibs-foundation#5456), and the call waited
        /// until the runner gave up (`hung`); the transport now declines that challenge and returns the 401.
        @Test func unauthorizedIsAnError() async throws {
            let seen = try await Conformance.observation("security.unauthorizedBasicAnswers")
            #expect(seen.outcome == "error", "\(seen)")
            #expect(seen["error", "status"] == 401, "\(seen)")
        }
    }
}
