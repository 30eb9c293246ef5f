import Foundation
@testable import ClientRuntime
import Testing

/// `RequestBuilder`: how a request's URL, headers, cookies and body are put
/// together and joined with the configuration.
struct RequestBuilderTests {
    static func configuration(_ base: String = Fixture.baseURL, timeout: Duration = .seconds(300),
                              additionalHeaders: [String: String] = [:]) -> APIClient.Configuration {
        APIClient.Configuration(baseURL: URL(string: base)!, timeout: timeout, additionalHeaders: additionalHeaders)
    }

    static func url(_ builder: RequestBuilder, base: String = Fixture.baseURL) throws -> String {
        try builder.makeRequest(configuration: configuration(base)).url.absoluteString
    }

    // MARK: - URL

    /// A gateway's path prefix is kept; trailing slashes of the base never double.
    @Test(arguments: [
        ("https://gw.example.com/prefix", "https://gw.example.com/prefix/v1/images"),
        ("https://gw.example.com/prefix/", "https://gw.example.com/prefix/v1/images"),
        ("https://gw.example.com/prefix///", "https://gw.example.com/prefix/v1/images"),
        ("https://gw.example.com/a/b/c", "https://gw.example.com/a/b/c/v1/images"),
        ("https://gw.example.com", "https://gw.example.com/v1/images"),
        ("https://gw.example.com/", "https://gw.example.com/v1/images"),
        ("http://127.0.0.1:8080/api/", "http://127.0.0.1:8080/api/v1/images"),
    ])
    func thePathIsJoinedToTheBaseURL(base: String, joined: String) throws {
        #expect(try Self.url(RequestBuilder(operationID: "op", method: "GET", path: "/v1/images"), base: base) == joined)
    }

    /// A base URL may carry a query of its own (an Azure Functions `?code=`
    /// key, a gateway's tenant). The runtime appends the path to the whole
    /// base text, query included, and starts its own query with another `?`.
    @Test func aBaseURLWithAQueryKeepsItAfterThePath() throws {
        var builder = RequestBuilder(operationID: "op", method: "GET", path: "/v1/images")
        builder.addQuery("page", 2)
        let url = try Self.url(builder, base: "https://fn.example.net/api?tenant=t1")
        #expect(url == "https://fn.example.net/api/v1/images?tenant=t1&page=2")
    }

    @Test func pathComponentsAreEncodedSoThatTheyStayOneSegment() throws {
        #expect(RequestBuilder.pathComponent("a/b c?d#e%f") == "a%2Fb%20c%3Fd%23e%25f")
        #expect(RequestBuilder.pathComponent("é") == "%C3%A9")
        #expect(RequestBuilder.pathComponent(42) == "42")
        #expect(RequestBuilder.pathComponent(["a,b", "c/d", "e"]) == "a%2Cb,c%2Fd,e")
        let builder = RequestBuilder(operationID: "op", method: "GET", path: "/v1/files/" + RequestBuilder.pathComponent("../../etc/passwd") + "/meta")
        #expect(try Self.url(builder) == "https://api.example.com/v1/files/..%2F..%2Fetc%2Fpasswd/meta")
    }

