/// One documented response.
public struct ResponseModel: Sendable {
    public var status: ResponseStatus
    public var documentation: Documentation
    /// The body in each media type the client reads, in the spec's order;
    /// empty when the response has no body.
    public var contents: [ResponseContent]
    /// The headers the spec documents.
    public var headers: [HeaderModel]
    /// For an error response with a documented body: the error-body case
    /// its body decodes into.
    public var errorCase: String?

    /// The body a call reads: the first content (the translator puts the
    /// one it prefers first).
    public var body: ResponseBody? { contents.first?.body }
}

/// A response's status as the spec keys it.
public enum ResponseStatus: Sendable, Hashable {
    /// One status code (`200`).
    case code(Int)
    /// A class of statuses, by its first digit (`4XX` is `range(4)`).
    case range(Int)
    /// `default`: every status the others do not name.
    case `default`

    /// A 2xx status or class.
    public var isSuccess: Bool {
        switch self {
        case .code(let code): (200..<300).contains(code)
        case .range(let digit): digit == 2
        case .default: false
        }
    }

    /// The status as the spec writes it: `200`, `4XX`, `default`.
    public var text: String {
        switch self {
        case .code(let code): String(code)
        case .range(let digit): "\(digit)XX"
        case .default: "default"
        }
    }
}

/// A response body in one media type.
public struct ResponseContent: Sendable {
    /// The media type, as the spec writes it.
    public var mediaType: String
    public var body: ResponseBody
}

/// How a response body is read.
public enum ResponseBody: Sendable, Hashable {
    /// JSON decoded as the type (``TypeUsage/json`` when the spec gives no schema).
    case json(TypeUsage)
    /// Text, returned as a `String`.
    case text
    /// Bytes, returned as `Data`.
    case binary
}

/// A documented response header.
public struct HeaderModel: Sendable {
    /// The Swift name.
    public var name: String
    /// The header's name on the wire.
    public var wireName: String
    public var type: TypeUsage
    public var isRequired: Bool
    public var documentation: Documentation
}

/// What a successful call returns.
public enum OperationOutput: Sendable {
    /// Nothing: no success response documents a body.
    case none
    /// One body, whatever success status came.
    case body(ResponseBody)
}
