import Foundation
@testable import ClientRuntime
import Testing

/// Secrets never show in a printout: the API key, credential headers (by
/// standard name, by a name that says it holds one, or marked in
/// `sensitiveHeaders`), secret query items and `Set-Cookie`; in
/// `description`, `debugDescription`, interpolation and `dump`.
struct RedactionTests {
    static let secrets = [Fixture.apiKey, "gateway-secret-123", "marked-secret", "query-secret", "cookie-secret", "bearer-secret"]

    /// Every way Swift prints a value.
    static func printouts(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    static func expectNoSecret(in value: Any, sourceLocation: SourceLocation = #_sourceLocation) {
        for text in printouts(value) {
            for secret in secrets {
                #expect(!text.contains(secret), "\(secret) in \(text)", sourceLocation: sourceLocation)
            }
        }
    }

    // MARK: - The key

    @Test func anAPIKeyPrintsAsRedactedEveryWay() {
        let key = APIClient.APIKey(Fixture.apiKey)
        #expect(key.description == "<redacted>")
        #expect(key.debugDescription == "<redacted>")
        #expect("\(key)" == "<redacted>")
        #expect(String(reflecting: key) == "<redacted>")
        #expect(Mirror(reflecting: key).children.isEmpty)
        Self.expectNoSecret(in: key)
        Self.expectNoSecret(in: Optional(key) as Any)
        Self.expectNoSecret(in: [key])
        // It still holds the value, and compares by it.
        #expect(key.value == Fixture.apiKey)
        #expect(key == "sk-runtime-SECRET-4242")
        #expect(key != APIClient.APIKey("other"))
    }

    // MARK: - Which names are secret

    @Test(arguments: [
        "Authorization", "authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "SET-COOKIE",
        "Api-Key", "X-API-KEY", "Ocp-Apim-Subscription-Key", "X-Auth-Token", "X-Gateway-Token", "Client-Secret",
        "X-Password", "X-Session-Id", "X-Credential", "X-Amz-Signature", "WWW-Authenticate", "api_key", "access_token",
    ])
    func namesThatCarryASecret(name: String) {
        #expect(CredentialHeaders.isSensitive(name))
    }

    @Test(arguments: ["Accept", "Content-Type", "User-Agent", "X-Request-Id", "Retry-After", "Cache-Control", "Location", "page", ""])
    func namesThatDoNot(name: String) {
        #expect(!CredentialHeaders.isSensitive(name))
    }

    @Test func extraNamesMatchInAnyCase() {
        #expect(CredentialHeaders.isSensitive("X-Pass", extra: ["x-pass"]))
        #expect(CredentialHeaders.isSensitive("x-pass", extra: ["X-PASS"]))
        #expect(!CredentialHeaders.isSensitive("X-Passage", extra: ["X-Pass"]))
        #expect(CredentialHeaders.redacted(["b": "1", "X-Pass": "p", "Authorization": "a", "a": "2"], extra: ["x-pass"]).map { "\($0.name)=\($0.value)" }
            == ["Authorization=<redacted>", "X-Pass=<redacted>", "a=2", "b=1"])
    }

    // MARK: - Headers, requests and responses

    @Test func aHeaderRedactsItselfByStandardNameOnly() {
        let secret = APIClient.HTTPHeader(name: "Authorization", value: "Bearer bearer-secret")
        #expect(secret.description == "Authorization: <redacted>")
        Self.expectNoSecret(in: secret)
        #expect(APIClient.HTTPHeader(name: "User-Agent", value: "demo/1").description == "User-Agent: demo/1")
        // A name only a configuration marks is the request's to know.
        #expect(APIClient.HTTPHeader(name: "X-Pass", value: "marked").description == "X-Pass: marked")
    }

    static func request(body: Data? = Data("abc".utf8), query: String = "?page=2&api_key=query-secret&access_token=query-secret")
        -> APIClient.HTTPRequest {
        APIClient.HTTPRequest(
            method: "POST", url: URL(string: "https://api.example.com/v1/x" + query)!,
            headers: [.init(name: "User-Agent", value: "demo/1"), .init(name: "Api-Key", value: Fixture.apiKey),
                      .init(name: "X-Pass", value: "marked-secret"), .init(name: "Cookie", value: "sid=cookie-secret"),
                      .init(name: "Accept", value: "application/json")],
            body: body, timeout: .seconds(5), sensitiveNames: ["X-PASS"])
    }

