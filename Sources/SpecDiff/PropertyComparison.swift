import SpecParser

/// The properties of an object, with its `allOf` parts and references merged
/// in: added, removed, required or not, read-only or write-only, deprecated.
extension ComparisonRun {
    /// A property of a merged object, and where it is declared.
    struct MergedProperty {
        var name: String
        var schema: Schema
        /// The pointer of its declaration: in the named schema it comes from, if it comes from one.
        var pointer: String
    }

    /// The properties of `schema` merged as ``SpecParser/Schema/mergedObject(in:)``
    /// merges them (its reference's target first, then its `allOf` parts,
    /// then its own; a later definition replaces an earlier one), each with
    /// the pointer of its declaration, and every name a part requires.
    func mergedProperties(_ schema: Schema, at pointer: String, in table: [SchemaKey: NamedSchema])
        -> (properties: [MergedProperty], required: Set<String>)
    {
        var properties: [MergedProperty] = []
        var required = Set<String>()
        var index: [String: Int] = [:]
        var seen = Set<SchemaKey>()
        func merge(_ schema: Schema, at base: String) {
            if let key = schema.reference, seen.insert(key).inserted, let target = table[key] {
                merge(target.schema, at: self.pointer(of: key, in: table))
            }
            for (position, part) in schema.allOf.enumerated() { merge(part, at: base + "/allOf/\(position)") }
            for property in schema.properties {
                let declared = MergedProperty(
                    name: property.name, schema: property.schema,
                    pointer: base + "/properties/" + JSONPointer.escape(property.name))
                if let position = index[property.name] {
                    properties[position] = declared
                } else {
                    index[property.name] = properties.count
                    properties.append(declared)
                }
            }
            required.formUnion(schema.required)
        }
        merge(schema, at: pointer)
        return (properties, required)
    }

    func compareProperties(
        _ old: Schema, _ new: Schema, direction: SpecChange.Direction, operation: String,
        pointer: String, change: Reporter
    ) -> [SchemaPair] {
        let oldObject = mergedProperties(old, at: pointer, in: oldSchemas)
        let newObject = mergedProperties(new, at: pointer, in: newSchemas)
        guard !oldObject.properties.isEmpty || !newObject.properties.isEmpty else { return [] }
        let isRequest = direction == .request
        var children: [SchemaPair] = []
        let newNames = Set(newObject.properties.map(\.name))
        // Merged properties have unique names.
        let oldByName = Dictionary(oldObject.properties.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

        for property in oldObject.properties where !newNames.contains(property.name) {
            let flags = flags(of: property.schema, in: oldSchemas)
            guard flags.isSent(direction) else { continue }
            let wasRequired = oldObject.required.contains(property.name)
            let otherwise: SpecChange.Severity = isRequest ? .warning : (wasRequired ? .breaking : .warning)
            let (severity, note) = removalGrade(flags.lifecycle, otherwise: otherwise)
            report(
                isRequest ? .requestPropertyRemoved : .responsePropertyRemoved, severity, direction,
                operation: operation,
                pointer: pointer + "/properties/" + JSONPointer.escape(property.name),
                old: property.schema.location, new: new.location,
                "property '\(property.name)' was removed", note: note)
        }
        for property in newObject.properties {
            let path = pointer + "/properties/" + JSONPointer.escape(property.name)
            let required = newObject.required.contains(property.name)
            let after = flags(of: property.schema, in: newSchemas)
            guard let previous = oldByName[property.name] else {
                guard after.isSent(direction) else { continue }
                let severity: SpecChange.Severity = isRequest && required ? .breaking : .info
                change(
                    isRequest ? .requestPropertyAdded : .responsePropertyAdded, severity,
                    "\(required ? "required" : "optional") property '\(property.name)' was added", path, old.location,
                    property.schema.location)
                continue
            }
            let before = flags(of: previous.schema, in: oldSchemas)
            let locations = (previous.schema.location, property.schema.location)
            // What a property's own schema says is reported where it is declared, once for every object that merges it.
            let declared = property.pointer
            // readOnly matters to requests only, writeOnly to responses only.
            if isRequest && !before.readOnly && after.readOnly {
                change(
                    .propertyBecameReadOnly, .breaking,
                    "property '\(property.name)' became readOnly; requests no longer send it",
                    declared, locations.0, locations.1)
            } else if isRequest && before.readOnly && !after.readOnly {
                change(
                    .propertyNoLongerReadOnly, required ? .breaking : .info,
                    "property '\(property.name)' is no longer readOnly" + (required ? "; requests must send it" : ""),
                    declared, locations.0, locations.1)
            }
            if !isRequest && !before.writeOnly && after.writeOnly {
                change(
                    .propertyBecameWriteOnly, .breaking,
                    "property '\(property.name)' became writeOnly; responses no longer hold it",
                    declared, locations.0, locations.1)
            } else if !isRequest && before.writeOnly && !after.writeOnly {
                change(
                    .propertyNoLongerWriteOnly, .info, "property '\(property.name)' is no longer writeOnly", declared,
                    locations.0, locations.1)
            }
            guard before.isSent(direction) && after.isSent(direction) else { continue }
            let wasRequired = oldObject.required.contains(property.name)
            if !wasRequired && required {
                change(
                    isRequest ? .requestPropertyBecameRequired : .responsePropertyBecameRequired,
                    isRequest ? .breaking : .info,
                    "property '\(property.name)' became required", path, locations.0, locations.1)
            } else if wasRequired && !required {
                change(
                    isRequest ? .requestPropertyBecameOptional : .responsePropertyBecameOptional,
                    isRequest ? .info : .breaking,
                    "property '\(property.name)' became optional", path, locations.0, locations.1)
            }
            compareLifecycle(
                before.lifecycle, after.lifecycle, rule: .propertyDeprecated, direction: direction,
                operation: operation, pointer: declared, old: locations.0, new: locations.1,
                subject: "property '\(property.name)'")
            children.append(
                SchemaPair(
                    old: previous.schema, new: property.schema, pointer: property.pointer,
                    subject: "property '\(property.name)'"))
        }
        return children
    }

    /// What a property's schema, or the schema it names, says of its use.
    struct PropertyFlags {
        var readOnly: Bool
        var writeOnly: Bool
        var lifecycle: Lifecycle

        /// Whether the property travels in `direction`: a readOnly one is
        /// not sent in requests, a writeOnly one not returned in responses.
        func isSent(_ direction: SpecChange.Direction) -> Bool {
            switch direction {
            case .request: !readOnly
            case .response: !writeOnly
            case .both: true
            }
        }
    }

    func flags(of schema: Schema, in table: [SchemaKey: NamedSchema]) -> PropertyFlags {
        let target = schema.reference == nil ? schema : self.target(of: schema, in: table)
        var extensions = target.extensions
        extensions.merge(schema.extensions) { _, own in own }
        return PropertyFlags(
            readOnly: schema.readOnly || target.readOnly, writeOnly: schema.writeOnly || target.writeOnly,
            lifecycle: lifecycle(deprecated: schema.deprecated || target.deprecated, extensions: extensions))
    }
}
