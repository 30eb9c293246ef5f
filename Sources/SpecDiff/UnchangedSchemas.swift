import SpecParser

/// What both documents write the same, found before anything is compared,
/// so that the walk skips it: consecutive versions of a large spec share
/// most of it, and comparing what is the same is most of the work.
///
/// A schema is unchanged when it is written the same in both (the digest of
/// its YAML, ``SpecParser/Schema/sourceDigest``) and every component it
/// refers to is unchanged in turn. Components are judged once: one whose
/// digest differs (or that is new) is changed, and so is every component
/// that leads to a changed one; the rest are unchanged. A reference to a
/// schema that is not a component (another file, a pointer elsewhere)
/// counts as a change, so that nothing is skipped on a guess.
struct UnchangedSchemas {
    /// The names of the unchanged components.
    private(set) var components = Set<String>()

    init(old: OpenAPIDocument, new: OpenAPIDocument, newTable: [SchemaKey: NamedSchema]) {
        var oldDigests: [String: UInt64] = [:]
        for named in old.schemas where named.isComponent { oldDigests[named.name] = named.schema.sourceDigest }
        var changed: [String] = []
        var referrers: [String: [String]] = [:]
        var candidates: [String] = []
        for named in new.schemas where named.isComponent {
            let digest = named.schema.sourceDigest
            guard digest != 0, oldDigests[named.name] == digest else {
                changed.append(named.name)
                continue
            }
            var leavesComponents = false
            for key in named.references {
                if let target = newTable[key], target.isComponent {
                    referrers[target.name, default: []].append(named.name)
                } else {
                    leavesComponents = true
                }
            }
            if leavesComponents { changed.append(named.name) } else { candidates.append(named.name) }
        }
        // Everything that leads to a change is changed.
        var affected = Set(changed)
        var pending = changed
        while let name = pending.popLast() {
            for referrer in referrers[name] ?? [] where affected.insert(referrer).inserted {
                pending.append(referrer)
            }
        }
        components = Set(candidates.filter { !affected.contains($0) })
    }

    /// Calls `body` with the key of every `$ref` in `schema` and the schemas
    /// written inside it (not those it refers to).
    static func forEachReference(in schema: Schema, _ body: (SchemaKey) -> Void) {
        if let key = schema.reference { body(key) }
        for property in schema.properties { forEachReference(in: property.schema, body) }
        if let items = schema.items { forEachReference(in: items.value, body) }
        for item in schema.prefixItems { forEachReference(in: item, body) }
        for entry in schema.patternProperties { forEachReference(in: entry.schema, body) }
        if case .schema(let values)? = schema.additionalProperties { forEachReference(in: values.value, body) }
        for part in schema.allOf { forEachReference(in: part, body) }
        for part in schema.oneOf { forEachReference(in: part, body) }
        for part in schema.anyOf { forEachReference(in: part, body) }
        if let not = schema.not { forEachReference(in: not.value, body) }
        for (_, key) in schema.discriminator?.mapping ?? [] { body(key) }
    }
}

extension ComparisonRun {
    /// Whether the two schemas are written the same and refer only to
    /// unchanged components: comparing them would find nothing.
    func isUnchanged(_ old: Schema, _ new: Schema) -> Bool {
        guard options.skipsUnchanged, old.sourceDigest != 0, old.sourceDigest == new.sourceDigest else { return false }
        var unchanged = true
        UnchangedSchemas.forEachReference(in: new) { key in
            guard unchanged else { return }
            if let target = newSchemas[key], target.isComponent, unchangedSchemas.components.contains(target.name) {
                return
            }
            unchanged = false
        }
        return unchanged
    }
}
