public import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// The body of a streaming response: its bytes in chunks, as they arrive.
    ///
    /// Iterate it once. Cancelling the iterating task, or calling
    /// ``cancel()``, stops the transfer; an error the transfer ends with is
    /// thrown by the iterator's `next()`. A transport may hold back the
    /// transfer while chunks wait unread (``URLSessionTransport`` does, past
    /// a few megabytes), so that memory stays flat whatever the body's size.
    ///
    /// A test double makes one with ``makeStream()`` and feeds it by hand:
    ///
    /// ```swift
    /// let (body, feed) = APIClient.ByteChunks.makeStream()
    /// feed.yield(Data("data: hello\n\n".utf8))
    /// feed.finish()
    /// ```
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct ByteChunks: AsyncSequence, Sendable {
        /// A chunk of the body.
        public typealias Element = Data

        private let stream: AsyncThrowingStream<Data, any Error>
        private let consumed: (@Sendable (Int) -> Void)?
        private let stop: (@Sendable () -> Void)?

        /// Chunks from `stream`. `consumed` is told the size of each chunk as
        /// the reader takes it (a transport's flow control); `cancel` stops
        /// the transfer when the reader gives up before the end.
        public init(
            _ stream: AsyncThrowingStream<Data, any Error>, consumed: (@Sendable (Int) -> Void)? = nil,
            cancel: (@Sendable () -> Void)? = nil
        ) {
            self.stream = stream
            self.consumed = consumed
            self.stop = cancel
        }

        /// A body of `data` in one chunk (none when `data` is empty): what a
        /// transport that buffers whole responses streams.
        public init(_ data: Data) {
            self.init(
                AsyncThrowingStream { continuation in
                    if !data.isEmpty { continuation.yield(data) }
                    continuation.finish()
                })
        }

        /// A body and the continuation that feeds it, for a test double or a
        /// transport of another HTTP stack: `yield` each chunk, then `finish()`
        /// (or `finish(throwing:)`). The continuation's `onTermination` says
        /// when the reader stopped early: `.cancelled` when its task was
        /// cancelled, `.finished(CancellationError())` after ``cancel()``.
        public static func makeStream() -> (
            body: ByteChunks, continuation: AsyncThrowingStream<Data, any Error>.Continuation
        ) {
            let (stream, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
            return (ByteChunks(stream, cancel: { continuation.finish(throwing: CancellationError()) }), continuation)
        }

        /// Stops the transfer: for a reader that will not read on (an
        /// unwanted answer that a retry replaces).
        public func cancel() {
            stop?()
        }

        /// Reads every chunk into one `Data`; more than `limit` bytes is an
        /// error (``APIClientError/invalidRequest(reason:)``), so that a
        /// body read whole stays a size the caller chose.
        public func collect(upTo limit: Int = .max) async throws -> Data {
            var data = Data()
            for try await chunk in self {
                guard data.count + chunk.count <= limit else {
                    cancel()
                    throw APIClientError.invalidRequest(reason: "the response body is larger than \(limit) bytes")
                }
                data.append(chunk)
            }
            return data
        }

        /// Starts reading.
        public func makeAsyncIterator() -> Iterator {
            Iterator(reader: ChunkReader(stream), consumed: consumed)
        }

        /// Reads the chunks in order.
        @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
        nonisolated public struct Iterator: AsyncIteratorProtocol {
            let reader: ChunkReader
            let consumed: (@Sendable (Int) -> Void)?

            /// The next chunk; nil at the end of the body. When the reading
            /// task is cancelled, the transfer stops and this throws
            /// `CancellationError`, so that a body cut short never reads as whole.
            public mutating func next() async throws -> Data? {
                guard let chunk = try await reader.next() else {
                    if Task.isCancelled { throw CancellationError() }
                    return nil
                }
                consumed?(chunk.count)
                return chunk
            }
        }
    }
}

/// Holds a stream's iterator, so that a reader on any actor can call it:
/// `AsyncThrowingStream`'s iterator runs off the caller's actor before
/// macOS 15 and its peers (`next(isolation:)`), and may not be sent there.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated final class ChunkReader: @unchecked Sendable {
    // Read by one task at a time, as AsyncThrowingStream asks of its iterator.
    private var iterator: AsyncThrowingStream<Data, any Error>.Iterator

    init(_ stream: AsyncThrowingStream<Data, any Error>) {
        iterator = stream.makeAsyncIterator()
    }

    @concurrent func next() async throws -> Data? {
        try await iterator.next()
    }
}
