/// A JSON Schema as OpenAPI 3.0 and 3.1 use it.
///
/// Both versions' ways of saying "null is allowed" (`nullable: true`, a
/// `type` array holding `'null'`) end up in ``allowsNull``. A `$ref` stays a
/// reference (``reference``) to a ``SchemaKey`` of the document.
public struct Schema: Sendable {
    public enum JSONType: String, Sendable, Hashable, CaseIterable {
        case string, integer, number, boolean, array, object, null
    }

    /// The fields, shared by copies until one of them changes: a schema is
    /// copied often (into tables, out of them, while comparing), and a copy
    /// of the fields themselves retains each of them.
    private final class Storage: @unchecked Sendable {
        var location: SourceLocation
        var reference: SchemaKey? = nil
        var types: [JSONType] = []
        var allowsNull: Bool = false
        var format: String? = nil
        var title: String? = nil
        var description: String? = nil
        var enumValues: [SpecValue]? = nil
        var defaultValue: SpecValue? = nil
        var properties: [Property] = []
        var required: [String] = []
        var additionalProperties: AdditionalProperties? = nil
        var items: Indirect<Schema>? = nil
        var allOf: [Schema] = []
        var oneOf: [Schema] = []
        var anyOf: [Schema] = []
        var deprecated: Bool = false
        var readOnly: Bool = false
        var writeOnly: Bool = false
        var extensions: [String: YAMLNode] = [:]
        var sourceDigest: UInt64 = 0
        /// The fields few schemas set, apart, so that the many small schemas of a
        /// spec (a type and a description) take less memory.
        var rare: Rare?

        init(location: SourceLocation) { self.location = location }

        func copy() -> Storage {
            let copy = Storage(location: location)
            copy.reference = reference
            copy.types = types
            copy.allowsNull = allowsNull
            copy.format = format
            copy.title = title
            copy.description = description
            copy.enumValues = enumValues
            copy.defaultValue = defaultValue
            copy.properties = properties
            copy.required = required
            copy.additionalProperties = additionalProperties
            copy.items = items
            copy.allOf = allOf
            copy.oneOf = oneOf
            copy.anyOf = anyOf
            copy.deprecated = deprecated
            copy.readOnly = readOnly
            copy.writeOnly = writeOnly
            copy.extensions = extensions
            copy.sourceDigest = sourceDigest
            copy.rare = rare
            return copy
        }
    }

    private final class Rare: @unchecked Sendable {
        var constValue: SpecValue? = nil
        var prefixItems: [Schema] = []
        var patternProperties: [PatternProperty] = []
        var not: Indirect<Schema>? = nil
        var discriminator: Discriminator? = nil
        var constraints: Constraints = Constraints()
        var contentEncoding: String? = nil
        var contentMediaType: String? = nil
        var jobStatus: JobStatusRule? = nil
        var swiftName: String? = nil
        var enumCaseNames: [String]? = nil

        func copy() -> Rare {
            let copy = Rare()
            copy.constValue = constValue
            copy.prefixItems = prefixItems
            copy.patternProperties = patternProperties
            copy.not = not
            copy.discriminator = discriminator
            copy.constraints = constraints
            copy.contentEncoding = contentEncoding
            copy.contentMediaType = contentMediaType
            copy.jobStatus = jobStatus
            copy.swiftName = swiftName
            copy.enumCaseNames = enumCaseNames
            return copy
        }
    }

    private var storage: Storage

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The rare fields, made (or copied) to be changed.
    private mutating func uniqueRare() -> Rare {
        makeUnique()
        guard var rare = storage.rare else {
            let rare = Rare()
            storage.rare = rare
            return rare
        }
        storage.rare = nil
        if !isKnownUniquelyReferenced(&rare) { rare = rare.copy() }
        storage.rare = rare
        return rare
    }

