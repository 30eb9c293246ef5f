/// A YAML node with the place it was written. Scalars keep their text and
/// style: what a scalar means is decided later, by the schema that reads it.
public struct YAMLNode: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    /// What the node is: a scalar, or a collection of nodes.
    public var kind: Kind {
        didSet { digest = Self.digest(of: kind) }
    }
    public var location: SourceLocation
    /// A 64-bit digest of what the node holds (its kind, a scalar's text,
    /// style and tag, a collection's children in order), not of where it is
    /// written: two nodes with the same digest hold, but for a collision in
    /// 2^64, the same YAML. `diff` skips what it finds unchanged by it.
    public private(set) var digest: UInt64

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
        digest = Self.digest(of: kind)
    }

    /// FNV-1a over the scalar's bytes, the children's digests mixed in as words.
    private static func digest(of kind: Kind) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
        }
        func mix(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                // Eight bytes at a time, then what is left.
                var index = 0
                while index + 8 <= bytes.count {
                    mix(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
                    index += 8
                }
                var last: UInt64 = 0
                while index < bytes.count {
                    last = last << 8 | UInt64(bytes[index])
                    index += 1
                }
                mix(last ^ UInt64(bytes.count) << 56)
            }
        }
        switch kind {
        case .scalar(let scalar):
            mix(1)
            mix(scalar.text)
            mix(UInt64(scalar.style.hashCode))
            if let tag = scalar.tag { mix(tag) }
        case .sequence(let items):
            mix(2)
            for item in items { mix(item.digest) }
            mix(UInt64(items.count))
        case .mapping(let pairs):
            mix(3)
            for pair in pairs {
                mix(pair.key.digest)
                mix(pair.value.digest)
            }
            mix(UInt64(pairs.count))
        }
        return hash
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let s) = kind { return s }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The value of the first pair whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = kind else { return nil }
        // By index, so that only the key's text is read from each pair: the
        // decoder asks each node for many keys it does not have.
        for index in pairs.indices {
            if case .scalar(let scalar) = pairs[index].key.kind, scalar.text == key { return pairs[index].value }
        }
        return nil
    }

    /// A short word for the node's kind, for diagnostics.
    public var kindName: String {
        switch kind {
        case .scalar: "a scalar"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }
}

public struct YAMLPair: Hashable, Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A scalar as written: its text, how it was quoted, and its tag if any.
public struct YAMLScalar: Hashable, Sendable {
    public enum Style: String, Hashable, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded

        /// A number of its own, for digests.
        var hashCode: Int {
            switch self {
            case .plain: 1
            case .singleQuoted: 2
            case .doubleQuoted: 3
            case .literal: 4
            case .folded: 5
            }
        }
    }

    public var text: String
    public var style: Style
    public var tag: String?

    public init(_ text: String, style: Style = .plain, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    /// Whether the scalar was written so that it can only be a string.
    public var isQuotedOrBlock: Bool {
        style != .plain || tag == "tag:yaml.org,2002:str"
    }

    /// The scalar read by the YAML 1.2 core schema (which JSON shares):
    /// `true`/`false`, `null`/`~`, integers and floats; anything else is a string.
    /// YAML 1.1's `ON`, `yes` and friends stay strings.
    public var coreValue: CoreValue {
        if isQuotedOrBlock { return .string(text) }
        switch tag {
        case "tag:yaml.org,2002:int": if let i = Int(text) { return .integer(i) }
        case "tag:yaml.org,2002:float": if let d = Double(text) { return .number(d) }
        case "tag:yaml.org,2002:bool":
            if let b = Self.boolean(text) { return .bool(b) }
        case "tag:yaml.org,2002:null": return .null
        default: break
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        default: break
        }
        if let b = Self.boolean(text) { return .bool(b) }
        if let i = Self.integer(text) { return .integer(i) }
        if let d = Self.number(text) { return .number(d) }
        return .string(text)
    }

    public enum CoreValue: Hashable, Sendable {
        case null
        case bool(Bool)
        case integer(Int)
        case number(Double)
        case string(String)
    }

    private static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    private static func integer(_ text: String) -> Int? {
        let utf8 = text.utf8
        guard !utf8.isEmpty else { return nil }
        var digits = utf8[...]
        if digits.first == UInt8(ascii: "-") || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        for (prefix, radix) in [("0x", 16), ("0o", 8)] where digits.starts(with: prefix.utf8) {
            // Only digits of the radix may follow the prefix: `0x-1` and `0x10x` are strings.
            let body = digits.dropFirst(2)
            guard let first = body.first, first != UInt8(ascii: "+"), first != UInt8(ascii: "-"),
                let magnitude = Int(String(decoding: body, as: UTF8.self), radix: radix)
            else { return nil }
            return utf8.first == UInt8(ascii: "-") ? -magnitude : magnitude
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    private static func number(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        // The core schema's float form: digits with a dot and/or an exponent.
        let allowed = text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                true
            default:
                false
            }
        }
        guard allowed, text.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else {
            return nil
        }
        return Double(text)
    }
}
