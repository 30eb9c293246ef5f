import AnthropicClient
import Foundation
import OpenAIClient

/// Streamed responses: Server-Sent Events (OpenAI's chat completion with
/// `stream: true`) and JSON Lines (Anthropic's batch results).
/// `StreamTests` reads them.
///
/// Each scenario iterates the events of a streaming call and reports
/// `events` (each decoded event, encoded again), `done` (whether the stream
/// ended normally) and the error that ended it, if any.
let streamScenarios: [Scenario] = [
    // The JSON Lines arrive one result a line, each decoded as it comes.
    Scenario("streams.batchResultsLines") { server in
        var fields = await readEvents {
            try await server.anthropic().betaMessageBatchesResults2(messageBatchID: "msgbatch_01")
        }
        fields["lines"] = fields["events"]
        return fields
    },
    Scenario("streams.chatCompletionEvents") { server in
        await readEvents {
            try await server.openAI(headers: ["X-Mock-Events": "3"]).createChatCompletionStream(Chat.streaming)
        }
    },
    // Comments, `retry:`, `id:` and an event whose data spans two `data:` lines, with CRLF line ends.
    Scenario("streams.chatCompletionFullFraming", needsMock: true) { server in
        await readEvents {
            try await server.openAI(
                headers: ["X-Mock-Events": "3", "X-Mock-SSE-Framing": "full", "X-Mock-SSE-Line-End": "crlf"]
            ).createChatCompletionStream(Chat.streaming)
        }
    },
    // The connection drops after two events, without `[DONE]`: the two events arrive, then an error.
    Scenario("streams.chatCompletionFailAfter", needsMock: true) { server in
        await readEvents {
            try await server.openAI(headers: ["X-Mock-Events": "5", "X-Mock-Stream-Fail-After": "2"])
                .createChatCompletionStream(Chat.streaming)
        }
    },
    // An endless stream: cancel the task that reads it after the first events; the server sees the disconnect.
    Scenario("streams.chatCompletionCancel", needsMock: true) { server in
        let call = Task {
            await readEvents {
                try await server.openAI(headers: ["X-Mock-Stream-Forever": "1", "X-Mock-Stream-Delay-Ms": "50"])
                    .createChatCompletionStream(Chat.streaming)
            }
        }
        try? await Task.sleep(for: .milliseconds(500))
        call.cancel()
        var fields = await call.value
        // The mock notices a disconnect between two events.
        try? await Task.sleep(for: .milliseconds(300))
        fields["cancelled"] = true
        return fields
    },
]

/// Opens a stream and reads it to its end: `events` (each encoded again),
/// `done` when it ended normally, `error` when something ended it early.
private func readEvents<Events: AsyncSequence>(_ open: () async throws -> Events) async -> [String: Report]
where Events.Element: Encodable {
    var events: [Report] = []
    do {
        for try await event in try await open() {
            events.append(Report(encoding: event))
        }
        return ["outcome": "ok", "events": .array(events), "done": true]
    } catch {
        return ["outcome": "error", "events": .array(events), "done": false, "error": describe(error)]
    }
}

private enum Chat {
    static let streaming = CreateChatCompletionRequest(
        messages: [.userMessage(.init(content: .string("Count to three"), role: .user))],
        model: .string("gpt-4o-mini"), stream: true)
}
