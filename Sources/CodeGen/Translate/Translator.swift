import SpecParser

/// Lowers an ``OpenAPIDocument`` into an ``APIModel``: names every type and
/// member, decides how each value is typed and how each body is sent.
///
/// What cannot be represented faithfully degrades to a JSON value or is
/// skipped, always with a located warning; nothing is dropped in silence.
public struct Translator {
    public struct Options: Sendable {
        /// The name of the client type, such as `Ideogram`.
        public var clientName: String
        /// Names chosen by hand, which win over every naming rule.
        public var names: NameOverrides

        public init(clientName: String, names: NameOverrides = NameOverrides()) {
            self.clientName = clientName
            self.names = names
        }
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    public func translate(_ document: OpenAPIDocument) -> (model: APIModel, diagnostics: Diagnostics) {
        let context = TranslationContext(document: document, options: options)
        let model = context.run()
        return (model, context.diagnostics)
    }
}

final class TranslationContext {
    let document: OpenAPIDocument
    let options: Options
    typealias Options = Translator.Options
    var diagnostics = Diagnostics()

    let schemas: [SchemaKey: NamedSchema]
    var typeNames: [SchemaKey: String] = [:]
    var topLevel: [TypeDeclaration] = []
    var topLevelNames: Set<String> = []
    /// Every declaration so far by qualified name (`Outer.Inner`).
    var declarationIndex: [String: TypeDeclaration] = [:]
    /// The inline object schemas whose structs are being built, by where the
    /// spec writes them, with their qualified names. An inline object that
    /// merges (`allOf`) a schema holding that same object meets itself again
    /// among its own properties: it then refers to the struct being built,
    /// which makes it recursive, instead of nesting copies without end.
    private var structsInProgress: [SourceLocation: String] = [:]
    /// Whether each named type a parameter uses has a spelling in the `form`
    /// and `simple` styles, once worked out (``hasStyleSpelling(_:)``).
    var styleSpellings: [String: Bool] = [:]
    let reserved: Set<String>
    /// Lower-cased names of headers that carry the API key.
    var credentialHeaders: Set<String> = []
    /// The name overrides a lookup has used (``overridden(_:_:)``).
    var usedOverrides: Set<String> = []
    /// Component schemas to declare inside a multipart request type, by its name.
    var pendingNested: [String: [TypeDeclaration]] = [:]

    init(document: OpenAPIDocument, options: Options) {
        self.document = document
        self.options = options
        schemas = document.schemaTable()
        reserved = Naming.reservedTypeNames.union([options.clientName, options.clientName + "Error"])
    }

    func run() -> APIModel {
        // Names first, so that any schema can refer to any other; names a
        // tool made are replaced by readable ones (``readableSchemaNames``).
        let operationNames = operationMethodNames()
        let placed = readableSchemaNames(operationNames: operationNames)
        let own = document.schemas.filter { placed[$0.key]?.reusesAnother != true }
        let raw = own.map { named in
            overridden(\.types, named.name) ?? placed[named.key]?.qualified ?? Naming.type(named.name, reserved: reserved)
        }
        let unique = Naming.uniqued(raw, taken: reserved)
        for (index, named) in own.enumerated() {
            typeNames[named.key] = unique[index]
            if unique[index] != raw[index] {
                diagnostics.warning(
                    "schema '\(named.name)' is named '\(unique[index])' because '\(raw[index])' is already taken",
                    at: named.schema.location)
            }
        }
        // A schema with the same values as the one named like it is that one.
        for named in document.schemas where placed[named.key]?.reusesAnother == true {
            let twin = placed[named.key]!.qualified
            typeNames[named.key] = own.first { $0.name == twin }.flatMap { typeNames[$0.key] } ?? twin
        }
        topLevelNames = Set(unique.filter { !$0.contains(".") }).union(reserved)
        let authentication = translateAuthentication()
        reportRequestsTheAPISends()
        for named in own {
            let name = typeNames[named.key]!
            if let owner = placed[named.key]?.owner, name.hasPrefix(owner + ".") {
                // Declared inside its operation's request type, when that is made.
                let declaration = declaration(for: named, name: String(name.dropFirst(owner.count + 1)))
                declarationIndex[name] = declaration
                pendingNested[owner, default: []].append(declaration)
                continue
            }
            let declaration = declaration(for: named)
            declarationIndex[declaration.name] = declaration
            topLevel.append(declaration)
        }
        var operations: [OperationModel] = []
        var errorBodies: [ErrorBodyCase] = []
        for (index, operation) in document.operations.enumerated() {
            operations.append(translate(operation, name: operationNames[index], errorBodies: &errorBodies))
        }
        markIndirectProperties()
        relaxResponseLinks(operations)
        let jobs = translateJobs(operations)
        reportUnusedOverrides()
        return APIModel(
            title: document.info.title, summary: document.info.summary ?? document.info.description,
            version: document.info.version,
            servers: translateServers(),
            types: Self.sortedByName(topLevel),
            operations: operations, authentication: authentication, errorBodies: errorBodies, jobs: jobs)
    }

