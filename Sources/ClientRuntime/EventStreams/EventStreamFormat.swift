import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// How a stream's bytes are cut into events.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public enum EventStreamFormat: Sendable, Hashable {
        /// `text/event-stream` (server-sent events).
        case serverSentEvents
        /// `application/jsonl` or `application/x-ndjson`: one value a line.
        case jsonLines
        /// `application/json-seq` (RFC 7464): RS-separated records.
        case jsonSequence

        /// The media type a call asks for in `Accept`.
        public var mediaType: String {
            switch self {
            case .serverSentEvents: "text/event-stream"
            case .jsonLines: "application/jsonl, application/x-ndjson"
            case .jsonSequence: "application/json-seq"
            }
        }
    }
}

/// The parser of one format, behind one face: chunks in, events out.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated struct EventFramer: Sendable {
    let format: APIClient.EventStreamFormat
    // One parser per format, each changed in place (so that no buffer is copied).
    private var events = APIClient.ServerSentEventParser()
    private var lines = APIClient.JSONLinesParser()
    private var sequence = APIClient.JSONSequenceParser()

    init(_ format: APIClient.EventStreamFormat) {
        self.format = format
    }

    /// The events `chunk` completes; a record of a line format is a `message`.
    mutating func parse(_ chunk: Data) throws -> [APIClient.ServerSentEvent] {
        switch format {
        case .serverSentEvents: try events.parse(chunk)
        case .jsonLines: try lines.parse(chunk).map(Self.message)
        case .jsonSequence: try sequence.parse(chunk).map(Self.message)
        }
    }

    /// The events the end of the stream completes.
    mutating func finish() -> [APIClient.ServerSentEvent] {
        switch format {
        case .serverSentEvents: events.finish()
        case .jsonLines: lines.finish().map(Self.message)
        case .jsonSequence: sequence.finish().map(Self.message)
        }
    }

    private static func message(_ text: Data) -> APIClient.ServerSentEvent {
        APIClient.ServerSentEvent(data: String(decoding: text, as: UTF8.self))
    }
}
