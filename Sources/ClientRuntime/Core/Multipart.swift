public import Foundation

/// A file to upload: its bytes, the filename the server sees, and its type.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated public struct MultipartFile: Sendable, Hashable {
    /// The file's bytes.
    public var data: Data
    /// The name the server sees.
    public var filename: String
    /// The part's `Content-Type`.
    public var contentType: String
    #if RUNTIME_LARGE_BODIES
    /// The file the part is read from as it is sent, for a file made with
    /// ``init(streamingContentsOf:filename:contentType:)``; ``data`` is
    /// then empty.
    public internal(set) var fileURL: URL?
    #endif

    /// A file from bytes in memory (a photo from the library, say).
    ///
    /// Without a `contentType`, it is read from the bytes (JPEG, PNG, WebP,
    /// GIF, HEIC, BMP, TIFF, PDF, ZIP), then from the filename's extension,
    /// and is `application/octet-stream` only when neither tells. Without a
    /// `filename`, the file is called `file` with the extension of its type
    /// (`file.png`).
    public init(data: Data, filename: String? = nil, contentType: String? = nil) {
        self.data = data
        let type =
            contentType
            ?? MediaTypes.sniff(data)
            ?? filename.flatMap { MediaTypes.contentType(forExtension: URL(fileURLWithPath: $0).pathExtension) }
            ?? "application/octet-stream"
        self.contentType = type
        self.filename = filename ?? "file" + (MediaTypes.fileExtension(forContentType: type).map { "." + $0 } ?? "")
    }

    /// Reads a file from disk; its type is read from the bytes, then from
    /// the extension, unless given.
    public init(contentsOf url: URL, contentType: String? = nil) throws {
        self.init(data: try Data(contentsOf: url), filename: url.lastPathComponent, contentType: contentType)
    }
}

/// Media types of files: read from their first bytes, and matched with file extensions.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated enum MediaTypes {
    /// The media type the bytes begin like, when they are one the client knows.
    static func sniff(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(16))
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<(offset + bytes.count)]) == bytes
        }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("ftyp".utf8), at: 4) {
            let brand = head.count >= 12 ? String(decoding: head[8..<12], as: UTF8.self) : ""
            if ["heic", "heix", "heim", "heis", "mif1", "msf1"].contains(brand) { return "image/heic" }
            if brand == "avif" { return "image/avif" }
        }
        if starts([0x42, 0x4D]) && head.count >= 14 { return "image/bmp" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "image/tiff" }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "application/zip" }
        return nil
    }

    private static let byExtension: [(fileExtension: String, contentType: String)] = [
        ("jpg", "image/jpeg"), ("jpeg", "image/jpeg"), ("png", "image/png"), ("webp", "image/webp"),
        ("gif", "image/gif"), ("heic", "image/heic"), ("avif", "image/avif"), ("bmp", "image/bmp"),
        ("tiff", "image/tiff"), ("tif", "image/tiff"), ("svg", "image/svg+xml"), ("pdf", "application/pdf"),
        ("zip", "application/zip"), ("txt", "text/plain"), ("json", "application/json"),
        ("mp4", "video/mp4"), ("mov", "video/quicktime"),
    ]

    /// The type a file extension stands for, when the client knows it.
    static func contentType(forExtension pathExtension: String) -> String? {
        let lower = pathExtension.lowercased()
        return byExtension.first { $0.fileExtension == lower }?.contentType
    }

    /// The usual extension of a media type (`image/jpeg` → `jpg`), parameters ignored.
    static func fileExtension(forContentType contentType: String?) -> String? {
        guard let essence = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
            !essence.isEmpty
        else { return nil }
        return byExtension.first { $0.contentType == essence }?.fileExtension
    }
}