    /// The servers a client can offer as base URLs: absolute ones, with their
    /// variables' defaults filled in. A relative one (`/v1`) or a template
    /// that stays one is not offered, with a warning: the caller gives the
    /// base URL.
    private func translateServers() -> [ServerModel] {
        document.servers.compactMap { server in
            var url = server.url
            for variable in server.variables {
                url = url.replacing("{\(variable.name)}", with: variable.defaultValue)
            }
            guard ServerURL.isAbsolute(url) else {
                diagnostics.warning("server '\(url)' is not an absolute URL, so the client does not offer it as a base URL; callers pass theirs",
                                    at: server.location)
                return nil
            }
            return ServerModel(url: url, description: server.description)
        }
    }

    /// Webhooks and callbacks are requests the API sends, which a client does
    /// not receive: each is said, where the spec writes it, and left out.
    private func reportRequestsTheAPISends() {
        for webhook in document.webhooks {
            diagnostics.warning("webhook '\(webhook.path)' is not generated: a client does not receive webhooks", at: webhook.location)
        }
        for operation in document.operations {
            for callback in operation.callbacks {
                diagnostics.warning("callback '\(callback.name)' of \(operation.method.uppercased) \(operation.path) is not generated: a client does not receive callbacks",
                                    at: callback.location)
            }
        }
    }

    /// The declarations in the order of their names. The names are read
    /// once: a declaration's `name` looks through its whole enum case.
    private static func sortedByName(_ declarations: [TypeDeclaration]) -> [TypeDeclaration] {
        let names = declarations.map(\.name)
        return declarations.indices.sorted { names[$0] < names[$1] }.map { declarations[$0] }
    }

    // MARK: - Authentication

    private func translateAuthentication() -> [AuthenticationModel] {
        var referenced = Set<String>()
        for requirement in (document.security ?? []) + document.operations.flatMap({ $0.security ?? [] }) {
            for scheme in requirement.schemes { referenced.insert(scheme.name) }
        }
        let headerParameters = Set(document.operations.flatMap(\.parameters)
            .filter { $0.location == .header }.map { $0.name.lowercased() })
        var result: [AuthenticationModel] = []
        for scheme in document.securitySchemes {
            switch (scheme.kind, scheme.location) {
            case (.apiKey, .header?):
                guard let name = scheme.name else { continue }
                // A scheme no operation references still counts when the
                // operations declare its header as a parameter (Ideogram does).
                if referenced.contains(scheme.key) || headerParameters.contains(name.lowercased()) {
                    credentialHeaders.insert(name.lowercased())
                    result.append(AuthenticationModel(kind: .apiKeyHeader(name: name), description: scheme.description))
                }
            case (.apiKey, .query?) where referenced.contains(scheme.key):
                if let name = scheme.name {
                    result.append(AuthenticationModel(kind: .apiKeyQuery(name: name), description: scheme.description))
                }
            case (.http, _) where referenced.contains(scheme.key):
                switch scheme.scheme?.lowercased() {
                case "bearer": result.append(AuthenticationModel(kind: .bearer, description: scheme.description))
                case "basic": result.append(AuthenticationModel(kind: .basic, description: scheme.description))
                default:
                    diagnostics.warning("HTTP authentication scheme '\(scheme.scheme ?? "")' is not supported; set its header through the configuration's additional headers", at: scheme.sourceLocation)
                }
            case (.oauth2, _) where referenced.contains(scheme.key), (.openIdConnect, _) where referenced.contains(scheme.key):
                // An OAuth access token travels as a bearer token.
                if !result.contains(where: { $0.kind == .bearer }) {
                    result.append(AuthenticationModel(kind: .bearer, description: scheme.description))
                }
            default:
                continue
            }
        }
        var seen = Set<AuthenticationModel.Kind>()
        return result.filter { seen.insert($0.kind).inserted }
    }

