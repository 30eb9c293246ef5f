import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient.HTTPTransport {
    /// The streaming path of a transport that only buffers: the request
    /// (its ``APIClient/BodySource`` read whole into memory) goes through
    /// ``APIClient/HTTPTransport/send(_:)``, and the whole body comes back
    /// as one chunk. It works everywhere (``APIClient/StubTransport``, a
    /// recorder), without the flat memory of a transport that streams.
    public func stream(_ request: APIClient.HTTPRequest, body: APIClient.BodySource?) async throws
        -> APIClient.StreamingResponse
    {
        var request = request
        if let body {
            var data = Data()
            for try await chunk in body.chunks() { data.append(chunk) }
            request.body = data
        }
        let response = try await send(request)
        return APIClient.StreamingResponse(
            statusCode: response.statusCode, headers: response.headers, body: APIClient.ByteChunks(response.body))
    }
}
