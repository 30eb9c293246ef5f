import Foundation

/// A value sent as plain text: in a path, a query, a header or a form part.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated protocol TextEncodable {
    /// The value as it goes on the wire.
    var textValue: String { get }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *) nonisolated extension String: TextEncodable {
    var textValue: String { self }
}
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *) nonisolated extension Int: TextEncodable {
    var textValue: String { String(self) }
}
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *) nonisolated extension Int32: TextEncodable {
    var textValue: String { String(self) }
}
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *) nonisolated extension Int64: TextEncodable {
    var textValue: String { String(self) }
}
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *) nonisolated extension Double: TextEncodable {
    var textValue: String { String(self) }
}
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *) nonisolated extension Float: TextEncodable {
    var textValue: String { String(self) }
}
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *) nonisolated extension Bool: TextEncodable {
    var textValue: String { self ? "true" : "false" }
}
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *) nonisolated extension URL: TextEncodable {
    var textValue: String { absoluteString }
}
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *) nonisolated extension UUID: TextEncodable {
    var textValue: String { uuidString.lowercased() }
}
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *) nonisolated extension Date: TextEncodable {
    var textValue: String { ISO8601Date.format(self) }
}
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *) nonisolated extension Data: TextEncodable {
    var textValue: String { base64EncodedString() }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension TextEncodable where Self: RawRepresentable, RawValue: TextEncodable {
    var textValue: String { rawValue.textValue }
}

/// Builds one request: path, query, headers and body, then joins it with the
/// configuration (base URL, credential, timeout, extra headers).
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated struct RequestBuilder {
    /// The operation's identifier in the API description, which errors carry.
    var operationID: String
    var method: String
    var path: String
    /// `name=value` pairs, percent-encoded as their style asks.
    var query: [String] = []
    private var headers: [APIClient.HTTPHeader] = []
    var cookies: [String] = []
    var body: Data?
    /// An absolute address called as it is, in place of the base URL and
    /// ``path``: a job's polling URL, which the server gives.
    var url: URL?
    /// The credentials the call needs: alternatives, each the schemes it
    /// sends together; nil for what the API asks of every call
    /// (`APIClient.defaultSecurity`), empty for none.
    var security: [[APIClient.SecurityScheme]]?
    /// Whether a credential was added (which plain `http://` may not carry).
    var carriesCredential = false
    #if RUNTIME_STREAMING_TRANSPORT
    /// A body read from disk as it is sent, in place of ``body``.
    var bodySource: APIClient.BodySource?
    #endif
    #if RUNTIME_IDEMPOTENCY_KEYS
    /// The header that carries the call's idempotency key, once one is set.
    var idempotencyKeyHeader: String?
    #endif

    /// Whether the server runs the call once however often it arrives (it
    /// carries an idempotency key), so that a retry policy may repeat it
    /// whatever its method.
    var isIdempotent: Bool {
        #if RUNTIME_IDEMPOTENCY_KEYS
        if idempotencyKeyHeader != nil { return true }
        #endif
        return false
    }

    init(operationID: String, method: String, path: String) {
        self.operationID = operationID
        self.method = method
        self.path = path
    }

    init(operationID: String, method: String, url: URL) {
        self.operationID = operationID
        self.method = method
        self.path = ""
        self.url = url
    }

    /// RFC 3986's unreserved characters, which are never percent-encoded.
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// `text` with every byte but the unreserved ones (and `keeping`)
    /// percent-encoded; with `keepingTriples`, `%XX` stays as it is.
    static func percentEncoded(_ text: String, keeping: Set<UInt8> = [], keepingTriples: Bool = false) -> String {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        let hex = Array("0123456789ABCDEF".utf8)
        func isHex(_ byte: UInt8) -> Bool {
            hex.contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if unreserved.contains(byte) || keeping.contains(byte) {
                result.append(byte)
            } else if keepingTriples, byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]),
                isHex(bytes[index + 2])
            {
                result += bytes[index...index + 2]
                index += 2
            } else {
                result += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A path parameter in the `simple` style, percent-encoded so that `/`
    /// or `?` in it stay inside the segment.
    static func pathComponent(_ value: some TextEncodable) -> String {
        Self.percentEncoded(value.textValue)
    }

    /// A list in the `simple` style: `a,b,c`.
    static func pathComponent(_ values: [some TextEncodable]) -> String {
        values.map { Self.percentEncoded($0.textValue) }.joined(separator: ",")
    }

    /// A text query parameter in the `form` style: `name=value`.
    mutating func addQuery(_ name: String, _ value: (some TextEncodable)?) {
        if let value { query.append(Self.percentEncoded(name) + "=" + Self.percentEncoded(value.textValue)) }
    }

    /// A list in the `form` style: `name=a&name=b` when exploded (the
    /// default), else `name=a,b` (the commas as they are, those in the
    /// values percent-encoded). An empty list is sent as nothing.
    mutating func addQuery(_ name: String, _ values: [some TextEncodable]?, explode: Bool) {
        guard let values, !values.isEmpty else { return }
        let key = Self.percentEncoded(name)
        if explode {
            for value in values { query.append(key + "=" + Self.percentEncoded(value.textValue)) }
        } else {
            query.append(key + "=" + values.map { Self.percentEncoded($0.textValue) }.joined(separator: ","))
        }
    }

    mutating func setHeader(_ name: String, _ value: (some TextEncodable)?) {
        guard let value else { return }
        headers.removeAll { $0.isNamed(name) }
        headers.append(APIClient.HTTPHeader(name: name, value: value.textValue))
    }

    /// Whether a header of that name (in any case) is set.
    func hasHeader(_ name: String) -> Bool {
        headers.contains { $0.isNamed(name) }
    }

    mutating func setHeader(_ name: String, _ values: [some TextEncodable]?) {
        guard let values, !values.isEmpty else { return }
        setHeader(name, values.map(\.textValue).joined(separator: ","))
    }

    mutating func addCookie(_ name: String, _ value: (some TextEncodable)?) {
        if let value { cookies.append(name + "=" + Self.percentEncoded(value.textValue)) }
    }

    mutating func addCookie(_ name: String, _ values: [some TextEncodable]?) {
        if let values, !values.isEmpty {
            cookies.append(name + "=" + values.map { Self.percentEncoded($0.textValue) }.joined(separator: ","))
        }
    }

    mutating func setJSONBody(_ value: (some Encodable)?, contentType: String) throws(APIClientError) {
        guard let value else { return }
        body = try JSONCoding.data(value, field: "request body")
        setHeader("Content-Type", contentType)
    }

    mutating func setMultipartBody(_ form: MultipartFormData, boundary: String) {
        #if RUNTIME_LARGE_BODIES
        // A file on disk is read as it is sent, never held whole.
        if form.parts.contains(where: { $0.file != nil }) {
            setMultipartBody(StreamingMultipartForm(form), boundary: boundary)
            return
        }
        #endif
        let encoded = form.encoded(boundary: boundary)
        body = encoded.body
        setHeader("Content-Type", "multipart/form-data; boundary=" + encoded.boundary)
    }

    mutating func setBody(_ data: Data?, contentType: String) {
        guard let data else { return }
        body = data
        setHeader("Content-Type", contentType)
    }

    /// The request as a transport sends it.
    /// `sensitiveNames` are the headers and query items, besides the standard
    /// ones, that the request redacts when printed.
    func makeRequest(configuration: APIClient.Configuration, sensitiveNames: Set<String> = []) throws(APIClientError)
        -> APIClient.HTTPRequest
    {
        // The path goes after the base URL's own path, and the query after
        // its own query (a gateway's `?tenant=…`), never after its query.
        let base = url ?? configuration.baseURL
        var text = base.absoluteString
        var baseQuery: Substring?
        if let mark = text.firstIndex(of: "?") {
            baseQuery = text[text.index(after: mark)...]
            text = String(text[..<mark])
        }
        if url == nil {
            while text.hasSuffix("/") { text.removeLast() }
            text += path
        }
        let items = (baseQuery.map { [String($0)] } ?? []) + query
        if !items.isEmpty { text += "?" + items.joined(separator: "&") }
        guard let url = URL(string: text) else {
            throw .invalidRequest(reason: "the base URL and path do not make a valid URL")
        }
        var all = configuration.additionalHeaders.sorted { $0.key < $1.key }.map {
            APIClient.HTTPHeader(name: $0.key, value: $0.value)
        }
        for header in headers {
            all.removeAll { $0.isNamed(header.name) }
            all.append(header)
        }
        if !cookies.isEmpty { all.append(APIClient.HTTPHeader(name: "Cookie", value: cookies.joined(separator: "; "))) }
        // A line break would end the header and start another one the caller never wrote.
        // (On scalars: "\r\n" is one Character, equal to neither "\r" nor "\n".)
        if let broken = all.first(where: { $0.value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" } }
        ) {
            throw .invalidRequest(reason: "the header \(broken.name) holds a line break, which a header value cannot")
        }
        if !all.contains(where: { $0.isNamed("Accept") }) {
            all.append(APIClient.HTTPHeader(name: "Accept", value: "application/json"))
        }
        return APIClient.HTTPRequest(
            method: method, url: url, headers: all, body: body, timeout: configuration.timeout,
            sensitiveNames: sensitiveNames)
    }
}
