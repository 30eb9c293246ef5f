import Foundation
@testable import ClientRuntime
import Testing

/// Streaming calls: typed events as they arrive, end markers, union cases
/// by event name, failures mid-stream, retries only before the first event,
/// cancellation, and the rules every call follows.
struct EventStreamTests {
    static func builder(_ method: String = "POST") -> RequestBuilder {
        RequestBuilder(operationID: "createChatCompletion", method: method, path: "/chat/completions")
    }

    @Test func eventsAreDecodedInOrderAndTheEndMarkerEndsTheStreamAndTheTransfer() async throws {
        let body = FedBody(
            [
                ": keep-alive\n\ndata: {\"text\": \"Hel\"}\n\n", "data: {\"text\"", ": \"lo\"}\n\n", "data: [DONE]\n\n",
                "data: {\"text\": \"after the end\"}\n\n",
            ], end: .open)
        let stub = streamingStub([answer(body)])
        let client = Fixture.client(stub)
        let stream = try await client.events(
            Self.builder(), format: .serverSentEvents, as: Chunk.self, endMarker: "[DONE]")
        let (chunks, error) = await drain(stream)
        #expect(chunks == [Chunk(text: "Hel"), Chunk(text: "lo")])
        #expect(error == nil)
        #expect(body.wasStopped)
        let request = try #require(await stub.requests.first)
        #expect(request.value(forHeader: "Accept") == "text/event-stream")
        #expect(request.value(forHeader: "Api-Key") == Fixture.apiKey)
    }

    /// A generated union decodes each event as the case its `event:` name
    /// maps to, and skips names it does not know.
    @Test func eventNamesMapToUnionCasesThroughTheCallsClosure() async throws {
        enum ResponseEvent: Equatable, Sendable {
            case created(Chunk)
            case delta(Chunk)
        }
        let body = FedBody([
            "event: response.created\ndata: {\"text\": \"a\"}\n\n", "event: response.unknown\ndata: {}\n\n",
            "event: response.output_text.delta\ndata: {\"text\": \"b\"}\n\n",
        ])
        let client = Fixture.client(streamingStub([answer(body)]))
        let stream = try await client.events(Self.builder(), format: .serverSentEvents) { event in
            switch event.event {
            case "response.created": ResponseEvent.created(try event.decode(Chunk.self))
            case "response.output_text.delta": ResponseEvent.delta(try event.decode(Chunk.self))
            default: nil
            }
        }
        let (events, error) = await drain(stream)
        #expect(events == [.created(Chunk(text: "a")), .delta(Chunk(text: "b"))])
        #expect(error == nil)
    }

    @Test(arguments: [
        (APIClient.EventStreamFormat.jsonLines, "application/x-ndjson", "{\"text\": \"a\"}\n{\"text\"", ": \"b\"}\n"),
        (.jsonSequence, "application/json-seq", "\u{1E}{\"text\": \"a\"}\n\u{1E}", "{\"text\": \"b\"}\n"),
    ])
    func lineFormatsDecodeOneValuePerRecord(format: APIClient.EventStreamFormat, type: String, first: String, second: String)
        async throws
    {
        let body = FedBody([first, second])
        let stub = streamingStub([answer(status: 200, headers: ["Content-Type": type], body)])
        let stream = try await Fixture.client(stub).events(Self.builder(), format: format, as: Chunk.self)
        let (chunks, error) = await drain(stream)
        #expect(chunks == [Chunk(text: "a"), Chunk(text: "b")])
        #expect(error == nil)
        #expect(await stub.requests.first?.value(forHeader: "Accept") == format.mediaType)
    }

    /// A connection lost after an event was delivered ends the sequence with
    /// the typed error, and the call is not sent again, even where the
    /// policy retries everything.
    @Test func aFailureAfterTheFirstEventEndsTheStreamAndIsNeverRetried() async throws {
        let first = FedBody(["data: {\"text\": \"a\"}\n\n", "data: {\"te"], end: .fail(URLError(.networkConnectionLost)))
        let second = FedBody(["data: {\"text\": \"again\"}\n\n"])
        let stub = streamingStub([answer(first), answer(second)])
        let client = Fixture.client(stub, retryPolicy: Fixture.quick) { $0.retryPolicy.retriesServerErrorsOnUnsafeMethods = true }
        let stream = try await client.events(Self.builder("GET"), format: .serverSentEvents, as: Chunk.self)
        let (chunks, error) = await drain(stream)
        #expect(chunks == [Chunk(text: "a")])
        #expect(error?.transportFailure?.urlErrorCode == URLError.Code.networkConnectionLost.rawValue)
        #expect(await stub.requests.count == 1)
    }

    /// Before the first event, a lost connection is retried as the policy
    /// allows the method: a GET is sent again, a POST is not.
    @Test func aFailureBeforeTheFirstEventIsRetriedWhenTheMethodMayBeRepeated() async throws {
        for (method, attempts) in [("GET", 2), ("POST", 1)] {
            let first = FedBody([": hello\n\n", "data: {\"te"], end: .fail(URLError(.networkConnectionLost)))
            let second = FedBody(["data: {\"text\": \"again\"}\n\n"])
            let stub = streamingStub([answer(first), answer(second)])
            let client = Fixture.client(stub, retryPolicy: Fixture.quick)
            let stream = try await client.events(Self.builder(method), format: .serverSentEvents, as: Chunk.self)
            let (chunks, error) = await drain(stream)
            #expect(await stub.requests.count == attempts, "\(method)")
            if method == "GET" {
                #expect(chunks == [Chunk(text: "again")])
                #expect(error == nil)
            } else {
                #expect(chunks.isEmpty)
                #expect(error?.transportFailure != nil)
            }
        }
    }

