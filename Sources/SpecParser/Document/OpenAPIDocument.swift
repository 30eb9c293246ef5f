/// An OpenAPI 3.0.x or 3.1.x document, read from YAML or JSON.
///
/// References to parameters, request bodies, responses and headers are
/// already resolved here; references to schemas stay references, because a
/// named schema is a named type for whoever reads this model.
public struct OpenAPIDocument: Sendable {
    /// The `openapi` version string, such as `3.1.0`.
    public var version: String
    public var info: Info
    public var servers: [Server]
    public var paths: [PathItem]
    /// `webhooks` (3.1): requests the API sends, each a path item named by
    /// its key, in document order.
    public var webhooks: [PathItem] = []
    /// `components.schemas`, plus schemas that `$ref`s reach in other files
    /// or outside `components`, each under a ``SchemaKey``.
    public var schemas: [NamedSchema]
    public var securitySchemes: [SecurityScheme]
    /// The document-wide `security`; operations without their own inherit it.
    public var security: [SecurityRequirement]?
    public var location: SourceLocation

    public init(
        version: String, info: Info, servers: [Server], paths: [PathItem], schemas: [NamedSchema],
        securitySchemes: [SecurityScheme], security: [SecurityRequirement]?, location: SourceLocation
    ) {
        self.version = version
        self.info = info
        self.servers = servers
        self.paths = paths
        self.schemas = schemas
        self.securitySchemes = securitySchemes
        self.security = security
        self.location = location
    }

    /// Every operation, in document order.
    public var operations: [Operation] { paths.flatMap(\.operations) }
}

public struct Info: Sendable {
    public var title: String
    public var version: String
    public var summary: String?
    public var description: String?
}

public struct Server: Sendable {
    public var url: String
    public var description: String?
    /// Server variables, in document order.
    public var variables: [ServerVariable]
    public var location: SourceLocation
}

/// A `{name}` of a server's URL template, and what may stand there.
public struct ServerVariable: Sendable {
    public var name: String
    /// The value used when the caller gives none.
    public var defaultValue: String
    /// The values allowed, when the spec limits them (`enum`); empty when any value is.
    public var allowedValues: [String]
    public var description: String?
    public var location: SourceLocation

    public init(
        name: String, defaultValue: String, allowedValues: [String] = [], description: String? = nil,
        location: SourceLocation
    ) {
        self.name = name
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.description = description
        self.location = location
    }
}

public struct PathItem: Sendable {
    public var path: String
    public var summary: String?
    public var description: String?
    public var operations: [Operation]
    public var location: SourceLocation
}

extension PathItem {
    /// The path with its parameters' names left out (`/pets/{}` for
    /// `/pets/{id}`). OpenAPI holds two paths of the same hierarchy to be
    /// the same path, whatever their parameters are called.
    public static func hierarchy(of path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: "{")) else { return path }
        var result: [UInt8] = []
        result.reserveCapacity(path.utf8.count)
        var inParameter = false
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "{"):
                inParameter = true
                result += [UInt8(ascii: "{"), UInt8(ascii: "}")]
            case UInt8(ascii: "}"):
                inParameter = false
            default:
                if !inParameter { result.append(byte) }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// The HTTP methods an operation may use; `query` is OpenAPI 3.2's.
public enum HTTPMethod: String, Sendable, CaseIterable, Hashable {
    case get, put, post, delete, options, head, patch, trace, query

    public var uppercased: String { rawValue.uppercased() }
}

public struct Operation: Sendable {
    public var method: HTTPMethod
    public var path: String
    public var operationId: String?
    public var summary: String?
    public var description: String?
    public var tags: [String]
    /// Path-level parameters merged with the operation's own; an operation
    /// parameter replaces a path-level one with the same name and location.
    public var parameters: [Parameter]
    public var requestBody: RequestBody?
    public var responses: [Response]
    public var deprecated: Bool
    /// The operation's own `security`, or nil to inherit the document's.
    public var security: [SecurityRequirement]?
    public var extensions: [String: YAMLNode]
    /// `x-swift-name`: the method's Swift name, chosen by hand.
    public var swiftName: String?
    /// `callbacks`: requests the API sends back, by name, where each is written.
    public var callbacks: [(name: String, location: SourceLocation)] = []
    public var location: SourceLocation
}

public struct Parameter: Sendable {
    public enum Location: String, Sendable, Hashable, CaseIterable {
        case path, query, header, cookie
    }

    public var name: String
    public var location: Location
    public var description: String?
    public var required: Bool
    public var deprecated: Bool
    public var schema: Schema?
    public var style: String?
    public var explode: Bool?
    /// Whether reserved characters (RFC 3986 `:/?#[]@!$&'()*+,;=`) may go
    /// into a query value as they are; false unless the spec says true.
    public var allowReserved: Bool = false
    /// `x-swift-name`: the argument's Swift name, chosen by hand.
    public var swiftName: String?
    /// The `content` form of a parameter: one media type with its schema.
    public var content: [MediaType]
    /// `x-` keys, as written (`x-sunset`).
    public var extensions: [String: YAMLNode] = [:]
    public var sourceLocation: SourceLocation
}

public struct RequestBody: Sendable {
    public var description: String?
    public var required: Bool
    public var content: [MediaType]
    public var location: SourceLocation
}

