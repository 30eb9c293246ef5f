import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// Sends a call whose answer is a stream of events (server-sent events,
    /// JSON Lines or a JSON text sequence) and returns its events, each
    /// turned into an `Event` by `decode` as it arrives.
    ///
    /// The request is prepared as every call's is (credentials, redaction,
    /// the host and plain-http rules) and asks for `format` in `Accept`,
    /// unless it names the media type the spec documents.
    /// Until the response's status arrives, 429, 5xx and broken connections
    /// are retried as the ``RetryPolicy`` allows, and so is a connection that
    /// breaks before the first event; never once an event was delivered. A
    /// status other than 2xx is ``APIClientError/unexpectedStatus(_:)`` with
    /// its body (the first megabyte) decoded by `documentedError`; a 2xx in
    /// another media type than `format`'s is a decoding error.
    ///
    /// - Parameters:
    ///   - endMarker: Data that ends the stream (OpenAI's `[DONE]`), if any.
    ///   - documentedError: Decodes an error status's body as documented.
    ///   - decode: Turns an event into the call's event type, or nil to skip
    ///     it; a generated union switches on ``ServerSentEvent/event`` here
    ///     and decodes each name's case with ``ServerSentEvent/decode(_:)``.
    func events<Event: Sendable>(
        _ builder: RequestBuilder, format: EventStreamFormat, endMarker: String? = nil,
        documentedError: (@Sendable (Exchange) -> DocumentedErrorBody?)? = nil,
        decode: @escaping @Sendable (ServerSentEvent) throws -> Event?
    ) async throws(APIClientError) -> EventStream<Event> {
        var builder = builder
        if !builder.hasHeader("Accept") { builder.setHeader("Accept", format.mediaType) }
        let request = try await prepare(builder)
        let body = builder.bodySource
        let operationID = builder.operationID
        let idempotent = builder.isIdempotent
        let start: @Sendable () async throws(APIClientError) -> StreamingExchange = {
            [self] () throws(APIClientError) in
            let exchange = try await sendStreaming(
                request, body: body, operationID: operationID, idempotent: idempotent)
            try await checkEventStream(exchange, format: format, documentedError: documentedError)
            return exchange
        }
        let exchange = try await start()
        let policy = configuration.retryPolicy
        let repeatable = isRepeatable(request, idempotent: idempotent)
        let reconnect: EventStream<Event>.Reconnect = { (attemptsSoFar: Int) throws(APIClientError) in
            guard repeatable, attemptsSoFar < policy.maximumAttempts else { return nil }
            do {
                try await Task.sleep(for: policy.backoff(after: attemptsSoFar))
            } catch {
                throw .cancelled
            }
            var next = try await start()
            next.attempts += attemptsSoFar
            return next
        }
        return EventStream(
            exchange: exchange, format: format, endMarker: endMarker, decode: decode, reconnect: reconnect)
    }

    /// The events of a streaming call, each event's data decoded as JSON of
    /// type `Event`; see ``events(_:format:endMarker:documentedError:decode:)``.
    func events<Event: Decodable & Sendable>(
        _ builder: RequestBuilder, format: EventStreamFormat, as type: Event.Type, endMarker: String? = nil,
        documentedError: (@Sendable (Exchange) -> DocumentedErrorBody?)? = nil
    ) async throws(APIClientError) -> EventStream<Event> {
        try await events(builder, format: format, endMarker: endMarker, documentedError: documentedError) {
            try $0.decode(Event.self)
        }
    }

    /// Throws unless a streaming answer is a 2xx in the format's media type
    /// (or of no stated type).
    func checkEventStream(
        _ exchange: StreamingExchange, format: EventStreamFormat,
        documentedError: (@Sendable (Exchange) -> DocumentedErrorBody?)?
    ) async throws(APIClientError) {
        guard (200..<300).contains(exchange.statusCode) else {
            let buffered = try await exchange.buffered(limit: 1 << 20)
            throw unexpectedStatus(buffered, documentedBody: documentedError?(buffered))
        }
        guard let type = exchange.response.value(forHeader: "Content-Type") else { return }
        let essence = Self.essence(ofMediaType: type)
        let accepted: [String] =
            switch format {
            case .serverSentEvents: ["text/event-stream"]
            case .jsonLines:
                [
                    "application/jsonl", "application/x-ndjson", "application/x-jsonl", "application/x-jsonlines",
                    "application/jsonlines",
                ]
            case .jsonSequence: ["application/json-seq"]
            }
        guard !accepted.contains(essence) else { return }
        let buffered = try await exchange.buffered(limit: 1 << 20)
        try requireMediaType(buffered, accepted[0])
    }
}
