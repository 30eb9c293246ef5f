import SpecParser

/// Credentials: a case of the client's `SecurityScheme` for each scheme the
/// spec declares (and for each credential header parameter no scheme
/// declares, as Anthropic's `x-api-key`), where each one goes, and which
/// each operation needs, from its own `security`, the root's, or the
/// credential header parameters it declares.
extension TranslationContext {
    func translateSecuritySchemes() -> [SecuritySchemeModel] {
        var result: [SecuritySchemeModel] = []
        func add(key: String, placement: SecuritySchemeModel.Placement, description: String?) {
            let caseName = Naming.unique(Naming.member(key, fallback: "scheme")) { name in
                result.contains { $0.caseName == name }
            }
            securitySchemeCases[key] = caseName
            result.append(
                SecuritySchemeModel(
                    key: key, caseName: caseName, placement: placement,
                    documentation: Documentation(details: description)))
        }
        for scheme in document.securitySchemes {
            switch scheme.kind {
            case .apiKey:
                guard let name = scheme.name, let location = scheme.location else { continue }
                switch location {
                case .header:
                    add(key: scheme.key, placement: .header(name), description: scheme.description)
                    credentialHeaders[name.lowercased()] = securitySchemeCases[scheme.key]
                case .query: add(key: scheme.key, placement: .query(name), description: scheme.description)
                case .cookie: add(key: scheme.key, placement: .cookie(name), description: scheme.description)
                case .path: continue
                }
            case .http:
                switch scheme.scheme?.lowercased() {
                case "bearer": add(key: scheme.key, placement: .bearer, description: scheme.description)
                case "basic": add(key: scheme.key, placement: .basic, description: scheme.description)
                default:
                    diagnostics.warning(
                        "security scheme '\(scheme.key)' uses HTTP authentication '\(scheme.scheme ?? "")', which "
                            + "the client cannot compute; set its Authorization header through the configuration's "
                            + "additional headers",
                        at: scheme.sourceLocation)
                }
            case .oauth2, .openIdConnect:
                // An access token travels as a bearer token; the app obtains it.
                add(key: scheme.key, placement: .bearer, description: scheme.description)
            case .mutualTLS:
                diagnostics.warning(
                    "security scheme '\(scheme.key)' (mutual TLS) is not generated: a client certificate is set on "
                        + "the URLSession the transport uses",
                    at: scheme.sourceLocation)
            }
        }
        // A header parameter that carries a credential without a scheme to
        // say so is one all the same (Anthropic's `x-api-key`).
        for parameter in specOperations.flatMap(\.parameters) where parameter.location == .header {
            let lower = parameter.name.lowercased()
            guard credentialHeaders[lower] == nil, Self.namesACredential(lower) else { continue }
            add(key: parameter.name, placement: .header(parameter.name), description: parameter.description)
            credentialHeaders[lower] = securitySchemeCases[parameter.name]
        }
        return result
    }

    /// A header name that says it carries a credential: an API key, a token,
    /// a secret; not an idempotency key or a session id.
    static func namesACredential(_ lowercasedName: String) -> Bool {
        if lowercasedName.contains("idempotency") { return false }
        let apiKey = lowercasedName.contains("api") && lowercasedName.contains("key")
        return apiKey || ["token", "secret", "subscription-key", "access-key"].contains { lowercasedName.contains($0) }
    }

    /// The credentials `operation` needs, as alternatives of scheme cases:
    /// its own `security`, else the root's; a credential header parameter
    /// it declares adds its scheme to each (required or optional as the
    /// parameter is); with nothing written, a header scheme is optional.
    func securityRequirement(of operation: Operation) -> [[String]] {
        // A credential header parameter the operation declares is a
        // credential it sends, whatever else it says.
        let declared = operation.parameters.filter { $0.location == .header }
            .compactMap { parameter in credentialHeaders[parameter.name.lowercased()].map { ($0, parameter.required) } }
        let written = writtenRequirement(of: operation)
        if let (caseName, required) = declared.first {
            let withHeader = (written ?? []).filter { !$0.isEmpty }.map { $0.contains(caseName) ? $0 : $0 + [caseName] }
            let alternatives = withHeader.isEmpty ? [[caseName]] : withHeader
            return required ? alternatives : alternatives + [[]]
        }
        if let written { return written }
        // Nothing written: a header scheme is sent when it is configured.
        let headerSchemes = Set(credentialHeaders.values).sorted()
        return headerSchemes.isEmpty ? [] : headerSchemes.map { [$0] } + [[]]
    }

    /// The requirement the operation's `security` (or the root's) writes,
    /// as alternatives of scheme cases; nil when neither writes one.
    private func writtenRequirement(of operation: Operation) -> [[String]]? {
        if let written = operation.security ?? document.security {
            // As written: `[]` needs nothing; an empty requirement object
            // among the others makes the credential optional.
            var alternatives: [[String]] = []
            for requirement in written {
                var names: [String] = []
                for scheme in requirement.schemes {
                    guard let caseName = securitySchemeCases[scheme.name] else {
                        diagnostics.warning(
                            "\(display(operation)) asks for the security scheme '\(scheme.name)', which the spec does "
                                + "not declare (or the client cannot send); that alternative is left out",
                            at: operation.location)
                        names = []
                        break
                    }
                    names.append(caseName)
                }
                if names.count == requirement.schemes.count, !alternatives.contains(names) {
                    alternatives.append(names)
                }
            }
            return alternatives
        }
        return nil
    }

    /// The requirement most operations have, which becomes the client's
    /// default; the operations that have it need not say so.
    func assignDefaultSecurity(_ operations: inout [OperationModel]) -> [[String]] {
        var counts: [(requirement: [[String]], count: Int)] = []
        for operation in operations {
            let requirement = operation.security ?? []
            if let index = counts.firstIndex(where: { $0.requirement == requirement }) {
                counts[index].count += 1
            } else {
                counts.append((requirement, 1))
            }
        }
        // The first of the most common, in operation order.
        let highest = counts.map(\.count).max() ?? 0
        guard let chosen = counts.first(where: { $0.count == highest })?.requirement else { return [] }
        for index in operations.indices where (operations[index].security ?? []) == chosen {
            operations[index].security = nil
        }
        return chosen
    }
}
