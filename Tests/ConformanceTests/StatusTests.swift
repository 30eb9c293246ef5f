import Testing

extension ConformanceSlowTests {
    /// Statuses other than the first success, chosen with `X-Oracle-Status`
    /// (the mock's header; another server may honour it too): documented
    /// error bodies decoded, `default`, and several success responses.
    @Suite struct StatusTests {
        @Test func aDocumented404BodyIsDecoded() async throws {
            let seen = try await Conformance.observation("status.boxNotFound")
            #expect(seen.outcome == "error", "\(seen)")
            #expect(seen["error", "kind"] == "unexpectedStatus")
            #expect(seen["error", "status"] == 404)
            #expect(seen["error", "documentedBody"] == "clientError", "\(seen)")
        }

        /// Stripe documents only 200 and `default`: any other status has the `default` body.
        @Test func theDefaultResponseBodyIsDecoded() async throws {
            let seen = try await Conformance.observation("status.stripeDefault")
            #expect(seen["error", "status"] == 402, "\(seen)")
            #expect(seen["error", "documentedBody"] == "errorSchema", "\(seen)")
            if Conformance.usesMock {
                // The server's message is found inside the documented `error` object.
                #expect(seen["error", "sentence"]?.string?.hasSuffix(": example message") == true, "\(seen)")
            }
        }

        @Test func aRateLimitIsRecognised() async throws {
            let seen = try await Conformance.observation("status.openAIRateLimited")
            #expect(seen["error", "status"] == 429, "\(seen)")
            #expect(seen["error", "documentedBody"] == "errorResponse", "\(seen)")
            #expect(seen["error", "sentence"]?.string?.hasPrefix("Too many requests") == true, "\(seen)")
        }

        /// create_channel_invite documents 200 (an invite) and 204 (no content): an outcome enum.
        @Test func discordInviteWith200() async throws {
            let seen = try await Conformance.observation("status.discordInvite200")
            try seen.expectSuccess()
            #expect(seen["value", "status"] == 200)
            #expect(seen["value", "valueCase"] == "ok", "\(seen)")
            #expect(seen["value", "value", "code"]?.string != nil, "\(seen)")
        }

        @Test func discordInviteWith204() async throws {
            let seen = try await Conformance.observation("status.discordInvite204")
            try seen.expectSuccess()
            #expect(seen["value", "status"] == 204)
            #expect(seen["value", "valueCase"] == "noContent", "\(seen)")
        }

        /// The commit documents 201 (the file) and 202 (not processed yet, with `Retry-After`).
        @Test func boxCommitWith201() async throws {
            let seen = try await Conformance.observation("status.boxCommit201")
            try seen.expectSuccess()
            #expect(seen["value", "status"] == 201)
            #expect(seen["value", "valueCase"] == "created", "\(seen)")
            #expect(seen["value", "value", "entries"]?.array != nil, "\(seen)")
        }

        @Test func boxCommitWith202() async throws {
            let seen = try await Conformance.observation("status.boxCommit202")
            try seen.expectSuccess()
            #expect(seen["value", "status"] == 202)
            #expect(seen["value", "valueCase"] == "accepted", "\(seen)")
            #expect(seen["value", "typedHeaders", "retryAfter"]?.int != nil, "\(seen)")
        }

        /// A documented 304 beside the 200 is an outcome too, not an error.
        @Test func boxFileNotModified() async throws {
            let seen = try await Conformance.observation("status.boxFile304")
            try seen.expectSuccess()
            #expect(seen["valueCase"] == "notModified", "\(seen)")
            if let wire = seen.wire {
                #expect(wire["status"] == 304)
                #expect(wire["headers", "if-none-match"] == "\"1\"")
            }
        }

        /// The common case stays simple: one success body is the value itself (no outcome enum).
        @Test func oneSuccessIsTheValue() async throws {
            let seen = try await Conformance.observation("status.stripeDeleteOnlyOutcome")
            try seen.expectSuccess()
            #expect(seen["valueCase"] == nil, "\(seen)")
            #expect(seen["value", "deleted"] == true, "\(seen)")
        }

        /// Only 204 documented: the call returns nothing, and an empty body is no decoding error.
        @Test(.needsMock) func only204() async throws {
            let seen = try await Conformance.observation("status.only204")
            try seen.expectSuccess()
            #expect(seen.wire?["status"] == 204)
        }
    }
}
