import Foundation
@testable import ClientRuntime
import Testing

/// An operation with an `Idempotency-Key` header sends one key per call,
/// the same on each retry, and may then be retried whatever its method.
struct IdempotencyKeyTests {
    static func builder(key: String? = nil) -> RequestBuilder {
        var builder = RequestBuilder(operationID: "createCharge", method: "POST", path: "/charges")
        builder.setIdempotencyKey(key)
        return builder
    }

    static func keys(_ transport: ScriptedTransport) -> [String?] {
        transport.requests.map { $0.value(forHeader: "Idempotency-Key") }
    }

    @Test func aPostWithAKeyIsRetriedOnServerErrorsWithTheSameKey() async throws {
        let transport = ScriptedTransport([
            .respond(.status(503)), .respond(.status(502)), .respond(.status(200, body: "{}")),
        ])
        let client = Fixture.client(transport, retryPolicy: Fixture.quick)
        let exchange = try await client.send(Self.builder())
        #expect(exchange.statusCode == 200)
        #expect(exchange.attempts == 3)
        let keys = Self.keys(transport)
        #expect(keys.count == 3)
        #expect(Set(keys).count == 1)
        #expect(UUID(uuidString: keys[0] ?? "") != nil)
    }

    @Test func aLostConnectionIsRetriedWithTheSameKey() async throws {
        let transport = ScriptedTransport([.fail(URLError(.networkConnectionLost)), .respond(.status(201))])
        let client = Fixture.client(transport, retryPolicy: Fixture.quick)
        #expect(try await client.send(Self.builder()).statusCode == 201)
        #expect(Self.keys(transport).count == 2)
        #expect(Set(Self.keys(transport)).count == 1)
    }

    @Test func eachCallHasAKeyOfItsOwnAndACallersKeyIsSentAsItIs() async throws {
        let transport = ScriptedTransport(status: 200)
        let client = Fixture.client(transport)
        _ = try await client.send(Self.builder())
        _ = try await client.send(Self.builder())
        _ = try await client.send(Self.builder(key: "order-17"))
        _ = try await client.send(Self.builder(key: ""))
        let keys = Self.keys(transport)
        #expect(keys.count == 4)
        #expect(Set(keys).count == 4)
        #expect(keys[2] == "order-17")
    }

    @Test func aPostWithoutAKeyOrWithThePolicyOffIsSentOnce() async {
        for (builder, policy) in [
            (RequestBuilder(operationID: "createCharge", method: "POST", path: "/charges"), Fixture.quick),
            (Self.builder(), { var policy = Fixture.quick; policy.retriesRequestsWithIdempotencyKeys = false; return policy }()),
        ] {
            let transport = ScriptedTransport(status: 503)
            let client = Fixture.client(transport, retryPolicy: policy)
            let result = await outcome { () async throws(APIClientError) in try await client.send(builder) }
            #expect(result.failure == nil)
            #expect(transport.requests.count == 1)
        }
    }

    @Test func theKeyHeaderMayHaveAnotherName() async throws {
        let transport = ScriptedTransport([.respond(.status(500)), .respond(.status(200))])
        var builder = RequestBuilder(operationID: "createPayment", method: "POST", path: "/payments")
        builder.setIdempotencyKey(nil, header: "X-Request-Id")
        _ = try await Fixture.client(transport, retryPolicy: Fixture.quick).send(builder)
        let ids = transport.requests.map { $0.value(forHeader: "X-Request-Id") }
        #expect(ids.count == 2)
        #expect(ids[0] != nil && ids[0] == ids[1])
    }
}
