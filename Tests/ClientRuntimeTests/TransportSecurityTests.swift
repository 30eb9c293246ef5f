import Foundation
@testable import ClientRuntime
import Testing

/// Where a credential may go: never over plain `http://` to another machine
/// (`checkTransportSecurity`), and never to an address the server gave on
/// another host or port (`checkSameHost`). A refused request is never sent.
struct LoopbackTests {
    @Test(arguments: ["localhost", "LOCALHOST", "LocalHost", "127.0.0.1", "127.1.2.3", "127.255.255.255", "127.0.0.0",
                      "127.000.000.001", "::1", "[::1]", "0:0:0:0:0:0:0:1", "[0:0:0:0:0:0:0:1]"])
    func thisMachine(host: String) {
        #expect(APIClient.isLoopback(host))
    }

    /// Names that only look like this machine, and other private addresses.
    @Test(arguments: ["127.0.0.1.evil.com", "127.0.0.1.", "127.0.0.1.nip.io", "localhost.evil.com", "localhost.", "evil-localhost",
                      "127.attacker.example", "127.0.0.256", "127.0.0.1000", "127.0.0", "127.0.0.1.1", "1270.0.0.1", "0x7f.0.0.1",
                      "0177.0.0.1", "2130706433", "127.0.0.-1", "127.0..1", "127.0.0.1 ", "128.0.0.1", "10.0.0.1", "192.168.1.1",
                      "0.0.0.0", "::2", "[::2]", "::", "::ffff:127.0.0.1", "[::1]x", "", "evil.com"])
    func anotherMachine(host: String) {
        #expect(!APIClient.isLoopback(host))
    }
}

struct PlainHTTPGuardTests {
    /// Sends one GET through `send`, the path every operation takes.
    static func send(_ client: APIClient, _ builder: RequestBuilder = RequestBuilder(operationID: "op", method: "GET", path: "/v1/x"))
        async -> Result<Exchange, APIClientError> {
        await outcome { () async throws(APIClientError) -> Exchange in try await client.send(builder) }
    }

    @Test(arguments: ["http://gateway.example.com", "http://gateway.example.com:8080/prefix", "HTTP://gateway.example.com",
                      "http://127.0.0.1.evil.com", "http://localhost.evil.com:8080", "http://10.0.0.1", "http://[::2]:8080",
                      "http://127.0.0.1:80@evil.com", "http://localhost@evil.com"])
    func theKeyIsNotSentInClearToAnotherMachine(base: String) async throws {
        let transport = ScriptedTransport(status: 200)
        let result = await Self.send(Fixture.client(transport, baseURL: base))
        let reason = try #require(result.failure?.invalidRequestReason, "\(base)")
        let host = try #require(URL(string: base)?.host)
        #expect(reason == "the request would send a credential unencrypted over plain http:// to \(host); use https:// or set allowsInsecureHTTP")
        #expect(transport.requests.isEmpty)
    }

    @Test(arguments: ["http://localhost:8080", "http://127.0.0.1", "http://127.8.9.10:3000/prefix", "http://[::1]:8080", "http://LOCALHOST"])
    func theKeyMayGoInClearToThisMachine(base: String) async throws {
        let transport = ScriptedTransport(status: 200)
        _ = try await Self.send(Fixture.client(transport, baseURL: base)).get()
        #expect(transport.requests.count == 1)
        #expect(transport.requests.first?.value(forHeader: "Api-Key") == Fixture.apiKey)
    }

    @Test func allowsInsecureHTTPLetsTheKeyGoAnywhere() async throws {
        let transport = ScriptedTransport(status: 200)
        let client = Fixture.client(transport, baseURL: "http://gateway.example.com") { $0.allowsInsecureHTTP = true }
        _ = try await Self.send(client).get()
        #expect(transport.requests.first?.url.absoluteString == "http://gateway.example.com/v1/x")
        #expect(transport.requests.first?.value(forHeader: "Api-Key") == Fixture.apiKey)
    }

    @Test func httpsIsAlwaysAllowed() async throws {
        let transport = ScriptedTransport(status: 200)
        _ = try await Self.send(Fixture.client(transport, baseURL: "https://gateway.example.com")).get()
        #expect(transport.requests.count == 1)
    }

    /// Without a key, only a header that carries a credential is guarded:
    /// a standard one, a name that says so, one the configuration marks, or
    /// the `Cookie` that cookie parameters make.
    @Test func aCredentialHeaderIsGuardedLikeTheKey() async throws {
        let base = "http://gateway.example.com"
        for header in ["Authorization", "Ocp-Apim-Subscription-Key", "X-Gateway-Token", "X-Pass"] {
            let transport = ScriptedTransport(status: 200)
            let client = Fixture.client(transport, baseURL: base, apiKey: nil) {
                $0.additionalHeaders = [header: "gateway-secret-123"]
                $0.sensitiveHeaders = ["x-pass"]
            }
            #expect(await Self.send(client).failure?.invalidRequestReason != nil, "\(header)")
            #expect(transport.requests.isEmpty, "\(header)")
        }
        let transport = ScriptedTransport(status: 200)
        var withCookie = RequestBuilder(operationID: "op", method: "GET", path: "/v1/x")
        withCookie.addCookie("sid", "abc")
        #expect(await Self.send(Fixture.client(transport, baseURL: base, apiKey: nil), withCookie).failure?.invalidRequestReason != nil)
        #expect(transport.requests.isEmpty)
        // Harmless headers over plain http are the caller's business.
        let harmless = Fixture.client(transport, baseURL: base, apiKey: nil) { $0.additionalHeaders = ["User-Agent": "demo/1"] }
        _ = try await Self.send(harmless).get()
        #expect(transport.requests.count == 1)
    }

