/// A call whose answer is a stream of events, read as they arrive: the
/// call the translator adds for a success response documented as
/// `text/event-stream`, JSON Lines or a JSON text sequence.
public struct EventStreamModel: Sendable {
    /// How the stream's bytes are cut into events, as the runtime's
    /// `EventStreamFormat` names the formats.
    public enum Format: String, Sendable, Hashable {
        /// `text/event-stream` (server-sent events, WHATWG HTML §9.2).
        case serverSentEvents
        /// `application/jsonl`, `application/x-ndjson`: one JSON value a line.
        case jsonLines
        /// `application/json-seq` (RFC 7464): records separated by RS.
        case jsonSequence
    }

    /// What each event becomes.
    public enum Event: Sendable, Hashable {
        /// The event as it came (`ServerSentEvent`): the stream's schema
        /// is a string or absent.
        case raw
        /// The event's data decoded as JSON of the type; an event whose
        /// `event:` name is one of `named`'s decodes as that case of the
        /// union.
        case json(TypeUsage, named: [NamedEvent])
    }

    /// The streaming call's Swift name: the operation's own when the
    /// stream is its only answer, else the operation's name + `Stream`.
    public var methodName: String
    public var format: Format
    /// The media type as the spec writes it.
    public var mediaType: String
    public var event: Event
    /// Data that ends the stream: `[DONE]` for server-sent JSON events,
    /// as OpenAI ends its streams (it is not JSON, so no event of a JSON
    /// type can be it).
    public var endMarker: String?
    /// Whether the operation also has a buffered call, which reads another
    /// media type of the same answer (JSON beside the stream).
    public var hasBufferedCall: Bool
    /// The request body's boolean `stream` property, when it has one: the
    /// streaming call sets it, the buffered call clears it, so that no call
    /// gets an answer it cannot read.
    public var streamFlag: StreamFlag?
}

/// An `event:` name that selects a case of the union a stream's events
/// decode as (Anthropic's `event: message_start`).
public struct NamedEvent: Sendable, Hashable {
    public var eventName: String
    public var caseName: String
    public var type: TypeUsage
}

/// The request body's `stream` property.
public struct StreamFlag: Sendable, Hashable {
    /// The property's Swift name.
    public var propertyName: String
    /// Whether the request body itself is optional (`request?.stream`).
    public var bodyIsOptional: Bool

    public init(propertyName: String, bodyIsOptional: Bool) {
        self.propertyName = propertyName
        self.bodyIsOptional = bodyIsOptional
    }
}
