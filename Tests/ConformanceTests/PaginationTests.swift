import Testing

extension ConformanceSlowTests {
    /// Lists in pages. The mock serves `X-Mock-Total-Items` items.
    @Suite(.needsMock) struct PaginationTests {
        static let customers: [JSON] = (1...25).map { .string("customer_" + String(10_000 + $0).dropFirst()) }

        /// By hand, the caller walks Stripe's pages with `starting_after` until `has_more` is false.
        @Test func stripeByHand() async throws {
            let seen = try await Conformance.observation("pagination.stripeWalkByHand")
            try seen.expectSuccess()
            #expect(seen["value", "ids"] == .array(Self.customers), "\(seen)")
            #expect(seen["value", "pages"] == 3)
        }

        /// By hand, the caller reads the `Link` header (Specs/pages.yaml) and asks for the next page.
        @Test func linkHeaderByHand() async throws {
            let seen = try await Conformance.observation("pagination.linkHeaderByHand")
            try seen.expectSuccess()
            #expect(seen["value", "ids"] == [1, 2, 3, 4, 5, 6, 7], "\(seen)")
            #expect(seen["value", "pages"] == 3)
        }

        /// Pagination: the client walks the pages (the `…Paginated` calls of Runner/PaginationScenarios.swift),
        /// against the mock's 25 customers and 7 items, or any server's lists.
        @Suite struct Sequences {
            @Test func stripeCustomers() async throws {
                let seen = try await Conformance.observation("pagination.stripeSequence")
                try seen.expectSuccess()
                if Conformance.usesMock {
                    #expect(seen["value", "ids"] == .array(PaginationTests.customers), "\(seen)")
                    #expect(seen["requests"]?.array?.count == 3, "\(seen)")
                } else {
                    #expect(seen["value", "ids"]?.array != nil, "\(seen)")
                }
            }

            @Test func linkHeader() async throws {
                let seen = try await Conformance.observation("pagination.linkHeaderSequence")
                try seen.expectSuccess()
                if Conformance.usesMock {
                    #expect(seen["value", "ids"] == [1, 2, 3, 4, 5, 6, 7], "\(seen)")
                    #expect(seen["requests"]?.array?.count == 3, "\(seen)")
                } else {
                    #expect(seen["value", "ids"]?.array != nil, "\(seen)")
                }
            }
        }
    }
}
