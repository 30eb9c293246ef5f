/// The public declarations of named types, as `TypeRenderer` writes them:
/// structs with their properties and memberwise initializer, enums with
/// their cases and raw values, unions, aliases and response headers.
extension SurfaceBuilder {
    private var types: TypeRenderer { TypeRenderer(options: options) }

    /// How a named type's member is spelled (file content is `Data` in a `Codable` type).
    private func spell(_ type: TypeUsage) -> String {
        TypeSpelling.spell(type, fileAs: "Data")
    }

    /// Adds `declaration`, nested in `container` when it is nested, with its members and nested types.
    mutating func addType(_ declaration: TypeDeclaration, in container: String?) {
        let key = container.map { $0 + "." + declaration.name } ?? declaration.name
        switch declaration {
        case .structure(let d): addStruct(d, key: key, container: container)
        case .enumeration(let d): addEnum(d, key: key, container: container)
        case .union(let d): addUnion(d, key: key, container: container)
        case .alias(let d):
            let target = spell(d.type)
            add(
                SurfaceDeclaration(
                    key: key, kind: .typeAlias, container: container,
                    signature: "\(access)typealias \(d.name) = \(target)", type: target,
                    references: Self.references(d.type)))
        case .headers(let d): addHeaders(d, key: key, container: container)
        }
    }

    private mutating func addStruct(_ d: StructDeclaration, key: String, container: String?) {
        let conformances = "Codable, Hashable, Sendable"
        add(
            SurfaceDeclaration(
                key: key, kind: .structure, container: container,
                signature: "\(access)struct \(d.name): \(conformances)", type: conformances))
        var parameters: [SurfaceParameter] = []
        for property in d.properties {
            let type = types.propertyType(property)
            add(
                SurfaceDeclaration(
                    key: key + "." + property.name, kind: .property, container: key,
                    signature: "\(access)var \(Naming.escaped(property.name)): \(type)", type: type,
                    isDeprecated: property.documentation.deprecated, references: Self.references(property.type)))
            // A required writeOnly property is optional to read, required to make.
            parameters.append(
                property.isRequiredInInitializer
                    ? SurfaceParameter(label: property.name, name: property.name, type: spell(property.type))
                    : SurfaceParameter(
                        label: property.name, name: property.name, type: type,
                        defaultValue: property.isOptional ? "nil" : nil))
        }
        if let additional = d.additionalProperties {
            let type = "[String: \(spell(additional))]"
            add(
                SurfaceDeclaration(
                    key: key + ".additionalProperties", kind: .property, container: key,
                    signature: "\(access)var additionalProperties: \(type)", type: type,
                    references: Self.references(additional)))
            parameters.append(
                SurfaceParameter(
                    label: "additionalProperties", name: "additionalProperties", type: type, defaultValue: "[:]"))
        }
        // A deprecated schema: making a new value warns.
        addInitializer(in: key, parameters: parameters, isDeprecated: d.documentation.deprecated)
        for nested in d.nested { addType(nested, in: key) }
    }

    /// `init(a: A, b: B? = nil)` in the type of `key`.
    mutating func addInitializer(in key: String, parameters: [SurfaceParameter], isDeprecated: Bool = false) {
        add(
            SurfaceDeclaration(
                key: Self.functionKey(key, "init", parameters), kind: .initializer, container: key,
                signature: "\(access)init(\(parameters.map(\.spelled).joined(separator: ", ")))",
                parameters: parameters, isDeprecated: isDeprecated))
    }

    private mutating func addEnum(_ d: EnumDeclaration, key: String, container: String?) {
        let raw = d.rawType == .string ? "String" : "Int"
        let conformances = "RawRepresentable, Codable, Hashable, Sendable, CaseIterable, TextEncodable"
        add(
            SurfaceDeclaration(
                key: key, kind: .enumeration, container: container,
                signature: "\(access)enum \(d.name): \(conformances)", type: conformances))
        for enumCase in d.cases {
            add(
                SurfaceDeclaration(
                    key: key + "." + enumCase.name, kind: .enumCase, container: key,
                    signature: "case \(Naming.escaped(enumCase.name))"))
        }
        add(
            SurfaceDeclaration(
                key: key + ".undocumented(_:)", kind: .enumCase, container: key,
                signature: "case undocumented(\(raw))", type: raw))
        add(
            SurfaceDeclaration(
                key: key + ".allCases", kind: .property, container: key,
                signature: "\(access)static let allCases: [\(d.name)]", type: "[\(d.name)]"))
        let rawValue = SurfaceParameter(label: "rawValue", name: "rawValue", type: raw)
        add(
            SurfaceDeclaration(
                key: key + ".init(rawValue:)", kind: .initializer, container: key,
                signature: "\(access)init(rawValue: \(raw))", parameters: [rawValue]))
        add(
            SurfaceDeclaration(
                key: key + ".rawValue", kind: .property, container: key,
                signature: "\(access)var rawValue: \(raw)", type: raw))
    }

    private mutating func addUnion(_ d: UnionDeclaration, key: String, container: String?) {
        let conformances = "Codable, Hashable, Sendable"
        // `indirect` is how the value is stored, not what callers see.
        add(
            SurfaceDeclaration(
                key: key, kind: .enumeration, container: container,
                signature: "\(access)\(d.isIndirect ? "indirect " : "")enum \(d.name): \(conformances)",
                type: conformances))
        for variant in d.variants {
            let type = spell(variant.type)
            add(
                SurfaceDeclaration(
                    key: key + "." + variant.caseName + "(_:)", kind: .enumCase, container: key,
                    signature: "case \(Naming.escaped(variant.caseName))(\(type))", type: type,
                    references: Self.references(variant.type)))
        }
        // An open union keeps a value of a variant it does not know.
        if d.isOpen {
            add(
                SurfaceDeclaration(
                    key: key + "." + UnionDeclaration.undocumentedCase + "(_:)", kind: .enumCase, container: key,
                    signature: "case \(UnionDeclaration.undocumentedCase)(JSONValue)", type: "JSONValue"))
        }
        for nested in d.nested { addType(nested, in: key) }
    }

    private mutating func addHeaders(_ d: HeadersDeclaration, key: String, container: String?) {
        let conformances = "Hashable, Sendable"
        add(
            SurfaceDeclaration(
                key: key, kind: .structure, container: container,
                signature: "\(access)struct \(d.name): \(conformances)", type: conformances))
        var parameters: [SurfaceParameter] = []
        for header in d.headers {
            let type = spell(header.type) + "?"
            add(
                SurfaceDeclaration(
                    key: key + "." + header.name, kind: .property, container: key,
                    signature: "\(access)var \(Naming.escaped(header.name)): \(type)", type: type,
                    references: Self.references(header.type)))
            parameters.append(SurfaceParameter(label: header.name, name: header.name, type: type, defaultValue: "nil"))
        }
        addInitializer(in: key, parameters: parameters)
        let response = SurfaceParameter(label: "_", name: "response", type: "\(options.clientName).HTTPResponse")
        add(
            SurfaceDeclaration(
                key: key + ".init(_:)", kind: .initializer, container: key,
                signature: "\(access)init(_ response: \(options.clientName).HTTPResponse)", parameters: [response]))
    }
}
