/// The public declarations of the client type and of the error-body enum,
/// as `Renderer` writes them.
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
        add(
            SurfaceDeclaration(
                key: client + ".configuration", kind: .property, container: client,
                signature: "\(access)let configuration: Configuration", type: "Configuration"))
        add(
            SurfaceDeclaration(
                key: client + ".transport", kind: .property, container: client,
                signature: "\(access)let transport: any HTTPTransport", type: "any HTTPTransport"))
        let transport = SurfaceParameter(
            label: "transport", name: "transport", type: "any HTTPTransport", defaultValue: "URLSessionTransport()")
        addInitializer(
            in: client,
            parameters: [
                SurfaceParameter(label: "configuration", name: "configuration", type: "Configuration"), transport,
            ]
        )
        // Without a server in the spec, the base URL is the caller's to give.
        let hasServer = !model.servers.isEmpty
        addInitializer(
            in: client,
            parameters: [
                SurfaceParameter(
                    label: "apiKey", name: "apiKey", type: hasServer ? "String" : "String?",
                    defaultValue: hasServer ? nil : "nil"),
                SurfaceParameter(
                    label: "baseURL", name: "baseURL", type: "URL",
                    defaultValue: hasServer ? "\(client).servers[0]" : nil),
                SurfaceParameter(label: "timeout", name: "timeout", type: "Duration", defaultValue: ".seconds(300)"),
                transport,
            ])
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
