import SpecParser

/// A schema as a client decodes it: its references followed, its null-ness
/// made explicit, and its union's branches listed.
///
/// `nullable: true`, `type: [T, 'null']` and `oneOf: [T, {type: 'null'}]`
/// all come out as `allowsNull` over the schema of `T`; a `$ref` beside
/// keywords that only restate or annotate its target is its target; a
/// `$ref` beside keywords that constrain (OpenAPI 3.1) comes out as an
/// `allOf` of the target and those keywords, since both apply.
struct ResolvedSchema {
    var schema: Schema
    /// The named schema the references ended at, if any.
    var key: SchemaKey?
    var allowsNull: Bool
    /// The branches of its `oneOf` (or else `anyOf`) that are not `null`.
    var branches: [Schema]
    /// `oneOf` or `anyOf`: the keyword of ``branches``.
    var unionKeyword: String

    /// Two or more branches: a value is one of several kinds.
    var isUnion: Bool { branches.count >= 2 }
}

extension ComparisonRun {
    static func isNullOnly(_ schema: Schema) -> Bool {
        schema.reference == nil && schema.types.isEmpty && schema.allowsNull && schema.properties.isEmpty
            && schema.oneOf.isEmpty && schema.anyOf.isEmpty && schema.allOf.isEmpty
    }

    /// The keyword and the branches of a schema's union: `oneOf` if it has
    /// one, else `anyOf`.
    static func union(of schema: Schema) -> (keyword: String, branches: [Schema]) {
        schema.oneOf.isEmpty ? ("anyOf", schema.anyOf) : ("oneOf", schema.oneOf)
    }

    /// `schema` without what only describes it or says it may be null: what is
    /// left constrains values.
    private static func constraining(_ schema: Schema) -> Schema {
        var copy = schema
        copy.description = nil
        copy.title = nil
        copy.deprecated = false
        copy.readOnly = false
        copy.writeOnly = false
        copy.allowsNull = false
        copy.defaultValue = nil
        copy.extensions = [:]
        copy.jobStatus = nil
        copy.swiftName = nil
        copy.enumCaseNames = nil
        return copy
    }

    /// Whether `schema` says nothing of values: no keyword that admits or refuses one.
    private static func admitsAnything(_ schema: Schema) -> Bool {
        schema.isFreeForm && schema.format == nil && schema.constraints == Schema.Constraints() && schema.not == nil
            && schema.discriminator == nil && schema.prefixItems.isEmpty && schema.patternProperties.isEmpty
            && schema.contentEncoding == nil && schema.contentMediaType == nil
    }

    /// The keywords beside a `$ref` that constrain values beyond its
    /// target's: a `type` or `format` that restates the target's is left out.
    private static func siblings(of schema: Schema, target: Schema) -> Schema {
        var copy = constraining(schema)
        copy.reference = nil
        if Set(copy.types) == Set(target.types) { copy.types = [] }
        if copy.format == target.format { copy.format = nil }
        return copy
    }

    /// `allOf: [X]` with nothing beside it but prose and null-ness: 3.0's way
    /// of making a reference nullable, which means X.
    static func isAllOfWrapper(_ schema: Schema) -> Bool {
        var copy = constraining(schema)
        copy.allOf = []
        return schema.allOf.count == 1 && admitsAnything(copy)
    }

    func resolve(_ schema: Schema, in table: [SchemaKey: NamedSchema]) -> ResolvedSchema {
        var current = schema
        var key: SchemaKey?
        var allowsNull = schema.allowsNull
        var seen = Set<SchemaKey>()
        for _ in 0..<64 {
            let variants = Self.union(of: current).branches
            if !variants.isEmpty {
                let nonNull = variants.filter { !Self.isNullOnly($0) }
                if nonNull.count < variants.count { allowsNull = true }
                if nonNull.count == 1, current.properties.isEmpty {
                    current = nonNull[0]
                    allowsNull = allowsNull || current.allowsNull
                    continue
                }
            }
            if Self.isAllOfWrapper(current) {
                current = current.allOf[0]
                allowsNull = allowsNull || current.allowsNull
                continue
            }
            if let reference = current.reference, let target = table[reference], !seen.contains(reference) {
                let rest = Self.siblings(of: current, target: target.schema)
                if Self.admitsAnything(rest) {
                    seen.insert(reference)
                    key = reference
                    current = target.schema
                    allowsNull = allowsNull || current.allowsNull
                    continue
                }
                // A `$ref` beside keywords of its own (3.1): both apply.
                var member = Schema(location: current.location)
                member.reference = reference
                var merged = current
                merged.reference = nil
                merged.types = rest.types
                merged.format = rest.format
                merged.allOf.insert(member, at: 0)
                current = merged
            }
            break
        }
        let (keyword, variants) = Self.union(of: current)
        let branches = variants.filter { !Self.isNullOnly($0) }
        if branches.count < variants.count { allowsNull = true }
        return ResolvedSchema(
            schema: current, key: key, allowsNull: allowsNull, branches: branches, unionKeyword: keyword)
    }

    /// The schema a chain of references ends at (itself without one).
    func target(of schema: Schema, in table: [SchemaKey: NamedSchema]) -> Schema {
        var current = schema
        var seen = Set<SchemaKey>()
        while let key = current.reference, seen.insert(key).inserted, let next = table[key]?.schema {
            current = next
        }
        return current
    }

    /// The JSON types a schema admits as a client reads it: those it names,
    /// or object for one with properties, array for one with items, or the
    /// types of its `allOf` members; empty for any value.
    func types(_ schema: Schema, in table: [SchemaKey: NamedSchema], depth: Int = 0) -> Set<Schema.JSONType> {
        if !schema.types.isEmpty { return Set(schema.types) }
        if !schema.properties.isEmpty { return [.object] }
        if schema.items != nil || !schema.prefixItems.isEmpty { return [.array] }
        guard depth < 16 else { return [] }
        if let key = schema.reference, let target = table[key] {
            let found = types(target.schema, in: table, depth: depth + 1)
            if !found.isEmpty { return found }
        }
        for member in schema.allOf {
            let found = types(member, in: table, depth: depth + 1)
            if !found.isEmpty { return found }
        }
        return []
    }

    /// Where a named schema is reported: its component pointer, or `file#pointer`.
    func pointer(of key: SchemaKey, in table: [SchemaKey: NamedSchema]) -> String {
        guard let named = table[key] else { return key.description }
        return named.isComponent ? "/components/schemas/" + JSONPointer.escape(named.name) : key.description
    }
}
