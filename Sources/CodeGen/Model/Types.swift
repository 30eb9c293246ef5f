/// How a value is typed in Swift, before it is spelled.
public indirect enum TypeUsage: Sendable, Hashable {
    case string
    case integer(bits: Int?)
    case double
    case float
    case bool
    case date
    case url
    case uuid
    /// Base64-encoded bytes in JSON (`format: byte`).
    case base64
    /// File content: raw bytes with a filename and content type in multipart.
    case file
    /// Any JSON value.
    case json
    case array(TypeUsage)
    case dictionary(TypeUsage)
    /// A named type declared in the model (or nested inside one: `Outer.Inner`).
    case named(String)
}

public enum TypeDeclaration: Sendable {
    case structure(StructDeclaration)
    case enumeration(EnumDeclaration)
    case union(UnionDeclaration)
    case alias(AliasDeclaration)
    /// Response headers, read from a response.
    case headers(HeadersDeclaration)

    public var name: String {
        switch self {
        case .structure(let d): d.name
        case .enumeration(let d): d.name
        case .union(let d): d.name
        case .alias(let d): d.name
        case .headers(let d): d.name
        }
    }
}

/// Documentation carried from the spec to a declaration.
public struct Documentation: Sendable, Hashable {
    public var summary: String?
    public var details: String?
    public var deprecated: Bool

    public init(summary: String? = nil, details: String? = nil, deprecated: Bool = false) {
        self.summary = summary
        self.details = details
        self.deprecated = deprecated
    }

    public var isEmpty: Bool { summary == nil && details == nil && !deprecated }
}

public struct StructDeclaration: Sendable {
    public var name: String
    public var documentation: Documentation
    public var properties: [PropertyModel]
    /// The type of extra keys, when the object allows them as a dictionary.
    public var additionalProperties: TypeUsage?
    /// Types declared inside this one (inline enums and objects of its properties).
    public var nested: [TypeDeclaration]
}

public struct PropertyModel: Sendable {
    /// The Swift name, camelCase and unique within the type.
    public var name: String
    /// The key on the wire.
    public var wireName: String
    public var type: TypeUsage
    /// Required properties must be present when encoding and decoding.
    public var isRequired: Bool
    /// Nullable properties may carry an explicit `null`.
    public var isNullable: Bool
    public var documentation: Documentation
    /// The default value from the spec, as a Swift expression, when it has one
    /// that the type can spell.
    public var defaultValue: String?
    /// True when the property holds its own type (directly or through other
    /// structs) and so must be stored in a box.
    public var isIndirect: Bool = false
    /// True when an empty string on the wire reads as no value: a link a
    /// response may leave empty where it has none (``TypeUsage/url``,
    /// optional).
    public var readsEmptyAsAbsent: Bool = false
    /// Which way the value travels: `readOnly` properties come only in
    /// answers and `writeOnly` ones only in requests, so that a required
    /// one may still be missing from the other direction.
    public var direction: PropertyDirection = .both

    /// Optional in Swift when it may be absent or null, or travels one way only.
    public var isOptional: Bool { !isRequired || isNullable || direction != .both }

    /// A required, non-null `writeOnly` property is optional in the type
    /// (answers leave it out) but required where a request is made.
    public var isRequiredInInitializer: Bool { isRequired && !isNullable && direction == .writeOnly }

    /// Written even when nil (as `null`): required in both directions and nullable.
    public var encodesNull: Bool { isRequired && direction == .both }
}

/// Which way a property's value travels.
public enum PropertyDirection: Sendable, Hashable {
    case both
    /// `readOnly`: the API sends it, and a request need not (SHOULD NOT) hold it.
    case readOnly
    /// `writeOnly`: a request sends it, and the API does not send it back.
    case writeOnly
}

public struct EnumDeclaration: Sendable {
    public enum RawType: Sendable { case string, integer }

    public var name: String
    public var documentation: Documentation
    public var rawType: RawType
    public var cases: [EnumCase]
}

public struct EnumCase: Sendable, Hashable {
    /// The Swift case name, valid and unique.
    public var name: String
    /// The value on the wire, as text (an integer's digits for integer enums).
    public var rawValue: String
    /// What the spec says of this value, when it says anything (the
    /// description of a `const` variant; a plain `enum` list has none).
    public var documentation: String?

    public init(name: String, rawValue: String, documentation: String? = nil) {
        self.name = name
        self.rawValue = rawValue
        self.documentation = documentation
    }
}

/// `oneOf`/`anyOf`: one of several types, told apart by a discriminator
/// property when the spec has one, or else by trying each in turn.
public struct UnionDeclaration: Sendable {
    public var name: String
    public var documentation: Documentation
    public var variants: [UnionVariant]
    public var discriminator: String?
    public var nested: [TypeDeclaration]
    /// The union holds itself by value through one of its variants, directly
    /// or through structs and other unions: an `indirect enum`.
    public var isIndirect: Bool = false
    /// A tag the spec does not list decodes as the `undocumented` case,
    /// which keeps the value's JSON (and sends it back as it came), so that
    /// a new variant on the server fails no call. True for a union chosen
    /// by a discriminator; a union without one has no tag to tell a new
    /// variant from a malformed value.
    public var isOpen: Bool = false

    /// The case that holds a value of an unlisted variant, when ``isOpen``.
    public static let undocumentedCase = "undocumented"
}

public struct UnionVariant: Sendable {
    public var caseName: String
    public var type: TypeUsage
    /// Discriminator values that select this variant.
    public var discriminatorValues: [String]
}

public struct AliasDeclaration: Sendable {
    public var name: String
    public var documentation: Documentation
    public var type: TypeUsage
}
