import Testing

extension ConformanceSlowTests {
    /// Documented response headers, typed as the spec declares them.
    @Suite struct ResponseHeaderTests {
        /// Discord's `X-RateLimit-*` (`RateLimitHeaders`): integers, numbers and a string, and the same values
        /// as the text of the headers.
        @Test func discordRateLimitHeaders() async throws {
            let seen = try await Conformance.observation("headers.discordRateLimit")
            try seen.expectSuccess()
            let text = try #require(seen["value", "headers"]?.object, "\(seen)")
            let typed = try #require(seen["value", "typedHeaders"]?.object, "\(seen)")
            #expect(
                typed["limit"]?.int != nil
                    && typed["limit"]?.int == text["x-ratelimit-limit"]?.string.flatMap { Int($0) }, "\(seen)")
            #expect(typed["remaining"]?.int != nil, "\(typed)")
            #expect(typed["resetAfter"].map { if case .number = $0 { true } else { false } } == true, "\(typed)")
            #expect(typed["reset"].map { if case .number = $0 { true } else { false } } == true, "\(typed)")
            #expect(typed["bucket"] != nil && typed["bucket"] == text["x-ratelimit-bucket"], "\(typed)")
        }

        /// A `Link` header (Specs/pages.yaml), as text in its struct.
        @Test(.needsMock) func linkHeader() async throws {
            let seen = try await Conformance.observation("headers.pagesLink")
            try seen.expectSuccess()
            let link = try #require(seen["value", "typedHeaders", "link"]?.string, "\(seen)")
            #expect(link.contains("rel=\"next\"") && link.contains("page=2"), "\(link)")
        }
    }
}
