import Testing

extension ConformanceSlowTests {
    /// Streamed responses: Server-Sent Events and JSON Lines.
    @Suite struct StreamTests {
        /// Anthropic's batch results (`application/x-jsonl`) arrive as a stream: each line is a result.
        @Test func batchResultsAreJSONLines() async throws {
            let seen = try await Conformance.observation("streams.batchResultsLines")
            try seen.expectSuccess()
            let lines = try #require(seen["lines"]?.array, "\(seen)")
            #expect(!lines.isEmpty)
            #expect(lines.allSatisfy { $0["custom_id"]?.string != nil }, "\(lines)")
            if Conformance.usesMock { #expect(lines.count == 3, "the mock's default: \(lines)") }
        }

        /// `stream: true` gets `text/event-stream`: chunks decoded as they arrive, then `[DONE]` (three from
        /// the mock; any number from another server).
        @Test func chatCompletionChunks() async throws {
            let seen = try await Conformance.observation("streams.chatCompletionEvents")
            try seen.expectSuccess()
            let events = try #require(seen["events"]?.array, "\(seen)")
            #expect(!events.isEmpty)
            #expect(events.allSatisfy { $0["object"] == "chat.completion.chunk" }, "\(events)")
            #expect(seen["done"] == true)
            if Conformance.usesMock {
                #expect(events.count == 3)
                #expect(seen.wire?["media_type"] == "text/event-stream")
                #expect(seen["streams", 0, "state"] == "completed", "\(seen)")
            }
        }

        /// Streams: each event decoded as it arrives (the scenarios of Runner/StreamScenarios.swift report
        /// `events`, `done`, `error`), in the mock's shapes: framing, failures, cancellation.
        @Suite(.needsMock) struct Streams {
            func chunks(_ seen: Observation) throws -> [JSON] {
                try seen.expectSuccess()
                let events = try #require(seen["events"]?.array, "\(seen)")
                #expect(events.allSatisfy { $0["object"] == "chat.completion.chunk" }, "\(events)")
                return events
            }

            /// Comments, `retry:`, `id:`, data over two lines, CRLF line ends: the same three chunks.
            @Test func fullSSEFraming() async throws {
                let seen = try await Conformance.observation("streams.chatCompletionFullFraming")
                #expect(try chunks(seen).count == 3)
                #expect(seen["done"] == true)
            }

            /// The connection drops after two events: both arrive, then an error (not a clean end).
            @Test func aDroppedStreamIsAnError() async throws {
                let seen = try await Conformance.observation("streams.chatCompletionFailAfter")
                let events = try #require(seen["events"]?.array, "\(seen)")
                #expect(events.count == 2)
                #expect(seen["done"] != true)
                #expect(seen["error"] != nil && seen["error"] != .null, "\(seen)")
                #expect(seen["streams", 0, "state"] == "aborted", "\(seen)")
            }

            /// Cancelling the reading task closes the connection; the mock sees the client go.
            @Test func cancellingStopsTheStream() async throws {
                let seen = try await Conformance.observation("streams.chatCompletionCancel")
                #expect(seen["error", "kind"] == "cancelled", "\(seen)")
                #expect(seen["streams", 0, "state"] == "client_cancelled", "\(seen)")
            }
        }
    }
}
