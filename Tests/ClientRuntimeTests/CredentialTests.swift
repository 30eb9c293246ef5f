import Foundation
import Testing

@testable import ClientRuntime

/// Credentials per security scheme (`authenticate`): each placement, the
/// choice among a requirement's alternatives, a missing credential, and the
/// rules every credential keeps (redacted, never in clear to another host).
/// The stand-in client declares an API key header (`Api-Key`), OAuth (a
/// bearer token), basic, a query key (`key`) and a session cookie.
struct CredentialTests {
    typealias Scheme = APIClient.SecurityScheme
    typealias Credential = APIClient.Credential

    /// Sends one GET with `security` as its operation's requirement and
    /// returns the request the transport saw, or the error.
    static func send(
        _ credentials: [Scheme: Credential], security: [[Scheme]]?, baseURL: String = Fixture.baseURL,
        configure: (inout APIClient.Configuration) -> Void = { _ in }
    )
        async -> (Result<Exchange, APIClientError>, APIClient.HTTPRequest?)
    {
        let transport = ScriptedTransport(status: 200)
        let client = Fixture.client(transport, baseURL: baseURL, apiKey: nil) {
            $0.credentials = credentials
            configure(&$0)
        }
        var builder = RequestBuilder(operationID: "getThing", method: "GET", path: "/v1/thing")
        builder.security = security
        let result = await outcome { () async throws(APIClientError) -> Exchange in try await client.send(builder) }
        return (result, transport.requests.first)
    }

    @Test func anAPIKeyGoesInItsHeader() async throws {
        let (result, request) = await Self.send([.apiKey: .apiKey("k-1")], security: [[.apiKey]])
        _ = try result.get()
        #expect(request?.value(forHeader: "Api-Key") == "k-1")
        #expect(request?.value(forHeader: "Authorization") == nil)
    }

    @Test func aQueryKeyGoesInTheQueryAndIsRedactedWhenPrinted() async throws {
        let (result, request) = await Self.send([.queryKey: .apiKey("q s&1")], security: [[.queryKey]])
        _ = try result.get()
        let url = try #require(request?.url)
        #expect(url.query == "key=q%20s%261")
        #expect(request.map { String(describing: $0) }?.contains("q%20s%261") == false)
    }

    @Test func aCookieKeyGoesInTheCookieHeader() async throws {
        let (result, request) = await Self.send([.sessionCookie: .apiKey("abc")], security: [[.sessionCookie]])
        _ = try result.get()
        #expect(request?.value(forHeader: "Cookie") == "session=abc")
    }

    @Test func aBearerTokenIsSentAsBearer() async throws {
        let (result, request) = await Self.send([.oauth: .bearer("tok")], security: [[.oauth]])
        _ = try result.get()
        #expect(request?.value(forHeader: "Authorization") == "Bearer tok")
    }

    @Test func aTokenProviderIsAskedBeforeEachRequest() async throws {
        let counter = Counter()
        let credential = Credential.bearer { "fresh-\(counter.next())" }
        let first = await Self.send([.oauth: credential], security: [[.oauth]])
        let second = await Self.send([.oauth: credential], security: [[.oauth]])
        #expect(first.1?.value(forHeader: "Authorization") == "Bearer fresh-1")
        #expect(second.1?.value(forHeader: "Authorization") == "Bearer fresh-2")
    }

    @Test func aFailingTokenProviderFailsTheCallBeforeSending() async throws {
        struct Expired: Error {}
        let (result, request) = await Self.send([.oauth: .bearer { throw Expired() }], security: [[.oauth]])
        let reason = try #require(result.failure?.invalidRequestReason)
        #expect(reason.hasPrefix("the token provider of getThing failed"))
        #expect(request == nil)
    }

    @Test func basicIsTheBase64OfUserAndPassword() async throws {
        let (result, request) = await Self.send(
            [.basic: .basic(username: "ada", password: "p:ss é")], security: [[.basic]])
        _ = try result.get()
        let expected = "Basic " + Data("ada:p:ss é".utf8).base64EncodedString()
        #expect(request?.value(forHeader: "Authorization") == expected)
        #expect(expected == "Basic YWRhOnA6c3Mgw6k=")
    }

    @Test func aKeyAloneUnderBasicIsTheUserNameWithAnEmptyPassword() async throws {
        let (result, request) = await Self.send([.basic: .apiKey("sk_test")], security: [[.basic]])
        _ = try result.get()
        #expect(request?.value(forHeader: "Authorization") == "Basic " + Data("sk_test:".utf8).base64EncodedString())
    }

    @Test func theFirstAlternativeTheConfigurationHoldsIsSent() async throws {
        let credentials: [Scheme: Credential] = [.oauth: .bearer("tok"), .queryKey: .apiKey("q")]
        let (result, request) = await Self.send(credentials, security: [[.apiKey], [.queryKey], [.oauth]])
        _ = try result.get()
        #expect(request?.url.query == "key=q")
        #expect(request?.value(forHeader: "Authorization") == nil)
    }

