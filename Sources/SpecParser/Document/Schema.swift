/// A JSON Schema as OpenAPI 3.0 and 3.1 use it.
///
/// Both versions' ways of saying "null is allowed" (`nullable: true`, a
/// `type` array holding `'null'`) end up in ``allowsNull``. A `$ref` stays a
/// reference (``reference``) to a ``SchemaKey`` of the document.
public struct Schema: Sendable {
    public enum JSONType: String, Sendable, Hashable, CaseIterable {
        case string, integer, number, boolean, array, object, null
    }

    public var location: SourceLocation
    /// The resolved target of `$ref`, when the schema has one.
    public var reference: SchemaKey?
    /// The types the schema names, `null` excluded; empty when it names none.
    public var types: [JSONType]
    /// True when `null` is a valid value (3.0 `nullable`, or `'null'` in `type`).
    public var allowsNull: Bool
    public var format: String?
    public var title: String?
    public var description: String?
    /// `enum` values, in order, as typed values.
    public var enumValues: [SpecValue]?
    public var constValue: SpecValue?
    public var defaultValue: SpecValue?
    /// Properties in document order.
    public var properties: [Property]
    public var required: [String]
    public var additionalProperties: AdditionalProperties?
    public var items: Indirect<Schema>?
    /// `prefixItems` (JSON Schema 2020-12): the schemas of an array's first
    /// items, by position.
    public var prefixItems: [Schema]
    /// `patternProperties`: the schema of the properties whose names match
    /// each pattern, in document order.
    public var patternProperties: [PatternProperty]
    public var allOf: [Schema]
    public var oneOf: [Schema]
    public var anyOf: [Schema]
    public var not: Indirect<Schema>?
    public var discriminator: Discriminator?
    public var constraints: Constraints
    public var deprecated: Bool
    public var readOnly: Bool
    public var writeOnly: Bool
    /// OpenAPI 3.1's way of describing file content in a string.
    public var contentEncoding: String?
    public var contentMediaType: String?
    /// `x-` keys, as written.
    public var extensions: [String: YAMLNode]
    /// `x-job-status`, read: the schema describes a job's progress.
    public var jobStatus: JobStatusRule?
    /// `x-swift-name`: the Swift name chosen by hand: of the type, for a
    /// component schema; of the property, for a property's schema.
    public var swiftName: String?
    /// `x-enum-varnames`: a case name for each `enum` value, in order.
    public var enumCaseNames: [String]?
    /// The ``YAMLNode/digest`` of the node the schema was read from (0 for a
    /// schema made in code): two schemas with the same digest were written
    /// the same, references included (not what they refer to).
    public var sourceDigest: UInt64 = 0

    public init(location: SourceLocation) {
        self.location = location
        reference = nil
        types = []
        allowsNull = false
        properties = []
        required = []
        prefixItems = []
        patternProperties = []
        allOf = []
        oneOf = []
        anyOf = []
        constraints = Constraints()
        deprecated = false
        readOnly = false
        writeOnly = false
        extensions = [:]
    }

    public struct Property: Sendable {
        public var name: String
        public var schema: Schema
    }

    /// One entry of `patternProperties`: a regular expression over property
    /// names, and the schema of the properties it matches.
    public struct PatternProperty: Sendable {
        /// The regular expression, as written.
        public var pattern: String
        /// The schema of the values of the properties it matches.
        public var schema: Schema
    }

    public enum AdditionalProperties: Sendable {
        case allowed(Bool)
        case schema(Indirect<Schema>)
    }

    public struct Discriminator: Sendable {
        public var propertyName: String
        /// `mapping` from wire value to schema, in document order.
        public var mapping: [(value: String, target: SchemaKey)]
    }

    public struct Constraints: Sendable, Hashable {
        public var minimum: Double?
        public var maximum: Double?
        public var exclusiveMinimum: Double?
        public var exclusiveMaximum: Double?
        public var multipleOf: Double?
        public var minLength: Int?
        public var maxLength: Int?
        public var pattern: String?
        public var minItems: Int?
        public var maxItems: Int?
        public var uniqueItems: Bool?
        public var minProperties: Int?
        public var maxProperties: Int?

        public init() {}
    }

    /// Whether the schema says nothing of its shape: any JSON value fits.
    public var isFreeForm: Bool {
        reference == nil && types.isEmpty && enumValues == nil && constValue == nil && properties.isEmpty
            && items == nil && allOf.isEmpty && oneOf.isEmpty && anyOf.isEmpty && additionalProperties == nil
    }

    /// Whether a property of this name must be present.
    public func requires(_ name: String) -> Bool { required.contains(name) }
}

/// A box that lets a value type hold itself (a schema's `items`).
public final class Indirect<Value: Sendable>: Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

/// Where a named schema lives: the component name for `#/components/schemas/X`
/// of the root file, or the file and JSON pointer of any other target.
public struct SchemaKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file the schema is in, as the loader named it.
    public var file: String
    /// The JSON pointer inside that file, without the leading `#`.
    public var pointer: String

    public init(file: String, pointer: String) {
        self.file = file
        self.pointer = pointer
    }

    public var description: String { "\(file)#\(pointer)" }

    public static func < (lhs: SchemaKey, rhs: SchemaKey) -> Bool {
        (lhs.file, lhs.pointer) < (rhs.file, rhs.pointer)
    }

    /// The last token of the pointer, unescaped: a name for the schema.
    public var lastToken: String {
        let token = pointer.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        return JSONPointer.unescape(token)
    }
}

/// A schema that has a name in the document: a component, or a `$ref` target.
public struct NamedSchema: Sendable {
    public var key: SchemaKey
    /// The name it was given: the component name, or the pointer's last token.
    public var name: String
    /// True for `components.schemas` of the root document.
    public var isComponent: Bool
    public var schema: Schema
    /// The named schemas its schema refers to directly (a `$ref` or a
    /// discriminator mapping anywhere inside it), each once, in order.
    public var references: [SchemaKey] = []
}

/// JSON pointer escapes (RFC 6901): `~1` is `/` and `~0` is `~`.
public enum JSONPointer {
    // Most tokens have neither `~` nor `/`: the checks look at bytes, which
    // costs far less than searching the characters for a string.

    public static func unescape(_ token: String) -> String {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return token }
        return token.replacing("~1", with: "/").replacing("~0", with: "~")
    }

    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    /// The unescaped tokens of a pointer such as `/components/schemas/A~1B`.
    public static func tokens(_ pointer: String) -> [String] {
        guard !pointer.isEmpty else { return [] }
        guard pointer.utf8.first == UInt8(ascii: "/") else {
            // Not a pointer as the spec writes them; its first character is dropped all the same.
            return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
                unescape(String($0))
            }
        }
        return pointer.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map {
            unescape(String(decoding: $0, as: UTF8.self))
        }
    }
}
