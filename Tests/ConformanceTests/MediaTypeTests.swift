import Testing

extension ConformanceSlowTests {
    /// Bodies that are not JSON, content negotiation, and a request body in
    /// each media type an operation documents.
    @Suite struct MediaTypeTests {
        /// The speech endpoint's audio arrives as bytes, exactly: 4096 of the mock's pattern.
        @Test(.needsMock) func speechIsBytes() async throws {
            let seen = try await Conformance.observation("media.speechBytes")
            try seen.expectSuccess()
            #expect(seen["value", "size"] == 4096, "\(seen)")
            #expect(seen["value", "followsMockPattern"] == true, "\(seen)")
            #expect(seen.wire?["media_type"] == "application/octet-stream")
        }

        /// createSpeech answers `application/octet-stream`; a client that accepted only JSON would get 406 from
        /// a server that negotiates (the mock does). The client's Accept lists what it reads.
        @Test func speechAcceptsWhatItDocuments() async throws {
            let seen = try await Conformance.observation("media.speechAccept")
            try seen.expectSuccess()
            #expect(seen["value", "size"]?.int != nil, "\(seen)")
            if let wire = seen.wire {
                let accept = wire["headers", "accept"]?.string ?? ""
                #expect(accept.hasPrefix("application/octet-stream"), "\(accept)")
                #expect(seen["value", "size"] == 1024, "the mock's default: \(seen)")
            }
        }

        /// Anthropic's batch results are JSON Lines only.
        @Test func jsonLinesAccept() async throws {
            let seen = try await Conformance.observation("media.jsonLinesAccept")
            try seen.expectSuccess()
            if let wire = seen.wire {
                #expect(wire["headers", "accept"]?.string?.hasPrefix("application/x-jsonl") == true, "\(wire)")
                #expect(wire["media_type"] == "application/x-jsonl")
            }
        }

        /// A JSON call sends `Accept: application/json`.
        @Test(.needsMock) func jsonAccept() async throws {
            let seen = try await Conformance.observation("openai.listModels")
            #expect(seen.wire?["headers", "accept"] == "application/json", "\(seen)")
        }

        @Test func imageEditAsJSON() async throws {
            let seen = try await Conformance.observation("media.imageEditJSON")
            try seen.expectSuccess()
            #expect(seen["value", "created"]?.int != nil, "\(seen)")
            if let wire = seen.wire {
                #expect(wire["content_type"] == "application/json")
                #expect(wire["json", "images"] == [["image_url": "https://example.com/cat.png"]])
            }
        }

        /// createImageEdit documents multipart/form-data first: image files and a prompt as parts.
        @Test(.needsMock) func imageEditAsMultipart() async throws {
            let seen = try await Conformance.observation("media.imageEditMultipart")
            // `image` is one file or several (anyOf: binary, array of binary): file parts.
            try seen.expectSuccess()
            let wire = try #require(seen.wire, "\(seen)")
            #expect(wire["content_type"]?.string?.hasPrefix("multipart/form-data; boundary=") == true, "\(wire)")
            let parts = try #require(wire["parts"]?.array, "\(wire)")
            let image = try #require(parts.first { $0["name"] == "image" || $0["name"] == "image[]" }, "\(parts)")
            #expect(image["content_type"] == "image/png")
            #expect(image["filename"]?.string?.isEmpty == false)
            #expect(parts.contains { $0["name"] == "mask" && $0["filename"] == "mask.png" }, "\(parts)")
            #expect(parts.contains { $0["name"] == "prompt" && $0["text"] == "Add a hat" }, "\(parts)")
        }

        /// Discord's create_message in multipart: text parts, JSON parts, and the file as `files[0]`.
        @Test(.needsMock) func discordMessageAsMultipart() async throws {
            let seen = try await Conformance.observation("media.discordMessageMultipart")
            try seen.expectSuccess()
            let wire = try #require(seen.wire, "\(seen)")
            #expect(wire["content_type"]?.string?.hasPrefix("multipart/form-data; boundary=") == true, "\(wire)")
            let parts = try #require(wire["parts"]?.array, "\(wire)")
            #expect(parts.contains { $0["name"] == "content" && $0["text"] == "With a file" }, "\(parts)")
            let file = try #require(parts.first { $0["name"] == "files[0]" }, "\(parts)")
            #expect(file["filename"] == "cat.png")
            #expect(file["content_type"] == "image/png")
            #expect(file["size"] == 70)
            let attachments = try #require(parts.first { $0["name"] == "attachments" }, "\(parts)")
            #expect(attachments["content_type"] == "application/json")
        }

        /// …and as a form.
        @Test(.needsMock) func discordMessageAsAForm() async throws {
            let seen = try await Conformance.observation("media.discordMessageForm")
            try seen.expectSuccess()
            #expect(seen.wire?["content_type"] == "application/x-www-form-urlencoded")
            #expect(seen.wire?["form"] == ["content": "Hello & goodbye = 100%", "tts": false], "\(seen)")
        }
    }
}
