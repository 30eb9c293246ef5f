public import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// How far a download to a file has come.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct DownloadProgress: Sendable, Hashable {
        /// Bytes written to the file so far.
        public var bytesWritten: Int64
        /// The body's size, when the server said (`Content-Length`).
        public var expectedBytes: Int64?

        /// Creates a progress report.
        public init(bytesWritten: Int64, expectedBytes: Int64?) {
            self.bytesWritten = bytesWritten
            self.expectedBytes = expectedBytes
        }

        /// From 0 to 1, when the size is known.
        public var fractionCompleted: Double? {
            expectedBytes.map { $0 > 0 ? min(1, Double(bytesWritten) / Double($0)) : 1 }
        }
    }

    /// Downloads the bytes at `url` into the file `destination`, chunk by
    /// chunk, so that a file of any size never sits in memory, and calls
    /// `progress` after each chunk. Like ``download(_:)-(URL)``, it carries
    /// neither credentials nor the configuration's additional headers.
    ///
    /// The body goes to a temporary file beside `destination`, which
    /// replaces `destination` (if any) only once the whole body arrived; a
    /// failure or a cancellation leaves `destination` as it was.
    ///
    /// - Returns: `destination`.
    @concurrent public func download(
        _ url: URL, to destination: URL, progress: (@Sendable (DownloadProgress) -> Void)? = nil
    ) async throws(APIClientError) -> URL {
        let request = HTTPRequest(
            method: "GET", url: url, headers: [HTTPHeader(name: "Accept", value: "*/*")], body: nil,
            timeout: configuration.timeout)
        let exchange = try await sendStreaming(request, body: nil, operationID: "download", idempotent: false)
        _ = try await write(exchange, to: destination, documentedError: nil, progress: progress)
        return destination
    }

    /// Sends a call whose answer is a file, and writes its body into
    /// `destination` as ``download(_:to:progress:)`` does; the request is
    /// prepared as every call's (credentials, the host and plain-http rules).
    /// A status other than 2xx is ``APIClientError/unexpectedStatus(_:)``
    /// with the first megabyte of its body, decoded by `documentedError`.
    ///
    /// - Returns: The response's status and headers (its body is the file).
    func download(
        _ builder: RequestBuilder, to destination: URL,
        documentedError: ((Exchange) -> DocumentedErrorBody?)? = nil,
        progress: (@Sendable (DownloadProgress) -> Void)? = nil
    ) async throws(APIClientError) -> HTTPResponse {
        let exchange = try await sendStreaming(builder)
        return try await write(exchange, to: destination, documentedError: documentedError, progress: progress)
    }

    /// Writes a streaming answer's body into `destination`, or throws its error status.
    private func write(
        _ exchange: StreamingExchange, to destination: URL, documentedError: ((Exchange) -> DocumentedErrorBody?)?,
        progress: (@Sendable (DownloadProgress) -> Void)?
    ) async throws(APIClientError) -> HTTPResponse {
        guard (200..<300).contains(exchange.statusCode) else {
            let buffered = try await exchange.buffered(limit: 1 << 20)
            throw unexpectedStatus(buffered, documentedBody: documentedError?(buffered))
        }
        let folder = destination.deletingLastPathComponent()
        let partial = folder.appendingPathComponent(
            "." + destination.lastPathComponent + ".download-" + UUID().uuidString.lowercased())
        func cannotWrite(_ error: any Error) -> APIClientError {
            .invalidRequest(reason: "cannot write \(destination.path): \(error.localizedDescription)")
        }
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            exchange.response.body.cancel()
            throw cannotWrite(CocoaError(.fileWriteUnknown))
        }
        let expected = exchange.response.value(forHeader: "Content-Length").flatMap { Int64($0) }
        var written: Int64 = 0
        do {
            let file = try FileHandle(forWritingTo: partial)
            defer { try? file.close() }
            var chunks = exchange.response.body.makeAsyncIterator()
            while true {
                let chunk: Data?
                do {
                    chunk = try await chunks.next()
                } catch {
                    throw APIClient.classify(error, operationID: exchange.operationID, attempts: exchange.attempts)
                }
                guard let chunk else { break }
                do {
                    try file.write(contentsOf: chunk)
                } catch {
                    exchange.response.body.cancel()
                    throw cannotWrite(error)
                }
                written += Int64(chunk.count)
                progress?(DownloadProgress(bytesWritten: written, expectedBytes: expected))
            }
            do {
                try file.synchronize()
                if FileManager.default.fileExists(atPath: destination.path) {
                    try FileManager.default.removeItem(at: destination)
                }
                try FileManager.default.moveItem(at: partial, to: destination)
            } catch {
                throw cannotWrite(error)
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error as? APIClientError ?? cannotWrite(error)
        }
        return exchange.response.head
    }
}
