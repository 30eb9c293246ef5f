extension RuntimeSources {
    static let requestBuilder = #"""
import Foundation

/// A value sent as plain text: in a path, a query, a header or a form part.
__AVAILABILITY__
nonisolated protocol TextEncodable {
    /// The value as it goes on the wire.
    var textValue: String { get }
}

__AVAILABILITY__ nonisolated extension String: TextEncodable { var textValue: String { self } }
__AVAILABILITY__ nonisolated extension Int: TextEncodable { var textValue: String { String(self) } }
__AVAILABILITY__ nonisolated extension Int32: TextEncodable { var textValue: String { String(self) } }
__AVAILABILITY__ nonisolated extension Int64: TextEncodable { var textValue: String { String(self) } }
__AVAILABILITY__ nonisolated extension Double: TextEncodable { var textValue: String { String(self) } }
__AVAILABILITY__ nonisolated extension Float: TextEncodable { var textValue: String { String(self) } }
__AVAILABILITY__ nonisolated extension Bool: TextEncodable { var textValue: String { self ? "true" : "false" } }
__AVAILABILITY__ nonisolated extension URL: TextEncodable { var textValue: String { absoluteString } }
__AVAILABILITY__ nonisolated extension UUID: TextEncodable { var textValue: String { uuidString.lowercased() } }
__AVAILABILITY__ nonisolated extension Date: TextEncodable { var textValue: String { ISO8601Date.format(self) } }
__AVAILABILITY__ nonisolated extension Data: TextEncodable { var textValue: String { base64EncodedString() } }

__AVAILABILITY__
nonisolated extension TextEncodable where Self: RawRepresentable, RawValue: TextEncodable {
    var textValue: String { rawValue.textValue }
}

/// Builds one request: path, query, headers and body, then joins it with the
/// configuration (base URL, credential, timeout, extra headers).
__AVAILABILITY__
nonisolated struct RequestBuilder {
    var method: String
    var path: String
    private var query: [(name: String, value: String)] = []
    private var headers: [__CLIENT__.HTTPHeader] = []
    private var cookies: [String] = []
    private var body: Data?
    /// An absolute address called as it is, in place of the base URL and
    /// ``path``: a job's polling URL, which the server gives.
    private(set) var url: URL?

    init(method: String, path: String) {
        self.method = method
        self.path = path
    }

    init(method: String, url: URL) {
        self.method = method
        self.path = ""
        self.url = url
    }

    /// Characters left as they are in a path segment or a query (RFC 3986 unreserved).
    private static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return set
    }()

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// A path parameter, percent-encoded so that `/` or `?` in it stay inside the segment.
    static func pathComponent(_ value: some TextEncodable) -> String {
        percentEncoded(value.textValue)
    }

    static func pathComponent(_ values: [some TextEncodable]) -> String {
        values.map { percentEncoded($0.textValue) }.joined(separator: ",")
    }

    mutating func addQuery(_ name: String, _ value: (some TextEncodable)?) {
        if let value { query.append((name, value.textValue)) }
    }

    /// An array: `name=a&name=b` when exploded (the default), else `name=a,b`.
    mutating func addQuery(_ name: String, _ values: [some TextEncodable]?, explode: Bool) {
        guard let values, !values.isEmpty else { return }
        if explode {
            for value in values { query.append((name, value.textValue)) }
        } else {
            query.append((name, values.map(\.textValue).joined(separator: ",")))
        }
    }

    /// A parameter whose type is not text (an object, a union, any JSON value),
    /// in the `form` style (see ``JSONValue/formPairs(_:explode:)``).
    mutating func addQueryValue(_ name: String, _ value: (some Encodable)?, explode: Bool) throws(__CLIENT__Error) {
        if let value { query.append(contentsOf: try JSONCoding.value(value, field: name).formPairs(name, explode: explode)) }
    }

    /// A query parameter in the `deepObject` style: `name[key]=value` pairs
    /// (see ``JSONValue/deepObjectPairs(_:)``).
    mutating func addQueryDeepObject(_ name: String, _ value: (some Encodable)?) throws(__CLIENT__Error) {
        if let value { query.append(contentsOf: try JSONCoding.value(value, field: name).deepObjectPairs(name)) }
    }

    mutating func setHeader(_ name: String, _ value: (some TextEncodable)?) {
        guard let value else { return }
        headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        headers.append(__CLIENT__.HTTPHeader(name: name, value: value.textValue))
    }

    mutating func setHeader(_ name: String, _ values: [some TextEncodable]?) {
        guard let values, !values.isEmpty else { return }
        setHeader(name, values.map(\.textValue).joined(separator: ","))
    }

    /// A header whose type is not text, in the `simple` style (see ``JSONValue/simpleText(explode:)``).
    mutating func setHeaderValue(_ name: String, _ value: (some Encodable)?, explode: Bool) throws(__CLIENT__Error) {
        if let value { setHeader(name, try JSONCoding.value(value, field: name).simpleText(explode: explode)) }
    }

    mutating func addCookie(_ name: String, _ value: (some TextEncodable)?) {
        if let value { cookies.append(name + "=" + Self.percentEncoded(value.textValue)) }
    }

    mutating func addCookie(_ name: String, _ values: [some TextEncodable]?) {
        if let values, !values.isEmpty { cookies.append(name + "=" + values.map { Self.percentEncoded($0.textValue) }.joined(separator: ",")) }
    }

    /// A cookie whose type is not text, in the `form` style.
    mutating func addCookieValue(_ name: String, _ value: (some Encodable)?, explode: Bool) throws(__CLIENT__Error) {
        guard let value else { return }
        for (key, text) in try JSONCoding.value(value, field: name).formPairs(name, explode: explode) {
            cookies.append(key + "=" + Self.percentEncoded(text))
        }
    }

    mutating func setJSONBody(_ value: (some Encodable)?, contentType: String) throws(__CLIENT__Error) {
        guard let value else { return }
        body = try JSONCoding.data(value, field: "request body")
        setHeader("Content-Type", contentType)
    }

    /// An `application/x-www-form-urlencoded` body from the value's JSON object.
    /// The fields in `deepObjectFields` are sent as `field[key]=value` pairs;
    /// other structured fields as JSON text.
    mutating func setFormBody(_ value: (some Encodable)?, contentType: String, deepObjectFields: Set<String> = []) throws(__CLIENT__Error) {
        guard let value else { return }
        let object = try JSONCoding.object(value, field: "request body")
        let pairs = object.sorted { $0.key < $1.key }.flatMap { key, value in
            deepObjectFields.contains(key) ? value.deepObjectPairs(key) : [(key, value.formText)]
        }.map { key, value in
            Self.percentEncoded(key) + "=" + Self.percentEncoded(value)
        }
        body = Data(pairs.joined(separator: "&").utf8)
        setHeader("Content-Type", contentType)
    }

    mutating func setMultipartBody(_ form: MultipartFormData, boundary: String) {
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
    func makeRequest(configuration: __CLIENT__.Configuration, sensitiveNames: Set<String> = []) throws(__CLIENT__Error) -> __CLIENT__.HTTPRequest {
        var text: String
        if let url {
            text = url.absoluteString
        } else {
            text = configuration.baseURL.absoluteString
            while text.hasSuffix("/") { text.removeLast() }
            text += path
        }
        if !query.isEmpty {
            text += (url?.query == nil ? "?" : "&") + query.map { Self.percentEncoded($0.name) + "=" + Self.percentEncoded($0.value) }.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw .invalidRequest(reason: "the base URL and path do not make a valid URL")
        }
        var all = configuration.additionalHeaders.sorted { $0.key < $1.key }.map { __CLIENT__.HTTPHeader(name: $0.key, value: $0.value) }
        for header in headers {
            all.removeAll { $0.name.caseInsensitiveCompare(header.name) == .orderedSame }
            all.append(header)
        }
        if !cookies.isEmpty { all.append(__CLIENT__.HTTPHeader(name: "Cookie", value: cookies.joined(separator: "; "))) }
        if !all.contains(where: { $0.name.caseInsensitiveCompare("Accept") == .orderedSame }) {
            all.append(__CLIENT__.HTTPHeader(name: "Accept", value: "application/json"))
        }
        return __CLIENT__.HTTPRequest(method: method, url: url, headers: all, body: body, timeout: configuration.timeout,
                           sensitiveNames: sensitiveNames)
    }
}
"""#
}
