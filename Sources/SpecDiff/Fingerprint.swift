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

    private static func write(
        _ schema: Schema, in table: [SchemaKey: NamedSchema], itself: SchemaKey?, depth: Int,
        into text: inout String
    ) {
        guard depth < 32 else {
            text += "…"
            return
        }
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
        for (keyword, list) in [("allOf", schema.allOf), ("oneOf", schema.oneOf), ("anyOf", schema.anyOf)]
        where !list.isEmpty {
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
        writeConstraints(schema.constraints, into: &text)
    }

    /// The constraints, each that is set as `name=value`; written out rather
    /// than described, which goes through reflection and costs more than
    /// the rest of a fingerprint.
    private static func writeConstraints(_ constraints: Schema.Constraints, into text: inout String) {
        guard constraints != Schema.Constraints() else { return }
        let numbers: [(String, Double?)] = [
            ("min", constraints.minimum), ("max", constraints.maximum), ("xmin", constraints.exclusiveMinimum),
            ("xmax", constraints.exclusiveMaximum), ("mult", constraints.multipleOf),
        ]
        for (name, value) in numbers { if let value { text += "\(name)=\(value);" } }
        let counts: [(String, Int?)] = [
            ("minLen", constraints.minLength), ("maxLen", constraints.maxLength), ("minItems", constraints.minItems),
            ("maxItems", constraints.maxItems), ("minProps", constraints.minProperties),
            ("maxProps", constraints.maxProperties),
        ]
        for (name, value) in counts { if let value { text += "\(name)=\(value);" } }
        if let pattern = constraints.pattern { text += "pattern=\(pattern);" }
        if let unique = constraints.uniqueItems { text += "unique=\(unique);" }
    }
}