    @Test func aRequestPrintsWithEverySecretRedacted() {
        let request = Self.request()
        let expected = "POST https://api.example.com/v1/x?page=2&api_key=redacted&access_token=redacted "
            + "[User-Agent: demo/1, Api-Key: <redacted>, X-Pass: <redacted>, Cookie: <redacted>, Accept: application/json] (3 bytes)"
        #expect(request.description == expected)
        #expect(request.debugDescription == expected)
        #expect("\(request)" == expected)
        #expect(String(reflecting: request) == expected)
        #expect(request.sensitiveNames == ["x-pass"])
        Self.expectNoSecret(in: request)
        Self.expectNoSecret(in: [request])
        var dumped = ""
        dump(request, to: &dumped)
        #expect(dumped.contains("3 bytes") && !dumped.contains("abc"))
        #expect(dumped.contains("demo/1"))
        // The values are still there for the transport.
        #expect(request.value(forHeader: "api-key") == Fixture.apiKey)
        #expect(request.url.query == "page=2&api_key=query-secret&access_token=query-secret")
    }

    @Test func aRequestWithoutBodyOrSecretQueryPrintsItsURLAsItIs() {
        let request = Self.request(body: nil, query: "?q=a%2Fb%2B1")
        #expect(request.description == "POST https://api.example.com/v1/x?q=a%2Fb%2B1 "
            + "[User-Agent: demo/1, Api-Key: <redacted>, X-Pass: <redacted>, Cookie: <redacted>, Accept: application/json]")
    }

    /// Redacting one query item rebuilds the query through `URLComponents`,
    /// which writes the other items decoded where it may: `%2B` prints as
    /// `+` (a space, to a server) and `%2F` as `/`. The printed URL is no
    /// longer the one that was sent.
    @Test func redactingAQueryItemKeepsTheOthersAsSent() {
        let request = Self.request(body: nil, query: "?q=a%2Fb%2B1&api_key=query-secret")
        #expect(request.description.hasPrefix("POST https://api.example.com/v1/x?q=a%2Fb%2B1&api_key=redacted "), "\(request.description)")
    }

    @Test func aResponsePrintsItsHeadersInNameOrderWithCredentialsRedacted() {
        let response = APIClient.HTTPResponse(
            statusCode: 200,
            headers: ["X-Request-Id": "r-1", "Set-Cookie": "session=cookie-secret", "Content-Type": "application/json",
                      "WWW-Authenticate": "Bearer realm=bearer-secret"],
            body: Data("{}".utf8))
        let expected = "200 [Content-Type: application/json, Set-Cookie: <redacted>, WWW-Authenticate: <redacted>, X-Request-Id: r-1] (2 bytes)"
        #expect(response.description == expected)
        #expect(response.debugDescription == expected)
        Self.expectNoSecret(in: response)
        #expect(response.value(forHeader: "set-cookie") == "session=cookie-secret")
    }

    // MARK: - Configurations and clients

    static func configuration(apiKey: String? = Fixture.apiKey) -> APIClient.Configuration {
        APIClient.Configuration(
            baseURL: URL(string: "https://gateway.example.com/ideogram")!, apiKey: apiKey, timeout: .seconds(20),
            additionalHeaders: ["X-Gateway-Key": "gateway-secret-123", "User-Agent": "demo/1", "X-Pass": "marked-secret"],
            sensitiveHeaders: ["x-pass"], retryPolicy: .never)
    }

    @Test func aConfigurationPrintsWithItsSecretsRedacted() {
        let configuration = Self.configuration()
        let expected = "Configuration(baseURL: https://gateway.example.com/ideogram, apiKey: <redacted>, timeout: \(Duration.seconds(20)), "
            + "additionalHeaders: [User-Agent: demo/1, X-Gateway-Key: <redacted>, X-Pass: <redacted>], "
            + "retryPolicy: \(APIClient.RetryPolicy.never), allowsInsecureHTTP: false)"
        #expect(configuration.description == expected)
        #expect(configuration.debugDescription == expected)
        #expect(String(reflecting: configuration) == expected)
        Self.expectNoSecret(in: configuration)
        #expect(Mirror(reflecting: configuration).children.map(\.label) == [
            "baseURL", "apiKey", "timeout", "additionalHeaders", "sensitiveHeaders", "retryPolicy", "allowsInsecureHTTP",
        ])
        #expect(Self.configuration(apiKey: nil).description.contains("apiKey: none, "))
    }

    @Test func aClientPrintsWithoutItsSecrets() {
        let stub = APIClient.StubTransport(always: .json("{}"))
        let client = APIClient(configuration: Self.configuration(), transport: stub)
        Self.expectNoSecret(in: client)
        Self.expectNoSecret(in: client.configured { $0.timeout = .seconds(1) })
    }

    /// `send` hands the request the names the configuration marks, so that
    /// a transport that logs requests redacts them too; the values go out.
    @Test func aSentRequestKnowsTheConfigurationsSecretNames() async throws {
        let transport = ScriptedTransport(status: 200)
        let client = APIClient(configuration: Self.configuration(), transport: transport)
        _ = try await client.send(RequestBuilder(operationID: "op", method: "GET", path: "/v1/x"))
        let request = try #require(transport.requests.first)
        #expect(request.sensitiveNames == ["api-key", "authorization", "key", "x-pass"])
        #expect(request.value(forHeader: "Api-Key") == Fixture.apiKey)
        #expect(request.value(forHeader: "X-Pass") == "marked-secret")
        #expect(request.value(forHeader: "X-Gateway-Key") == "gateway-secret-123")
        #expect(request.description == "GET https://gateway.example.com/ideogram/v1/x "
            + "[User-Agent: demo/1, X-Gateway-Key: <redacted>, X-Pass: <redacted>, Api-Key: <redacted>, Accept: application/json]")
        Self.expectNoSecret(in: request)
    }

    /// A password in the base URL's user info (`https://user:secret@host`)
    /// is a credential too, and URLSession sends it; but a configuration or
    /// a request prints its URL whole.
    @Test func aPasswordInTheBaseURLIsRedacted() throws {
        let configuration = APIClient.Configuration(baseURL: URL(string: "https://user:userinfo-secret@gateway.example.com")!)
        let request = try RequestBuilder(operationID: "op", method: "GET", path: "/x").makeRequest(configuration: configuration)
        #expect(!configuration.description.contains("userinfo-secret"), "\(configuration)")
        #expect(!request.description.contains("userinfo-secret"), "\(request)")
    }

    // MARK: - Errors

    @Test func anErrorStatusPrintsWithoutCredentialHeaders() {
        let failure = APIClientError.UnexpectedStatus(
            operationID: "op", statusCode: 401,
            headers: ["Set-Cookie": "session=cookie-secret", "WWW-Authenticate": "Bearer bearer-secret", "X-Request-Id": "r-9"],
            body: Data(#"{"detail": "bad key"}"#.utf8))
        let error = APIClientError.unexpectedStatus(failure)
        Self.expectNoSecret(in: error)
        Self.expectNoSecret(in: failure)
        #expect(error.localizedDescription == "The API key was not accepted: bad key")
        var dumped = ""
        dump(failure, to: &dumped)
        #expect(dumped.contains("r-9") && dumped.contains("21 bytes"))
        // The secret values are still there for a caller who asks for them.
        #expect(failure.value(forHeader: "set-cookie") == "session=cookie-secret")
    }

    @Test func theErrorsOfTheGuardsNeverHoldTheKey() async throws {
        let transport = ScriptedTransport(status: 200)
        let plain = Fixture.client(transport, baseURL: "http://gateway.example.com")
        let insecure = await outcome { () async throws(APIClientError) -> Exchange in
            try await plain.send(RequestBuilder(operationID: "op", method: "GET", path: "/x"))
        }
        let elsewhere = await outcome { () async throws(APIClientError) -> Exchange in
            try await Fixture.client(transport).send(RequestBuilder(operationID: "op", method: "GET", url: URL(string: "https://evil.example/x")!))
        }
        for error in [try #require(insecure.failure), try #require(elsewhere.failure)] {
            #expect(error.invalidRequestReason != nil)
            Self.expectNoSecret(in: error)
            #expect(!error.localizedDescription.contains(Fixture.apiKey))
        }
        #expect(transport.requests.isEmpty)
    }
}
