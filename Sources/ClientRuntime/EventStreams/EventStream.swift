import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// The events of a streaming call, decoded as they arrive.
    ///
    /// ```swift
    /// for try await chunk in try await client.createChatCompletionStream(request) {
    ///     print(chunk.choices.first?.delta.content ?? "", terminator: "")
    /// }
    /// ```
    ///
    /// Iterate it once. It ends at the end of the stream, or at its end
    /// marker (OpenAI's `data: [DONE]`); comments and keep-alives never show.
    /// A failure ends it with an ``APIClientError``: `.transport` when the
    /// connection breaks, `.decoding` when an event is not what the API
    /// description says, `.cancelled` when the iterating task is cancelled,
    /// which also stops the transfer. Until the first event arrives, a
    /// broken connection is retried as the ``RetryPolicy`` allows for the
    /// call; once an event was delivered, never.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct EventStream<Event: Sendable>: AsyncSequence, Sendable {
        /// A decoded event.
        public typealias Element = Event
        /// What ends the sequence early.
        public typealias Failure = APIClientError
        /// Sends the call again; nil when the retry policy allows no more attempts.
        typealias Reconnect = @Sendable (_ attemptsSoFar: Int) async throws(APIClientError) -> StreamingExchange?

        let exchange: StreamingExchange
        let format: EventStreamFormat
        let endMarker: String?
        let decode: @Sendable (ServerSentEvent) throws -> Event?
        let reconnect: Reconnect?

        init(
            exchange: StreamingExchange, format: EventStreamFormat, endMarker: String?,
            decode: @escaping @Sendable (ServerSentEvent) throws -> Event?, reconnect: Reconnect?
        ) {
            self.exchange = exchange
            self.format = format
            self.endMarker = endMarker
            self.decode = decode
            self.reconnect = reconnect
        }

        /// The events of a streaming response already received (from a
        /// transport of the app's own, say): each event is turned into an
        /// `Event` by `decode` (nil skips it), and an event whose data is
        /// `endMarker` ends the sequence.
        public init(
            _ response: StreamingResponse, format: EventStreamFormat, operationID: String = "stream",
            endMarker: String? = nil, decode: @escaping @Sendable (ServerSentEvent) throws -> Event?
        ) {
            self.init(
                exchange: StreamingExchange(response: response, operationID: operationID, attempts: 1),
                format: format, endMarker: endMarker, decode: decode, reconnect: nil)
        }

        /// Starts reading.
        public func makeAsyncIterator() -> Iterator {
            Iterator(stream: self)
        }

        /// Reads the events in order.
        @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
        nonisolated public struct Iterator: AsyncIteratorProtocol {
            /// A decoded event.
            public typealias Element = Event
            /// What ends the sequence early.
            public typealias Failure = APIClientError

            private let stream: EventStream
            private var exchange: StreamingExchange
            private var chunks: ByteChunks.Iterator
            private var framer: EventFramer
            private var pending: [ServerSentEvent] = []
            private var nextPending = 0
            private var delivered = 0
            private var ended = false
            private var finishedBody = false

            init(stream: EventStream) {
                self.stream = stream
                self.exchange = stream.exchange
                self.chunks = stream.exchange.response.body.makeAsyncIterator()
                self.framer = EventFramer(stream.format)
            }

            /// The next event; nil at the end of the stream or its end marker.
            public mutating func next() async throws(APIClientError) -> Event? {
                while !ended {
                    if nextPending < pending.count {
                        let event = pending[nextPending]
                        nextPending += 1
                        if let marker = stream.endMarker, event.data == marker {
                            end()
                            return nil
                        }
                        do {
                            guard let decoded = try stream.decode(event) else { continue }
                            delivered += 1
                            return decoded
                        } catch {
                            end()
                            throw .decoding(
                                .init(
                                    operationID: exchange.operationID, statusCode: exchange.statusCode,
                                    message: "event \(delivered + 1) (\(event.event)): " + APIClient.explain(error),
                                    body: Data(event.data.utf8)))
                        }
                    }
                    if finishedBody {
                        ended = true
                        return nil
                    }
                    try await read()
                }
                return nil
            }

            /// Reads the next chunk into events, or the end of the body; a
            /// broken connection before the first event sends the call again
            /// when the policy allows.
            private mutating func read() async throws(APIClientError) {
                pending.removeAll(keepingCapacity: true)
                nextPending = 0
                do {
                    if let chunk = try await chunks.next() {
                        pending = try framer.parse(chunk)
                    } else {
                        pending = framer.finish()
                        finishedBody = true
                    }
                } catch let error as DecodingError {
                    end()
                    throw .decoding(
                        .init(
                            operationID: exchange.operationID, statusCode: exchange.statusCode,
                            message: APIClient.explain(error)))
                } catch {
                    let failure = APIClient.classify(
                        error, operationID: exchange.operationID, attempts: exchange.attempts)
                    if case .transport = failure, delivered == 0, let reconnect = stream.reconnect {
                        let fresh: StreamingExchange?
                        do {
                            fresh = try await reconnect(exchange.attempts)
                        } catch {
                            ended = true
                            throw error
                        }
                        if let fresh {
                            exchange = fresh
                            chunks = fresh.response.body.makeAsyncIterator()
                            framer = EventFramer(stream.format)
                            return
                        }
                    }
                    end()
                    throw failure
                }
            }

            /// Ends the sequence, and the transfer if it still runs.
            private mutating func end() {
                ended = true
                exchange.response.body.cancel()
            }
        }
    }
}