    // MARK: - Named schemas

    private func declaration(for named: NamedSchema, name: String? = nil) -> TypeDeclaration {
        let name = name ?? typeNames[named.key]!
        let schema = named.schema
        let documentation = documentation(of: schema)
        if let reference = schema.reference, isPlainReference(schema) {
            return .alias(AliasDeclaration(name: name, documentation: documentation, type: usage(ofReference: reference)))
        }
        if let enumeration = enumDeclaration(schema, name: name, documentation: documentation) {
            return .enumeration(enumeration)
        }
        if let union = unionDeclaration(schema, name: name, documentation: documentation) {
            return .union(union)
        }
        if isStructLike(schema) {
            return .structure(structDeclaration(schema, name: name, documentation: documentation))
        }
        var nested: [TypeDeclaration] = []
        let type = usage(schema, suggestedName: name + "Element", qualifier: nil, nested: &nested)
        return .alias(AliasDeclaration(name: name, documentation: documentation, type: type))
    }

    /// A schema that is its `$ref` and nothing more (a description aside).
    func isPlainReference(_ schema: Schema) -> Bool {
        var copy = schema
        copy.reference = nil
        return copy.isFreeForm
    }

    func isStructLike(_ schema: Schema) -> Bool {
        if !schema.properties.isEmpty { return true }
        return nonNullVariants(schema.allOf).count > 1
    }

    func documentation(of schema: Schema) -> Documentation {
        Documentation(summary: nil, details: schema.description, deprecated: schema.deprecated)
    }

    // MARK: - Type usage

    func usage(ofReference key: SchemaKey) -> TypeUsage {
        guard let name = typeNames[key] else { return .json }
        return .named(name)
    }

    /// The Swift type of a value of `schema`. Inline objects, enums and unions
    /// become declarations named `suggestedName`: nested in `qualifier`'s type
    /// (appended to `nested`), or top-level when `qualifier` is nil.
    func usage(_ schema: Schema, suggestedName: String, qualifier: String?, nested: inout [TypeDeclaration]) -> TypeUsage {
        if let reference = schema.reference {
            return usage(ofReference: reference)
        }
        let documentation = documentation(of: schema)
        // The name the declaration will get, and its qualified path, which its
        // own nested types are referred to by (`Outer.Inner2.Format`, not
        // `Inner.Format`, which may mean another type).
        let name = declarationName(suggestedName, qualifier: qualifier, nested: nested)
        let path = qualifier.map { $0 + "." + name } ?? name
        if let enumeration = enumDeclaration(schema, name: name, documentation: documentation) {
            return declare(.enumeration(enumeration), qualifier: qualifier, nested: &nested)
        }
        let variants = nonNullVariants(schema.oneOf.isEmpty ? schema.anyOf : schema.oneOf)
        if variants.count == 1 && schema.properties.isEmpty {
            return usage(variants[0], suggestedName: suggestedName, qualifier: qualifier, nested: &nested)
        }
        if let union = unionDeclaration(schema, name: name, path: path, documentation: documentation) {
            return declare(.union(union), qualifier: qualifier, nested: &nested)
        }
        let parts = nonNullVariants(schema.allOf)
        if parts.count == 1 && schema.properties.isEmpty {
            return usage(parts[0], suggestedName: suggestedName, qualifier: qualifier, nested: &nested)
        }
        if isStructLike(schema) {
            if let inProgress = structsInProgress[schema.location] { return .named(inProgress) }
            structsInProgress[schema.location] = path
            defer { structsInProgress[schema.location] = nil }
            return declare(.structure(structDeclaration(schema, name: name, path: path, documentation: documentation)),
                           qualifier: qualifier, nested: &nested)
        }
        if schema.types.count > 1 { return .json }
        let type = schema.types.first ?? inferredType(schema)
        switch type {
        case .string?:
            switch schema.format?.lowercased() {
            case "date-time": return .date
            case "uri", "url": return .url
            case "uuid": return .uuid
            case "binary": return .file
            case "byte": return .base64
            default: break
            }
            if schema.contentEncoding?.lowercased() == "base64" { return .base64 }
            if schema.contentEncoding?.lowercased() == "binary" || schema.contentMediaType != nil { return .file }
            return .string
        case .integer?:
            return .integer(bits: schema.format == "int32" ? 32 : nil)
        case .number?:
            return schema.format == "float" ? .float : .double
        case .boolean?:
            return .bool
        case .array?:
            guard let items = schema.items?.value else { return .array(.json) }
            return .array(usage(items, suggestedName: singular(suggestedName), qualifier: qualifier, nested: &nested))
        case .object?:
            if case .schema(let values)? = schema.additionalProperties {
                return .dictionary(usage(values.value, suggestedName: suggestedName + "Value", qualifier: qualifier, nested: &nested))
            }
            return .dictionary(.json)
        case .null?, nil:
            return .json
        }
    }

