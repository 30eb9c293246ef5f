public import Foundation

// What a generated client writes beside the runtime, in the same module, for
// the two calls the benchmark makes: the runtime's own folders are links to
// the main package's Sources/ClientRuntime (keep one link per folder there).

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// `GET /bytes?n=count`, its body written to `destination`.
    public func downloadBytes(_ count: Int, to destination: URL) async throws(APIClientError) -> HTTPResponse {
        var builder = RequestBuilder(operationID: "downloadBytes", method: "GET", path: "/bytes")
        builder.addQuery("n", count)
        builder.setHeader("Accept", "application/octet-stream")
        return try await download(builder, to: destination)
    }

    /// `POST /upload`, a multipart form of a text part and `file`, read from disk.
    public func uploadFile(_ file: URL) async throws(APIClientError) -> Data {
        let upload: FileUpload
        do {
            upload = try FileUpload(contentsOf: file, contentType: "application/octet-stream")
        } catch {
            throw .invalidRequest(reason: "cannot read \(file.path): \(error)")
        }
        var form = StreamingMultipartForm()
        form.append("benchmark", name: "purpose")
        form.append(upload, name: "file")
        var builder = RequestBuilder(operationID: "uploadFile", method: "POST", path: "/upload")
        builder.setMultipartBody(form, boundary: configuration.makeBoundary())
        return try await send(builder).body
    }
}
