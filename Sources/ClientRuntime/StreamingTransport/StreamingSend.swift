import Foundation

/// A streaming response, the operation it answers, and how many attempts
/// it took: what a streaming call reads its events or its file from.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated struct StreamingExchange: Sendable {
    var response: APIClient.StreamingResponse
    /// The operation's identifier in the API description, which errors carry.
    var operationID: String
    var attempts: Int
    /// The URL the request went to; nil for a response the app made.
    var url: URL? = nil

    var statusCode: Int { response.statusCode }

    /// The whole response, read into memory: an error status's body, which
    /// errors carry, is read up to `limit` bytes and cut there.
    func buffered(limit: Int = .max) async throws(APIClientError) -> Exchange {
        var body = Data()
        do {
            for try await chunk in response.body {
                body.append(chunk.prefix(limit - body.count))
                if body.count >= limit {
                    response.body.cancel()
                    break
                }
            }
        } catch {
            throw APIClient.classify(error, operationID: operationID, attempts: attempts)
        }
        return Exchange(
            response: APIClient.HTTPResponse(statusCode: statusCode, headers: response.headers, body: body),
            operationID: operationID, attempts: attempts, url: url)
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// Authenticates and sends a request as every call does (credentials,
    /// redaction, the host and plain-http rules), its body streamed from disk
    /// when the builder has a ``BodySource``, and returns as soon as an
    /// answer worth returning arrives: 429 and 5xx answers and failed
    /// connections are retried as the ``RetryPolicy`` allows, before any byte
    /// of the body is handed on; never after.
    func sendStreaming(_ builder: RequestBuilder) async throws(APIClientError) -> StreamingExchange {
        let request = try await prepare(builder)
        return try await sendStreaming(
            request, body: builder.bodySource, operationID: builder.operationID, idempotent: builder.isIdempotent)
    }

    /// Sends a prepared request on the transport's streaming path, with the
    /// retries of ``sendStreaming(_:)``.
    func sendStreaming(_ request: HTTPRequest, body: BodySource?, operationID: String, idempotent: Bool)
        async throws(APIClientError) -> StreamingExchange
    {
        let (response, attempts) = try await withRetries(
            request, operationID: operationID, idempotent: idempotent,
            send: { try await transport.stream($0, body: body) },
            status: { ($0.statusCode, $0.value(forHeader: "Retry-After")) }, discard: { $0.body.cancel() })
        await recorder?.record(response.head)
        return StreamingExchange(response: response, operationID: operationID, attempts: attempts, url: request.url)
    }

    /// Sends a request whose body streams from disk (an upload) and reads
    /// the answer whole, as ``send(_:)`` does for other calls.
    func sendCollecting(_ builder: RequestBuilder) async throws(APIClientError) -> Exchange {
        let exchange = try await sendStreaming(builder)
        let collected = try await exchange.buffered()
        await recorder?.record(collected.response)
        return collected
    }
}
