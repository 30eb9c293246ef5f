/// Renders the declarations of named types: structs, enums, unions, aliases.
struct TypeRenderer {
    let options: Renderer.Options

    /// The modifier of every declaration: `public `, `package ` or nothing.
    private var access: String { options.access.modifier }

    /// Named types are `Codable`: file content in them is `Data`. Only
    /// multipart request types hold a ``MultipartFile`` with its filename.
    private func spell(_ type: TypeUsage) -> String {
        TypeSpelling.spell(type, fileAs: "Data")
    }

    /// Renders a declaration; `attributes` go between its doc comment and
    /// itself (a top-level declaration's availability), and make it
    /// `nonisolated`: a top-level type must not take a target's default
    /// actor (MainActor) isolation, or its `Codable` conformance could not be
    /// used off that actor. Nested types follow their enclosing one.
    func render(_ declaration: TypeDeclaration, attributes: [String] = [], into writer: inout SwiftWriter) {
        switch declaration {
        case .structure(let d): renderStruct(d, attributes: attributes, into: &writer)
        case .enumeration(let d): renderEnum(d, attributes: attributes, into: &writer)
        case .union(let d): renderUnion(d, attributes: attributes, into: &writer)
        case .alias(let d):
            writer.documentation(
                Self.orFallback(
                    d.documentation, "Another name for `\(spell(d.type))`, as the API description calls it."))
            for attribute in attributes { writer.line(attribute) }
            writer.line("\(access)typealias \(d.name) = \(spell(d.type))")
        case .headers(let d): renderHeaders(d, attributes: attributes, into: &writer)
        }
    }

    /// `nonisolated ` for a top-level declaration (one given attributes).
    private func modifiers(_ attributes: [String]) -> String {
        attributes.isEmpty ? "" : "nonisolated "
    }

    /// `documentation`, or `fallback` as its summary when the spec says nothing:
    /// every public declaration has a doc comment.
    static func orFallback(_ documentation: Documentation, _ fallback: String) -> Documentation {
        guard documentation.summary == nil, documentation.details == nil else { return documentation }
        var result = documentation
        result.summary = fallback
        return result
    }

    // MARK: - Structs

    func propertyType(_ property: PropertyModel) -> String {
        spell(property.type) + (property.isOptional ? "?" : "")
    }

    func propertyDocumentation(_ property: PropertyModel) -> Documentation {
        var documentation = property.documentation
        if let value = property.defaultValue {
            let note = "The server's default is `\(ByteSearch.replacing("`", with: "'", in: value))`."
            documentation.details = documentation.details.map { $0 + "\n\n" + note } ?? note
        }
        let note: String? =
            switch property.direction {
            case .both: nil
            case .readOnly: "Read-only: the API sends it in answers; a request leaves it nil."
            case .writeOnly: "Write-only: a request sends it; the API does not send it back."
            }
        if let note {
            documentation.details = (documentation.details.map { $0 + "\n\n" } ?? "") + note
        }
        return Self.notingDeprecation(documentation)
    }

    /// `documentation` with a last paragraph that says it is deprecated, when it is.
    static func notingDeprecation(_ documentation: Documentation) -> Documentation {
        guard documentation.deprecated else { return documentation }
        var result = documentation
        result.details = (result.details.map { $0 + "\n\n" } ?? "") + "Deprecated in the API description."
        return result
    }

    /// The stored property's name: the property's own, or `_name` behind a
    /// computed one, when it is boxed (indirect) or deprecated (the
    /// generated code reads and writes the storage, so that only an app's
    /// use of a deprecated property warns).
    private func storage(_ property: PropertyModel) -> String {
        property.isIndirect || property.documentation.deprecated ? "_" + property.name : property.name
    }

    static let deprecatedAttribute = "@available(*, deprecated, message: \"Deprecated in the API description.\")"