    @Test func anAlternativeOfTwoSchemesSendsBoth() async throws {
        let credentials: [Scheme: Credential] = [.apiKey: .apiKey("k"), .sessionCookie: .apiKey("s")]
        let (result, request) = await Self.send(credentials, security: [[.apiKey, .sessionCookie]])
        _ = try result.get()
        #expect(request?.value(forHeader: "Api-Key") == "k")
        #expect(request?.value(forHeader: "Cookie") == "session=s")
    }

    @Test func anAlternativeMissingOneOfItsSchemesIsNotChosen() async throws {
        let (result, request) = await Self.send([.apiKey: .apiKey("k")], security: [[.apiKey, .sessionCookie]])
        let reason = try #require(result.failure?.invalidRequestReason)
        #expect(
            reason == "getThing needs a credential for `ApiKey` and `SessionCookie` (configuration.credentials), "
                + "and the configuration holds none")
        #expect(request == nil)
    }

    @Test func aMissingCredentialNamesTheSchemesAndSendsNothing() async throws {
        let (result, request) = await Self.send([:], security: [[.oauth], [.basic]])
        let reason = try #require(result.failure?.invalidRequestReason)
        #expect(
            reason == "getThing needs a credential for `OAuth` or `Basic` (configuration.credentials), "
                + "and the configuration holds none")
        #expect(request == nil)
    }

    @Test func noRequirementSendsNoCredential() async throws {
        let credentials: [Scheme: Credential] = [.apiKey: .apiKey("k"), .oauth: .bearer("t")]
        let (result, request) = await Self.send(credentials, security: [])
        _ = try result.get()
        #expect(request?.value(forHeader: "Api-Key") == nil)
        #expect(request?.value(forHeader: "Authorization") == nil)
    }

    @Test func anEmptyAlternativeMakesTheCredentialOptional() async throws {
        let without = await Self.send([:], security: [[.queryKey], []])
        _ = try without.0.get()
        #expect(without.1?.url.query == nil)
        let with = await Self.send([.queryKey: .apiKey("q")], security: [[.queryKey], []])
        #expect(with.1?.url.query == "key=q")
    }

    @Test func anAdditionalHeaderSatisfiesItsScheme() async throws {
        let (result, request) = await Self.send([:], security: [[.apiKey]]) {
            $0.additionalHeaders["api-key"] = "from-gateway"
        }
        _ = try result.get()
        #expect(request?.value(forHeader: "Api-Key") == "from-gateway")
    }

    @Test func theConfigurationsAPIKeyIsThePrimarySchemesCredential() {
        var configuration = APIClient.Configuration(baseURL: URL(string: Fixture.baseURL)!, apiKey: "k")
        #expect(configuration.credentials[.apiKey]?.secret?.value == "k")
        configuration.apiKey = nil
        #expect(configuration.credentials.isEmpty)
        configuration.credentials[.apiKey] = .apiKey("other")
        #expect(configuration.apiKey?.value == "other")
    }

    @Test(arguments: [
        Credential.apiKey(Fixture.apiKey), .bearer(Fixture.apiKey),
        .basic(username: "user", password: Fixture.apiKey), .bearer { Fixture.apiKey },
    ])
    func aCredentialNeverShowsItsValue(credential: Credential) {
        var dumped = ""
        dump(credential, to: &dumped)
        let configuration = APIClient.Configuration(
            baseURL: URL(string: Fixture.baseURL)!, credentials: [.basic: credential])
        var dumpedConfiguration = ""
        dump(configuration, to: &dumpedConfiguration)
        for text in [
            String(describing: credential), String(reflecting: credential), "\(credential)", dumped,
            String(describing: configuration), dumpedConfiguration,
        ] {
            #expect(!text.contains(Fixture.apiKey), "\(text)")
        }
    }

    @Test(arguments: [Scheme.oauth, .basic, .queryKey, .sessionCookie])
    func noCredentialTravelsInClearToAnotherMachine(scheme: Scheme) async throws {
        let credential: Credential = scheme == .basic ? .basic(username: "u", password: "p") : .apiKey("k")
        let (result, request) = await Self.send(
            [scheme: credential], security: [[scheme]],
            baseURL: "http://gateway.example.com")
        let reason = try #require(result.failure?.invalidRequestReason)
        #expect(reason.hasPrefix("the request would send a credential unencrypted over plain http://"))
        #expect(request == nil)
    }

    @Test func aCallWithoutACredentialMayUsePlainHTTP() async throws {
        let (result, request) = await Self.send(
            [.oauth: .bearer("t")], security: [], baseURL: "http://gateway.example.com")
        _ = try result.get()
        #expect(request?.url.absoluteString == "http://gateway.example.com/v1/thing")
    }
}

/// Counts calls from any task.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
