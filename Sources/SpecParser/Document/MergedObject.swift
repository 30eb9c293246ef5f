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

extension Schema {
    /// The fields of a body that is one of several objects (`oneOf` or `anyOf`
    /// of object schemas), as one object that can carry any of them: every
    /// property in order of first appearance, a property required only when
    /// every alternative requires it, and a property that each alternative
    /// gives as a string enum (a discriminator such as `mode: [search]` and
    /// `mode: [mask]`) allowing all of their values. Otherwise the first
    /// alternative's definition of a property is kept.
    public func mergedAlternatives(in table: [SchemaKey: NamedSchema]) -> MergedObject {
        let objects = (oneOf + anyOf).map { $0.mergedObject(in: table) }
        var result = MergedObject(properties: [], required: [], additionalProperties: nil)
        var index: [String: Int] = [:]
        var definitions: [String: [Schema]] = [:]
        for object in objects {
            for property in object.properties {
                definitions[property.name, default: []].append(property.schema.target(in: table))
                if index[property.name] == nil {
                    index[property.name] = result.properties.count
                    result.properties.append(property)
                }
            }
        }
        for (position, property) in result.properties.enumerated() {
            guard let all = definitions[property.name], all.count > 1,
                all.allSatisfy({ $0.types == [.string] && $0.enumValues != nil })
            else { continue }
            var merged = all[0]
            var seen = Set<String>()
            merged.enumValues = all.flatMap { $0.enumValues ?? [] }.filter { seen.insert($0.text ?? "").inserted }
            result.properties[position].schema = merged
        }
        if var required = objects.first?.required {
            for object in objects.dropFirst() { required.formIntersection(object.required) }
            result.required = required
        }
        return result
    }

    /// The schema a chain of references ends at, whatever else the referring
    /// schemas say (itself when it has no reference).
    func target(in table: [SchemaKey: NamedSchema]) -> Schema {
        var current = self
        var seen = Set<SchemaKey>()
        while let key = current.reference, seen.insert(key).inserted, let next = table[key]?.schema {
            current = next
        }
        return current
    }
}
