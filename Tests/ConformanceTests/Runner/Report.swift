import Foundation

/// A JSON value: what a scenario observed, printed as one line for the
/// test that reads it.
enum Report: Sendable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([Report])
    case object([String: Report])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: Report...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, Report)...) {
        self = .object(Dictionary(elements) { $1 })
    }

    init(_ value: Int) { self = .number(Double(value)) }
    init(_ value: String?) { self = value.map(Report.string) ?? .null }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([Report].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: Report].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if let exact = Int(exactly: value) { try container.encode(exact) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// A value a call returned, as its JSON encoding; bytes as ``binary(_:)``.
    init(encoding value: some Encodable) {
        if let data = value as? Data {
            self = Report.binary(data)
            return
        }
        do {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            self = try JSONDecoder().decode(Report.self, from: try encoder.encode(value))
        } catch {
            self = ["unencodable": .string("\(error)")]
        }
    }

    /// Any value a call returned: an `Encodable` one as its encoding; an
    /// outcome enum as its case's payload (null for a case without one).
    init(anyValue value: Any) {
        if let data = value as? Data {
            self = Report.binary(data)
        } else if let encodable = value as? any Encodable {
            self = Report(encoding: encodable)
        } else {
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .enum, let payload = mirror.children.first {
                self = Report(anyValue: payload.value)
            } else if mirror.displayStyle == .enum {
                self = .null
            } else {
                self = .string(String(describing: value))
            }
        }
    }

    /// Bytes, summed up: their count, their first bytes, whether they follow
    /// the mock's pattern (byte i is (i × 31) mod 251), and their text when short.
    static func binary(_ data: Data) -> Report {
        var followsPattern = true
        for (index, byte) in data.enumerated() where Int(byte) != (index * 31) % 251 {
            followsPattern = false
            break
        }
        return [
            "size": Report(data.count),
            "followsMockPattern": .bool(followsPattern),
            "prefix": .string(data.prefix(16).map { String(format: "%02x", $0) }.joined()),
            "text": data.count <= 4096 ? Report(String(data: data, encoding: .utf8)) : .null,
        ]
    }

    /// The value at `key` of an object.
    subscript(key: String) -> Report? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The JSON text on one line, keys sorted.
    var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{\"unencodable\": true}"
    }
}
