import Foundation

/// The styles OpenAPI defines for parameters.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated enum ParameterStyle: Sendable {
    case simple, label, matrix, form, spaceDelimited, pipeDelimited, deepObject
}

/// A value as the styles see it: text, a list, or an object whose members
/// keep the order in which the type encodes them (its declared order).
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated indirect enum StyleValue: Sendable {
    case null
    /// Text; `isString` when JSON would quote it (not a number or a boolean).
    case text(String, isString: Bool)
    case list([StyleValue])
    case object([(key: String, value: StyleValue)])

    /// Any `Encodable`, members in the order it encodes them.
    static func of(_ value: some Encodable, field: String) throws(APIClientError) -> StyleValue {
        let node = StyleNode()
        do {
            try StyleEncoder.encode(value, into: node, codingPath: [])
        } catch {
            throw .invalidRequest(reason: "\(field) could not be encoded: \(error)")
        }
        return node.value
    }

    /// An item or member as text: nested lists and objects, which no style
    /// can spell, as JSON text.
    var text: String {
        if case .text(let text, _) = self { return text }
        return json
    }

    /// The value as JSON text, members in order.
    var json: String {
        switch self {
        case .null: return "null"
        case .text(let text, let isString): return isString ? Self.quoted(text) : text
        case .list(let items): return "[" + items.map(\.json).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { Self.quoted($0.key) + ":" + $0.value.json }.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// The shapes the style table knows, `null` members left out.
    enum StyleShape {
        case primitive(String)
        case list([String])
        case object([(key: String, value: String)])
    }

    /// Nil for `null`, which is sent as nothing.
    var shape: StyleShape? {
        switch self {
        case .null: return nil
        case .text(let text, _): return .primitive(text)
        case .list(let items): return .list(items.map(\.text))
        case .object(let members):
            return .object(
                members.compactMap { member in
                    if case .null = member.value { return nil }
                    return (member.key, member.value.text)
                })
        }
    }
}

/// A value being encoded by ``StyleEncoder``, filled in by its containers.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated final class StyleNode {
    enum StyleNodeContent {
        case empty
        case value(StyleValue)
        case list([StyleNode])
        case object([(key: String, node: StyleNode)])
    }
    var content: StyleNodeContent = .empty

    var value: StyleValue {
        switch content {
        case .empty: .null
        case .value(let value): value
        case .list(let nodes): .list(nodes.map(\.value))
        case .object(let members): .object(members.map { ($0.key, $0.node.value) })
        }
    }
}

/// Encodes any `Encodable` into a ``StyleValue``; text types (strings,
/// numbers, dates, URLs, enums) become their `textValue`.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated struct StyleEncoder: Encoder {
    let node: StyleNode
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func encode(_ value: some Encodable, into node: StyleNode, codingPath: [any CodingKey]) throws {
        if let text = value as? any TextEncodable {
            node.content = .value(.text(text.textValue, isString: !isNumeric(value)))
        } else if let dictionary = value as? [String: any Encodable] {
            // A dictionary has no order of its own: its keys are sorted.
            var members: [(key: String, node: StyleNode)] = []
            for key in dictionary.keys.sorted() {
                let child = StyleNode()
                try encode(dictionary[key]!, into: child, codingPath: codingPath + [AnyCodingKey(key)])
                members.append((key, child))
            }
            node.content = .object(members)
        } else {
            try value.encode(to: StyleEncoder(node: node, codingPath: codingPath))
        }
    }

    private static func isNumeric(_ value: Any) -> Bool {
        if value is Bool || value is any BinaryInteger || value is any BinaryFloatingPoint { return true }
        if let raw = (value as? any RawRepresentable)?.rawValue { return isNumeric(raw) }
        return false
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(StyleKeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .list = node.content {} else { node.content = .list([]) }
        return StyleUnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StyleSingleValueContainer(node: node, codingPath: codingPath)
    }

    struct StyleKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: StyleNode
        var codingPath: [any CodingKey]

        private func child(_ key: some CodingKey) -> StyleNode {
            let child = StyleNode()
            guard case .object(var members) = node.content else { return child }
            members.removeAll { $0.key == key.stringValue }
            members.append((key.stringValue, child))
            node.content = .object(members)
            return child
        }

        mutating func encodeNil(forKey key: Key) throws {
            child(key).content = .value(.null)
        }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try StyleEncoder.encode(value, into: child(key), codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            StyleEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            StyleEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            StyleEncoder(node: child(AnyCodingKey("super")), codingPath: codingPath)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            StyleEncoder(node: child(key), codingPath: codingPath + [key])
        }
    }

    struct StyleUnkeyedContainer: UnkeyedEncodingContainer {
        let node: StyleNode
        var codingPath: [any CodingKey]
        var count: Int {
            if case .list(let nodes) = node.content { return nodes.count }
            return 0
        }

        private func next() -> StyleNode {
            let child = StyleNode()
            if case .list(let nodes) = node.content { node.content = .list(nodes + [child]) }
            return child
        }

        mutating func encodeNil() throws {
            next().content = .value(.null)
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try StyleEncoder.encode(value, into: next(), codingPath: codingPath)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
            NestedKey
        > {
            StyleEncoder(node: next(), codingPath: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            StyleEncoder(node: next(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            StyleEncoder(node: next(), codingPath: codingPath)
        }
    }

    struct StyleSingleValueContainer: SingleValueEncodingContainer {
        let node: StyleNode
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws {
            node.content = .value(.null)
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try StyleEncoder.encode(value, into: node, codingPath: codingPath)
        }
    }
}

/// Writes values in the styles, with the percent-encoding each place needs.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated enum StyleWriter {
    /// What `allowReserved` lets through as it is: RFC 3986's reserved
    /// characters, less those a query cannot hold (`[`, `]`, `#`) or that
    /// mean something in it (`&`, `=`, `+`), as OpenAPI 3.1.1 asks.
    private static let reservedInQuery = Set(":/?@!$'()*,;".utf8)

    /// A path parameter in the `simple`, `label` or `matrix` style; every
    /// character of the values but the unreserved ones is percent-encoded,
    /// so the delimiters the style adds are the only ones.
    static func path(_ name: String, _ value: StyleValue, style: ParameterStyle, explode: Bool) -> String {
        let encode = { (text: String) in RequestBuilder.percentEncoded(text) }
        let shape = value.shape ?? .primitive("")
        switch style {
        case .label:
            switch shape {
            case .primitive(let text): return "." + encode(text)
            case .list(let items): return "." + items.map(encode).joined(separator: explode ? "." : ",")
            case .object(let members):
                return "."
                    + (explode
                        ? members.map { encode($0.key) + "=" + encode($0.value) }.joined(separator: ".")
                        : members.flatMap { [encode($0.key), encode($0.value)] }.joined(separator: ","))
            }
        case .matrix:
            let prefix = ";" + encode(name)
            switch shape {
            case .primitive(let text): return text.isEmpty ? prefix : prefix + "=" + encode(text)
            case .list(let items):
                if items.isEmpty { return prefix }
                return explode
                    ? items.map { $0.isEmpty ? prefix : prefix + "=" + encode($0) }.joined()
                    : prefix + "=" + items.map(encode).joined(separator: ",")
            case .object(let members):
                if members.isEmpty { return prefix }
                return explode
                    ? members.map { ";" + encode($0.key) + ($0.value.isEmpty ? "" : "=" + encode($0.value)) }.joined()
                    : prefix + "=" + members.flatMap { [encode($0.key), encode($0.value)] }.joined(separator: ",")
            }
        default:
            return simple(shape, explode: explode, encode: encode)
        }
    }

    /// A header parameter (`simple`): values as they are, no percent-encoding.
    static func header(_ value: StyleValue, explode: Bool) -> String? {
        value.shape.map { simple($0, explode: explode, encode: { $0 }) }
    }

    private static func simple(_ shape: StyleValue.StyleShape, explode: Bool, encode: (String) -> String) -> String {
        switch shape {
        case .primitive(let text): return encode(text)
        case .list(let items): return items.map(encode).joined(separator: ",")
        case .object(let members):
            return explode
                ? members.map { encode($0.key) + "=" + encode($0.value) }.joined(separator: ",")
                : members.flatMap { [encode($0.key), encode($0.value)] }.joined(separator: ",")
        }
    }

    /// A query parameter as `name=value` pairs, encoded; empty for `null`
    /// and for an empty list or object, which OpenAPI sends as nothing.
    static func query(_ name: String, _ value: StyleValue, style: ParameterStyle, explode: Bool, allowReserved: Bool)
        -> [String]
    {
        let key = RequestBuilder.percentEncoded(name)
        let encode = { (text: String) in
            allowReserved
                ? RequestBuilder.percentEncoded(text, keeping: reservedInQuery, keepingTriples: true)
                : RequestBuilder.percentEncoded(text)
        }
        if style == .deepObject { return deepObject(name, value, encode: encode) }
        guard let shape = value.shape else { return [] }
        let delimiter =
            switch style {
            case .spaceDelimited: "%20"
            case .pipeDelimited: "%7C"
            default: ","
            }
        // Only `form` explodes: the delimited styles have no exploded form.
        let exploding = explode && style == .form
        switch shape {
        case .primitive(let text):
            return [key + "=" + encode(text)]
        case .list(let items):
            if items.isEmpty { return [] }
            return exploding
                ? items.map { key + "=" + encode($0) } : [key + "=" + items.map(encode).joined(separator: delimiter)]
        case .object(let members):
            if members.isEmpty { return [] }
            return exploding
                ? members.map { RequestBuilder.percentEncoded($0.key) + "=" + encode($0.value) }
                : [key + "=" + members.flatMap { [encode($0.key), encode($0.value)] }.joined(separator: delimiter)]
        }
    }

    /// `name[key]=value` for each member, `name[0]=value` for each item, as
    /// deep as the value goes; the brackets are percent-encoded too.
    private static func deepObject(_ name: String, _ value: StyleValue, encode: (String) -> String) -> [String] {
        switch value {
        case .null: return []
        case .text(let text, _): return [RequestBuilder.percentEncoded(name) + "=" + encode(text)]
        case .list(let items):
            return items.enumerated().flatMap { deepObject(name + "[\($0.offset)]", $0.element, encode: encode) }
        case .object(let members):
            return members.flatMap { deepObject(name + "[" + $0.key + "]", $0.value, encode: encode) }
        }
    }

    /// Cookies in the `form` style, values percent-encoded: `name=a,b` for
    /// a list (one cookie holds one value, so a list is never exploded);
    /// for an object, one cookie per member when exploded, else
    /// `name=k,v,k,v`.
    static func cookies(_ name: String, _ value: StyleValue, explode: Bool) -> [String] {
        guard let shape = value.shape else { return [] }
        switch shape {
        case .primitive(let value): return [name + "=" + RequestBuilder.percentEncoded(value)]
        case .list(let items):
            return [name + "=" + items.map { RequestBuilder.percentEncoded($0) }.joined(separator: ",")]
        case .object(let members):
            return explode
                ? members.map { $0.key + "=" + RequestBuilder.percentEncoded($0.value) }
                : [
                    name + "="
                        + members.flatMap {
                            [RequestBuilder.percentEncoded($0.key), RequestBuilder.percentEncoded($0.value)]
                        }.joined(separator: ",")
                ]
        }
    }
}

/// The parts of a request that need a value's structure: any type in any
/// style, and form bodies.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension RequestBuilder {
    /// A path parameter of any type in any path style (`simple`, `label`, `matrix`).
    static func pathParameter(_ name: String, _ value: some Encodable, style: ParameterStyle, explode: Bool)
        throws(APIClientError) -> String
    {
        StyleWriter.path(name, try StyleValue.of(value, field: name), style: style, explode: explode)
    }

    /// A query parameter of any type in any query style (`form`,
    /// `spaceDelimited`, `pipeDelimited`, `deepObject`); objects keep their
    /// members' declared order. With `allowReserved`, reserved characters
    /// go as they are.
    mutating func addQuery(
        _ name: String, _ value: (some Encodable)?, style: ParameterStyle, explode: Bool,
        allowReserved: Bool = false
    ) throws(APIClientError) {
        guard let value else { return }
        query += StyleWriter.query(
            name, try StyleValue.of(value, field: name), style: style, explode: explode, allowReserved: allowReserved)
    }

    /// A header of any type in the `simple` style, members in declared order.
    mutating func setHeaderValue(_ name: String, _ value: (some Encodable)?, explode: Bool) throws(APIClientError) {
        guard let value, let text = StyleWriter.header(try StyleValue.of(value, field: name), explode: explode) else {
            return
        }
        setHeader(name, text)
    }

    /// A cookie of any type in the `form` style (see ``StyleWriter/cookies(_:_:explode:)``).
    mutating func addCookieValue(_ name: String, _ value: (some Encodable)?, explode: Bool) throws(APIClientError) {
        guard let value else { return }
        cookies += StyleWriter.cookies(name, try StyleValue.of(value, field: name), explode: explode)
    }

    /// An `application/x-www-form-urlencoded` body from the value's
    /// members, in their declared order. The fields in `deepObjectFields`
    /// are sent as `field[key]=value` pairs; other structured fields as JSON
    /// text; `null` ones not at all.
    mutating func setFormBody(_ value: (some Encodable)?, contentType: String, deepObjectFields: Set<String> = [])
        throws(APIClientError)
    {
        guard let value else { return }
        guard case .object(let members) = try StyleValue.of(value, field: "request body") else {
            throw .invalidRequest(reason: "the request body must be an object to be sent as a form")
        }
        let pairs = members.flatMap { member -> [String] in
            if case .null = member.value { return [] }
            if deepObjectFields.contains(member.key) {
                return StyleWriter.query(
                    member.key, member.value, style: .deepObject, explode: true, allowReserved: false)
            }
            return [RequestBuilder.percentEncoded(member.key) + "=" + RequestBuilder.percentEncoded(member.value.text)]
        }
        body = Data(pairs.joined(separator: "&").utf8)
        setHeader("Content-Type", contentType)
    }
}
