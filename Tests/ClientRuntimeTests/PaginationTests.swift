import Foundation
@testable import ClientRuntime
import Testing

/// Paginated lists: pages fetched only when the reader needs them, the
/// caller's bounds, and each page-advance strategy.
struct PaginationTests {
    /// Pages of `size` numbered items, `count` items in all, with a cursor
    /// of the next page's first index; it counts the pages it fetches.
    final class NumberPages: @unchecked Sendable {
        private let lock = NSLock()
        private var asked: [String?] = []
        let count: Int
        let size: Int

        init(count: Int, size: Int) {
            self.count = count
            self.size = size
        }

        var fetches: [String?] { lock.withLock { asked } }

        func fetch(_ cursor: String?) -> APIClient.Page<Int, String> {
            lock.withLock { asked.append(cursor) }
            let start = cursor.flatMap { Int($0) } ?? 0
            let items = Array(start..<min(start + size, count))
            let next = start + size < count ? String(start + size) : nil
            return APIClient.Page(items: items, next: APIClient.PageAdvance.cursor(next))
        }
    }

    @Test func theNextPageIsFetchedOnlyWhenItsFirstItemIsNeeded() async throws {
        let pages = NumberPages(count: 7, size: 3)
        let list = APIClient.Paginated<Int, String> { cursor in pages.fetch(cursor) }
        var iterator = list.makeAsyncIterator()
        #expect(pages.fetches.isEmpty)
        #expect(try await iterator.next() == 0)
        #expect(pages.fetches == [nil])
        #expect(try await iterator.next() == 1)
        #expect(try await iterator.next() == 2)
        #expect(pages.fetches == [nil])
        #expect(try await iterator.next() == 3)
        #expect(pages.fetches == [nil, "3"])
        var rest: [Int] = []
        while let item = try await iterator.next() { rest.append(item) }
        #expect(rest == [4, 5, 6])
        #expect(pages.fetches == [nil, "3", "6"])
        #expect(try await iterator.next() == nil)
        #expect(pages.fetches.count == 3)
    }

    @Test func theCallerBoundsPagesAndItems() async throws {
        let pages = NumberPages(count: 100, size: 10)
        let list = APIClient.Paginated<Int, String> { cursor in pages.fetch(cursor) }
        var items: [Int] = []
        for try await item in list.limited(items: 25) { items.append(item) }
        #expect(items == Array(0..<25))
        #expect(pages.fetches.count == 3)

        let byPages = NumberPages(count: 100, size: 10)
        items = []
        let twoPages = APIClient.Paginated<Int, String>(maximumPages: 2) { cursor in byPages.fetch(cursor) }
        for try await item in twoPages { items.append(item) }
        #expect(items == Array(0..<20))
        #expect(byPages.fetches.count == 2)
    }

    @Test func emptyPagesAreSkippedAndARepeatedCursorEndsTheList() async throws {
        let script: [String?: APIClient.Page<Int, String>] = [
            nil: .init(items: [], next: "a"), "a": .init(items: [1], next: "b"), "b": .init(items: [2], next: "b"),
        ]
        let list = APIClient.Paginated<Int, String> { cursor in script[cursor]! }
        var items: [Int] = []
        for try await item in list { items.append(item) }
        #expect(items == [1, 2])
    }

    @Test func aFailedPageEndsTheListWithItsError() async {
        let list = APIClient.Paginated<Int, String> { (cursor: String?) throws(APIClientError) in
            guard cursor == nil else { throw .invalidRequest(reason: "page 2 failed") }
            return APIClient.Page(items: [1, 2], next: "2")
        }
        var iterator = list.makeAsyncIterator()
        var items: [Int] = []
        let result = await outcome { () async throws(APIClientError) in
            while let item = try await iterator.next() { items.append(item) }
        }
        #expect(items == [1, 2])
        #expect(result.failure?.invalidRequestReason == "page 2 failed")
    }

