import SpecParser

/// Security: the schemes a document defines (how a credential is sent, the
/// OAuth URLs and scopes on offer) and the requirements of the document and
/// each operation (which credentials, with which scopes).
extension ComparisonRun {
    func compareSecuritySchemes() {
        let oldByKey = Dictionary(old.securitySchemes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(new.securitySchemes.map(\.key))
        for scheme in old.securitySchemes where !newKeys.contains(scheme.key) {
            report(
                .securitySchemeRemoved, .warning, .both, operation: nil, pointer: Self.pointer(of: scheme),
                old: scheme.sourceLocation, new: nil, "security scheme '\(scheme.key)' was removed")
        }
        for scheme in new.securitySchemes {
            let pointer = Self.pointer(of: scheme)
            guard let previous = oldByKey[scheme.key] else {
                report(
                    .securitySchemeAdded, .info, .both, operation: nil, pointer: pointer, old: nil,
                    new: scheme.sourceLocation,
                    "security scheme '\(scheme.key)' was added")
                continue
            }
            let locations = (previous.sourceLocation, scheme.sourceLocation)
            let before = Self.sending(previous)
            let after = Self.sending(scheme)
            if before != after {
                report(
                    .securitySchemeChanged, .breaking, .both, operation: nil, pointer: pointer, old: locations.0,
                    new: locations.1,
                    "security scheme '\(scheme.key)' is now \(after) instead of \(before)")
            }
            compareFlows(previous, scheme, pointer: pointer)
        }
    }

    /// Where a document writes a scheme.
    private static func pointer(of scheme: SecurityScheme) -> String {
        "/components/securitySchemes/" + JSONPointer.escape(scheme.key)
    }

    /// How a scheme's credential is sent, in words: what must stay the same.
    private static func sending(_ scheme: SecurityScheme) -> String {
        switch scheme.kind {
        case .apiKey: "an API key in the \(scheme.location?.rawValue ?? "?") '\(scheme.name ?? "?")'"
        case .http: "HTTP \(scheme.scheme?.lowercased() ?? "?") authentication"
        case .oauth2: "OAuth 2"
        case .openIdConnect: "OpenID Connect"
        case .mutualTLS: "mutual TLS"
        }
    }

    private func compareFlows(_ oldScheme: SecurityScheme, _ newScheme: SecurityScheme, pointer: String) {
        let oldFlows = Dictionary(oldScheme.flows.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        if oldScheme.openIdConnectURL != newScheme.openIdConnectURL, let url = newScheme.openIdConnectURL {
            report(
                .oauthURLChanged, .warning, .both, operation: nil, pointer: pointer + "/openIdConnectUrl",
                old: oldScheme.sourceLocation, new: newScheme.sourceLocation,
                "security scheme '\(newScheme.key)' has the OpenID Connect URL \(url)")
        }
        for flow in newScheme.flows {
            guard let previous = oldFlows[flow.kind] else { continue }
            let here = pointer + "/flows/" + JSONPointer.escape(flow.kind)
            for (name, before, after) in [
                ("authorizationUrl", previous.authorizationURL, flow.authorizationURL),
                ("tokenUrl", previous.tokenURL, flow.tokenURL),
                ("refreshUrl", previous.refreshURL, flow.refreshURL),
            ] where before != after {
                report(
                    .oauthURLChanged, .warning, .both, operation: nil, pointer: here + "/" + name,
                    old: previous.location, new: flow.location,
                    "the \(flow.kind) flow of '\(newScheme.key)' has the \(name) \(after ?? "none") instead of "
                        + "\(before ?? "none")"
                )
            }
            let oldScopes = Set(previous.scopes)
            let newScopes = Set(flow.scopes)
            for scope in flow.scopes where !oldScopes.contains(scope) {
                report(
                    .oauthScopeAdded, .info, .both, operation: nil,
                    pointer: here + "/scopes/" + JSONPointer.escape(scope),
                    old: previous.location, new: flow.location,
                    "the \(flow.kind) flow of '\(newScheme.key)' offers the scope '\(scope)'")
            }
            for scope in previous.scopes where !newScopes.contains(scope) {
                report(
                    .oauthScopeRemoved, .breaking, .both, operation: nil,
                    pointer: here + "/scopes/" + JSONPointer.escape(scope),
                    old: previous.location, new: flow.location,
                    "the \(flow.kind) flow of '\(newScheme.key)' no longer offers the scope '\(scope)'")
            }
        }
    }

    /// The requirements of the document or an operation: alternatives known
    /// by the schemes they combine; for one kept, the scopes each scheme needs.
    func compareSecurity(
        _ oldRequirements: [SecurityRequirement], _ newRequirements: [SecurityRequirement], operation: String?,
        pointer: String, oldLocation: SourceLocation?, newLocation: SourceLocation?
    ) {
        let oldScopes = Self.scopesBySchemes(oldRequirements)
        let newScopes = Self.scopesBySchemes(newRequirements)
        for schemes in newScopes.keys.sorted() where oldScopes[schemes] == nil {
            report(
                .securityRequirementAdded, oldScopes.isEmpty ? .breaking : .info, .request, operation: operation,
                pointer: pointer, old: oldLocation, new: newLocation,
                "security requirement \(schemes.isEmpty ? "(none)" : schemes) was added")
        }
        for schemes in oldScopes.keys.sorted() where newScopes[schemes] == nil {
            report(
                .securityRequirementRemoved, newScopes.isEmpty ? .info : .breaking, .request, operation: operation,
                pointer: pointer, old: oldLocation, new: newLocation,
                "security requirement \(schemes.isEmpty ? "(none)" : schemes) was removed")
        }
        for schemes in newScopes.keys.sorted() {
            guard let before = oldScopes[schemes], let after = newScopes[schemes] else { continue }
            for (scheme, scopes) in after.sorted(by: { $0.key < $1.key }) {
                let previous = before[scheme] ?? []
                let whose = schemes == scheme ? "the" : "the \(scheme)"
                for scope in scopes.subtracting(previous).sorted() {
                    report(
                        .securityScopeAdded, .breaking, .request, operation: operation, pointer: pointer,
                        old: oldLocation, new: newLocation,
                        "security requirement \(schemes) now needs \(whose) scope '\(scope)'")
                }
                for scope in previous.subtracting(scopes).sorted() {
                    report(
                        .securityScopeRemoved, .info, .request, operation: operation, pointer: pointer,
                        old: oldLocation, new: newLocation,
                        "security requirement \(schemes) no longer needs \(whose) scope '\(scope)'")
                }
            }
        }
    }

    /// Each alternative by its schemes' names (`apiKey + oauth`), with the
    /// scopes each scheme needs; alternatives of the same schemes merged.
    private static func scopesBySchemes(_ requirements: [SecurityRequirement]) -> [String: [String: Set<String>]] {
        var result: [String: [String: Set<String>]] = [:]
        for requirement in requirements {
            let key = requirement.schemes.map(\.name).sorted().joined(separator: " + ")
            for scheme in requirement.schemes {
                result[key, default: [:]][scheme.name, default: []].formUnion(scheme.scopes)
            }
            if requirement.schemes.isEmpty { result[key] = result[key] ?? [:] }
        }
        return result
    }
}