/// A multipart/form-data body (RFC 7578): parts in order, CRLF line ends,
/// and a closing delimiter.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated struct MultipartFormData: Sendable {
    struct Part: Sendable {
        var name: String
        var filename: String?
        var contentType: String?
        var body: Data
        #if RUNTIME_LARGE_BODIES
        /// A file read from disk as the part is sent, in place of `body`.
        var file: URL?
        #endif
    }

    private(set) var parts: [Part] = []

    init() {}

    /// A boundary of 32 random hexadecimal digits after a fixed prefix:
    /// 46 characters, within RFC 2046's 70.
    static func randomBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = (0..<32).map { _ in String(generator.next(upperBound: UInt8(16)), radix: 16) }
        return "----ideogram-boundary-" + digits.joined()
    }

    /// A text part.
    mutating func append(_ value: some TextEncodable, name: String, contentType: String? = nil) {
        parts.append(Part(name: name, filename: nil, contentType: contentType, body: Data(value.textValue.utf8)))
    }

    /// A file part.
    mutating func append(_ file: MultipartFile, name: String, contentType: String? = nil) {
        parts.append(
            Part(name: name, filename: file.filename, contentType: contentType ?? file.contentType, body: file.data))
        #if RUNTIME_LARGE_BODIES
        parts[parts.count - 1].file = file.fileURL
        #endif
    }

    /// A part holding the value as JSON (objects such as a color palette).
    /// Without an explicit content type, a value that turns out to be a
    /// primitive (a union of a string and an enum, say) is a plain text
    /// part, as OpenAPI's default for primitives says: `dall-e-2`, not
    /// `"dall-e-2"` in a JSON part.
    mutating func appendJSON(_ value: some Encodable, name: String, contentType: String? = nil) throws(APIClientError) {
        let data = try JSONCoding.data(value, field: name)
        if contentType == nil, let text = Self.primitiveText(data) {
            parts.append(Part(name: name, filename: nil, contentType: nil, body: Data(text.utf8)))
            return
        }
        parts.append(Part(name: name, filename: nil, contentType: contentType ?? "application/json", body: data))
    }

    /// The text of a JSON string, number or boolean; nil for anything else.
    static func primitiveText(_ json: Data) -> String? {
        guard let first = json.first else { return nil }
        switch first {
        case UInt8(ascii: "\""):
            return try? JSONDecoder().decode(String.self, from: json)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"):
            return String(decoding: json, as: UTF8.self)
        default:
            return nil
        }
    }

    /// A quoted-string parameter escaped as browsers do (WHATWG): `"`, CR
    /// and LF become %22, %0D and %0A; nothing else changes.
    static func escapeParameter(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "%22"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The encoded body. When `boundary` occurs in a part (which a random
    /// one practically never does), it is lengthened until it does not;
    /// the boundary used is returned with the bytes.
    func encoded(boundary preferred: String) -> (body: Data, boundary: String) {
        var boundary = preferred
        var generator = SystemRandomNumberGenerator()
        while parts.contains(where: { Self.occurs(Array(("--" + boundary).utf8), in: $0.body) }) {
            // Lengthen it while RFC 2046 allows; past 70 characters, start over from a random one.
            boundary =
                boundary.count < 70
                ? boundary + String(generator.next(upperBound: UInt8(16)), radix: 16)
                : Self.randomBoundary()
        }
        var data = Data()
        data.reserveCapacity(parts.reduce(0) { $0 + $1.body.count + 200 } + boundary.count + 8)
        for part in parts {
            data.append(
                Self.head(name: part.name, filename: part.filename, contentType: part.contentType, boundary: boundary))
            data.append(part.body)
            data.append(contentsOf: [13, 10])
        }
        data.append(Self.closingDelimiter(boundary))
        return (data, boundary)
    }

    /// What comes before a part's body: its delimiter, headers and the empty line.
    static func head(name: String, filename: String?, contentType: String?, boundary: String) -> Data {
        var data = Data("--\(boundary)\r\n".utf8)
        var disposition = "Content-Disposition: form-data; name=\"\(escapeParameter(name))\""
        if let filename {
            disposition += "; filename=\"\(escapeParameter(filename))\""
        }
        data.append(contentsOf: Array((disposition + "\r\n").utf8))
        if let contentType {
            // A media type holds no control character; from the first one on
            // (a line break that would start a header of its own) it is cut.
            let safe = contentType.unicodeScalars.prefix { $0.value >= 0x20 && $0.value != 0x7F }
            data.append(contentsOf: Array("Content-Type: \(String(String.UnicodeScalarView(safe)))\r\n".utf8))
        }
        data.append(contentsOf: [13, 10])
        return data
    }

    /// The end of the body, after the last part's CRLF.
    static func closingDelimiter(_ boundary: String) -> Data {
        Data("--\(boundary)--\r\n".utf8)
    }

    /// Whether `needle` occurs in `haystack`. `memchr` finds each candidate
    /// first byte and `memcmp` checks the rest, so a file part of any size is
    /// scanned at memory speed (`Data.range(of:)` compares byte by byte).
    static func occurs(_ needle: [UInt8], in haystack: Data) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        // `unsafe` marks each use of raw memory, as strict memory safety
        // (`-strict-memory-safety`) asks: the pointers never outlive the closure,
        // and every read stays within `bytes`.
        return unsafe haystack.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            guard let base = bytes.baseAddress else { return false }
            let lastStart = bytes.count - needle.count
            var offset = 0
            while offset <= lastStart {
                guard let hit = unsafe memchr(base + offset, Int32(first), lastStart - offset + 1) else { return false }
                if unsafe memcmp(hit, needle, needle.count) == 0 { return true }
                offset = unsafe base.distance(to: UnsafeRawPointer(hit)) + 1
            }
            return false
        }
    }
}
