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

/// A job: one operation starts it, and a second one, which an OpenAPI link
/// from the first one's response points to, reports its stage until a value
/// that `x-job-status` lists as final. The client gets a method that starts
/// the job and waits for its end, and methods to wait for or ask about a job
/// started by hand.
public struct JobModel: Sendable {
    /// The method that starts the job and waits (`removeBackground`).
    public var name: String
    /// The ``OperationModel/name`` of the operation that starts the job.
    public var submit: String
    /// The ``OperationModel/name`` of the operation that reports its stage.
    public var status: String
    /// The struct in the submit response that identifies the job.
    public var handle: String
    /// When the submit response is a union: the case that holds a job
    /// (the others are answers that need no polling).
    public var handleCase: String?
    /// Arguments of the status operation, from the handle's properties (the
    /// link's `parameters`); nil when the link does not give every required one.
    public var statusArguments: [JobArgument]?
    /// The handle's property that holds the absolute address to poll
    /// (`x-polling-url`), when the link names one.
    public var pollingURL: JobField?
    /// The type the status operation returns.
    public var statusType: String
    /// The status type's property that holds the job's stage.
    public var stage: JobField
    /// Stage values after which the result is ready.
    public var succeeded: [String]
    /// Stage values after which the job is over without a result.
    public var failed: [String]
}

/// A property a job helper reads.
public struct JobField: Sendable, Hashable {
    /// The Swift property name.
    public var name: String
    /// The key on the wire.
    public var wireName: String
    public var isOptional: Bool
    /// True when the value is a generated enum, read through `rawValue`.
    public var isEnum: Bool = false
    /// True when the value is a `URL` (false for a string that holds one).
    public var isURL: Bool = false
}

/// One argument of the status call, read from the job's handle.
public struct JobArgument: Sendable, Hashable {
    /// The status operation's parameter.
    public var parameter: String
    /// The handle's property that gives its value.
    public var property: JobField
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

/// How a value is typed in Swift, before it is spelled.
public indirect enum TypeUsage: Sendable, Hashable {
    case string
    case integer(bits: Int?)
    case double
    case float
    case bool
    case date
    case url
    case uuid
    /// Base64-encoded bytes in JSON (`format: byte`).
    case base64
    /// File content: raw bytes with a filename and content type in multipart.
    case file
    /// Any JSON value.
    case json
    case array(TypeUsage)
    case dictionary(TypeUsage)
    /// A named type declared in the model (or nested inside one: `Outer.Inner`).
    case named(String)
}

public enum TypeDeclaration: Sendable {
    case structure(StructDeclaration)
    case enumeration(EnumDeclaration)
    case union(UnionDeclaration)
    case alias(AliasDeclaration)

    public var name: String {
        switch self {
        case .structure(let d): d.name
        case .enumeration(let d): d.name
        case .union(let d): d.name
        case .alias(let d): d.name
        }
    }
}

/// Documentation carried from the spec to a declaration.
public struct Documentation: Sendable, Hashable {
    public var summary: String?
    public var details: String?
    public var deprecated: Bool

    public init(summary: String? = nil, details: String? = nil, deprecated: Bool = false) {
        self.summary = summary
        self.details = details
        self.deprecated = deprecated
    }

    public var isEmpty: Bool { summary == nil && details == nil && !deprecated }
}

public struct StructDeclaration: Sendable {
    public var name: String
    public var documentation: Documentation
    public var properties: [PropertyModel]
    /// The type of extra keys, when the object allows them as a dictionary.
    public var additionalProperties: TypeUsage?
    /// Types declared inside this one (inline enums and objects of its properties).
    public var nested: [TypeDeclaration]
}

public struct PropertyModel: Sendable {
    /// The Swift name, camelCase and unique within the type.
    public var name: String
    /// The key on the wire.
    public var wireName: String
    public var type: TypeUsage
    /// Required properties must be present when encoding and decoding.
    public var isRequired: Bool
    /// Nullable properties may carry an explicit `null`.
    public var isNullable: Bool
    public var documentation: Documentation
    /// The default value from the spec, as a Swift expression, when it has one
    /// that the type can spell.
    public var defaultValue: String?
    /// True when the property holds its own type (directly or through other
    /// structs) and so must be stored in a box.
    public var isIndirect: Bool = false

    /// Optional in Swift when it may be absent or null.
    public var isOptional: Bool { !isRequired || isNullable }
}

public struct EnumDeclaration: Sendable {
    public enum RawType: Sendable { case string, integer }

    public var name: String
    public var documentation: Documentation
    public var rawType: RawType
    public var cases: [EnumCase]
}

public struct EnumCase: Sendable, Hashable {
    /// The Swift case name, valid and unique.
    public var name: String
    /// The value on the wire, as text (an integer's digits for integer enums).
    public var rawValue: String
    /// What the spec says of this value, when it says anything (the
    /// description of a `const` variant; a plain `enum` list has none).
    public var documentation: String?

