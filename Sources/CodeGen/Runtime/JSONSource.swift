extension RuntimeSources {
    static let json = #"""
import Foundation

/// Any JSON value: for parts of the API description that say nothing of a
/// value's shape.
__AVAILABILITY__
nonisolated public enum JSONValue: Codable, Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without a fraction that fits in an `Int`.
    case integer(Int)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object([String: JSONValue])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value as it is.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as `deepObject` pairs named from `name`: `name[key]` for each
    /// member of an object (in key order), `name[0]` for each item of an
    /// array, nested as deep as the value goes; a scalar is `name` itself.
    /// Stripe, Rails and PHP read these back as the same structure.
    func deepObjectPairs(_ name: String) -> [(String, String)] {
        switch self {
        case .object(let members):
            members.sorted { $0.key < $1.key }.flatMap { key, value in value.deepObjectPairs(name + "[" + key + "]") }
        case .array(let items):
            items.enumerated().flatMap { index, item in item.deepObjectPairs(name + "[\(index)]") }
        default:
            [(name, formText)]
        }
    }

    /// The value as `form`-style pairs for a query parameter or cookie named
    /// `name` (OpenAPI's default style there): a scalar is its text; an array
    /// of scalars is a pair per item when exploded, else one comma-separated
    /// pair; an object of scalars is a pair per member (in key order) when
    /// exploded, else `name=key,value,...`. A value nested deeper has no form
    /// spelling and is sent as JSON text.
    func formPairs(_ name: String, explode: Bool) -> [(String, String)] {
        switch self {
        case .array(let items) where items.allSatisfy(\.isScalar):
            if explode { return items.map { (name, $0.formText) } }
            return items.isEmpty ? [] : [(name, items.map(\.formText).joined(separator: ","))]
        case .object(let members) where members.values.allSatisfy(\.isScalar):
            let sorted = members.sorted { $0.key < $1.key }
            if explode { return sorted.map { ($0.key, $0.value.formText) } }
            return sorted.isEmpty ? [] : [(name, sorted.flatMap { [$0.key, $0.value.formText] }.joined(separator: ","))]
        default:
            return [(name, formText)]
        }
    }

    /// The value in the `simple` style of a header: a scalar is its text, an
    /// array of scalars is comma-separated, an object of scalars is
    /// `key=value,...` when exploded, else `key,value,...`; a value nested
    /// deeper is JSON text.
    func simpleText(explode: Bool) -> String {
        switch self {
        case .array(let items) where items.allSatisfy(\.isScalar):
            return items.map(\.formText).joined(separator: ",")
        case .object(let members) where members.values.allSatisfy(\.isScalar):
            let sorted = members.sorted { $0.key < $1.key }
            return sorted.map { explode ? $0.key + "=" + $0.value.formText : $0.key + "," + $0.value.formText }
                .joined(separator: ",")
        default:
            return formText
        }
    }

    /// Whether the value is neither an array nor an object.
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// The value as form text: strings as they are, anything else as JSON.
    var formText: String {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .null: ""
        case .array, .object:
            (try? JSONCoding.encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }
}

/// JSON values written as Swift literals: `["name": "x", "count": 2]`.
__AVAILABILITY__
nonisolated extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `nil` is `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A Boolean literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal.
    public init(integerLiteral value: Int) { self = .integer(value) }
    /// A floating-point literal.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A dictionary literal; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// A coding key for any string. The generated types name their JSON keys
/// with string literals of this type (`forKey: "is_image_safe"`), which
/// compiles to less than a `CodingKeys` enum per type; it also reads
/// discriminators and extra properties.
__AVAILABILITY__
nonisolated struct AnyCodingKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ stringValue: String) { self.stringValue = stringValue }
    init(stringLiteral stringValue: String) { self.stringValue = stringValue }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }

    /// The keys of an object that are not among `known`, decoded as `Value`.
    static func decodeAdditional<Value: Decodable>(_ type: Value.Type, from decoder: any Decoder, excluding known: Set<String>) throws -> [String: Value] {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        var result: [String: Value] = [:]
        for key in container.allKeys where !known.contains(key.stringValue) {
            result[key.stringValue] = try container.decode(Value.self, forKey: key)
        }
        return result
    }

    static func encodeAdditional<Value: Encodable>(_ values: [String: Value], to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for (key, value) in values {
            try container.encode(value, forKey: AnyCodingKey(key))
        }
    }
}

__AVAILABILITY__
nonisolated extension KeyedDecodingContainer where Key == AnyCodingKey {
    /// A link that may be missing: absent, `null` and `""` all read as nil.
    /// The API sends an empty link for an image that failed its safety
    /// check, and that must not cost the call its other images.
    func decodeURLIfPresent(forKey key: AnyCodingKey) throws -> URL? {
        guard let text = try decodeIfPresent(String.self, forKey: key), !text.isEmpty else { return nil }
        guard let url = URL(string: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not a URL")
        }
        return url
    }
}

/// A box that lets a struct hold a value of its own type.
__AVAILABILITY__
nonisolated final class Indirect<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}

__AVAILABILITY__
nonisolated extension Indirect: Equatable where Value: Equatable {
    static func == (lhs: Indirect, rhs: Indirect) -> Bool { lhs.value == rhs.value }
}

__AVAILABILITY__
nonisolated extension Indirect: Hashable where Value: Hashable {
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// The JSON coders of the client: dates as the API writes them, keys sorted
/// so that request bodies are the same bytes every time.
__AVAILABILITY__
nonisolated enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601Date.format(date))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601Date.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a date and time")
            }
            return date
        }
        return decoder
    }()

    static func data(_ value: some Encodable, field: String) throws(__CLIENT__Error) -> Data {
        do {
            return try encoder.encode(value)
        } catch {
            throw .invalidRequest(reason: "\(field) could not be encoded as JSON: \(error)")
        }
    }

    /// The value as a JSON tree.
    static func value(_ value: some Encodable, field: String) throws(__CLIENT__Error) -> JSONValue {
        let data = try data(value, field: field)
        guard let tree = try? decoder.decode(JSONValue.self, from: data) else {
            throw .invalidRequest(reason: "\(field) could not be encoded")
        }
        return tree
    }

    static func object(_ value: some Encodable, field: String) throws(__CLIENT__Error) -> [String: JSONValue] {
        let data = try data(value, field: field)
        guard let object = try? decoder.decode([String: JSONValue].self, from: data) else {
            throw .invalidRequest(reason: "\(field) must be an object to be sent as a form")
        }
        return object
    }
}
"""#
}
