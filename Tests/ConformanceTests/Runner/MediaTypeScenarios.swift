import AnthropicClient
import DiscordClient
import Foundation
import OpenAIClient

/// Bodies that are not JSON, and content negotiation: the speech
/// endpoint's audio bytes, a request body offered in several media types
/// (a call per type: JSON, `multipart:`, `form:`), and the `Accept` the
/// client sends from the documented media types. `MediaTypeTests` reads them.
let mediaTypeScenarios: [Scenario] = [
    // createSpeech answers audio (`application/octet-stream`) or events, never JSON: the client accepts
    // what it documents, without an Accept of the caller's.
    Scenario("media.speechBytes", needsMock: true) { server in
        await attempt {
            try await server.openAI(headers: ["X-Mock-Body-Size": "4096"]).createSpeech(Speech.request)
        }
    },
    Scenario("media.speechAccept") { server in
        await attempt { try await server.openAI().createSpeech(Speech.request) }
    },
    // Anthropic's batch results are `application/x-jsonl` only.
    Scenario("media.jsonLinesAccept") { server in
        await attempt { try await server.anthropic().betaMessageBatchesResults2(messageBatchID: "msgbatch_01") }
    },
    // createImageEdit documents multipart/form-data (files) and application/json (references).
    Scenario("media.imageEditJSON") { server in
        await attempt {
            try await server.openAI().createImageEdit(
                .init(
                    images: [.json(["image_url": "https://example.com/cat.png"])], prompt: "Add a hat", n: 1))
        }
    },
    Scenario("media.imageEditMultipart") { server in
        await attempt {
            try await server.openAI().createImageEdit(
                multipart: .init(
                    image: [MultipartFile(data: Images.png, filename: "image.png")], prompt: "Add a hat",
                    mask: MultipartFile(data: Images.png, filename: "mask.png"), n: 1))
        }
    },
    // create_message documents JSON, multipart (with `files[n]` parts) and a form.
    Scenario("media.discordMessageMultipart") { server in
        await attempt {
            try await server.discord().createMessage(
                channelID: "1234567890123456789",
                multipart: .init(
                    content: "With a file",
                    attachments: [.init(id: "0", filename: "cat.png")],
                    files0: MultipartFile(data: Images.png, filename: "cat.png")))
        }
    },
    Scenario("media.discordMessageForm") { server in
        await attempt {
            try await server.discord().createMessage(
                channelID: "1234567890123456789", form: .init(content: "Hello & goodbye = 100%", tts: false))
        }
    },
]

private enum Speech {
    static let request = CreateSpeechRequest(
        model: .string("gpt-4o-mini-tts"), input: "Hello there", voice: .voiceIDsShared(.variant2(.alloy)),
        responseFormat: .mp3)
}

/// A PNG of one transparent pixel.
enum Images {
    static let png = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!
}
