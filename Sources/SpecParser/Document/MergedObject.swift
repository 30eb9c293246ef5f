/// An object schema with its `allOf` parts and references merged in: the
/// properties in order of first appearance (a later part's definition of a
/// name replaces an earlier one), every required name, and the last
/// `additionalProperties` given.
public struct MergedObject: Sendable {
    public var properties: [Schema.Property]
    public var required: Set<String>
    public var additionalProperties: Schema.AdditionalProperties?
}

extension OpenAPIDocument {
    /// The named schemas by key, for following references.
    public func schemaTable() -> [SchemaKey: NamedSchema] {
        Dictionary(schemas.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension Schema {
    /// The object this schema describes: its reference's target first, then
    /// its `allOf` parts, then its own properties. Each named schema is
    /// merged once, so reference cycles end.
    public func mergedObject(in table: [SchemaKey: NamedSchema]) -> MergedObject {
        var result = MergedObject(properties: [], required: [], additionalProperties: nil)
        var index: [String: Int] = [:]
        var seen = Set<SchemaKey>()
        func merge(_ schema: Schema) {
            if let key = schema.reference, seen.insert(key).inserted, let target = table[key] {
                merge(target.schema)
            }
            for part in schema.allOf { merge(part) }
            for property in schema.properties {
                if let position = index[property.name] {
                    result.properties[position] = property
                } else {
                    index[property.name] = result.properties.count
                    result.properties.append(property)
                }
            }
            result.required.formUnion(schema.required)
            if let extra = schema.additionalProperties { result.additionalProperties = extra }
        }
        merge(self)
        return result
    }
}
