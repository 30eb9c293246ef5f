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

public struct ServerModel: Sendable, Hashable {
    public var url: String
    public var description: String?
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
