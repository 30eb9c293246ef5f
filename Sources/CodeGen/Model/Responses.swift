/// One documented response.
public struct ResponseModel: Sendable {
    public var status: ResponseStatus
    public var documentation: Documentation
    /// The body in each media type the client reads; empty when the
    /// response has no body.
    public var contents: [ResponseContent]
    /// The media types the spec also documents for it, which the client
    /// does not read (it asks for the others, and says so when one of these
    /// comes).
    public var otherMediaTypes: [String] = []
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

    /// A documented 3xx status or class: an outcome, not an error.
    public var isRedirection: Bool {
        switch self {
        case .code(let code): (300..<400).contains(code)
        case .range(let digit): digit == 3
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
    /// One of several outcomes, each a documented status with its own body
    /// or none: an enum of the operation's own.
    case outcomes(OutcomesDeclaration)
}

/// The enum a call returns when its documented outcomes differ (a 200 with
/// a body beside a 204 without): a case per status.
public struct OutcomesDeclaration: Sendable {
    public var name: String
    public var documentation: Documentation
    public var cases: [OutcomeCase]
}

/// One documented outcome of a call.
public struct OutcomeCase: Sendable {
    /// The case's name, from the status (`ok`, `noContent`, `accepted`).
    public var name: String
    public var status: ResponseStatus
    /// The body it carries; nil when the status documents none.
    public var body: ResponseBody?
    public var documentation: Documentation
}

/// The headers an operation's successes document, typed: a struct read
/// from a response (shared by the operations that document the same ones).
public struct HeadersDeclaration: Sendable {
    public var name: String
    public var documentation: Documentation
    public var headers: [HeaderModel]
}