public struct MediaType: Sendable {
    /// The media type as written, such as `multipart/form-data`.
    public var contentType: String
    public var schema: Schema?
    /// Per-property encoding, for multipart and form bodies, in document order.
    public var encoding: [(name: String, encoding: Encoding)]
    public var location: SourceLocation

    /// The type and subtype of a media type, lowercased, without parameters
    /// or spaces: `Application/JSON; charset=utf-8` is `application/json`.
    /// Media types are ASCII (RFC 9110, §8.3.1), so only ASCII letters are
    /// lowercased. A content type that is already its own essence (no
    /// capitals, parameters, spaces or tabs), as nearly every one in a spec
    /// is, comes back as it is: the essence is asked for each body and
    /// response again and again, and building it byte by byte into a new
    /// string cost more than all the rest of reading a body's media.
    public static func essence(of contentType: String) -> String {
        let isEssence = contentType.utf8.allSatisfy { byte in
            byte != UInt8(ascii: ";") && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t")
                && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }
        if isEssence { return contentType }
        var bytes: [UInt8] = []
        for byte in contentType.utf8 {
            if byte == UInt8(ascii: ";") { break }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                if bytes.isEmpty { continue }
            }
            bytes.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
        }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

public struct Encoding: Sendable {
    public var contentType: String?
    public var headers: [Header]
    public var style: String?
    public var explode: Bool?
    public var location: SourceLocation
}

public struct Response: Sendable {
    /// The status as written: `200`, `2XX` or `default`.
    public var status: String
    public var description: String?
    public var headers: [Header]
    public var content: [MediaType]
    /// `links`: operations a client may call next with values from this
    /// response, in document order.
    public var links: [Link] = []
    public var location: SourceLocation

    /// The status as a number, when it is one.
    public var code: Int? { Int(status) }

    /// Whether the status is in the 2xx range (`200`, `2XX`).
    public var isSuccess: Bool {
        if let code { return (200..<300).contains(code) }
        return status.uppercased() == "2XX"
    }
}

/// A Link Object: a design-time relation from a response to an operation
/// that can be called with values taken from it.
public struct Link: Sendable {
    /// The link's key in `links`.
    public var name: String
    /// `operationId` of the target operation.
    public var operationId: String?
    /// `operationRef`, a URI reference to the target operation, as written.
    public var operationRef: String?
    /// `parameters`: the target's parameter (optionally qualified by its
    /// location, `path.id`) and the runtime expression that gives its value
    /// (`$response.body#/id`), in document order.
    public var parameters: [(name: String, expression: String)]
    public var description: String?
    /// `x-polling-url`: a runtime expression (`$response.body#/polling_url`)
    /// for the absolute address at which the target is to be called, as it
    /// is, instead of an address built from the base URL and the target's
    /// path. OpenAPI has no way to say that; the README documents it.
    public var pollingURL: String?
    public var location: SourceLocation
}

/// `x-job-status` on a schema: which of its fields holds a job's stage and
/// which values end the job. OpenAPI has no way to say that; the README
/// documents the extension.
public struct JobStatusRule: Sendable {
    /// The property that holds the stage, such as `status`.
    public var field: String
    /// Values after which the job's result is ready.
    public var succeeded: [String]
    /// Values after which the job is over without a result.
    public var failed: [String]
    public var location: SourceLocation

    public init(field: String, succeeded: [String], failed: [String], location: SourceLocation) {
        self.field = field
        self.succeeded = succeeded
        self.failed = failed
        self.location = location
    }
}

public struct Header: Sendable {
    public var name: String
    public var description: String?
    public var required: Bool
    public var schema: Schema?
    public var location: SourceLocation
}

public struct SecurityScheme: Sendable {
    public enum Kind: String, Sendable {
        case apiKey, http, oauth2, openIdConnect, mutualTLS
    }

    public var key: String
    public var kind: Kind
    public var description: String?
    /// For `apiKey`: the header, query or cookie name, and where it goes.
    public var name: String?
    public var location: Parameter.Location?
    /// For `http`: the scheme (`bearer`, `basic`).
    public var scheme: String?
    public var bearerFormat: String?
    /// For `oauth2`: its flows, in document order.
    public var flows: [OAuthFlow] = []
    /// For `openIdConnect`: `openIdConnectUrl`.
    public var openIdConnectURL: String?
    public var sourceLocation: SourceLocation
}

/// One flow of an `oauth2` security scheme.
public struct OAuthFlow: Sendable {
    /// `implicit`, `password`, `clientCredentials` or `authorizationCode`
    /// (or `deviceAuthorization`, OpenAPI 3.2's).
    public var kind: String
    /// `authorizationUrl`, for the implicit and authorization-code flows.
    public var authorizationURL: String?
    /// `tokenUrl`, for the flows that obtain a token from it.
    public var tokenURL: String?
    /// `refreshUrl`, where a token is refreshed, if anywhere.
    public var refreshURL: String?
    /// The names of the scopes it offers, in document order.
    public var scopes: [String]
    /// Where the flow is written.
    public var location: SourceLocation
}

/// One alternative of a `security` list: all of its schemes apply together.
public struct SecurityRequirement: Sendable, Hashable {
    public var schemes: [Scheme]

    public struct Scheme: Sendable, Hashable {
        public var name: String
        public var scopes: [String]
    }
}
