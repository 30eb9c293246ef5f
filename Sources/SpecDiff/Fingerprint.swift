import SpecParser

/// A schema's structure as text, prose and locations left out, references
/// written by the name of their target: equal fingerprints, same structure.
/// A reference to `itself` is written as such, so that a recursive schema
/// and its renamed copy match.
enum Fingerprint {
    static func of(_ schema: Schema, in table: [SchemaKey: NamedSchema], itself: SchemaKey? = nil) -> String {
        var text = ""
        write(schema, in: table, itself: itself, depth: 0, into: &text)
        return text
    }

    private static func write(_ schema: Schema, in table: [SchemaKey: NamedSchema], itself: SchemaKey?, depth: Int,
                              into text: inout String) {
        guard depth < 32 else { text += "…"; return }
        if let key = schema.reference {
            text += key == itself ? "$ref:(itself);" : "$ref:\(table[key]?.name ?? key.description);"
        }
        text += "types:\(schema.types.map(\.rawValue).joined(separator: ","));null:\(schema.allowsNull);"
        if let format = schema.format { text += "format:\(format);" }
        if let values = schema.enumValues { text += "enum:\(values.compactMap(\.text).joined(separator: ","));" }
        if let value = schema.defaultValue?.text { text += "default:\(value);" }
        text += "required:\(schema.required.sorted().joined(separator: ","));"
        for property in schema.properties {
            text += "prop:\(property.name){"
            write(property.schema, in: table, itself: itself, depth: depth + 1, into: &text)
            text += "}"
        }
        if let items = schema.items?.value {
            text += "items{"
            write(items, in: table, itself: itself, depth: depth + 1, into: &text)
            text += "}"
        }
        for (keyword, list) in [("allOf", schema.allOf), ("oneOf", schema.oneOf), ("anyOf", schema.anyOf)] where !list.isEmpty {
            text += "\(keyword)["
            for item in list {
                write(item, in: table, itself: itself, depth: depth + 1, into: &text)
                text += "|"
            }
            text += "]"
        }
        switch schema.additionalProperties {
        case .allowed(let allowed)?: text += "additional:\(allowed);"
        case .schema(let values)?:
            text += "additional{"
            write(values.value, in: table, itself: itself, depth: depth + 1, into: &text)
            text += "}"
        case nil: break
        }
        text += "constraints:\(schema.constraints);"
    }
}
