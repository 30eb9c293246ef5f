import Foundation
import OpenAIClient

/// Bodies that are not JSON, and content negotiation: the speech endpoint's
/// audio bytes, the image edit's JSON and multipart variants.
/// `MediaTypeTests` reads them.
let mediaTypeScenarios: [Scenario] = [
    // The speech endpoint answers audio (`application/octet-stream`) or events, never JSON; today's client
    // asks for `Accept: application/json` unless told otherwise, so this scenario tells it.
    Scenario("media.speechBytes", needsMock: true) { server in
        await attempt {
            try await server.openAI(headers: ["Accept": "application/octet-stream", "X-Mock-Body-Size": "4096"])
                .createSpeech(Speech.request)
        }
    },
    Scenario("media.imageEditJSON") { server in
        await attempt {
            try await server.openAI().createImageEdit(
                .init(
                    images: [.json(["image_url": "https://example.com/cat.png"])], prompt: "Add a hat", n: 1))
        }
    },

    // Pending: Accept from the documented media types, and multipart where the spec offers it.

    // Without an Accept of the caller's, the client accepts what the operation documents.
    Scenario("media.speechAcceptPending") { server in
        await attempt { try await server.openAI().createSpeech(Speech.request) }
    },
    // createImageEdit documents multipart/form-data first (files) and application/json (references).
    // When multipart lands, send `image` (a PNG file part), `mask` and `prompt` as multipart here.
    Scenario("media.imageEditMultipartPending") { server in
        ["outcome": "error", "error": ["kind": "pending", "reason": "no multipart variant of createImageEdit yet"]]
    },
]

private enum Speech {
    static let request = CreateSpeechRequest(
        model: .string("gpt-4o-mini-tts"), input: "Hello there", voice: .voiceIDsShared(.variant2(.alloy)),
        responseFormat: .mp3)
}