    public var location: SourceLocation {
        get { storage.location }
        _modify {
            makeUnique()
            yield &storage.location
        }
    }
    /// The resolved target of `$ref`, when the schema has one.
    public var reference: SchemaKey? {
        get { storage.reference }
        _modify {
            makeUnique()
            yield &storage.reference
        }
    }
    /// The types the schema names, `null` excluded; empty when it names none.
    public var types: [JSONType] {
        get { storage.types }
        _modify {
            makeUnique()
            yield &storage.types
        }
    }
    /// True when `null` is a valid value (3.0 `nullable`, or `'null'` in `type`).
    public var allowsNull: Bool {
        get { storage.allowsNull }
        _modify {
            makeUnique()
            yield &storage.allowsNull
        }
    }
    public var format: String? {
        get { storage.format }
        _modify {
            makeUnique()
            yield &storage.format
        }
    }
    public var title: String? {
        get { storage.title }
        _modify {
            makeUnique()
            yield &storage.title
        }
    }
    public var description: String? {
        get { storage.description }
        _modify {
            makeUnique()
            yield &storage.description
        }
    }
    /// `enum` values, in order, as typed values.
    public var enumValues: [SpecValue]? {
        get { storage.enumValues }
        _modify {
            makeUnique()
            yield &storage.enumValues
        }
    }
    public var constValue: SpecValue? {
        get { storage.rare?.constValue }
        _modify {
            let rare = uniqueRare()
            yield &rare.constValue
        }
    }
    public var defaultValue: SpecValue? {
        get { storage.defaultValue }
        _modify {
            makeUnique()
            yield &storage.defaultValue
        }
    }
    /// Properties in document order.
    public var properties: [Property] {
        get { storage.properties }
        _modify {
            makeUnique()
            yield &storage.properties
        }
    }
    public var required: [String] {
        get { storage.required }
        _modify {
            makeUnique()
            yield &storage.required
        }
    }
    public var additionalProperties: AdditionalProperties? {
        get { storage.additionalProperties }
        _modify {
            makeUnique()
            yield &storage.additionalProperties
        }
    }
    public var items: Indirect<Schema>? {
        get { storage.items }
        _modify {
            makeUnique()
            yield &storage.items
        }
    }
    /// `prefixItems` (JSON Schema 2020-12): the schemas of an array's first
    /// items, by position.
    public var prefixItems: [Schema] {
        get { storage.rare?.prefixItems ?? [] }
        _modify {
            let rare = uniqueRare()
            yield &rare.prefixItems
        }
    }
    /// `patternProperties`: the schema of the properties whose names match
    /// each pattern, in document order.
    public var patternProperties: [PatternProperty] {
        get { storage.rare?.patternProperties ?? [] }
        _modify {
            let rare = uniqueRare()
            yield &rare.patternProperties
        }
    }
    public var allOf: [Schema] {
        get { storage.allOf }
        _modify {
            makeUnique()
            yield &storage.allOf
        }
    }
    public var oneOf: [Schema] {
        get { storage.oneOf }
        _modify {
            makeUnique()
            yield &storage.oneOf
        }
    }
    public var anyOf: [Schema] {
        get { storage.anyOf }
        _modify {
            makeUnique()
            yield &storage.anyOf
        }
    }
    public var not: Indirect<Schema>? {
        get { storage.rare?.not }
        _modify {
            let rare = uniqueRare()
            yield &rare.not
        }
    }
    public var discriminator: Discriminator? {
        get { storage.rare?.discriminator }
        _modify {
            let rare = uniqueRare()
            yield &rare.discriminator
        }
    }
    public var constraints: Constraints {
        get { storage.rare?.constraints ?? Constraints() }
        _modify {
            let rare = uniqueRare()
            yield &rare.constraints
        }
    }
    public var deprecated: Bool {
        get { storage.deprecated }
        _modify {
            makeUnique()
            yield &storage.deprecated
        }
    }
    public var readOnly: Bool {
        get { storage.readOnly }
        _modify {
            makeUnique()
            yield &storage.readOnly
        }
    }
    public var writeOnly: Bool {
        get { storage.writeOnly }
        _modify {
            makeUnique()
            yield &storage.writeOnly
        }
    }
    /// OpenAPI 3.1's way of describing file content in a string.
    public var contentEncoding: String? {
        get { storage.rare?.contentEncoding }
        _modify {
            let rare = uniqueRare()
            yield &rare.contentEncoding
        }
    }
    public var contentMediaType: String? {
        get { storage.rare?.contentMediaType }
        _modify {
            let rare = uniqueRare()
            yield &rare.contentMediaType
        }
    }
    /// `x-` keys, as written.
    public var extensions: [String: YAMLNode] {
        get { storage.extensions }
        _modify {
            makeUnique()
            yield &storage.extensions
        }
    }
    /// `x-job-status`, read: the schema describes a job's progress.
    public var jobStatus: JobStatusRule? {
        get { storage.rare?.jobStatus }
        _modify {
            let rare = uniqueRare()
            yield &rare.jobStatus
        }
    }
    /// `x-swift-name`: the Swift name chosen by hand: of the type, for a
    /// component schema; of the property, for a property's schema.
    public var swiftName: String? {
        get { storage.rare?.swiftName }
        _modify {
            let rare = uniqueRare()
            yield &rare.swiftName
        }
    }
    /// `x-enum-varnames`: a case name for each `enum` value, in order.
    public var enumCaseNames: [String]? {
        get { storage.rare?.enumCaseNames }
        _modify {
            let rare = uniqueRare()
            yield &rare.enumCaseNames
        }
    }
    /// The ``YAMLNode/digest`` of the node the schema was read from (0 for a
    /// schema made in code): two schemas with the same digest were written
    /// the same, references included (not what they refer to).
    public var sourceDigest: UInt64 {
        get { storage.sourceDigest }
        _modify {
            makeUnique()
            yield &storage.sourceDigest
        }
    }

