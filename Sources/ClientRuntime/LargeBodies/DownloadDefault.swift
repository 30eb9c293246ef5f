public import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient.HTTPTransport {
    /// The download path of a transport without one of its own: the body
    /// comes through ``APIClient/HTTPTransport/stream(_:body:)`` and is
    /// written chunk by chunk, so memory stays as flat as that path keeps it.
    public func download(
        _ request: APIClient.HTTPRequest, to file: URL,
        progress: (@Sendable (_ written: Int64, _ expected: Int64?) -> Void)?
    ) async throws -> APIClient.HTTPResponse {
        let response = try await stream(request, body: nil)
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            response.body.cancel()
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        let expected = response.value(forHeader: "Content-Length").flatMap { Int64($0) }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var written: Int64 = 0
        do {
            for try await chunk in response.body {
                try handle.write(contentsOf: chunk)
                written += Int64(chunk.count)
                progress?(written, expected)
            }
        } catch {
            response.body.cancel()
            throw error
        }
        return response.head
    }
}