    public init(name: String, rawValue: String, documentation: String? = nil) {
        self.name = name
        self.rawValue = rawValue
        self.documentation = documentation
    }
}

/// `oneOf`/`anyOf`: one of several types, told apart by a discriminator
/// property when the spec has one, or else by trying each in turn.
public struct UnionDeclaration: Sendable {
    public var name: String
    public var documentation: Documentation
    public var variants: [UnionVariant]
    public var discriminator: String?
    public var nested: [TypeDeclaration]
    /// The union holds itself by value through one of its variants, directly
    /// or through structs and other unions: an `indirect enum`.
    public var isIndirect: Bool = false
}

public struct UnionVariant: Sendable {
    public var caseName: String
    public var type: TypeUsage
    /// Discriminator values that select this variant.
    public var discriminatorValues: [String]
}

public struct AliasDeclaration: Sendable {
    public var name: String
    public var documentation: Documentation
    public var type: TypeUsage
}

public struct OperationModel: Sendable {
    /// The Swift method name, from the operationId.
    public var name: String
    /// The operationId as the spec writes it (or a synthesized one).
    public var operationId: String
    public var method: String
    /// The path template, such as `/datasets/{dataset_id}`.
    public var path: String
    public var documentation: Documentation
    public var parameters: [ParameterModel]
    public var body: BodyModel?
    /// The response a call returns on success.
    public var success: ResponseModel?
    /// Documented non-2xx responses.
    public var errors: [ResponseModel]
    public var tags: [String]
}

public struct ParameterModel: Sendable {
    public enum Location: String, Sendable { case path, query, header, cookie }

    public var name: String
    public var wireName: String
    public var location: Location
    public var type: TypeUsage
    public var isRequired: Bool
    public var documentation: Documentation
    /// How the value is written, as OpenAPI names the styles; always one
    /// OpenAPI defines for the parameter's location.
    public var style: Style
    /// For lists and objects: `true` repeats the name or writes each member
    /// as its own pair (`a=1&a=2`), `false` joins them with the style's
    /// delimiter (`a=1,2`).
    public var explode: Bool
    /// True when the value is sent as text (scalars, enums, arrays of them);
    /// false when a structured value is sent as JSON text.
    public var isText: Bool
    /// A query value's reserved characters (`/`, `?`, `:`…) go as they are.
    public var allowReserved: Bool = false
    /// Whether the value is written from its structure in ``style`` (the
    /// runtime's styled values), rather than as plain text in its
    /// location's usual style: a `simple` path segment, an exploded `form`
    /// query, a header or cookie of text.
    public var isStyled: Bool {
        switch location {
        case .path: !(isText && style == .simple)
        case .query: !(isText && style == .form && !allowReserved)
        case .header, .cookie: !isText
        }
    }

    /// OpenAPI's parameter styles.
    public enum Style: String, Sendable, CaseIterable {
        case simple, label, matrix, form, spaceDelimited, pipeDelimited, deepObject
    }
}

public enum BodyModel: Sendable {
    case json(JSONBody)
    case multipart(MultipartBody)
    /// Raw bytes of the given content type.
    case binary(contentType: String, isRequired: Bool, documentation: Documentation)
    /// `application/x-www-form-urlencoded` with a named type's properties.
    case formURLEncoded(JSONBody)
}

public struct JSONBody: Sendable {
    public var type: TypeUsage
    public var contentType: String
    public var isRequired: Bool
    public var documentation: Documentation
    /// For a form body: the fields whose encoding has the `deepObject` style,
    /// sent as `field[key]=value` pairs instead of JSON text.
    public var deepObjectFields: [String] = []
}

/// A multipart/form-data body, as its own request type with typed fields.
public struct MultipartBody: Sendable {
    /// The name of the generated request type.
    public var typeName: String
    public var documentation: Documentation
    public var fields: [MultipartField]
    public var isRequired: Bool
    /// Types declared inside the request type (inline enums and objects).
    public var nested: [TypeDeclaration]
}

public struct MultipartField: Sendable {
    public enum Encoding: Sendable, Hashable {
        /// One text part holding the value's text (strings, numbers, enums).
        case text
        /// One part per element, each holding text.
        case repeatedText
        /// One file part with a filename.
        case file
        /// One file part per element.
        case repeatedFile
        /// One part holding the value as JSON (objects, unions).
        case json
    }

    public var name: String
    public var wireName: String
    public var type: TypeUsage
    public var encoding: Encoding
    public var isRequired: Bool
    /// The part's content type when the spec's `encoding` sets one.
    public var contentType: String?
    public var documentation: Documentation
}

public struct ResponseModel: Sendable {
    /// `200`, `2XX` or `default`.
    public var status: String
    /// The decoded body's type; nil when the response has no body.
    /// `.file` means raw bytes of a non-JSON body.
    public var body: TypeUsage?
    public var documentation: Documentation
    /// For error responses: the error-body case their body decodes into.
    public var errorCase: String?
}