    private func inferredType(_ schema: Schema) -> Schema.JSONType? {
        if schema.items != nil { return .array }
        if schema.additionalProperties != nil { return .object }
        if schema.format == "binary" || schema.contentMediaType != nil { return .string }
        return nil
    }

    private func singular(_ name: String) -> String {
        if name.hasSuffix("ies") { return String(name.dropLast(3)) + "y" }
        if name.hasSuffix("ses") { return String(name.dropLast(2)) }
        if name.hasSuffix("s") && !name.hasSuffix("ss") { return String(name.dropLast()) }
        return name + "Item"
    }

    /// The name an inline declaration suggested as `suggested` gets.
    ///
    /// A top-level one is unique among the top-level types. A nested one is
    /// unique among its siblings, and never the name of a top-level type (or
    /// of a Swift type the generated code uses) or of an enclosing type: inside
    /// `ApplicationFee`, a nested `Account` would hide the top-level `Account`
    /// that the code there refers to. Such a name gets the suffix `Schema`, as
    /// top-level names that collide with Swift's do.
    private func declarationName(_ suggested: String, qualifier: String?, nested: [TypeDeclaration]) -> String {
        guard let qualifier else { return Naming.unique(suggested) { topLevelNames.contains($0) } }
        let enclosingNames = qualifier.utf8.split(separator: UInt8(ascii: "."))
        func isEnclosing(_ name: String) -> Bool {
            enclosingNames.contains { $0.elementsEqual(name.utf8) }
        }
        let name = topLevelNames.contains(suggested) || isEnclosing(suggested) ? suggested + "Schema" : suggested
        return Naming.unique(name) { candidate in
            nested.contains { $0.name == candidate } || isEnclosing(candidate) || topLevelNames.contains(candidate)
        }
    }

    /// Adds an inline declaration, named by ``declarationName(_:qualifier:nested:)``
    /// already, and returns how to refer to it.
    private func declare(_ declaration: TypeDeclaration, qualifier: String?, nested: inout [TypeDeclaration]) -> TypeUsage {
        if let qualifier {
            nested.append(declaration)
            declarationIndex[qualifier + "." + declaration.name] = declaration
            return .named(qualifier + "." + declaration.name)
        }
        topLevelNames.insert(declaration.name)
        topLevel.append(declaration)
        declarationIndex[declaration.name] = declaration
        return .named(declaration.name)
    }

    func nonNullVariants(_ variants: [Schema]) -> [Schema] {
        variants.filter { variant in
            !(variant.reference == nil && variant.types.isEmpty && variant.allowsNull && variant.properties.isEmpty)
        }
    }

