import Foundation
@testable import ClientRuntime
import Testing

/// What an app's tests use: `StubTransport`, `HTTPResponse.json`,
/// `withResponse`, `configured`; and the configuration's defaults.
struct StubTransportTests {
    static func get(_ client: APIClient, _ path: String = "/x") async throws -> Exchange {
        try await client.send(RequestBuilder(operationID: "op", method: "GET", path: path))
    }

    @Test func aStubAnswersInTurnThenRepeatsTheLastAnswer() async throws {
        let stub = APIClient.StubTransport(responses: [.status(201), .status(202), .status(203)])
        let client = Fixture.client(stub)
        var statuses: [Int] = []
        for index in 0..<5 { statuses.append(try await Self.get(client, "/\(index)").statusCode) }
        #expect(statuses == [201, 202, 203, 203, 203])
        #expect(await stub.requests.map(\.url.path) == ["/0", "/1", "/2", "/3", "/4"])
    }

    @Test func aStubWithoutResponsesSaysSo() async throws {
        let exchange = try await Self.get(Fixture.client(APIClient.StubTransport(responses: [])))
        #expect(exchange.statusCode == 599)
        #expect(exchange.body.text == "StubTransport: no response given")
    }

    @Test func aStubCanAnswerFromTheRequestOrFail() async throws {
        let stub = APIClient.StubTransport { request in
            if request.url.path == "/fail" { throw URLError(.notConnectedToInternet) }
            return .json(#"{"path": "\#(request.url.path)"}"#)
        }
        let client = Fixture.client(stub)
        #expect(try await Self.get(client, "/echo").body.text == #"{"path": "/echo"}"#)
        let error = await outcome { () async throws(APIClientError) -> Exchange in
            try await client.send(RequestBuilder(operationID: "op", method: "GET", path: "/fail"))
        }.failure
        #expect(error?.transportFailure?.urlErrorCode == URLError.Code.notConnectedToInternet.rawValue)
        let always = APIClient.StubTransport(always: .status(204))
        #expect(try await Self.get(Fixture.client(always)).statusCode == 204)
        #expect(try await Self.get(Fixture.client(always)).statusCode == 204)
        #expect(await always.requests.count == 2)
    }

    @Test func jsonResponsesGetAContentTypeUnlessTheyHaveOne() throws {
        let plain = APIClient.HTTPResponse.json(#"{"a": 1}"#)
        #expect(plain.statusCode == 200 && plain.headers == ["Content-Type": "application/json"] && plain.body.text == #"{"a": 1}"#)
        let typed = APIClient.HTTPResponse.json("{}", statusCode: 422, headers: ["content-type": "application/problem+json", "X-Id": "1"])
        #expect(typed.statusCode == 422 && typed.headers == ["content-type": "application/problem+json", "X-Id": "1"])
        #expect(typed.value(forHeader: "CONTENT-TYPE") == "application/problem+json")
        struct Body: Encodable {
            var when = Date(timeIntervalSince1970: 0)
            var name = "a/b"
        }
        let encoded = try APIClient.HTTPResponse.json(encoding: Body(), statusCode: 201)
        #expect(encoded.body.text == #"{"name":"a/b","when":"1970-01-01T00:00:00Z"}"#)
        #expect(encoded.statusCode == 201 && encoded.value(forHeader: "content-type") == "application/json")
        #expect(APIClient.HTTPResponse(statusCode: 204).body.isEmpty)
    }

    @Test func aRequestsHeaderIsFoundInAnyCaseFirstOneFirst() {
        let request = APIClient.HTTPRequest(method: "GET", url: URL(string: "https://a.example")!,
                                            headers: [.init(name: "X-A", value: "1"), .init(name: "x-a", value: "2")], body: nil,
                                            timeout: .seconds(1))
        #expect(request.value(forHeader: "X-a") == "1")
        #expect(request.value(forHeader: "X-B") == nil)
    }

    // MARK: - withResponse and configured

    @Test func withResponseReturnsTheLastResponseOfTheCopy() async throws {
        let stub = APIClient.StubTransport(responses: [.status(503), .json("{}", headers: ["X-Request-Id": "req-42"])])
        let client = Fixture.client(stub, retryPolicy: Fixture.quick)
        let (value, response) = try await client.withResponse { copy in try await Self.get(copy).attempts }
        #expect(value == 2)
        #expect(response.statusCode == 200)
        #expect(response.value(forHeader: "x-request-id") == "req-42")
        // The original records nothing.
        #expect(client.recorder == nil)
    }

    @Test func withResponseWithoutARequestIsAnInvalidRequest() async throws {
        let client = Fixture.client(APIClient.StubTransport(always: .status(200)))
        do {
            _ = try await client.withResponse { _ in 1 }
            Issue.record("no error")
        } catch let error as APIClientError {
            #expect(error.invalidRequestReason == "withResponse: the closure sent no request through the client it was given")
        }
        // What the call throws comes out as it is.
        await #expect(throws: CancellationError.self) {
            _ = try await client.withResponse { _ in throw CancellationError() }
        }
    }

    @Test func configuredChangesACopyOnly() async throws {
        let stub = APIClient.StubTransport(always: .status(200))
        let client = Fixture.client(stub)
        let quick = client.configured {
            $0.timeout = .seconds(5)
            $0.additionalHeaders["X-Trace"] = "1"
        }
        _ = try await Self.get(quick)
        _ = try await Self.get(client)
        let requests = await stub.requests
        #expect(requests.map(\.timeout) == [.seconds(5), .seconds(300)])
        #expect(requests.map { $0.value(forHeader: "X-Trace") } == ["1", nil])
        #expect(client.configuration.timeout == .seconds(300))
    }

    @Test func aConfigurationsDefaults() {
        let configuration = APIClient.Configuration(baseURL: APIClient.servers[0])
        #expect(configuration.baseURL.absoluteString == "https://api.example.com")
        #expect(configuration.apiKey == nil)
        #expect(configuration.timeout == .seconds(300))
        #expect(configuration.additionalHeaders.isEmpty && configuration.sensitiveHeaders.isEmpty)
        #expect(configuration.retryPolicy == .default)
        #expect(!configuration.allowsInsecureHTTP)
        let boundaries = [configuration.makeBoundary(), configuration.makeBoundary()]
        #expect(boundaries[0] != boundaries[1] && boundaries.allSatisfy { $0.hasPrefix("----ideogram-boundary-") && $0.count == 54 })
        #expect(configuration.sensitiveNames == ["api-key", "authorization", "key"])
        let keyed = APIClient.Configuration(baseURL: APIClient.servers[0], apiKey: "k", sensitiveHeaders: ["X-Pass"], makeBoundary: { "fixed" })
        #expect(keyed.apiKey == APIClient.APIKey("k"))
        #expect(keyed.makeBoundary() == "fixed")
        #expect(keyed.sensitiveNames == ["api-key", "authorization", "key", "X-Pass"])
    }
}
