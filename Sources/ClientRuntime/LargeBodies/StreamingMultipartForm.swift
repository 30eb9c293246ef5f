import Foundation

/// A multipart/form-data body (RFC 7578) whose file parts stay on disk
/// until they are sent: the same bytes as ``MultipartFormData`` writes,
/// as a ``APIClient/BodySource`` of the parts' headers in memory and each
/// file read in chunks, so a file of any size uploads in flat memory.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated struct StreamingMultipartForm: Sendable {
    enum Content: Sendable {
        case bytes(Data)
        case file(URL)
    }

    struct Part: Sendable {
        var name: String
        var filename: String?
        var contentType: String?
        var content: Content
    }

    private(set) var parts: [Part] = []

    init() {}

    /// The parts of a form, each file on disk read as it is sent.
    init(_ form: MultipartFormData) {
        parts = form.parts.map { part in
            Part(
                name: part.name, filename: part.filename, contentType: part.contentType,
                content: part.file.map(Content.file) ?? .bytes(part.body))
        }
    }

    /// A text part.
    mutating func append(_ value: some TextEncodable, name: String, contentType: String? = nil) {
        parts.append(Part(name: name, contentType: contentType, content: .bytes(Data(value.textValue.utf8))))
    }

    /// A file part from memory.
    mutating func append(_ file: MultipartFile, name: String, contentType: String? = nil) {
        parts.append(
            Part(
                name: name, filename: file.filename, contentType: contentType ?? file.contentType,
                content: .bytes(file.data)))
    }

    /// A file part read from disk as it is sent.
    mutating func append(_ file: APIClient.FileUpload, name: String, contentType: String? = nil) {
        parts.append(
            Part(
                name: name, filename: file.filename, contentType: contentType ?? file.contentType,
                content: .file(file.url)))
    }

    /// A part holding the value as JSON.
    mutating func appendJSON(_ value: some Encodable, name: String, contentType: String? = nil) throws(APIClientError) {
        let data = try JSONCoding.data(value, field: name)
        parts.append(Part(name: name, contentType: contentType ?? "application/json", content: .bytes(data)))
    }

    /// The body, and the boundary used. The boundary is lengthened while it
    /// occurs in a part held in memory; files on disk are not searched (that
    /// would read them twice), which a random boundary of 128 bits makes
    /// safe.
    func encoded(boundary preferred: String) -> (body: APIClient.BodySource, boundary: String) {
        var boundary = preferred
        var generator = SystemRandomNumberGenerator()
        let inMemory = parts.compactMap { part -> Data? in
            if case .bytes(let data) = part.content { return data }
            return nil
        }
        while inMemory.contains(where: { MultipartFormData.occurs(Array(("--" + boundary).utf8), in: $0) }) {
            boundary =
                boundary.count < 70
                ? boundary + String(generator.next(upperBound: UInt8(16)), radix: 16)
                : MultipartFormData.randomBoundary()
        }
        var segments: [APIClient.BodySource.Segment] = []
        var pending = Data()
        for part in parts {
            pending.append(
                MultipartFormData.head(
                    name: part.name, filename: part.filename, contentType: part.contentType, boundary: boundary))
            switch part.content {
            case .bytes(let data):
                pending.append(data)
            case .file(let url):
                segments.append(.bytes(pending))
                segments.append(.file(url))
                pending = Data()
            }
            pending.append(contentsOf: [13, 10])
        }
        pending.append(MultipartFormData.closingDelimiter(boundary))
        segments.append(.bytes(pending))
        return (APIClient.BodySource(segments: segments), boundary)
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension RequestBuilder {
    /// A multipart body whose file parts stream from disk.
    mutating func setMultipartBody(_ form: StreamingMultipartForm, boundary: String) {
        let encoded = form.encoded(boundary: boundary)
        bodySource = encoded.body
        body = nil
        setHeader("Content-Type", "multipart/form-data; boundary=" + encoded.boundary)
    }
}