    /// Whether a value of `schema` may be null, looking through plain references.
    func allowsNull(_ schema: Schema) -> Bool {
        if schema.allowsNull { return true }
        let variants = schema.oneOf.isEmpty ? schema.anyOf : schema.oneOf
        if variants.contains(where: { $0.reference == nil && $0.types.isEmpty && $0.allowsNull && $0.properties.isEmpty }) {
            return true
        }
        var seen = Set<SchemaKey>()
        var current = schema
        while let key = current.reference, seen.insert(key).inserted, let target = schemas[key]?.schema {
            if target.allowsNull { return true }
            current = target
        }
        return false
    }

    // MARK: - Enums

    private func enumDeclaration(_ schema: Schema, name: String, documentation: Documentation) -> EnumDeclaration? {
        let constants = constantVariants(schema)
        guard let values = schema.enumValues ?? constants?.compactMap(\.constValue), !values.isEmpty else { return nil }
        // A constant's title names its case (`{title: RELEVANCE, const: relevance}`);
        // its description documents the case.
        var titles: [String: String] = [:]
        var descriptions: [String: String] = [:]
        for constant in constants ?? [] {
            guard let text = constant.constValue?.text else { continue }
            if let title = constant.title, titles[text] == nil { titles[text] = title }
            if let description = constant.description, descriptions[text] == nil { descriptions[text] = description }
        }
        // Null is not a case: it makes the value optional (`allowsNull`).
        let scalars = values.filter { $0 != .null }
        guard !scalars.isEmpty, scalars.allSatisfy(\.isScalar) else { return nil }
        let isInteger: (SpecValue) -> Bool = { if case .integer = $0 { true } else { false } }
        let isString: (SpecValue) -> Bool = { if case .string = $0 { true } else { false } }
        let rawType: EnumDeclaration.RawType
        switch schema.types.first {
        case .string?: rawType = .string
        case .integer?:
            guard scalars.allSatisfy(isInteger) else { return nil }
            rawType = .integer
        case nil:
            if scalars.allSatisfy(isString) {
                rawType = .string
            } else if scalars.allSatisfy(isInteger) {
                rawType = .integer
            } else {
                return nil
            }
        default:
            return nil
        }
        var rawValues: [String] = []
        // The values so far, as a set: an enum of a hundred values would
        // otherwise compare each value with all those before it.
        var seen = Set<String>()
        for value in scalars {
            guard let text = value.text, !seen.contains(text) else { continue }
            rawValues.append(text)
            seen.insert(text)
        }
        let spoken = rawType == .string && titles.isEmpty ? Self.caseWords(rawValues, typeName: name) : nil
        let caseNames = Naming.uniqued(rawValues.enumerated().map { index, raw in
            if let chosen = overridden(\.cases, name + "." + raw) { return chosen }
            if let title = titles[raw] { return Naming.member(title, fallback: "empty") }
            if let spoken { return Naming.member(spoken[index], fallback: "empty") }
            let member = Naming.member(raw, fallback: "empty")
            return rawType == .integer ? Naming.member("value " + raw.replacing("-", with: "minus ")) : member
        }, taken: ["undocumented"])
        return EnumDeclaration(
            name: name, documentation: documentation, rawType: rawType,
            cases: zip(caseNames, rawValues).map { EnumCase(name: $0.0, rawValue: $0.1, documentation: descriptions[$0.1]) })
    }

    /// Case names that do not repeat their type's name: when every value
    /// starts with the type's first word (`ASPECT_16_9` in `AspectRatio`,
    /// `RESOLUTION_512_1536` in `Resolution`), it is left out; a value that
    /// is then two numbers reads as a size or a ratio, `16x9`, as the same
    /// values are written elsewhere. Nil when the rule does not apply, or
    /// when it would make two cases one.
    static func caseWords(_ rawValues: [String], typeName: String) -> [String]? {
        guard let typeWord = Naming.words(typeName.split(separator: ".").last.map(String.init) ?? typeName).first?.lowercased() else { return nil }
        var result: [String] = []
        for raw in rawValues {
            let words = Naming.words(raw)
            guard words.count > 1, words[0].lowercased() == typeWord else { return nil }
            let rest = Array(words.dropFirst())
            if rest.count == 2, rest.allSatisfy({ $0.allSatisfy(\.isNumber) }) {
                result.append(rest[0] + "x" + rest[1])
            } else {
                result.append(rest.joined(separator: " "))
            }
        }
        let names = result.map { Naming.member($0, fallback: "empty") }
        guard Set(names).count == names.count else { return nil }
        return result
    }

