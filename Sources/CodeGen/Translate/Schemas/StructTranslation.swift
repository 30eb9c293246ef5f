import SpecParser

/// Structs: properties (allOf parts merged), with names, types, requiredness, nullability, defaults and documentation.
extension TranslationContext {
    /// A struct of `schema`'s properties (allOf parts merged). `path` is the
    /// struct's qualified name, which its nested types go under.
    func structDeclaration(_ schema: Schema, name: String, path: String? = nil, documentation: Documentation)
        -> StructDeclaration
    {
        let collected = schema.mergedObject(in: schemas)
        var nested: [TypeDeclaration] = []
        let rawNames = collected.properties.map {
            overridden(\.properties, name + "." + $0.name) ?? $0.schema.swiftName ?? Naming.member($0.name)
        }
        let memberNames = Naming.uniqued(rawNames, taken: ["additionalProperties"])
        var properties: [PropertyModel] = []
        for (index, property) in collected.properties.enumerated() {
            if memberNames[index] != rawNames[index] {
                diagnostics.warning(
                    "property '\(property.name)' of \(name) is named '\(memberNames[index])' because its name "
                        + "collides with another property",
                    at: property.schema.location)
            }
            let type = usage(
                property.schema, suggestedName: Naming.type(property.name, reserved: []),
                qualifier: path ?? name, nested: &nested)
            var model = PropertyModel(
                name: memberNames[index], wireName: property.name, type: type,
                isRequired: collected.required.contains(property.name),
                isNullable: allowsNull(property.schema),
                documentation: propertyDocumentation(property.schema),
                defaultValue: defaultText(property.schema))
            model.direction = direction(of: property.schema)
            // A server may send an empty link where it has none (see `relaxResponseLinks`).
            model.readsEmptyAsAbsent = type == .url && model.isOptional
            properties.append(model)
        }
        var additional: TypeUsage?
        switch collected.additionalProperties {
        case .schema(let values)?:
            additional = usage(
                values.value, suggestedName: "AdditionalProperty", qualifier: path ?? name, nested: &nested)
        default:
            additional = nil
        }
        // A required name no property declares (Box's `grant_type`) cannot be
        // sent from this type, unless extra properties may hold it: said,
        // where the schema is.
        if additional == nil {
            let declared = Set(collected.properties.map(\.name))
            // Sorted: `required` is a set here, and diagnostics at one place keep the order they are made in.
            for missing in collected.required.sorted() where !declared.contains(missing) {
                diagnostics.warning(
                    "\(name) requires '\(missing)', which it does not declare as a property; the type cannot hold it",
                    at: schema.location)
            }
        }
        return StructDeclaration(
            name: name, documentation: documentation, properties: properties,
            additionalProperties: additional, nested: nested)
    }

    /// `readOnly` or `writeOnly`, on the property or on the schema it refers
    /// to; both at once mean nothing usable, and are taken as neither.
    func direction(of schema: Schema) -> PropertyDirection {
        var readOnly = schema.readOnly
        var writeOnly = schema.writeOnly
        if let key = schema.reference, let target = schemas[key]?.schema {
            readOnly = readOnly || target.readOnly
            writeOnly = writeOnly || target.writeOnly
        }
        switch (readOnly, writeOnly) {
        case (true, false): return .readOnly
        case (false, true): return .writeOnly
        default: return .both
        }
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
}
