import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// A transport that never touches the network and answers with
    /// streaming responses a test feeds by hand: events one at a time, a
    /// failure mid-stream, a stream the reader cancels.
    ///
    /// ```swift
    /// let (body, feed) = APIClient.ByteChunks.makeStream()
    /// let stub = APIClient.StreamingStubTransport { _, _ in
    ///     APIClient.StreamingResponse(statusCode: 200, headers: ["Content-Type": "text/event-stream"], body: body)
    /// }
    /// feed.yield(Data("data: {\"text\": \"Hi\"}\n\n".utf8))
    /// ```
    ///
    /// Its buffered path (`send`) streams too, then reads the body whole.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    public actor StreamingStubTransport: HTTPTransport {
        /// What answers each request: the request, and the body read from
        /// disk when the call streams one.
        public typealias Responder = @Sendable (HTTPRequest, BodySource?) async throws -> StreamingResponse

        private let respond: Responder
        /// Every request sent so far, in order.
        public private(set) var requests: [HTTPRequest] = []
        /// The streamed body of each request, in order (nil where it had none).
        public private(set) var bodies: [BodySource?] = []

        /// A stub that answers with `respond`.
        public init(_ respond: @escaping Responder) {
            self.respond = respond
        }

        /// Records the request and answers it.
        public func stream(_ request: HTTPRequest, body: BodySource?) async throws -> StreamingResponse {
            requests.append(request)
            bodies.append(body)
            return try await respond(request, body)
        }

        /// Records the request and answers it, the body read whole.
        public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            try await stream(request, body: nil).collected()
        }
    }
}
