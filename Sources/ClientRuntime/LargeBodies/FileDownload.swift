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

    /// Downloads the bytes at `url` into the file `destination` as they
    /// arrive, so that a file of any size never sits in memory, calling
    /// `progress` as they do. Like `download(_:)`, it carries neither
    /// credentials nor the configuration's additional headers, and retries
    /// as any GET.
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
        _ = try await download(
            request, operationID: "download", idempotent: false, to: destination, documentedError: nil,
            progress: progress)
        return destination
    }

    /// Sends a call whose answer is a file, and writes its body into
    /// `destination` as ``download(_:to:progress:)`` does; the request is
    /// prepared as every call's (credentials, the host and plain-http rules)
    /// and retried as the ``RetryPolicy`` allows. A status other than 2xx
    /// is ``APIClientError/unexpectedStatus(_:)`` with the first megabyte of
    /// its body, decoded by `documentedError`.
    ///
    /// - Returns: The response's status and headers (its body is the file).
    func download(
        _ builder: RequestBuilder, to destination: URL,
        documentedError: ((Exchange) -> DocumentedErrorBody?)? = nil,
        progress: (@Sendable (DownloadProgress) -> Void)? = nil
    ) async throws(APIClientError) -> HTTPResponse {
        let request = try await prepare(builder)
        return try await download(
            request, operationID: builder.operationID, idempotent: builder.isIdempotent, to: destination,
            documentedError: documentedError, progress: progress)
    }

    /// Downloads a prepared request's body through the transport into a
    /// file beside `destination`, then moves it there, or throws its error.
    private func download(
        _ request: HTTPRequest, operationID: String, idempotent: Bool, to destination: URL,
        documentedError: ((Exchange) -> DocumentedErrorBody?)?, progress: (@Sendable (DownloadProgress) -> Void)?
    ) async throws(APIClientError) -> HTTPResponse {
        let partial = destination.deletingLastPathComponent().appendingPathComponent(
            "." + destination.lastPathComponent + ".download-" + UUID().uuidString.lowercased())
        defer { try? FileManager.default.removeItem(at: partial) }
        let report = progress.map { progress in
            { @Sendable (written: Int64, expected: Int64?) in
                progress(DownloadProgress(bytesWritten: written, expectedBytes: expected))
            }
        }
        let (head, attempts) = try await withRetries(
            request, operationID: operationID, idempotent: idempotent,
            send: { try await transport.download($0, to: partial, progress: report) },
            status: { ($0.statusCode, $0.value(forHeader: "Retry-After")) },
            discard: { _ in try? FileManager.default.removeItem(at: partial) })
        await recorder?.record(head)
        guard (200..<300).contains(head.statusCode) else {
            let handle = try? FileHandle(forReadingFrom: partial)
            let body = (try? handle?.read(upToCount: 1 << 20)) ?? Data()
            try? handle?.close()
            let exchange = Exchange(
                response: HTTPResponse(statusCode: head.statusCode, headers: head.headers, body: body),
                operationID: operationID, attempts: attempts, url: request.url)
            throw unexpectedStatus(exchange, documentedBody: documentedError?(exchange))
        }
        do {
            if FileManager.default.fileExists(atPath: destination.path) {
                try FileManager.default.removeItem(at: destination)
            }
            try FileManager.default.moveItem(at: partial, to: destination)
        } catch {
            throw .invalidRequest(reason: "cannot write \(destination.path): \(error.localizedDescription)")
        }
        return head
    }
}
