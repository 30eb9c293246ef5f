/// The public declarations of the client type (its servers, security
/// schemes and initializers, as `Renderer`, `ServerRenderer` and
/// `SecurityRenderer` write them) and of the error-body enum.
extension SurfaceBuilder {
    mutating func addClient(_ model: APIModel) {
        let client = options.clientName
        add(
            SurfaceDeclaration(
                key: client, kind: .structure, container: nil, signature: "\(access)struct \(client): Sendable",
                type: "Sendable"))
        add(
            SurfaceDeclaration(
                key: client + ".servers", kind: .property, container: client,
                signature: "\(access)static let servers: [URL]", type: "[URL]"))
        addServers(model)
        add(
            SurfaceDeclaration(
                key: client + ".configuration", kind: .property, container: client,
                signature: "\(access)let configuration: Configuration", type: "Configuration"))
        add(
            SurfaceDeclaration(
                key: client + ".transport", kind: .property, container: client,
                signature: "\(access)let transport: any HTTPTransport", type: "any HTTPTransport"))
        addSecuritySchemes(model)
        let transport = SurfaceParameter(
            label: "transport", name: "transport", type: "any HTTPTransport", defaultValue: "URLSessionTransport()")
        addInitializer(
            in: client,
            parameters: [
                SurfaceParameter(label: "configuration", name: "configuration", type: "Configuration"), transport,
            ]
        )
        // Without a server in the spec, the base URL is the caller's to give.
        let rest = [
            SurfaceParameter(
                label: "baseURL", name: "baseURL", type: "URL",
                defaultValue: model.servers.isEmpty ? nil : "\(client).servers[0]"),
            SurfaceParameter(label: "timeout", name: "timeout", type: "Duration", defaultValue: ".seconds(300)"),
            transport,
        ]
        // `apiKey:` sets the credential of the scheme most calls need, when the spec declares one.
        if SecurityRenderer.primaryScheme(model) != nil {
            addInitializer(
                in: client, parameters: [SurfaceParameter(label: "apiKey", name: "apiKey", type: "String")] + rest)
        }
        let credentials = SurfaceParameter(
            label: "credentials", name: "credentials", type: "[SecurityScheme: Credential]",
            defaultValue: model.securitySchemes.isEmpty ? "[:]" : nil)
        addInitializer(in: client, parameters: [credentials] + rest)
    }

    /// A function for each server with variables, and an enum for each variable whose values the spec lists.
    private mutating func addServers(_ model: APIModel) {
        let client = options.clientName
        for server in model.servers {
            guard let variables = server.variables else { continue }
            let parameters = variables.variables.map { variable in
                let choice = variable.choices.flatMap { choices in
                    choices.cases.first { $0.rawValue == variable.defaultValue }.map { "." + Naming.escaped($0.name) }
                }
                return SurfaceParameter(
                    label: variable.parameterName, name: variable.parameterName,
                    type: variable.choices?.typeName ?? "String",
                    defaultValue: choice ?? SwiftText.literal(variable.defaultValue))
            }
            let result = variables.isAlwaysValid ? "URL" : "URL?"
            let name = Naming.escaped(variables.functionName)
            add(
                SurfaceDeclaration(
                    key: Self.functionKey(client, variables.functionName, parameters), kind: .method,
                    container: client,
                    signature: "\(access)static func \(name)(\(parameters.map(\.spelled).joined(separator: ", "))) -> "
                        + result,
                    type: result, parameters: parameters))
        }
        for choices in model.serverVariableTypes {
            addStringEnum(
                choices.typeName, in: client, cases: choices.cases.map { ($0.name, $0.rawValue) },
                conformances: "String, Sendable, Hashable, CaseIterable")
        }
    }

    /// The client's `SecurityScheme`: a case for each scheme the spec declares.
    private mutating func addSecuritySchemes(_ model: APIModel) {
        let schemes = model.securitySchemes
        let key = addStringEnum(
            "SecurityScheme", in: options.clientName, cases: schemes.map { ($0.caseName, $0.key) },
            conformances: (schemes.isEmpty ? "" : "String, ") + "Sendable, Hashable, CaseIterable")
        // An enum without cases can have no raw type; its `rawValue` is written out.
        if schemes.isEmpty {
            add(
                SurfaceDeclaration(
                    key: key + ".rawValue", kind: .property, container: key,
                    signature: "\(access)var rawValue: String", type: "String"))
        }
    }

    /// An enum with a `String` raw type nested in `container`, whose cases write their raw values; its key.
    @discardableResult
    private mutating func addStringEnum(
        _ name: String, in container: String, cases: [(name: String, rawValue: String)], conformances: String
    ) -> String {
        let key = container + "." + name
        add(
            SurfaceDeclaration(
                key: key, kind: .enumeration, container: container,
                signature: "\(access)enum \(name): \(conformances)", type: conformances))
        for enumCase in cases {
            add(
                SurfaceDeclaration(
                    key: key + "." + enumCase.name, kind: .enumCase, container: key,
                    signature: "case \(Naming.escaped(enumCase.name)) = \(SwiftText.literal(enumCase.rawValue))"))
        }
        return key
    }

    mutating func addErrorBodies(_ model: APIModel) {
        let name = "DocumentedErrorBody"
        let conformances = "Hashable, Sendable"
        add(
            SurfaceDeclaration(
                key: name, kind: .enumeration, container: nil, signature: "\(access)enum \(name): \(conformances)",
                type: conformances))
        for errorCase in model.errorBodies {
            let type = TypeSpelling.spell(errorCase.type)
            add(
                SurfaceDeclaration(
                    key: "\(name).\(errorCase.name)(_:)", kind: .enumCase, container: name,
                    signature: "case \(Naming.escaped(errorCase.name))(\(type))", type: type,
                    references: Self.references(errorCase.type)))
        }
    }
}