    /// The variants of a `oneOf` or `anyOf` that lists constants and nothing
    /// else, Discord's way of documenting each value of an enum:
    /// `{type: integer, oneOf: [{title: NORMAL, const: 0}, {title: BURST, const: 1}]}`.
    /// Nil when the schema is not that; each variant returned has a scalar `const`.
    private func constantVariants(_ schema: Schema) -> [Schema]? {
        guard schema.enumValues == nil, schema.properties.isEmpty else { return nil }
        let variants = nonNullVariants(schema.oneOf.isEmpty ? schema.anyOf : schema.oneOf)
        let allConstants = variants.allSatisfy { variant in
            variant.reference == nil && (variant.constValue?.isScalar == true || variant.constValue == .null)
                && variant.properties.isEmpty && variant.oneOf.isEmpty && variant.anyOf.isEmpty && variant.allOf.isEmpty
                && variant.items == nil
        }
        return variants.isEmpty || !allConstants ? nil : variants
    }

    // MARK: - Unions

    /// A union of `schema`'s variants; nil unless it has more than one.
    /// `path` is the union's qualified name, which its nested types go under.
    private func unionDeclaration(_ schema: Schema, name: String, path: String? = nil, documentation: Documentation) -> UnionDeclaration? {
        let variants = nonNullVariants(schema.oneOf.isEmpty ? schema.anyOf : schema.oneOf)
        guard variants.count > 1 else { return nil }
        var nested: [TypeDeclaration] = []
        var types: [TypeUsage] = []
        for (index, variant) in variants.enumerated() {
            let suggested = variant.title.map { Naming.type($0, reserved: []) } ?? "Variant\(index + 1)"
            types.append(usage(variant, suggestedName: suggested, qualifier: path ?? name, nested: &nested))
        }
        let caseNames = Naming.uniqued(unionCaseNames(types))
        var discriminatorValues = Array(repeating: [String](), count: variants.count)
        if let discriminator = schema.discriminator {
            for (index, variant) in variants.enumerated() {
                if let key = variant.reference {
                    let explicit = discriminator.mapping.filter { $0.target == key }.map(\.value)
                    discriminatorValues[index] = explicit.isEmpty ? [schemas[key]?.name ?? ""] : explicit
                }
            }
        }
        return UnionDeclaration(
            name: name, documentation: documentation,
            variants: variants.indices.map {
                UnionVariant(caseName: caseNames[$0], type: types[$0], discriminatorValues: discriminatorValues[$0])
            },
            discriminator: schema.discriminator?.propertyName, nested: nested)
    }

    /// Case names for the variants: the type names without the words they
    /// all share at the front (`ColorPaletteWithMembers` → `members`).
    private func unionCaseNames(_ types: [TypeUsage]) -> [String] {
        let names = types.map(caseBaseName)
        let wordLists = names.map(Naming.words)
        var shared = 0
        if wordLists.count > 1, let first = wordLists.first {
            while shared < first.count - 1,
                  wordLists.allSatisfy({ $0.count > shared + 1 && $0[shared] == first[shared] }) {
                shared += 1
            }
        }
        return wordLists.map { Naming.member($0.dropFirst(shared).joined(separator: "_"), fallback: "value") }
    }

    private func caseBaseName(_ type: TypeUsage) -> String {
        switch type {
        case .named(let name): return name.split(separator: ".").last.map(String.init) ?? name
        case .string: return "string"
        case .integer: return "integer"
        case .double, .float: return "number"
        case .bool: return "boolean"
        case .date: return "date"
        case .url: return "url"
        case .uuid: return "uuid"
        case .base64: return "data"
        case .file: return "file"
        case .json: return "json"
        case .array(let element): return caseBaseName(element) + "List"
        case .dictionary(let element): return caseBaseName(element) + "Map"
        }
    }

