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
    /// How the client authenticates, if the spec says.
    public var authentication: [AuthenticationModel]
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

/// A credential the client sets once and sends with every request.
public struct AuthenticationModel: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An API key sent in the named header.
        case apiKeyHeader(name: String)
        /// An API key sent as the named query parameter.
        case apiKeyQuery(name: String)
        /// `Authorization: Bearer <token>`.
        case bearer
        /// `Authorization: Basic <credentials>`.
        case basic
    }

    public var kind: Kind
    public var description: String?
}
