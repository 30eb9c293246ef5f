/// The API as the generator sees it, after the document is lowered and
/// before any Swift is written: named types, operations, parameters,
/// bodies and responses. It knows nothing of YAML or of the spec's layout,
/// and the renderer knows nothing else.
public struct APIModel: Sendable {
    public var title: String
    public var summary: String?
    public var version: String
    /// Server URLs in spec order; the first is the client's default.
    public var servers: [ServerModel]
    /// The enums of server variables' values, in order of first use.
    public var serverVariableTypes: [ServerVariableChoices] = []
    /// Named types, sorted by name so output order never depends on discovery.
    public var types: [TypeDeclaration]
    /// Operations in spec order.
    public var operations: [OperationModel]
    /// The credentials the client can send, one per security scheme.
    public var securitySchemes: [SecuritySchemeModel]
    /// The credentials most operations need (``OperationModel/security``
    /// says where one differs): alternatives, each the case names of the
    /// schemes sent together; empty for none.
    public var defaultSecurity: [[String]] = []
    /// The bodies documented for error statuses, each a case of one error-body enum.
    public var errorBodies: [ErrorBodyCase]
    /// Operations that start a job another operation reports on, in spec order.
    public var jobs: [JobModel] = []
    /// The parts of the runtime the module needs beyond its core.
    public var runtimeParts: Set<RuntimePart> = []
}

/// A part of the runtime that only some modules carry (a folder of
/// Sources/ClientRuntime besides `Core`), so that a module compiles only
/// the code it uses.
public enum RuntimePart: String, Sendable, Hashable, CaseIterable {
    /// Polling jobs to their end (`Jobs`).
    case jobs
    /// Parameters and form bodies written from a value's structure, in
    /// OpenAPI's styles (`StyledValues`).
    case styledValues
    /// Response headers read as their documented types (`ResponseHeaders`).
    case responseHeaders
    /// Responses whose body arrives in chunks, and request bodies read from
    /// disk (`StreamingTransport`); carried with `eventStreams` and `largeBodies`.
    case streamingTransport
    /// Server-sent events, JSON Lines and JSON text sequences decoded as they
    /// arrive (`EventStreams`); needs `streamingTransport`.
    case eventStreams
    /// Downloads to a file and uploads (multipart included) from files on
    /// disk (`LargeBodies`); needs `streamingTransport`.
    case largeBodies
    /// Lists read page by page as one sequence of items (`Pagination`).
    case pagination
    /// A fresh `Idempotency-Key` per call, reused by its retries (`IdempotencyKeys`).
    case idempotencyKeys

    /// The compilation condition of the runtime's lines for this part:
    /// `RUNTIME_JOBS`, `RUNTIME_STYLED_VALUES`.
    public var conditionName: String {
        var name = "RUNTIME_"
        for character in rawValue {
            if character.isUppercase { name += "_" }
            name += character.uppercased()
        }
        return name
    }
}

/// One documented error body: a case of the generated error-body enum.
public struct ErrorBodyCase: Sendable, Hashable {
    public var name: String
    public var type: TypeUsage
}

/// A server the API description lists.
public struct ServerModel: Sendable, Hashable {
    /// The URL, with each variable's default in its place.
    public var url: String
    public var description: String?
    /// The function that builds the URL from other values of its
    /// variables; nil for a server without variables.
    public var variables: ServerVariablesModel?
}

/// A server URL template as a static function of the client:
/// `server(region: .eu, version: "v2")`.
public struct ServerVariablesModel: Sendable, Hashable {
    /// A piece of the template: text as written, or a variable's value.
    public enum Piece: Sendable, Hashable {
        case text(String)
        /// The variable at this index of ``variables``.
        case variable(Int)
    }

    public var functionName: String
    /// The template as written in the spec, for the documentation.
    public var template: String
    public var pieces: [Piece]
    public var variables: [ServerVariableModel]
    /// Whether every value the parameters can take makes a valid URL (each
    /// has a closed set of values, all checked at generation), so that the
    /// function returns a `URL` rather than an optional one.
    public var isAlwaysValid: Bool
}

/// A variable of a server URL template: a parameter of its function.
public struct ServerVariableModel: Sendable, Hashable {
    public var wireName: String
    public var parameterName: String
    public var documentation: String?
    public var defaultValue: String
    /// The enum of the allowed values, when the spec limits them.
    public var choices: ServerVariableChoices?
}

/// The values a server variable may take, as a closed enum of the client
/// (a server that does not exist cannot be chosen, so there is no
/// `undocumented` case); variables with the same name and values share it.
public struct ServerVariableChoices: Sendable, Hashable {
    public var typeName: String
    /// The variable's name in the spec.
    public var variableName: String
    /// Case names and the values they stand for, in the spec's order.
    public var cases: [EnumCase]
}

/// A security scheme of the API: a credential a configuration can hold,
/// and where a call puts it.
public struct SecuritySchemeModel: Sendable, Hashable {
    public enum Placement: Sendable, Hashable {
        /// An API key in the named header.
        case header(String)
        /// An API key in the named query item.
        case query(String)
        /// An API key in the named cookie.
        case cookie(String)
        /// `Authorization: Bearer <token>` (HTTP bearer, OAuth 2, OpenID Connect).
        case bearer
        /// `Authorization: Basic <base64 of user:password>`.
        case basic
    }

    /// The scheme's key in `components.securitySchemes` (or, for a
    /// credential header parameter without a scheme, the header's name).
    public var key: String
    /// The case of the client's `SecurityScheme` enum.
    public var caseName: String
    public var placement: Placement
    public var documentation: Documentation
}
