import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// A response whose status and headers have arrived, and whose body
    /// arrives in chunks (``ByteChunks``) while the caller reads it.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct StreamingResponse: Sendable {
        /// The HTTP status code.
        public var statusCode: Int
        /// Header names as received; look them up with ``value(forHeader:)``.
        public var headers: [String: String]
        /// The body, read once.
        public var body: ByteChunks

        /// Creates a response (a test double's, say).
        public init(statusCode: Int, headers: [String: String] = [:], body: ByteChunks) {
            self.statusCode = statusCode
            self.headers = headers
            self.body = body
        }

        /// A header's value, matched without regard to case.
        public func value(forHeader name: String) -> String? {
            HTTPHeader.value(named: name, in: headers)
        }

        /// The status and headers as an ``HTTPResponse`` with no body, as
        /// ``APIClient/withResponse(_:)`` records them; printed, its
        /// credential headers are redacted.
        public var head: HTTPResponse {
            HTTPResponse(statusCode: statusCode, headers: headers)
        }

        /// The whole response, its body read into memory (at most `limit` bytes).
        public func collected(upTo limit: Int = .max) async throws -> HTTPResponse {
            HTTPResponse(statusCode: statusCode, headers: headers, body: try await body.collect(upTo: limit))
        }
    }
}
