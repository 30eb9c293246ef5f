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
    /// `name=value` pairs, percent-encoded as their style asks.
    private var query: [String] = []
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

    /// A path parameter in the `simple` style, percent-encoded so that `/`
    /// or `?` in it stay inside the segment.
    static func pathComponent(_ value: some TextEncodable) -> String {
        StyleWriter.encoded(value.textValue)
    }

    /// A list in the `simple` style: `a,b,c`.
    static func pathComponent(_ values: [some TextEncodable]) -> String {
        values.map { StyleWriter.encoded($0.textValue) }.joined(separator: ",")
    }

    /// A path parameter of any type in any path style (`simple`, `label`, `matrix`).
    static func pathParameter(_ name: String, _ value: some Encodable, style: ParameterStyle, explode: Bool) throws(__CLIENT__Error) -> String {
        StyleWriter.path(name, try StyleValue.of(value, field: name), style: style, explode: explode)
    }

    /// A text query parameter in the `form` style: `name=value`.
    mutating func addQuery(_ name: String, _ value: (some TextEncodable)?) {
        if let value { query.append(StyleWriter.encoded(name) + "=" + StyleWriter.encoded(value.textValue)) }
    }

    /// A list in the `form` style: `name=a&name=b` when exploded (the
    /// default), else `name=a,b` (the commas as they are, those in the
    /// values percent-encoded). An empty list is sent as nothing.
    mutating func addQuery(_ name: String, _ values: [some TextEncodable]?, explode: Bool) {
        guard let values, !values.isEmpty else { return }
        let key = StyleWriter.encoded(name)
        if explode {
            for value in values { query.append(key + "=" + StyleWriter.encoded(value.textValue)) }
        } else {
            query.append(key + "=" + values.map { StyleWriter.encoded($0.textValue) }.joined(separator: ","))
        }
    }

    /// A query parameter of any type in any query style (`form`,
    /// `spaceDelimited`, `pipeDelimited`, `deepObject`); objects keep their
    /// members' declared order. With `allowReserved`, reserved characters
    /// go as they are.
    mutating func addQuery(_ name: String, _ value: (some Encodable)?, style: ParameterStyle, explode: Bool,
                           allowReserved: Bool = false) throws(__CLIENT__Error) {
        guard let value else { return }
        query += StyleWriter.query(name, try StyleValue.of(value, field: name), style: style, explode: explode, allowReserved: allowReserved)
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

    /// A header of any type in the `simple` style, members in declared order.
    mutating func setHeaderValue(_ name: String, _ value: (some Encodable)?, explode: Bool) throws(__CLIENT__Error) {
        guard let value, let text = StyleWriter.header(try StyleValue.of(value, field: name), explode: explode) else { return }
        setHeader(name, text)
    }

    mutating func addCookie(_ name: String, _ value: (some TextEncodable)?) {
        if let value { cookies.append(name + "=" + StyleWriter.encoded(value.textValue)) }
    }

    mutating func addCookie(_ name: String, _ values: [some TextEncodable]?) {
        if let values, !values.isEmpty { cookies.append(name + "=" + values.map { StyleWriter.encoded($0.textValue) }.joined(separator: ",")) }
    }

    /// A cookie of any type in the `form` style (see ``StyleWriter/cookies(_:_:explode:)``).
    mutating func addCookieValue(_ name: String, _ value: (some Encodable)?, explode: Bool) throws(__CLIENT__Error) {
        guard let value else { return }
        cookies += StyleWriter.cookies(name, try StyleValue.of(value, field: name), explode: explode)
    }

    mutating func setJSONBody(_ value: (some Encodable)?, contentType: String) throws(__CLIENT__Error) {
        guard let value else { return }
        body = try JSONCoding.data(value, field: "request body")
        setHeader("Content-Type", contentType)
    }

    /// An `application/x-www-form-urlencoded` body from the value's
    /// members, in their declared order. The fields in `deepObjectFields`
    /// are sent as `field[key]=value` pairs; other structured fields as JSON
    /// text; `null` ones not at all.
    mutating func setFormBody(_ value: (some Encodable)?, contentType: String, deepObjectFields: Set<String> = []) throws(__CLIENT__Error) {
        guard let value else { return }
        guard case .object(let members) = try StyleValue.of(value, field: "request body") else {
            throw .invalidRequest(reason: "the request body must be an object to be sent as a form")
        }
        let pairs = members.flatMap { member -> [String] in
            if case .null = member.value { return [] }
            if deepObjectFields.contains(member.key) {
                return StyleWriter.query(member.key, member.value, style: .deepObject, explode: true, allowReserved: false)
            }
            return [StyleWriter.encoded(member.key) + "=" + StyleWriter.encoded(member.value.text)]
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
            text += (url?.query == nil ? "?" : "&") + query.joined(separator: "&")
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