    @Test func theGuardLooksAtTheRequestThatWouldBeSent() throws {
        let client = Fixture.client(ScriptedTransport(status: 200))
        func request(_ url: String) -> APIClient.HTTPRequest {
            APIClient.HTTPRequest(method: "GET", url: URL(string: url)!, headers: [], body: nil, timeout: .seconds(1))
        }
        #expect(outcome { () throws(APIClientError) in try client.checkTransportSecurity(request("https://a.example"), carriesCredential: true) }.failure == nil)
        #expect(outcome { () throws(APIClientError) in try client.checkTransportSecurity(request("http://127.0.0.1/x"), carriesCredential: true) }.failure == nil)
        #expect(outcome { () throws(APIClientError) in try client.checkTransportSecurity(request("http://a.example/x"), carriesCredential: true) }
            .failure?.invalidRequestReason?.contains("to a.example;") == true)
        // Other schemes are not http: the guard has nothing to say.
        #expect(outcome { () throws(APIClientError) in try client.checkTransportSecurity(request("ws://a.example/x"), carriesCredential: true) }.failure == nil)
    }
}

/// `checkSameHost`: an address the server gave (a job's polling URL) is
/// called only on the base URL's host and port, over http or https.
struct SameHostTests {
    static func check(_ url: String, base: String = "https://api.example.com/prefix") -> APIClientError? {
        let client = Fixture.client(ScriptedTransport(status: 200), baseURL: base)
        return outcome { () throws(APIClientError) in try client.checkSameHost(URL(string: url)!) }.failure
    }

    @Test(arguments: [
        ("https://api.example.com/v2/status/1", "https://api.example.com/prefix"),
        ("https://API.Example.COM/v2/status/1", "https://api.example.com"),
        ("https://api.example.com:443/v2/status/1", "https://api.example.com"),
        ("https://api.example.com/v2/status/1", "https://api.example.com:443"),
        ("https://api.example.com:8443/x", "https://api.example.com:8443"),
        ("http://api.example.com:80/x", "http://api.example.com"),
        // Two names of this machine are one host, on the same port.
        ("http://localhost:8080/x", "http://127.0.0.1:8080"),
        ("http://[::1]:8080/x", "http://localhost:8080"),
        ("http://127.0.0.2:8080/x", "http://127.0.0.1:8080"),
    ])
    func theSameHostAndPortAreCalled(url: String, base: String) {
        #expect(Self.check(url, base: base) == nil, "\(url) from \(base)")
    }

    @Test(arguments: [
        "https://evil.example/x", "https://api.example.com.evil.example/x", "https://evil.example/api.example.com",
        "https://api.example.com@evil.example/x", "https://api.example.com:8443/x", "http://api.example.com/x",
        "ftp://api.example.com/x", "file:///etc/passwd", "https://sub.api.example.com/x", "https://api.example.com./x",
        "https://127.0.0.1/x", "https://localhost/x",
    ])
    func anotherHostPortOrSchemeIsRefused(url: String) throws {
        let reason = try #require(Self.check(url)?.invalidRequestReason, "\(url)")
        #expect(reason.hasSuffix("not on the base URL's api.example.com; it is not called, so that the API key stays with api.example.com"),
                "\(reason)")
    }

    @Test func theReasonNamesBothHostsAndPorts() {
        #expect(Self.check("http://localhost:9090/x", base: "http://127.0.0.1:8080")?.invalidRequestReason
            == "the server gave an address on localhost:9090, not on the base URL's 127.0.0.1:8080; it is not called, so that the API key stays with 127.0.0.1")
        #expect(Self.check("https://evil.example/x")?.invalidRequestReason
            == "the server gave an address on evil.example, not on the base URL's api.example.com; it is not called, so that the API key stays with api.example.com")
    }

    /// Through `send`: an absolute address on another host is refused before
    /// anything is sent; on the same host it is called as it is, with the
    /// key, its own query kept and the builder's added after it.
    @Test func sendChecksAnAbsoluteAddressBeforeSending() async throws {
        let transport = ScriptedTransport(status: 200)
        let client = Fixture.client(transport, baseURL: "https://api.example.com/prefix")
        let refused = await outcome { () async throws(APIClientError) -> Exchange in
            try await client.send(RequestBuilder(operationID: "op", method: "GET", url: URL(string: "https://evil.example/x")!))
        }
        #expect(refused.failure?.invalidRequestReason != nil)
        #expect(transport.requests.isEmpty)
        var builder = RequestBuilder(operationID: "op", method: "GET", url: URL(string: "https://api.example.com/v2/status/7?ticket=a")!)
        builder.addQuery("verbose", true)
        _ = try await client.send(builder)
        let request = try #require(transport.requests.first)
        #expect(request.url.absoluteString == "https://api.example.com/v2/status/7?ticket=a&verbose=true")
        #expect(request.value(forHeader: "Api-Key") == Fixture.apiKey)
    }

    /// A same-host address over plain http from an https base passes the
    /// host check when its port matches, and is then stopped by the
    /// plain-http guard because it would carry the key.
    @Test func aDowngradeToPlainHTTPIsStoppedByTheGuard() async throws {
        let transport = ScriptedTransport(status: 200)
        let client = Fixture.client(transport, baseURL: "https://api.example.com")
        #expect(Self.check("http://api.example.com:443/x", base: "https://api.example.com") == nil)
        let result = await outcome { () async throws(APIClientError) -> Exchange in
            try await client.send(RequestBuilder(operationID: "op", method: "GET", url: URL(string: "http://api.example.com:443/x")!))
        }
        #expect(result.failure?.invalidRequestReason?.contains("unencrypted over plain http://") == true)
        #expect(transport.requests.isEmpty)
    }
}
