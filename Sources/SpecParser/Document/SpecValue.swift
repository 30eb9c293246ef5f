/// A value a spec writes as data (an `enum` member, a `const`, a
/// `default`), read as JSON reads it: YAML's quoting, tags and core schema
/// are applied already (`'ON'` and `ON` are the string "ON", `3` is an
/// integer, `'3'` a string, an unquoted `null` is null), so that no later
/// layer knows anything of YAML.
public indirect enum SpecValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([SpecValue])
    /// Members in the order they are written.
    case object([Member])

    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: SpecValue

        public init(key: String, value: SpecValue) {
            self.key = key
            self.value = value
        }
    }

    /// A YAML node as the value JSON would read.
    public init(_ node: YAMLNode) {
        self = withExtendedLifetime(node) { SpecValue(node.node) }
    }

    init(_ node: Node) {
        switch node.kind {
        case .scalar:
            switch node.coreValue! {
            case .null: self = .null
            case .bool(let value): self = .bool(value)
            case .integer(let value): self = .integer(value)
            case .number(let value): self = .number(value)
            case .string(let value): self = .string(value)
            }
        case .sequence:
            self = .array(node.items.map(SpecValue.init))
        case .mapping:
            self = .object(node.pairs.map { Member(key: $0.key.text ?? "", value: SpecValue($0.value)) })
        }
    }

    /// A scalar as text: a string as it is, a number or boolean as JSON
    /// writes it; nil for null, arrays and objects.
    public var text: String? {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    /// True for strings, numbers and booleans.
    public var isScalar: Bool { text != nil }

    /// An object's member.
    public subscript(key: String) -> SpecValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}