    @Test func percentEncodingKeepsOnlyUnreservedCharactersUnlessAsked() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
        #expect(RequestBuilder.percentEncoded(unreserved) == unreserved)
        #expect(RequestBuilder.percentEncoded(" !\"#$%&'()*+,/:;<=>?@[\\]^`{|}")
            == "%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D")
        #expect(RequestBuilder.percentEncoded("\u{0}\n\u{7F}") == "%00%0A%7F")
        #expect(RequestBuilder.percentEncoded("é☕️🐈") == "%C3%A9%E2%98%95%EF%B8%8F%F0%9F%90%88")
        #expect(RequestBuilder.percentEncoded("a/b:c", keeping: Set("/:".utf8)) == "a/b:c")
        #expect(RequestBuilder.percentEncoded("%41%4a%zz%4", keepingTriples: true) == "%41%4a%25zz%254")
        #expect(RequestBuilder.percentEncoded("%41") == "%2541")
        #expect(RequestBuilder.percentEncoded("") == "")
    }

    // MARK: - Query

    @Test func queryItemsAreEncodedAndKeepTheirOrder() throws {
        var builder = RequestBuilder(operationID: "op", method: "GET", path: "/v1/search")
        builder.addQuery("q", "a cat & a hat=1+1")
        builder.addQuery("page size", 20)
        builder.addQuery("missing", String?.none)
        builder.addQuery("safe", true)
        builder.addQuery("tags", ["x,y", "z"], explode: false)
        builder.addQuery("ids", [1, 2, 3], explode: true)
        builder.addQuery("none", [String](), explode: true)
        builder.addQuery("nil", [String]?.none, explode: false)
        builder.addQuery("q", "again")
        #expect(builder.query == ["q=a%20cat%20%26%20a%20hat%3D1%2B1", "page%20size=20", "safe=true", "tags=x%2Cy,z",
                                  "ids=1", "ids=2", "ids=3", "q=again"])
        #expect(try Self.url(builder) == "https://api.example.com/v1/search?" + builder.query.joined(separator: "&"))
    }

    /// A text value of each wire type.
    @Test func textValuesOfEachType() {
        enum Mode: String, TextEncodable { case fast = "FAST" }
        enum Level: Int, TextEncodable { case three = 3 }
        let values: [(any TextEncodable, String)] = [
            ("s", "s"), (7, "7"), (Int32(-8), "-8"), (Int64(9_000_000_000), "9000000000"), (0.1, "0.1"), (1.0, "1.0"),
            (Float(0.25), "0.25"), (true, "true"), (false, "false"), (URL(string: "https://a.example/b?c")!, "https://a.example/b?c"),
            (UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!, "e621e1f8-c36c-495a-93fc-0c247a3e6e5f"),
            (Date(timeIntervalSince1970: 0), "1970-01-01T00:00:00Z"), (Data("hi?".utf8), "aGk/"), (Mode.fast, "FAST"), (Level.three, "3"),
        ]
        for (value, text) in values {
            #expect(value.textValue == text, "\(value)")
        }
    }

    // MARK: - Headers and cookies

    @Test func headersComeAfterTheConfigurationsAndAcceptIsAddedLast() throws {
        var builder = RequestBuilder(operationID: "op", method: "GET", path: "/")
        builder.setHeader("X-Trace", "t1")
        builder.setHeader("x-trace", "t2")
        builder.setHeader("X-Missing", String?.none)
        builder.setHeader("X-List", ["a", "b c"])
        builder.setHeader("X-Empty-List", [String]())
        builder.setHeader("user-agent", "override/2")
        builder.addCookie("sid", "a b;c")
        builder.addCookie("prefs", ["x", "y,z"])
        builder.addCookie("none", String?.none)
        builder.addCookie("empty", [String]())
        let request = try builder.makeRequest(configuration: Self.configuration(additionalHeaders: ["Z-Last": "z", "User-Agent": "demo/1", "A-First": "a"]))
        #expect(request.headers.map(\.description) == [
            "A-First: a", "Z-Last: z", "x-trace: t2", "X-List: a,b c", "user-agent: override/2",
            "Cookie: <redacted>", "Accept: application/json",
        ])
        #expect(request.value(forHeader: "cookie") == "sid=a%20b%3Bc; prefs=x,y%2Cz")
    }

    @Test func anAcceptHeaderGivenAnywhereIsKept() throws {
        var builder = RequestBuilder(operationID: "op", method: "GET", path: "/")
        builder.setHeader("Accept", "image/png")
        #expect(try builder.makeRequest(configuration: Self.configuration()).headers.map(\.description) == ["Accept: image/png"])
        let configured = Self.configuration(additionalHeaders: ["accept": "*/*"])
        #expect(try RequestBuilder(operationID: "op", method: "GET", path: "/").makeRequest(configuration: configured).headers.map(\.description) == ["accept: */*"])
    }

    /// Header values go as they are given; a value with CR LF would split
    /// into two header lines on a transport that writes it raw.
    @Test func aHeaderValueWithALineBreakIsRefused() throws {
        var builder = RequestBuilder(operationID: "op", method: "GET", path: "/")
        builder.setHeader("X-Note", "a\r\nX-Injected: 1")
        let result = outcome { () throws(APIClientError) in try builder.makeRequest(configuration: Self.configuration()) }
        #expect(result.failure?.invalidRequestReason != nil)
    }

    // MARK: - Bodies

    @Test func aJSONBodyIsSortedCompactAndTyped() throws {
        struct Request: Encodable {
            var prompt = "a/b"
            var count = 2
            var when = Date(timeIntervalSince1970: 0.25)
            var nested = ["z": 1, "a": 2]
            var absent: String?
        }
        var builder = RequestBuilder(operationID: "op", method: "POST", path: "/v1/generate")
        try builder.setJSONBody(Request(), contentType: "application/json")
        let request = try builder.makeRequest(configuration: Self.configuration())
        #expect(request.body?.text == #"{"count":2,"nested":{"a":2,"z":1},"prompt":"a/b","when":"1970-01-01T00:00:00.250Z"}"#)
        #expect(request.headers.map(\.description) == ["Content-Type: application/json", "Accept: application/json"])
        #expect(request.method == "POST")
    }

    @Test func noJSONValueIsNoBody() throws {
        var builder = RequestBuilder(operationID: "op", method: "POST", path: "/")
        try builder.setJSONBody(String?.none, contentType: "application/json")
        let request = try builder.makeRequest(configuration: Self.configuration())
        #expect(request.body == nil)
        #expect(request.value(forHeader: "Content-Type") == nil)
    }

    @Test func aJSONBodyThatCannotBeEncodedIsAnInvalidRequest() {
        var builder = RequestBuilder(operationID: "op", method: "POST", path: "/")
        let result = outcome { () throws(APIClientError) in try builder.setJSONBody(["weight": Double.infinity], contentType: "application/json") }
        #expect(result.failure?.invalidRequestReason?.hasPrefix("request body could not be encoded as JSON: ") == true)
        #expect(builder.body == nil)
    }

    @Test func aRawBodyGoesAsItIs() throws {
        var builder = RequestBuilder(operationID: "op", method: "PUT", path: "/blob")
        builder.setBody(Data([0, 1, 2, 0xFF]), contentType: "application/octet-stream")
        builder.setBody(nil, contentType: "text/plain")
        let request = try builder.makeRequest(configuration: Self.configuration(timeout: .seconds(7)))
        #expect(request.body == Data([0, 1, 2, 0xFF]))
        #expect(request.value(forHeader: "Content-Type") == "application/octet-stream")
        #expect(request.timeout == .seconds(7))
        #expect(request.method == "PUT")
    }

    // MARK: - Absolute addresses and the whole send

    @Test func anAbsoluteAddressIsCalledAsItIs() throws {
        var builder = RequestBuilder(operationID: "op", method: "GET", url: URL(string: "https://api.example.com/v2/status/1?ticket=a%2Fb")!)
        #expect(try Self.url(builder, base: "https://api.example.com/prefix") == "https://api.example.com/v2/status/1?ticket=a%2Fb")
        builder.addQuery("v", 1)
        #expect(try Self.url(builder) == "https://api.example.com/v2/status/1?ticket=a%2Fb&v=1")
        var plain = RequestBuilder(operationID: "op", method: "GET", url: URL(string: "https://api.example.com/v2/status/1")!)
        plain.addQuery("v", 1)
        #expect(try Self.url(plain) == "https://api.example.com/v2/status/1?v=1")
    }

    /// What `send` adds: the key (as the API description asks), the
    /// configuration's headers and timeout; without a key, no key header.
    @Test func sendAuthenticatesAndSendsTheBuiltRequest() async throws {
        let transport = ScriptedTransport(status: 200)
        let client = Fixture.client(transport, baseURL: "https://gw.example.com/prefix/") {
            $0.timeout = .seconds(12)
            $0.additionalHeaders = ["User-Agent": "demo/1"]
        }
        var builder = RequestBuilder(operationID: "op", method: "POST", path: "/v1/generate")
        builder.addQuery("dry", true)
        try builder.setJSONBody(["prompt": "x"], contentType: "application/json")
        let exchange = try await client.send(builder)
        #expect(exchange.attempts == 1)
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://gw.example.com/prefix/v1/generate?dry=true")
        #expect(request.headers.map { "\($0.name)=\($0.value)" } == [
            "User-Agent=demo/1", "Content-Type=application/json", "Api-Key=\(Fixture.apiKey)", "Accept=application/json",
        ])
        #expect(request.body?.text == #"{"prompt":"x"}"#)
        #expect(request.timeout == .seconds(12))
        let anonymous = ScriptedTransport(status: 200)
        _ = try await Fixture.client(anonymous, apiKey: nil).send(RequestBuilder(operationID: "op", method: "GET", path: "/"))
        #expect(anonymous.requests.first?.headers.map(\.name) == ["Accept"])
    }
}
