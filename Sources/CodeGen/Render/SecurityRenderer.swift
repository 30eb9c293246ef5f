/// Renders the client's security: a `SecurityScheme` case for each scheme,
/// where each one puts its credential, the scheme an `apiKey` sets, and
/// what every call needs unless its operation says otherwise. The runtime's
/// `authenticate(_:requirement:)` reads these.
struct SecurityRenderer {
    let options: Renderer.Options

    /// The modifier of every declaration: `public `, `package ` or nothing.
    private var access: String { options.access.modifier }

    /// The scheme `apiKey:` sets: the first that most calls need, else the
    /// first the spec declares.
    static func primaryScheme(_ model: APIModel) -> SecuritySchemeModel? {
        let needed = model.defaultSecurity.first { !$0.isEmpty }?.first
        return model.securitySchemes.first { $0.caseName == needed } ?? model.securitySchemes.first
    }

    func render(_ model: APIModel, into w: inout SwiftWriter) {
        let schemes = model.securitySchemes
        w.line("/// The API's security schemes: what ``Configuration/credentials`` holds a credential for.")
        if schemes.isEmpty {
            // An API without schemes: a type with no values the app can make.
            // Not an enum without cases, whose every use the compiler warns
            // "will never be executed" (the runtime's credential code uses it).
            w.line("///")
            w.line("/// This API declares none, so there is no value of this type.")
            w.block("\(access)struct SecurityScheme: Sendable, Hashable, CaseIterable") { w in
                w.line("/// The scheme's key in the API description.")
                w.line("\(access)let rawValue: String")
                w.line()
                w.line("private init(rawValue: String) { self.rawValue = rawValue }")
                w.line()
                w.line("/// None: the API declares no security scheme.")
                w.line("\(access)static let allCases: [SecurityScheme] = []")
            }
            w.line()
            w.line("/// Where each scheme puts its credential (the API declares none).")
            w.line("static func placement(of scheme: SecurityScheme) -> SecurityPlacement { .header(scheme.rawValue) }")
        } else {
            renderSchemes(schemes, into: &w)
        }
        w.line()
        w.line("/// The scheme an `apiKey` is the credential of.")
        let primary = Self.primaryScheme(model).map { "." + Naming.escaped($0.caseName) } ?? "nil"
        w.line("static let primaryScheme: SecurityScheme? = \(primary)")
        w.line()
        w.line("/// What a call needs unless its operation says otherwise: any one of these sets of schemes.")
        w.line("static let defaultSecurity: [[SecurityScheme]] = \(Self.requirement(model.defaultSecurity))")
        w.line()
        w.line("/// Names of the headers and query items that carry credentials, lower-cased.")
        let names = Set(
            schemes.map { scheme -> String in
                switch scheme.placement {
                case .header(let name), .query(let name), .cookie(let name): name.lowercased()
                case .bearer, .basic: "authorization"
                }
            })
        w.line(
            "static let credentialHeaders: Set<String> = "
                + "[\(names.sorted().map(SwiftText.literal).joined(separator: ", "))]"
        )
    }

    /// `enum SecurityScheme` with a case per scheme, and where each puts its credential.
    private func renderSchemes(_ schemes: [SecuritySchemeModel], into w: inout SwiftWriter) {
        w.block("\(access)enum SecurityScheme: String, Sendable, Hashable, CaseIterable") { w in
            for scheme in schemes {
                w.documentation(
                    TypeRenderer.orFallback(scheme.documentation, "The \(SwiftText.codeSpan(scheme.key)) scheme."),
                    extra: [Self.sentence(scheme.placement)])
                w.line("case \(Naming.escaped(scheme.caseName)) = \(SwiftText.literal(scheme.key))")
            }
        }
        w.line()
        w.line("/// Where each scheme puts its credential.")
        w.block("static func placement(of scheme: SecurityScheme) -> SecurityPlacement") { w in
            w.switchBlock("switch scheme") { w in
                for scheme in schemes {
                    w.line("case .\(Naming.escaped(scheme.caseName)): \(Self.expression(scheme.placement))")
                }
            }
        }
    }

    /// A requirement as Swift writes it: `[[.apiKey], []]`.
    static func requirement(_ alternatives: [[String]]) -> String {
        "["
            + alternatives.map { "[" + $0.map { "." + Naming.escaped($0) }.joined(separator: ", ") + "]" }
            .joined(separator: ", ") + "]"
    }

    private static func expression(_ placement: SecuritySchemeModel.Placement) -> String {
        switch placement {
        case .header(let name): ".header(\(SwiftText.literal(name)))"
        case .query(let name): ".query(\(SwiftText.literal(name)))"
        case .cookie(let name): ".cookie(\(SwiftText.literal(name)))"
        case .bearer: ".bearer"
        case .basic: ".basic"
        }
    }

    private static func sentence(_ placement: SecuritySchemeModel.Placement) -> String {
        switch placement {
        case .header(let name): "Sent in the \(SwiftText.codeSpan(name)) header; give it a `Credential.apiKey(_:)`."
        case .query(let name): "Sent as the \(SwiftText.codeSpan(name)) query item; give it a `Credential.apiKey(_:)`."
        case .cookie(let name): "Sent as the \(SwiftText.codeSpan(name)) cookie; give it a `Credential.apiKey(_:)`."
        case .bearer: "Sent as `Authorization: Bearer`; give it a `Credential.bearer(_:)` or `bearer(provider:)`."
        case .basic: "Sent as `Authorization: Basic`; give it a `Credential.basic(username:password:)`."
        }
    }
}
