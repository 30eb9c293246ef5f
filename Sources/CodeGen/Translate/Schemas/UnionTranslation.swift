import SpecParser

/// Unions (`oneOf`, `anyOf`): their variants and case names.
extension TranslationContext {
    /// A union of `schema`'s variants; nil unless it has more than one.
    /// `path` is the union's qualified name, which its nested types go under.
    func unionDeclaration(_ schema: Schema, name: String, path: String? = nil, documentation: Documentation)
        -> UnionDeclaration?
    {
        let variants = nonNullVariants(schema.oneOf.isEmpty ? schema.anyOf : schema.oneOf)
        guard variants.count > 1 else { return nil }
        var nested: [TypeDeclaration] = []
        var types: [TypeUsage] = []
        for (index, variant) in variants.enumerated() {
            let suggested = variant.title.map { Naming.type($0, reserved: []) } ?? "Variant\(index + 1)"
            types.append(usage(variant, suggestedName: suggested, qualifier: path ?? name, nested: &nested))
        }
        // `undocumented` is the open union's own case.
        let caseNames = Naming.uniqued(unionCaseNames(types), taken: [UnionDeclaration.undocumentedCase])
        var discriminatorValues = Array(repeating: [String](), count: variants.count)
        if let discriminator = schema.discriminator {
            for (index, variant) in variants.enumerated() {
                if let key = variant.reference {
                    let explicit = discriminator.mapping.filter { $0.target == key }.map(\.value)
                    discriminatorValues[index] =
                        explicit.isEmpty
                        ? implicitTags(of: key, property: discriminator.propertyName) : explicit
                }
            }
        }
        return UnionDeclaration(
            name: name, documentation: documentation,
            variants: variants.indices.map {
                UnionVariant(caseName: caseNames[$0], type: types[$0], discriminatorValues: discriminatorValues[$0])
            },
            discriminator: schema.discriminator?.propertyName, nested: nested,
            isOpen: schema.discriminator != nil && discriminatorValues.contains { !$0.isEmpty })
    }

    /// The tags that select a variant the mapping does not name: OpenAPI's
    /// implicit one, the schema's name, and before it the value the variant
    /// itself fixes for the property (`const`, or an `enum` of one value),
    /// which is what APIs send (OpenAI's `moderation_results`).
    func implicitTags(of key: SchemaKey, property: String) -> [String] {
        let name = schemas[key]?.name ?? ""
        guard let schema = schemas[key]?.schema else { return [name] }
        let collected = schema.mergedObject(in: schemas)
        guard let tagSchema = collected.properties.first(where: { $0.name == property })?.schema else { return [name] }
        let resolved = objectSchema(tagSchema)
        let fixed: String? =
            resolved.constValue?.text
            ?? resolved.enumValues.flatMap { $0.count == 1 ? $0[0].text : nil }
        guard let fixed, fixed != name else { return [name] }
        return [fixed, name]
    }

    /// Case names for the variants, from their types (``Naming/unionCases(_:)``).
    func unionCaseNames(_ types: [TypeUsage]) -> [String] {
        Naming.unionCases(types.map(caseBaseName))
    }

    func caseBaseName(_ type: TypeUsage) -> String {
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
}