    @Test func aServerErrorBeforeTheStreamIsRetriedAndItsBodyLetGo() async throws {
        let failed = FedBody(["{\"error\": \"overloaded\"}"], end: .open)
        let good = FedBody(["data: {\"text\": \"ok\"}\n\n"])
        let stub = streamingStub([answer(status: 503, headers: ["Content-Type": "application/json"], failed), answer(good)])
        let client = Fixture.client(stub, retryPolicy: Fixture.quick)
        let stream = try await client.events(Self.builder("GET"), format: .serverSentEvents, as: Chunk.self)
        #expect(await drain(stream).elements == [Chunk(text: "ok")])
        #expect(await stub.requests.count == 2)
        #expect(failed.wasStopped)
    }

    @Test func anErrorStatusIsUnexpectedStatusWithItsBodyDecodedAsDocumented() async {
        let body = FedBody(["{\"error\": {\"message\": \"Incorrect API key\"}}"])
        let client = Fixture.client(streamingStub([answer(status: 401, headers: ["Content-Type": "application/json"], body)]))
        let result = await outcome { () async throws(APIClientError) in
            try await client.events(
                Self.builder(), format: .serverSentEvents, as: Chunk.self,
                documentedError: { client.decodeDocumented($0, as: DocumentedErrorBody.json) })
        }
        let failure = result.failure?.unexpectedStatusFailure
        #expect(failure?.statusCode == 401)
        #expect(failure?.serverMessage == "Incorrect API key")
        #expect(failure?.documentedBody == .json(["error": ["message": "Incorrect API key"]]))
    }

    @Test func aSuccessInAnotherMediaTypeIsADecodingErrorThatSaysSo() async {
        let body = FedBody(["{\"text\": \"not streamed\"}"])
        let client = Fixture.client(streamingStub([answer(status: 200, headers: ["Content-Type": "application/json"], body)]))
        let result = await outcome { () async throws(APIClientError) in
            try await client.events(Self.builder(), format: .serverSentEvents, as: Chunk.self)
        }
        guard case .decoding(let failure)? = result.failure else {
            Issue.record("expected a decoding error, got \(result)")
            return
        }
        #expect(failure.message.contains("'application/json'"))
        #expect(failure.body.text == "{\"text\": \"not streamed\"}")
    }

    @Test func anEventThatDoesNotDecodeEndsTheStreamWithADecodingError() async throws {
        let body = FedBody(["data: {\"text\": \"a\"}\n\ndata: {\"txt\": 1}\n\ndata: {\"text\": \"c\"}\n\n"], end: .open)
        let client = Fixture.client(streamingStub([answer(body)]))
        let stream = try await client.events(Self.builder(), format: .serverSentEvents, as: Chunk.self)
        var iterator = stream.makeAsyncIterator()
        #expect(try await iterator.next() == Chunk(text: "a"))
        let result = await outcome { () async throws(APIClientError) in try await iterator.next() }
        guard case .decoding(let failure)? = result.failure else {
            Issue.record("expected a decoding error, got \(result)")
            return
        }
        #expect(failure.message.contains("text is missing"), "\(failure.message)")
        #expect(failure.body.text == "{\"txt\": 1}")
        #expect(try await iterator.next() == nil)
        #expect(body.wasStopped)
    }

    /// Cancelling the task that reads the events stops the transfer, and
    /// the sequence ends with `cancelled` (never as if the stream were whole).
    @Test func cancellingTheReadingTaskStopsTheTransfer() async throws {
        let body = FedBody(["data: {\"text\": \"a\"}\n\n"], end: .open)
        let client = Fixture.client(streamingStub([answer(body)]))
        let stream = try await client.events(Self.builder(), format: .serverSentEvents, as: Chunk.self)
        let (firstRead, firstReadContinuation) = AsyncStream<Void>.makeStream()
        let reader = Task {
            var iterator = stream.makeAsyncIterator()
            var seen: [Chunk] = []
            do throws(APIClientError) {
                while let chunk = try await iterator.next() {
                    seen.append(chunk)
                    firstReadContinuation.yield()
                }
                return (seen, APIClientError?.none)
            } catch {
                return (seen, Optional(error))
            }
        }
        var waiting = firstRead.makeAsyncIterator()
        await waiting.next()
        reader.cancel()
        let (seen, error) = await reader.value
        #expect(seen == [Chunk(text: "a")])
        #expect(error?.isCancelled == true)
        await body.waitUntilStopped()
    }

    /// The request is prepared as every call's: no credential over plain
    /// http to another machine, redaction in every printout.
    @Test func theRulesOfEveryCallHold() async throws {
        let stub = streamingStub([answer(FedBody(["data: {\"text\": \"a\"}\n\n"]))])
        let insecure = Fixture.client(stub, baseURL: "http://api.example.com")
        let refused = await outcome { () async throws(APIClientError) in
            try await insecure.events(Self.builder(), format: .serverSentEvents, as: Chunk.self)
        }
        #expect(refused.failure?.invalidRequestReason?.contains("plain http://") == true)
        #expect(await stub.requests.isEmpty)

        let client = Fixture.client(stub)
        let (stream, response) = try await client.withResponse { client in
            try await client.events(Self.builder(), format: .serverSentEvents, as: Chunk.self)
        }
        #expect(response.statusCode == 200)
        #expect(await drain(stream).elements == [Chunk(text: "a")])
        let request = try #require(await stub.requests.first)
        for printed in [String(describing: request), String(reflecting: request)] {
            #expect(!printed.contains(Fixture.apiKey))
            #expect(printed.contains("<redacted>"))
        }
    }
}
