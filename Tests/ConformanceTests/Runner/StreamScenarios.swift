import AnthropicClient
import Foundation
import OpenAIClient

/// Streamed responses: Server-Sent Events (OpenAI's chat completion with
/// `stream: true`) and JSON Lines (Anthropic's batch results).
/// `StreamTests` reads them.
///
/// The `…Pending` scenarios call today's API, which reads the whole body
/// as one value. When streams land, iterate the events instead and report
/// `events` (each decoded event, encoded again), `done` (whether the stream
/// ended normally) and the error that ended it, if any.
let streamScenarios: [Scenario] = [
    // Today the JSON Lines arrive as one `Data`; each line must be a result.
    Scenario("streams.batchResultsLines") { server in
        await attempt {
            try await server.anthropic().betaMessageBatchesResults2(messageBatchID: "msgbatch_01")
        } inspect: { data in
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
            return [
                "lines": .array(
                    lines.map { line in
                        (try? JSONDecoder().decode(Report.self, from: Data(line.utf8))) ?? .string(String(line))
                    })
            ]
        }
    },

    // Pending: streams.

    Scenario("streams.chatCompletionEventsPending", needsMock: true) { server in
        await attempt {
            try await server.openAI(headers: ["X-Mock-Events": "3"]).createChatCompletion(Chat.streaming)
        }
    },
    // Comments, `retry:`, `id:` and an event whose data spans two `data:` lines, with CRLF line ends.
    Scenario("streams.chatCompletionFullFramingPending", needsMock: true) { server in
        await attempt {
            try await server.openAI(
                headers: ["X-Mock-Events": "3", "X-Mock-SSE-Framing": "full", "X-Mock-SSE-Line-End": "crlf"]
            ).createChatCompletion(Chat.streaming)
        }
    },
    // The connection drops after two events, without `[DONE]`: the two events arrive, then an error.
    Scenario("streams.chatCompletionFailAfterPending", needsMock: true) { server in
        await attempt {
            try await server.openAI(headers: ["X-Mock-Events": "5", "X-Mock-Stream-Fail-After": "2"])
                .createChatCompletion(Chat.streaming)
        }
    },
    // An endless stream: cancel the task that reads it after the first event; the server sees the disconnect.
    Scenario("streams.chatCompletionCancelPending", needsMock: true) { server in
        let call = Task {
            await attempt {
                try await server.openAI(headers: ["X-Mock-Stream-Forever": "1", "X-Mock-Stream-Delay-Ms": "50"])
                    .createChatCompletion(Chat.streaming)
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

private enum Chat {
    static let streaming = CreateChatCompletionRequest(
        messages: [.userMessage(.init(content: .string("Count to three"), role: .user))],
        model: .string("gpt-4o-mini"), stream: true)
}
