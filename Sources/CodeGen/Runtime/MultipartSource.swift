extension RuntimeSources {
    static let multipart = #"""
import Foundation

/// A file to upload: its bytes, the filename the server sees, and its type.
public struct MultipartFile: Sendable, Hashable {
    public var data: Data
    public var filename: String
    public var contentType: String

    public init(data: Data, filename: String, contentType: String = "application/octet-stream") {
        self.data = data
        self.filename = filename
        self.contentType = contentType
    }

    /// Reads a file from disk; its type is guessed from the extension
    /// (JPEG, PNG, WebP, GIF, ZIP, text) unless given.
    public init(contentsOf url: URL, contentType: String? = nil) throws {
        self.data = try Data(contentsOf: url)
        self.filename = url.lastPathComponent
        self.contentType = contentType ?? Self.contentType(forExtension: url.pathExtension)
    }

    static func contentType(forExtension pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "webp": "image/webp"
        case "gif": "image/gif"
        case "zip": "application/zip"
        case "txt": "text/plain"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }
}

/// A multipart/form-data body (RFC 7578): parts in order, CRLF line ends,
/// and a closing delimiter.
public struct MultipartFormData: Sendable {
    struct Part: Sendable {
        var name: String
        var filename: String?
        var contentType: String?
        var body: Data
    }

    private(set) var parts: [Part] = []

    init() {}

    /// A boundary of 32 random hexadecimal digits after a fixed prefix:
    /// 46 characters, within RFC 2046's 70.
    @Sendable public static func randomBoundary() -> String {
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
        parts.append(Part(name: name, filename: file.filename, contentType: contentType ?? file.contentType, body: file.data))
    }

    /// A part holding the value as JSON (objects such as a color palette).
    mutating func appendJSON(_ value: some Encodable, name: String, contentType: String? = nil) throws(__CLIENT__Error) {
        let data = try JSONCoding.data(value, field: name)
        parts.append(Part(name: name, filename: nil, contentType: contentType ?? "application/json", body: data))
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
            boundary = boundary.count < 70
                ? boundary + String(generator.next(upperBound: UInt8(16)), radix: 16)
                : Self.randomBoundary()
        }
        var data = Data()
        data.reserveCapacity(parts.reduce(0) { $0 + $1.body.count + 200 } + boundary.count + 8)
        for part in parts {
            data.append(contentsOf: Array("--\(boundary)\r\n".utf8))
            var disposition = "Content-Disposition: form-data; name=\"\(Self.escapeParameter(part.name))\""
            if let filename = part.filename {
                disposition += "; filename=\"\(Self.escapeParameter(filename))\""
            }
            data.append(contentsOf: Array((disposition + "\r\n").utf8))
            if let contentType = part.contentType {
                data.append(contentsOf: Array("Content-Type: \(contentType)\r\n".utf8))
            }
            data.append(contentsOf: [13, 10])
            data.append(part.body)
            data.append(contentsOf: [13, 10])
        }
        data.append(contentsOf: Array("--\(boundary)--\r\n".utf8))
        return (data, boundary)
    }

    /// Whether `needle` occurs in `haystack`. `memchr` finds each candidate
    /// first byte and `memcmp` checks the rest, so a file part of any size is
    /// scanned at memory speed (`Data.range(of:)` compares byte by byte).
    static func occurs(_ needle: [UInt8], in haystack: Data) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        return haystack.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            guard let base = bytes.baseAddress else { return false }
            let lastStart = bytes.count - needle.count
            var offset = 0
            while offset <= lastStart {
                guard let hit = memchr(base + offset, Int32(first), lastStart - offset + 1) else { return false }
                if memcmp(hit, needle, needle.count) == 0 { return true }
                offset = base.distance(to: UnsafeRawPointer(hit)) + 1
            }
            return false
        }
    }
}
"""#
}
