/// One operation of the API: a method of the client.
public struct OperationModel: Sendable {
    /// The Swift method name, from the operationId.
    public var name: String
    /// The operationId as the spec writes it (or a synthesized one).
    public var operationId: String
    public var method: String
    /// The path template, such as `/datasets/{dataset_id}`.
    public var path: String
    /// Query items the spec writes into the path key itself
    /// (`/v1/messages/batches?beta=true`, as Anthropic does): sent on every call.
    public var fixedQuery: [FixedQueryItem] = []
    public var documentation: Documentation
    public var parameters: [ParameterModel]
    /// The request body, when the operation takes one.
    public var requestBody: RequestBodyModel?
    /// Every documented response the client reads: exact statuses in
    /// order, then ranges (`4XX`), then `default`.
    public var responses: [ResponseModel]
    /// The credentials the call needs, where they differ from the API's
    /// ``APIModel/defaultSecurity``: alternatives, each the case names of the
    /// schemes sent together; empty for none, an empty alternative when
    /// they are optional. Nil when the call needs what most do.
    public var security: [[String]]? = nil
    /// What a successful call returns.
    public var output: OperationOutput
    /// The type of the headers its successes document, when they document any.
    public var responseHeaders: String?
    /// The call that reads a success answer as a stream of events, when one
    /// is documented as a stream.
    public var eventStream: EventStreamModel? = nil
    /// The call that reads a list page by page, when the operation is one.
    public var pagination: PaginationModel? = nil
    /// The idempotency key the call sends, when it sends one.
    public var idempotencyKey: IdempotencyKeyModel? = nil
    /// Whether a success answer is bytes (a file, audio), so that a call of
    /// its own writes them to a file as they arrive (`to destination:`).
    public var downloadsToFile: Bool {
        switch output {
        case .body(.binary): true
        case .outcomes(let outcomes): outcomes.cases.contains { $0.body == .binary }
        default: false
        }
    }
    /// Whether the body is bytes, so that a call of its own sends a file
    /// from disk as it is read (`FileUpload`).
    public var uploadsFromFile: Bool {
        requestBody?.variants.contains { if case .binary = $0.content { true } else { false } } ?? false
    }
    /// Whether the operation has the usual call that buffers the answer
    /// (every operation but one whose only answer is a stream).
    public var hasBufferedCall: Bool { eventStream?.hasBufferedCall ?? true }
    /// The media types its responses are documented in, each once, the
    /// outcomes' first: what it sends as `Accept`.
    public var acceptedMediaTypes: [String] {
        var result: [String] = []
        let ordered =
            responses.filter { $0.status.isSuccess || $0.status.isRedirection }
            + responses.filter { !($0.status.isSuccess || $0.status.isRedirection) }
        for content in ordered.flatMap(\.contents) where !result.contains(content.mediaType) {
            result.append(content.mediaType)
        }
        return result
    }
    public var tags: [String]

    /// The documented responses that are not successes.
    public var errors: [ResponseModel] { responses.filter { !$0.status.isSuccess } }

    /// The type a successful call decodes its JSON body as, when it returns one.
    public var returnedType: TypeUsage? {
        if case .body(.json(let type)) = output { type } else { nil }
    }
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

/// The header that carries a call's idempotency key: a fresh key per
/// call, which every retry of the call sends again, so that the server
/// runs it once (Stripe's `Idempotency-Key`).
public struct IdempotencyKeyModel: Sendable, Hashable {
    /// The header's name on the wire.
    public var header: String
    /// The Swift name of the argument that lets a caller choose the key
    /// (a fresh one when nil).
    public var parameterName: String
    /// Whether the spec declares the header as a parameter (which is then
    /// that argument); false when the generation config names the header,
    /// and the call gains the argument.
    public var isDeclared: Bool

    public init(header: String, parameterName: String, isDeclared: Bool) {
        self.header = header
        self.parameterName = parameterName
        self.isDeclared = isDeclared
    }
}

/// A query item written into an operation's path key.
public struct FixedQueryItem: Sendable, Hashable {
    public var name: String
    public var value: String
}
