import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// One event of a stream, as the WHATWG rules for `text/event-stream`
    /// dispatch it; a record of a JSON Lines or JSON text sequence stream
    /// is an event of type `message` whose ``data`` is the record.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct ServerSentEvent: Sendable, Hashable {
        /// The event's type: its `event:` field, or `message` without one.
        public var event: String
        /// Its `data:` lines, joined with line feeds.
        public var data: String
        /// The stream's last event ID when the event was dispatched: the
        /// latest `id:` field so far (it carries over to later events), or "".
        public var id: String
        /// The reconnection time in milliseconds, when a `retry:` field came
        /// since the previous event.
        public var retry: Int?

        /// Creates an event.
        public init(event: String = "message", data: String, id: String = "", retry: Int? = nil) {
            self.event = event
            self.data = data
            self.id = id
            self.retry = retry
        }

        /// The data decoded as JSON of type `Value`, as the client decodes
        /// bodies: what a generated call's closure uses to turn an event
        /// into the case its `event:` name maps to.
        public func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
            try JSONCoding.decoder.decode(Value.self, from: Data(data.utf8))
        }
    }
}