    private func renderStruct(_ d: StructDeclaration, attributes: [String], into writer: inout SwiftWriter) {
        writer.documentation(Self.notingDeprecation(Self.orFallback(d.documentation, "The API's `\(d.name)` object.")))
        for attribute in attributes { writer.line(attribute) }
        writer.block("\(modifiers(attributes))\(access)struct \(d.name): Codable, Hashable, Sendable") { w in
            for property in d.properties {
                w.documentation(
                    Self.orFallback(
                        propertyDocumentation(property), "The \(SwiftText.codeSpan(property.wireName)) property."))
                let name = Naming.escaped(property.name)
                if property.documentation.deprecated { w.line(Self.deprecatedAttribute) }
                if property.isIndirect {
                    let stored = "_" + property.name
                    let wrapped = spell(property.type)
                    w.block("\(access)var \(name): \(propertyType(property))") { w in
                        w.line(property.isOptional ? "get { \(stored)?.value }" : "get { \(stored).value }")
                        w.line(
                            property.isOptional
                                ? "set { \(stored) = newValue.map(Indirect.init) }"
                                : "set { \(stored) = Indirect(newValue) }")
                    }
                    w.line("private var \(stored): Indirect<\(wrapped)>\(property.isOptional ? "?" : "")")
                } else if property.documentation.deprecated {
                    let stored = storage(property)
                    w.block("\(access)var \(name): \(propertyType(property))") { w in
                        w.line("get { \(stored) }")
                        w.line("set { \(stored) = newValue }")
                    }
                    w.line("private var \(stored): \(propertyType(property))")
                } else {
                    w.line("\(access)var \(name): \(propertyType(property))")
                }
            }
            if let additional = d.additionalProperties {
                w.line("/// Properties beyond the ones the spec names.")
                w.line("\(access)var additionalProperties: [String: \(spell(additional))]")
            }
            if !d.properties.isEmpty || d.additionalProperties != nil { w.line() }
            renderMemberwiseInit(d, into: &w)
            if !d.properties.isEmpty || d.additionalProperties != nil {
                w.line()
                renderCodable(d, into: &w)
            }
            for nested in d.nested {
                w.line()
                render(nested, into: &w)
            }
        }
    }

    private func renderMemberwiseInit(_ d: StructDeclaration, into writer: inout SwiftWriter) {
        var parameters = d.properties.map { property in
            property.isRequiredInInitializer
                ? "\(Naming.escaped(property.name)): \(spell(property.type))"
                : "\(Naming.escaped(property.name)): \(propertyType(property))\(property.isOptional ? " = nil" : "")"
        }
        if let additional = d.additionalProperties {
            parameters.append("additionalProperties: [String: \(spell(additional))] = [:]")
        }
        let documented = d.properties.filter { !$0.documentation.isEmpty || $0.defaultValue != nil }
        writer.line("/// Creates a value from its properties.")
        if !documented.isEmpty {
            writer.line("///")
            writer.line("/// - Parameters:")
            for property in d.properties {
                let lines = SwiftText.commentLines(propertyDocumentation(property).details ?? "")
                guard let first = lines.first else { continue }
                writer.line("///   - \(property.name): \(first)")
                for line in lines.dropFirst() { writer.line(line.isEmpty ? "///" : "///     " + line) }
            }
        }
        // A deprecated schema: making a new value warns; reading one does not.
        if d.documentation.deprecated { writer.line(Self.deprecatedAttribute) }
        writer.block("\(access)init", parameters: parameters) { w in
            for property in d.properties {
                if property.isIndirect {
                    let value =
                        property.isOptional && !property.isRequiredInInitializer
                        ? "\(Naming.escaped(property.name)).map(Indirect.init)"
                        : "Indirect(\(Naming.escaped(property.name)))"
                    w.line("self._\(property.name) = \(value)")
                } else {
                    w.line("self.\(storage(property)) = \(Naming.escaped(property.name))")
                }
            }
            if d.additionalProperties != nil { w.line("self.additionalProperties = additionalProperties") }
        }
    }

    private func renderCodable(_ d: StructDeclaration, into writer: inout SwiftWriter) {
        // Keys are string literals of the runtime's `AnyCodingKey`, not a
        // `CodingKeys` enum: an enum per type is a fifth of a module's
        // functions (its `CodingKey`, `RawRepresentable` and `Hashable`
        // witnesses), which every app that builds the client compiles.
        writer.line("/// Decodes the value from the JSON object the API sends.")
        writer.block("\(access)init(from decoder: any Decoder) throws") { w in
            if !d.properties.isEmpty {
                w.line("let container = try decoder.container(keyedBy: AnyCodingKey.self)")
            }
            for property in d.properties {
                let type = spell(property.type)
                let key = SwiftText.literal(property.wireName)
                let method = property.isOptional ? "decodeIfPresent" : "decode"
                if property.isIndirect {
                    let map = property.isOptional ? ".map(Indirect.init)" : ""
                    let value = "try container.\(method)(\(type).self, forKey: \(key))"
                    w.line("self._\(property.name) = \(property.isOptional ? value + map : "Indirect(\(value))")")
                } else if property.readsEmptyAsAbsent {
                    // An empty link reads as no link (the runtime's `decodeURLIfPresent`).
                    w.line(
                        joining: "self.", storage(property), " = try container.decodeURLIfPresent(forKey: ", key, ")")
                } else {
                    w.line(
                        joining: "self.", storage(property), " = try container.", method, "(", type, ".self, forKey: ",
                        key,
                        ")")
                }
            }
            if let additional = d.additionalProperties {
                let known = d.properties.map { SwiftText.literal($0.wireName) }.joined(separator: ", ")
                w.line(
                    "self.additionalProperties = try AnyCodingKey.decodeAdditional(\(spell(additional)).self, from: "
                        + "decoder, excluding: [\(known)])"
                )
            }
        }
        writer.line()
        writer.line("/// Encodes the value as the JSON object the API expects.")
        writer.block("\(access)func encode(to encoder: any Encoder) throws") { w in
            if !d.properties.isEmpty {
                w.line("var container = encoder.container(keyedBy: AnyCodingKey.self)")
            }
            for property in d.properties {
                let key = SwiftText.literal(property.wireName)
                let value =
                    property.isIndirect
                    ? "self._\(property.name)\(property.isOptional ? "?" : "").value" : "self.\(storage(property))"
                if property.encodesNull {
                    // Required and nullable: an explicit null is written.
                    w.line(joining: "try container.encode(", value, ", forKey: ", key, ")")
                } else {
                    w.line(joining: "try container.encodeIfPresent(", value, ", forKey: ", key, ")")
                }
            }
            if d.additionalProperties != nil {
                w.line("try AnyCodingKey.encodeAdditional(additionalProperties, to: encoder)")
            }
        }
    }

