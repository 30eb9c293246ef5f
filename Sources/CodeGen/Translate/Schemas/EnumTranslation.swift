import SpecParser

/// Enums: string and integer values, documented constants, and case names.
extension TranslationContext {
    func enumDeclaration(_ schema: Schema, name: String, documentation: Documentation) -> EnumDeclaration? {
        let constants = constantVariants(schema)
        guard let values = schema.enumValues ?? constants?.compactMap(\.constValue), !values.isEmpty else { return nil }
        // A constant's title names its case (`{title: RELEVANCE, const: relevance}`);
        // its description documents the case.
        var titles: [String: String] = [:]
        var descriptions: [String: String] = [:]
        for constant in constants ?? [] {
            guard let text = constant.constValue?.text else { continue }
            if let title = constant.title, titles[text] == nil { titles[text] = title }
            if let description = constant.description, descriptions[text] == nil { descriptions[text] = description }
        }
        // Null is not a case: it makes the value optional (`allowsNull`).
        let scalars = values.filter { $0 != .null }
        guard !scalars.isEmpty, scalars.allSatisfy(\.isScalar) else { return nil }
        let isInteger: (SpecValue) -> Bool = { if case .integer = $0 { true } else { false } }
        let isString: (SpecValue) -> Bool = { if case .string = $0 { true } else { false } }
        let rawType: EnumDeclaration.RawType
        switch schema.types.first {
        case .string?: rawType = .string
        case .integer?:
            guard scalars.allSatisfy(isInteger) else { return nil }
            rawType = .integer
        case nil:
            if scalars.allSatisfy(isString) {
                rawType = .string
            } else if scalars.allSatisfy(isInteger) {
                rawType = .integer
            } else {
                return nil
            }
        default:
            return nil
        }
        var rawValues: [String] = []
        // The values so far, as a set: an enum of a hundred values would
        // otherwise compare each value with all those before it.
        var seen = Set<String>(minimumCapacity: scalars.count)
        for value in scalars {
            guard let text = value.text, !seen.contains(text) else { continue }
            rawValues.append(text)
            seen.insert(text)
        }
        // `x-enum-varnames`: a name for each value, in the order of `enum`.
        var chosenNames: [String: String] = [:]
        if let names = schema.enumCaseNames, let all = schema.enumValues {
            if names.count == all.count {
                for (value, caseName) in zip(all, names) { if let text = value.text { chosenNames[text] = caseName } }
            } else {
                diagnostics.warning(
                    "'x-enum-varnames' lists \(names.count) names for \(all.count) values; it is ignored",
                    at: schema.location)
            }
        }
        let spoken = rawType == .string && titles.isEmpty ? Naming.enumCaseWords(rawValues, typeName: name) : nil
        let caseNames = Naming.uniqued(
            rawValues.enumerated().map { index, raw in
                if let chosen = overridden(\.cases, name + "." + raw) { return chosen }
                if let chosen = chosenNames[raw] { return chosen }
                if let title = titles[raw] { return Naming.member(title, fallback: "empty") }
                if let spoken { return Naming.member(spoken[index], fallback: "empty") }
                return Naming.enumCase(raw, isInteger: rawType == .integer)
            }, taken: ["undocumented"])
        return EnumDeclaration(
            name: name, documentation: documentation, rawType: rawType,
            cases: zip(caseNames, rawValues).map {
                EnumCase(name: $0.0, rawValue: $0.1, documentation: descriptions[$0.1])
            })
    }

    /// The variants of a `oneOf` or `anyOf` that lists constants and nothing
    /// else, Discord's way of documenting each value of an enum:
    /// `{type: integer, oneOf: [{title: NORMAL, const: 0}, {title: BURST, const: 1}]}`.
    /// Nil when the schema is not that; each variant returned has a scalar `const`.
    func constantVariants(_ schema: Schema) -> [Schema]? {
        guard schema.enumValues == nil, schema.properties.isEmpty else { return nil }
        let variants = nonNullVariants(schema.oneOf.isEmpty ? schema.anyOf : schema.oneOf)
        let allConstants = variants.allSatisfy { variant in
            variant.reference == nil && (variant.constValue?.isScalar == true || variant.constValue == .null)
                && variant.properties.isEmpty && variant.oneOf.isEmpty && variant.anyOf.isEmpty && variant.allOf.isEmpty
                && variant.items == nil
        }
        return variants.isEmpty || !allConstants ? nil : variants
    }
}
