import SpecParser

/// Named schemas and how each value is typed: a declaration per component
/// schema, and the Swift type of any schema where it is used (inline
/// objects, enums and unions declared where they appear).
extension TranslationContext {
    func declaration(for named: NamedSchema, name: String? = nil) -> TypeDeclaration {
        let name = name ?? typeNames[named.key]!
        let schema = named.schema
        let documentation = documentation(of: schema)
        if let reference = schema.reference, isPlainReference(schema) {
            return .alias(
                AliasDeclaration(name: name, documentation: documentation, type: usage(ofReference: reference)))
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
    func isPlainReference(_ schema: Schema) -> Bool { schema.isFreeFormApartFromReference }

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
    func usage(_ schema: Schema, suggestedName: String, qualifier: String?, nested: inout [TypeDeclaration])
        -> TypeUsage
    {
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
            return declare(
                .structure(structDeclaration(schema, name: name, path: path, documentation: documentation)),
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
                return .dictionary(
                    usage(values.value, suggestedName: suggestedName + "Value", qualifier: qualifier, nested: &nested))
            }
            return .dictionary(.json)
        case .null?, nil:
            return .json
        }
    }

    func inferredType(_ schema: Schema) -> Schema.JSONType? {
        if schema.items != nil { return .array }
        if schema.additionalProperties != nil { return .object }
        if schema.format == "binary" || schema.contentMediaType != nil { return .string }
        return nil
    }

    func singular(_ name: String) -> String {
        Naming.singular(name) ?? name + "Item"
    }

    /// The name an inline declaration suggested as `suggested` gets.
    ///
    /// A top-level one is unique among the top-level types. A nested one is
    /// unique among its siblings, and never the name of a top-level type (or
    /// of a Swift type the generated code uses) or of an enclosing type: inside
    /// `ApplicationFee`, a nested `Account` would hide the top-level `Account`
    /// that the code there refers to. Such a name gets the suffix `Schema`, as
    /// top-level names that collide with Swift's do.
    func declarationName(_ suggested: String, qualifier: String?, nested: [TypeDeclaration]) -> String {
        guard let qualifier else { return Naming.unique(suggested) { isTopLevelName($0) } }
        func isEnclosing(_ name: String) -> Bool { Self.isComponent(name, of: qualifier) }
        let name = isTopLevelName(suggested) || isEnclosing(suggested) ? suggested + "Schema" : suggested
        return Naming.unique(name) { candidate in
            nested.contains { $0.name == candidate } || isEnclosing(candidate) || isTopLevelName(candidate)
        }
    }

    /// Whether `name` is one of the dot-separated names of `qualified`
    /// (`Inner` of `Outer.Inner`), read in place: splitting the qualifier
    /// into an array for each inline type cost more than naming it.
    static func isComponent(_ name: String, of qualified: String) -> Bool {
        guard !name.isEmpty else { return false }
        let bytes = qualified.utf8
        var start = bytes.startIndex
        while true {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
            if bytes[start..<end].elementsEqual(name.utf8) { return true }
            if end == bytes.endIndex { return false }
            start = bytes.index(after: end)
        }
    }

    /// Adds an inline declaration, named by ``declarationName(_:qualifier:nested:)``
    /// already, and returns how to refer to it.
    func declare(_ declaration: TypeDeclaration, qualifier: String?, nested: inout [TypeDeclaration]) -> TypeUsage {
        if let qualifier {
            nested.append(declaration)
            declarationIndex[qualifier + "." + declaration.name] = declaration
            return .named(qualifier + "." + declaration.name)
        }
        addTopLevelName(declaration.name)
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
        if variants.contains(where: {
            $0.reference == nil && $0.types.isEmpty && $0.allowsNull && $0.properties.isEmpty
        }) {
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
}