    // MARK: - Response headers

    /// A struct of typed headers, read from a response: a value that is
    /// absent, or does not read as its type, is nil.
    private func renderHeaders(_ d: HeadersDeclaration, attributes: [String], into writer: inout SwiftWriter) {
        writer.documentation(d.documentation)
        for attribute in attributes { writer.line(attribute) }
        writer.block("\(modifiers(attributes))\(access)struct \(d.name): Hashable, Sendable") { w in
            for header in d.headers {
                w.documentation(
                    Self.orFallback(header.documentation, "The \(SwiftText.codeSpan(header.wireName)) header."))
                w.line("\(access)var \(Naming.escaped(header.name)): \(spell(header.type))?")
            }
            w.line()
            w.line("/// Creates the headers from their values.")
            w.block(
                "\(access)init", parameters: d.headers.map { "\(Naming.escaped($0.name)): \(spell($0.type))? = nil" }
            ) { w in
                for header in d.headers { w.line("self.\(header.name) = \(Naming.escaped(header.name))") }
            }
            w.line()
            w.line("/// Reads the headers of a response, such as the one `withResponse(_:)` returns.")
            w.block("\(access)init(_ response: \(options.clientName).HTTPResponse)") { w in
                for header in d.headers {
                    w.line(
                        "self.\(header.name) = response.value(forHeader: \(SwiftText.literal(header.wireName)), as: "
                            + "\(spell(header.type)).self)")
                }
            }
        }
    }

    // MARK: - Enums

