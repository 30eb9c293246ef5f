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

    // The client walks the pages: every customer through `getCustomersPaginated`, 10 a page (3 requests).
    Scenario("pagination.stripeSequence") { server in
        await attempt {
            let stripe = server.stripe(headers: ["X-Mock-Total-Items": "25"])
            var ids: [Report] = []
            for try await customer in stripe.getCustomersPaginated(limit: 10).limited(pages: 10) {
                ids.append(.string(customer.id))
            }
            return Walk(ids: ids, pages: (ids.count + 9) / 10)
        }
    },
    // The same for the `Link` header of Specs/pages.yaml: 7 items, 3 a page.
    Scenario("pagination.linkHeaderSequence") { server in
        await attempt {
            let pagesClient = server.pages(headers: ["X-Mock-Total-Items": "7"])
            var ids: [Report] = []
            for try await item in pagesClient.listItemsPaginated(perPage: 3).limited(pages: 10) {
                ids.append(Report(item.id))
            }
            return Walk(ids: ids, pages: (ids.count + 2) / 3)
        }
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
