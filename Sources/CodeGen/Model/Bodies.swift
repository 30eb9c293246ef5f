/// A request body: whether a call must send one, and the media types it
/// can be sent in.
public struct RequestBodyModel: Sendable {
    /// Whether a call must pass the body.
    public var isRequired: Bool
    public var documentation: Documentation
    /// How the body can be sent, one way per media type the client
    /// supports, the one it prefers first.
    public var variants: [RequestVariant]
}

/// One way of sending a body: the preferred one is the call's usual
/// argument; each other one is a call of its own, whose argument's label
/// names its media type (`multipart:`), so that a caller can choose.
public struct RequestVariant: Sendable {
    public var content: RequestContent
    /// The argument's label; nil for the preferred way.
    public var label: String?
}

/// One way of sending a request body.
public enum RequestContent: Sendable {
    /// JSON of the type.
    case json(JSONBody)
    /// `multipart/form-data` with a request type of its own.
    case multipart(MultipartBody)
    /// `application/x-www-form-urlencoded` with a type's properties.
    case formURLEncoded(FormBody)
    /// Raw bytes of the given content type.
    case binary(contentType: String)
    /// The same as `binary`, read from a file on disk as it is sent
    /// (`FileUpload`), so that a file of any size uploads in flat memory;
    /// in the file's own type when `contentType` is nil (the spec's is
    /// generic: `application/octet-stream`, a wildcard).
    case file(contentType: String?)
}

/// A JSON body.
public struct JSONBody: Sendable {
    public var type: TypeUsage
    /// The media type sent as `Content-Type`.
    public var contentType: String
}

/// An `application/x-www-form-urlencoded` body.
public struct FormBody: Sendable {
    public var type: TypeUsage
    /// The media type sent as `Content-Type`.
    public var contentType: String
    /// The fields whose encoding has the `deepObject` style, sent as
    /// `field[key]=value` pairs instead of JSON text.
    public var deepObjectFields: [String] = []
}

/// A multipart/form-data body, as its own request type with typed fields.
public struct MultipartBody: Sendable {
    /// The name of the generated request type.
    public var typeName: String
    public var documentation: Documentation
    public var fields: [MultipartField]
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

extension RequestContent {
    /// The media type the body is sent as.
    public var mediaType: String {
        switch self {
        case .json(let body): body.contentType
        case .multipart: "multipart/form-data"
        case .formURLEncoded(let body): body.contentType
        case .binary(let contentType): contentType
        case .file(let contentType): contentType ?? "application/octet-stream"
        }
    }
}