    private func renderEnum(_ d: EnumDeclaration, attributes: [String], into writer: inout SwiftWriter) {
        let raw = d.rawType == .string ? "String" : "Int"
        func literal(_ value: String) -> String { d.rawType == .string ? SwiftText.literal(value) : value }
        writer.documentation(
            Self.notingDeprecation(d.documentation),
            extra: [
                "Values this version of the client does not know decode as ``undocumented(_:)``, so new server "
                    + "values never fail a call."
            ])
        for attribute in attributes { writer.line(attribute) }
        writer.block(
            "\(modifiers(attributes))\(access)enum \(d.name): RawRepresentable, Codable, Hashable, Sendable, "
                + "CaseIterable, TextEncodable"
        ) { w in
            // Each value's literal is made once, for its documentation and for `rawValue`.
            let literals = d.cases.map { literal($0.rawValue) }
            for (enumCase, literal) in zip(d.cases, literals) {
                let value = ["The value \(ByteSearch.replacing("`", with: "'", in: literal))."]
                w.documentation(Documentation(summary: enumCase.documentation), extra: value)
                w.line(joining: "case ", Naming.escaped(enumCase.name))
            }
            w.line("/// A value the spec does not list, kept as it was received.")
            w.line("case undocumented(\(raw))")
            w.line()
            // Each value's text is written once, in `rawValue`; the
            // reverse look-up reads it (an `==` would not do: for a
            // `RawRepresentable` type it compares raw values).
            w.line("/// The values the spec lists, in its order.")
            w.line("\(access)static let allCases: [\(d.name)] = [")
            w.indented { w in
                w.wrappedList(d.cases.map { "." + Naming.escaped($0.name) })
            }
            w.line("]")
            w.line()
            w.line("/// The case for a value on the wire; a value the spec does not list is ``undocumented(_:)``.")
            w.block("\(access)init(rawValue: \(raw))") { w in
                w.line("self = Self.allCases.first { $0.rawValue == rawValue } ?? .undocumented(rawValue)")
            }
            w.line()
            w.line("/// The value on the wire.")
            w.block("\(access)var rawValue: \(raw)") { w in
                w.switchBlock("switch self") { w in
                    for (enumCase, literal) in zip(d.cases, literals) {
                        w.line(joining: "case .", Naming.escaped(enumCase.name), ": ", literal)
                    }
                    w.line("case .undocumented(let value): value")
                }
            }
            // Its JSON is its raw value: the standard library's `Codable`
            // for `RawRepresentable` (String and Int raw values) does that,
            // and never fails on a value the spec does not list, since
            // `init(rawValue:)` does not.
        }
    }

    // MARK: - Unions

    private func renderUnion(_ d: UnionDeclaration, attributes: [String], into writer: inout SwiftWriter) {
        writer.documentation(
            Self.notingDeprecation(
                Self.orFallback(
                    d.documentation,
                    "A value of one of several types of the API: "
                        + "\(d.variants.map { "`" + spell($0.type) + "`" }.joined(separator: ", "))."
                )))
        for attribute in attributes { writer.line(attribute) }
        writer.block(
            "\(modifiers(attributes))\(access)\(d.isIndirect ? "indirect " : "")enum \(d.name): Codable, Hashable, "
                + "Sendable"
        ) { w in
            for variant in d.variants {
                w.line("/// A `\(spell(variant.type))` value.")
                w.line("case \(Naming.escaped(variant.caseName))(\(spell(variant.type)))")
            }
            if d.isOpen {
                // Through `documentation`, which keeps the spec's text inside the comment.
                let tag = ByteSearch.replacing("`", with: "'", in: d.discriminator ?? "")
                w.documentation(
                    Documentation(summary: "A value whose `\(tag)` the spec does not list, kept as it was received."))
                w.line("case \(UnionDeclaration.undocumentedCase)(JSONValue)")
            }
            w.line()
            w.line("/// Decodes the value from the JSON the API sends.")
            w.block("\(access)init(from decoder: any Decoder) throws") { w in
                if let discriminator = d.discriminator, d.variants.contains(where: { !$0.discriminatorValues.isEmpty })
                {
                    w.line(
                        "let tag = try decoder.container(keyedBy: AnyCodingKey.self).decode(String.self, forKey: "
                            + "\(SwiftText.literal(discriminator)))"
                    )
                    w.switchBlock("switch tag") { w in
                        for variant in d.variants where !variant.discriminatorValues.isEmpty {
                            let labels = variant.discriminatorValues.map(SwiftText.literal).joined(separator: ", ")
                            w.line(
                                "case \(labels): self = .\(Naming.escaped(variant.caseName))(try "
                                    + "\(spell(variant.type))(from: decoder))"
                            )
                        }
                        if d.isOpen {
                            w.line(
                                "default: self = .\(UnionDeclaration.undocumentedCase)(try JSONValue(from: decoder))")
                        } else {
                            w.line(
                                "default: throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: "
                                    + "decoder.codingPath, debugDescription: "
                                    + "\(SwiftText.literal("unknown \(discriminator) '")) + tag + \"' for "
                                    + "\(d.name)\"))"
                            )
                        }
                    }
                } else {
                    w.line("var failures: [any Error] = []")
                    for variant in d.variants {
                        w.block("do", closing: "} catch {") { w in
                            w.line("self = .\(Naming.escaped(variant.caseName))(try \(singleValue(variant.type)))")
                            w.line("return")
                        }
                        w.line("    failures.append(error)")
                        w.line("}")
                    }
                    w.line(
                        "throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, "
                            + "debugDescription: "
                            + "\(SwiftText.literal("the value matches none of the types of \(d.name)")), "
                            + "underlyingError: failures.last))"
                    )
                }
            }
            w.line()
            w.line("/// Encodes the value as the JSON the API expects.")
            w.block("\(access)func encode(to encoder: any Encoder) throws") { w in
                w.line("var container = encoder.singleValueContainer()")
                w.switchBlock("switch self") { w in
                    for variant in d.variants {
                        w.line("case .\(Naming.escaped(variant.caseName))(let value): try container.encode(value)")
                    }
                    if d.isOpen {
                        w.line("case .\(UnionDeclaration.undocumentedCase)(let value): try container.encode(value)")
                    }
                }
            }
            for nested in d.nested {
                w.line()
                render(nested, into: &w)
            }
        }
    }

    private func singleValue(_ type: TypeUsage) -> String {
        "decoder.singleValueContainer().decode(\(spell(type)).self)"
    }
}