    @Test func cursorAndStripeStrategies() {
        #expect(APIClient.PageAdvance.cursor("abc") == "abc")
        #expect(APIClient.PageAdvance.cursor("") == nil)
        #expect(APIClient.PageAdvance.cursor(nil) == nil)
        #expect(APIClient.PageAdvance.startingAfter(hasMore: true, lastID: "cus_3") == "cus_3")
        #expect(APIClient.PageAdvance.startingAfter(hasMore: false, lastID: "cus_3") == nil)
        #expect(APIClient.PageAdvance.startingAfter(hasMore: true, lastID: nil) == nil)
    }

    struct CustomerList: Decodable, Sendable {
        struct Customer: Decodable, Sendable { var id: String }
        var data: [Customer]
        var hasMore: Bool

        enum CodingKeys: String, CodingKey {
            case data
            case hasMore = "has_more"
        }
    }

    /// Stripe's shape end to end: `starting_after` is the last id of the
    /// page before, and the list ends when `has_more` is false.
    @Test func stripeListsFollowHasMoreAndTheLastID() async throws {
        let transport = ScriptedTransport([
            .respond(.json(#"{"object": "list", "data": [{"id": "cus_1"}, {"id": "cus_2"}], "has_more": true}"#)),
            .respond(.json(#"{"object": "list", "data": [{"id": "cus_3"}], "has_more": false}"#)),
        ])
        let client = Fixture.client(transport)
        let customers = APIClient.Paginated<String, String> { (cursor: String?) throws(APIClientError) in
            var builder = RequestBuilder(operationID: "GetCustomers", method: "GET", path: "/v1/customers")
            builder.addQuery("limit", 2)
            builder.addQuery("starting_after", cursor)
            let page = try client.decode(CustomerList.self, from: try await client.send(builder))
            return APIClient.Page(
                items: page.data.map(\.id),
                next: APIClient.PageAdvance.startingAfter(hasMore: page.hasMore, lastID: page.data.last?.id))
        }
        var ids: [String] = []
        for try await id in customers { ids.append(id) }
        #expect(ids == ["cus_1", "cus_2", "cus_3"])
        #expect(
            transport.requests.map(\.url.absoluteString) == [
                "https://api.example.com/v1/customers?limit=2",
                "https://api.example.com/v1/customers?limit=2&starting_after=cus_2",
            ])
    }

    /// `Link` headers end to end: the next page is the `rel="next"` target,
    /// resolved against the page's URL, and is called only on the base URL's host.
    @Test func linkHeadersLeadToTheNextPage() async throws {
        let transport = ScriptedTransport([
            .respond(.json("[1, 2]", headers: ["Link": #"</items?page=2>; rel="next", </items?page=9>; rel="last""#])),
            .respond(.json("[3]", headers: ["Link": #"<https://evil.example.net/items?page=3>; rel="next""#])),
        ])
        let client = Fixture.client(transport)
        let items = APIClient.Paginated<Int, URL> { (next: URL?) throws(APIClientError) in
            let builder =
                next.map { RequestBuilder(operationID: "listItems", method: "GET", url: $0) }
                ?? RequestBuilder(operationID: "listItems", method: "GET", path: "/items")
            let exchange = try await client.send(builder)
            let requestURL = transport.requests.last!.url
            return APIClient.Page(
                items: try client.decode([Int].self, from: exchange),
                next: APIClient.PageAdvance.nextLink(in: exchange.response, requestURL: requestURL))
        }
        var iterator = items.makeAsyncIterator()
        var seen: [Int] = []
        let result = await outcome { () async throws(APIClientError) in
            while let item = try await iterator.next() { seen.append(item) }
        }
        #expect(seen == [1, 2, 3])
        #expect(transport.requests.map(\.url.absoluteString).last == "https://api.example.com/items?page=2")
        // The third page's link points at another host: it is refused, not called.
        #expect(result.failure?.invalidRequestReason?.contains("evil.example.net") == true)
        #expect(transport.requests.count == 2)
    }
}