    // MARK: - Structs

    /// A struct of `schema`'s properties (allOf parts merged). `path` is the
    /// struct's qualified name, which its nested types go under.
    func structDeclaration(_ schema: Schema, name: String, path: String? = nil, documentation: Documentation) -> StructDeclaration {
        let collected = schema.mergedObject(in: schemas)
        var nested: [TypeDeclaration] = []
        let rawNames = collected.properties.map { overridden(\.properties, name + "." + $0.name) ?? Naming.member($0.name) }
        let memberNames = Naming.uniqued(rawNames, taken: ["additionalProperties"])
        var properties: [PropertyModel] = []
        for (index, property) in collected.properties.enumerated() {
            if memberNames[index] != rawNames[index] {
                diagnostics.warning(
                    "property '\(property.name)' of \(name) is named '\(memberNames[index])' because its name collides with another property",
                    at: property.schema.location)
            }
            let type = usage(property.schema, suggestedName: Naming.type(property.name, reserved: []),
                             qualifier: path ?? name, nested: &nested)
            properties.append(PropertyModel(
                name: memberNames[index], wireName: property.name, type: type,
                isRequired: collected.required.contains(property.name),
                isNullable: allowsNull(property.schema),
                documentation: propertyDocumentation(property.schema),
                defaultValue: defaultText(property.schema)))
        }
        var additional: TypeUsage?
        switch collected.additionalProperties {
        case .schema(let values)?:
            additional = usage(values.value, suggestedName: "AdditionalProperty", qualifier: path ?? name, nested: &nested)
        default:
            additional = nil
        }
        return StructDeclaration(
            name: name, documentation: documentation, properties: properties,
            additionalProperties: additional, nested: nested)
    }

    /// The spec's default as text, looking through a plain reference.
    func defaultText(_ schema: Schema) -> String? {
        if let value = schema.defaultValue?.text { return value }
        if let key = schema.reference, let target = schemas[key]?.schema { return target.defaultValue?.text }
        return nil
    }

    func propertyDocumentation(_ schema: Schema) -> Documentation {
        var details = schema.description
        if details == nil, let key = schema.reference, let target = schemas[key]?.schema {
            details = target.description
        }
        return Documentation(summary: nil, details: details, deprecated: schema.deprecated)
    }

    // MARK: - Links in responses

    /// A server sends an empty link where it has none to give (Ideogram's
    /// prose: the `url` of an image that failed the safety check "will be
    /// empty"), even where the spec requires the property. So in every type
    /// a response can hold, a required, non-nullable URL property is
    /// optional in Swift, and an empty link decodes as `nil` (the renderer
    /// reads every optional URL that way): one image without a link never
    /// costs a call its other images. Request-only types keep such a URL
    /// required.
    private func relaxResponseLinks(_ operations: [OperationModel]) {
        var reachable = Set<String>()
        var pending: [TypeUsage] = operations.flatMap { operation in
            ([operation.success?.body] + operation.errors.map(\.body)).compactMap { $0 }
        }
        while let type = pending.popLast() {
            switch type {
            case .array(let element), .dictionary(let element):
                pending.append(element)
            case .named(let name):
                guard reachable.insert(name).inserted, let declaration = declarationIndex[name] else { continue }
                switch declaration {
                case .structure(let d):
                    pending.append(contentsOf: d.properties.map(\.type))
                    if let additional = d.additionalProperties { pending.append(additional) }
                case .union(let d): pending.append(contentsOf: d.variants.map(\.type))
                case .alias(let d): pending.append(d.type)
                case .enumeration: break
                }
            default:
                break
            }
        }
        let note = "The spec requires it, but a server sends an empty link when it has none (for an image that failed a safety check), which reads as `nil`."
        updateDeclarations(structs: { qualified, d in
            guard reachable.contains(qualified) else { return }
            for index in d.properties.indices where d.properties[index].type == .url && !d.properties[index].isOptional {
                d.properties[index].isNullable = true
                let details = d.properties[index].documentation.details
                d.properties[index].documentation.details = details.map { $0 + "\n\n" + note } ?? note
            }
        })
    }

