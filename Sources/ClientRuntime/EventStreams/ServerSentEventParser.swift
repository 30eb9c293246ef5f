public import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// Turns the bytes of a `text/event-stream` into events as they arrive,
    /// chunk by chunk, by the WHATWG HTML standard's rules ("Interpreting an
    /// event stream"): one leading byte order mark is skipped; lines end at
    /// CRLF, LF or CR (a CRLF split between two chunks included); a line
    /// that starts with a colon is a comment (a keep-alive), ignored; a line
    /// without a colon is a field with an empty value; one space after the
    /// colon is dropped; `data` lines accumulate, joined by line feeds;
    /// `event` sets the type, `id` the last event ID (unless it holds NUL),
    /// `retry` the reconnection time (digits only); other fields are
    /// ignored; an empty line dispatches the event, unless it has no data;
    /// an event the stream ends in the middle of is dropped.
    ///
    /// It holds only the line and the event being read, so memory stays
    /// flat however long the stream runs; a line or event larger than
    /// ``maximumEventSize`` is an error.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct ServerSentEventParser: Sendable {
        /// The largest line or event, in bytes, before parsing fails.
        public var maximumEventSize: Int
        /// The last event ID so far (what a reconnection sends as `Last-Event-ID`).
        public private(set) var lastEventID = ""
        /// The latest reconnection time the stream asked for, in milliseconds.
        public private(set) var reconnectionTime: Int?

        private var line: [UInt8] = []
        private var afterCarriageReturn = false
        /// How many bytes of a leading byte order mark were seen; nil once decided.
        private var byteOrderMark: Int? = 0
        private var data: [UInt8] = []
        private var eventType = ""
        private var eventIDBuffer = ""
        private var retry: Int?

        private static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]

        /// A parser at the start of a stream.
        public init(maximumEventSize: Int = 16 << 20) {
            self.maximumEventSize = maximumEventSize
        }

        /// The events that `chunk` completes, in order.
        public mutating func parse(_ chunk: Data) throws -> [ServerSentEvent] {
            var events: [ServerSentEvent] = []
            for byte in chunk {
                if let seen = byteOrderMark {
                    if byte == Self.mark[seen] {
                        byteOrderMark = seen + 1 == Self.mark.count ? nil : seen + 1
                        continue
                    }
                    // Not a byte order mark after all: its first bytes are text.
                    byteOrderMark = nil
                    for held in Self.mark.prefix(seen) { try take(held, into: &events) }
                }
                try take(byte, into: &events)
            }
            return events
        }

        /// The end of the stream: an event without its closing empty line is
        /// dropped, as the standard says, so this returns none; it resets the
        /// parser for another stream, keeping the last event ID.
        public mutating func finish() -> [ServerSentEvent] {
            let kept = (lastEventID, reconnectionTime)
            self = ServerSentEventParser(maximumEventSize: maximumEventSize)
            (lastEventID, reconnectionTime) = kept
            eventIDBuffer = lastEventID
            return []
        }

        private mutating func take(_ byte: UInt8, into events: inout [ServerSentEvent]) throws {
            switch byte {
            case 0x0A:
                if afterCarriageReturn {
                    afterCarriageReturn = false
                } else {
                    try endLine(into: &events)
                }
            case 0x0D:
                afterCarriageReturn = true
                try endLine(into: &events)
            default:
                afterCarriageReturn = false
                line.append(byte)
                if line.count + data.count > maximumEventSize { throw tooLarge() }
            }
        }

        private mutating func endLine(into events: inout [ServerSentEvent]) throws {
            defer { line.removeAll(keepingCapacity: line.capacity <= 64 << 10) }
            guard let first = line.first else {
                if let event = dispatch() { events.append(event) }
                return
            }
            if first == UInt8(ascii: ":") { return }
            let field: String
            var value: ArraySlice<UInt8>
            if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                field = String(decoding: line[..<colon], as: UTF8.self)
                value = line[(colon + 1)...]
                if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
            } else {
                field = String(decoding: line, as: UTF8.self)
                value = []
            }
            switch field {
            case "event":
                eventType = String(decoding: value, as: UTF8.self)
            case "data":
                data.append(contentsOf: value)
                data.append(0x0A)
                if data.count > maximumEventSize { throw tooLarge() }
            case "id":
                if !value.contains(0) { eventIDBuffer = String(decoding: value, as: UTF8.self) }
            case "retry":
                if !value.isEmpty, value.allSatisfy({ (0x30...0x39).contains($0) }),
                    let milliseconds = Int(String(decoding: value, as: UTF8.self))
                {
                    reconnectionTime = milliseconds
                    retry = milliseconds
                }
            default:
                break
            }
        }

        private mutating func dispatch() -> ServerSentEvent? {
            lastEventID = eventIDBuffer
            defer {
                data.removeAll(keepingCapacity: data.capacity <= 64 << 10)
                eventType = ""
            }
            guard !data.isEmpty else { return nil }
            data.removeLast()
            defer { retry = nil }
            return ServerSentEvent(
                event: eventType.isEmpty ? "message" : eventType, data: String(decoding: data, as: UTF8.self),
                id: lastEventID, retry: retry)
        }

        private func tooLarge() -> DecodingError {
            DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "an event is larger than \(maximumEventSize) bytes"))
        }
    }
}
