import Foundation
import PagesClient
import StripeClient

/// Lists in pages: Stripe's id cursors (`starting_after`, `has_more`) and
/// RFC 8288 `Link` headers (Specs/pages.yaml). `PaginationTests` reads them.
let paginationScenarios: [Scenario] = [
    // Today the caller walks the pages: 25 customers, 10 at a time.
    Scenario("pagination.stripeWalkByHand", needsMock: true) { server in
        await attempt {
            let stripe = server.stripe(headers: ["X-Mock-Total-Items": "25"])
            var ids: [String] = []
            var pages = 0
            var after: String?
            while pages < 10 {
                let page = try await stripe.getCustomers(limit: 10, startingAfter: after)
                pages += 1
                ids += page.data.map(\.id)
                guard page.hasMore, let last = page.data.last?.id else { break }
                after = last
            }
            return Walk(ids: ids.map { .string($0) }, pages: pages)
        }
    },
    // Today the caller reads the `Link` header and asks for the next page number.
    Scenario("pagination.linkHeaderByHand", needsMock: true) { server in
        await attempt {
            let pagesClient = server.pages(headers: ["X-Mock-Total-Items": "7"])
            var ids: [Report] = []
            var pages = 0
            var page: Int? = 1
            while let number = page, pages < 10 {
                let (items, response) = try await pagesClient.withResponse {
                    try await $0.listItems(page: number, perPage: 3)
                }
                pages += 1
                ids += items.map { Report($0.id) }
                page = LinkHeader.nextPage(response.headers.first { $0.key.lowercased() == "link" }?.value)
            }
            return Walk(ids: ids, pages: pages)
        }
    },

    // Pending: pagination. Iterate every customer through the client's sequence of pages (or items), with
    // `X-Mock-Total-Items: 25` and a page size of 10, and report the ids as `value.ids`, the pages as `value.pages`.
    Scenario("pagination.stripeSequencePending", needsMock: true) { server in
        ["outcome": "error", "error": ["kind": "pending", "reason": "no page sequence yet"]]
    },
    // The same for the `Link` header of Specs/pages.yaml: 7 items, 3 a page.
    Scenario("pagination.linkHeaderSequencePending", needsMock: true) { server in
        ["outcome": "error", "error": ["kind": "pending", "reason": "no page sequence yet"]]
    },
]

/// The ids a walk through a list met, and how many pages it took.
private struct Walk: Encodable {
    var ids: [Report]
    var pages: Int
}

/// The page number of the `rel="next"` link of a `Link` header (RFC 8288).
private enum LinkHeader {
    static func nextPage(_ header: String?) -> Int? {
        guard let header else { return nil }
        for link in header.split(separator: ",") where link.contains("rel=\"next\"") {
            guard let open = link.firstIndex(of: "<"), let close = link.firstIndex(of: ">"),
                let components = URLComponents(string: String(link[link.index(after: open)..<close]))
            else { continue }
            return components.queryItems?.first { $0.name == "page" }?.value.flatMap { Int($0) }
        }
        return nil
    }
}