    /// Changes every struct and union, nested ones too, in place; each is
    /// given with its qualified name (`Outer.Inner`).
    private func updateDeclarations(structs: (String, inout StructDeclaration) -> Void,
                                    unions: (String, inout UnionDeclaration) -> Void = { _, _ in }) {
        func apply(_ declarations: [TypeDeclaration], prefix: String) -> [TypeDeclaration] {
            declarations.map { declaration in
                let qualified = prefix.isEmpty ? declaration.name : prefix + "." + declaration.name
                switch declaration {
                case .structure(var d):
                    structs(qualified, &d)
                    d.nested = apply(d.nested, prefix: qualified)
                    declarationIndex[qualified] = .structure(d)
                    return .structure(d)
                case .union(var d):
                    unions(qualified, &d)
                    d.nested = apply(d.nested, prefix: qualified)
                    declarationIndex[qualified] = .union(d)
                    return .union(d)
                default:
                    return declaration
                }
            }
        }
        topLevel = apply(topLevel, prefix: "")
    }

    // MARK: - Recursion

    /// Types that hold themselves by value, directly or through other types,
    /// would be infinitely large. A union on such a cycle becomes an
    /// `indirect enum`; a struct property that still leads back to its own
    /// struct, through structs alone, is boxed.
    private func markIndirectProperties() {
        // The by-value edges: struct properties that are not collections, and
        // union variants. Every declaration, nested ones too, is in the index
        // under its qualified name, which is how types refer to it.
        var structs: [String: StructDeclaration] = [:]
        var unions: [String: UnionDeclaration] = [:]
        for (name, declaration) in declarationIndex {
            switch declaration {
            case .structure(let d): structs[name] = d
            case .union(let d): unions[name] = d
            case .alias, .enumeration: break
            }
        }
        /// The struct or union a type stores by value, looking through aliases.
        func target(_ type: TypeUsage) -> String? {
            guard case .named(let name) = resolvedAlias(type), structs[name] != nil || unions[name] != nil else { return nil }
            return name
        }
        // The types by number, and each one's by-value edges (its properties'
        // or variants' targets, by number), worked out once.
        let names = (Array(structs.keys) + Array(unions.keys)).sorted()
        let number = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let isStruct = names.map { structs[$0] != nil }
        let edges: [[Int?]] = names.map { name in
            let types = structs[name].map { $0.properties.map(\.type) } ?? unions[name]!.variants.map(\.type)
            return types.map { target($0).flatMap { number[$0] } }
        }
        // An edge is on a cycle when its two ends reach each other: when they
        // are in the same strongly connected component (a type that holds
        // itself is a component of its own, with an edge to itself).
        // Unions first: an indirect union breaks every cycle through it.
        let throughUnions = stronglyConnectedComponents(count: names.count) { edges[$0].compactMap { $0 } }
        var indirectUnions = Set<String>()
        for (index, name) in names.enumerated() where !isStruct[index] {
            if edges[index].contains(where: { $0.map { throughUnions[$0] == throughUnions[index] } ?? false }) {
                indirectUnions.insert(name)
            }
        }
        // Then struct-only cycles (edges into unions no longer count).
        let structsOnly = stronglyConnectedComponents(count: names.count) { isStruct[$0] ? edges[$0].compactMap { $0 } : [] }
        var boxed: [String: Set<String>] = [:]
        for (index, name) in names.enumerated() where isStruct[index] {
            for (property, next) in zip(structs[name]!.properties, edges[index]) {
                if let next, isStruct[next], structsOnly[next] == structsOnly[index] {
                    boxed[name, default: []].insert(property.name)
                }
            }
        }
        guard !boxed.isEmpty || !indirectUnions.isEmpty else { return }
        updateDeclarations(structs: { qualified, d in
            for index in d.properties.indices where boxed[qualified]?.contains(d.properties[index].name) == true {
                d.properties[index].isIndirect = true
            }
        }, unions: { qualified, d in
            d.isIndirect = indirectUnions.contains(qualified)
        })
    }
}