    public init(location: SourceLocation) {
        storage = Storage(location: location)
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
    public var isFreeForm: Bool { reference == nil && isFreeFormApartFromReference }

    /// Whether the schema says nothing of its shape but its `$ref`, if it
    /// has one: a schema that is its reference and nothing more (a
    /// description aside). Read field by field; a copy with the reference
    /// cleared would copy every field (the storage is shared until changed).
    public var isFreeFormApartFromReference: Bool {
        types.isEmpty && enumValues == nil && constValue == nil && properties.isEmpty && items == nil
            && allOf.isEmpty && oneOf.isEmpty && anyOf.isEmpty && additionalProperties == nil
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

    /// The pointer alone: the keys of one dictionary nearly always share
    /// their file, whose path (often longer than the pointer) would be
    /// hashed again on every look-up, tens of thousands of times in `diff`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(pointer)
    }

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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.utf8.count)
        // `~1` is `/` and `~0` is `~`, each pair read once from the left; any other `~` stays.
        let source = Array(token.utf8)
        var index = 0
        while index < source.count {
            let byte = source[index]
            index += 1
            guard byte == UInt8(ascii: "~"), index < source.count else {
                bytes.append(byte)
                continue
            }
            switch source[index] {
            case UInt8(ascii: "1"):
                bytes.append(UInt8(ascii: "/"))
                index += 1
            case UInt8(ascii: "0"):
                bytes.append(UInt8(ascii: "~"))
                index += 1
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.utf8.count + 8)
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "~"): bytes += [UInt8(ascii: "~"), UInt8(ascii: "0")]
            case UInt8(ascii: "/"): bytes += [UInt8(ascii: "~"), UInt8(ascii: "1")]
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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
        // On the bytes: the resolver splits each pointer a spec's `$ref`s name.
        var pointer = pointer
        return pointer.withUTF8 { bytes in
            var tokens: [String] = []
            var start = 1
            for index in 1...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                tokens.append(
                    unescape(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)))
                start = index + 1
            }
            return tokens
        }
    }
}
