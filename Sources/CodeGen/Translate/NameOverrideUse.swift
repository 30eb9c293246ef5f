import SpecParser

/// The hand-chosen names of ``NameOverrides``: each lookup is remembered, so
/// that an override that names nothing in the spec is reported, not ignored.
extension TranslationContext {
    func overridden(_ table: KeyPath<NameOverrides, [String: String]>, _ key: String) -> String? {
        guard let name = options.names[keyPath: table][key] else { return nil }
        usedOverrides.insert(Self.overrideKey(table, key))
        return name
    }

    /// A component schema's `x-swift-name`, when Swift can use it as a type name.
    func handChosenTypeName(_ named: NamedSchema) -> String? {
        guard let name = named.schema.swiftName else { return nil }
        guard let first = name.first, first.isUppercase || first == "_", !Naming.isKeyword(name),
            !reserved.contains(name)
        else {
            diagnostics.warning(
                "'x-swift-name: \(name)' cannot name a type (it must start with a capital letter and not be a Swift "
                    + "keyword or a name the client uses); it is ignored",
                at: named.schema.location)
            return nil
        }
        return name
    }

    func reportUnusedOverrides() {
        let tables: [(String, KeyPath<NameOverrides, [String: String]>, String)] = [
            ("operations", \.operations, "no operation has the operationId"),
            ("types", \.types, "no schema is named"),
            ("properties", \.properties, "no type has the property"),
            ("cases", \.cases, "no enum has the value"),
        ]
        for (section, table, what) in tables {
            for key in options.names[keyPath: table].keys.sorted()
            where !usedOverrides.contains(Self.overrideKey(table, key)) {
                diagnostics.warning(
                    "the name override '\(key)' in 'names.\(section)' is not used: \(what) '\(key)'",
                    at: options.names.location)
            }
        }
    }

    private static func overrideKey(_ table: KeyPath<NameOverrides, [String: String]>, _ key: String) -> String {
        let section =
            table == \NameOverrides.operations
            ? "o" : table == \NameOverrides.types ? "t" : table == \NameOverrides.properties ? "p" : "c"
        return section + ":" + key
    }
}
