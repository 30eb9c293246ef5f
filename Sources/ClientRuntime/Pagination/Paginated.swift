import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// One page of a list: its items, and where the next page starts (nil
    /// on the last page), as a ``PageAdvance`` strategy reads it.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct Page<Item: Sendable, Cursor: Sendable & Hashable>: Sendable {
        /// The page's items, in order.
        public var items: [Item]
        /// What fetches the next page: a cursor, the last item's id, the next
        /// page's URL; nil when this is the last page.
        public var next: Cursor?

        /// Creates a page.
        public init(items: [Item], next: Cursor?) {
            self.items = items
            self.next = next
        }
    }

    /// The items of a paginated list, in order, as one sequence that fetches
    /// each page only when the reader needs its first item.
    ///
    /// ```swift
    /// for try await customer in client.listCustomers().limited(items: 500) {
    ///     print(customer.email ?? "")
    /// }
    /// ```
    ///
    /// Each page is a call of its own, with the call's retries and errors
    /// (``APIClientError``, which ends the sequence). The sequence ends on
    /// the last page, after ``maximumPages`` pages or ``maximumItems``
    /// items, or when the server hands out the cursor it was just given
    /// (which would fetch the same page forever). Iterating it again starts
    /// again from the first page.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct Paginated<Item: Sendable, Cursor: Sendable & Hashable>: AsyncSequence, Sendable {
        /// An item of a page.
        public typealias Element = Item
        /// What ends the sequence early.
        public typealias Failure = APIClientError
        /// Fetches the page that `cursor` starts (the first page for nil).
        public typealias FetchPage = @Sendable (_ cursor: Cursor?) async throws(APIClientError) -> Page<Item, Cursor>

        /// The most pages fetched; nil for no bound.
        public var maximumPages: Int?
        /// The most items read; nil for no bound.
        public var maximumItems: Int?
        private let first: Cursor?
        private let fetch: FetchPage

        /// The items of the pages `fetch` returns, from the page `first`
        /// starts (nil for the list's first page), within the bounds given.
        public init(
            startingAt first: Cursor? = nil, maximumPages: Int? = nil, maximumItems: Int? = nil,
            fetch: @escaping FetchPage
        ) {
            self.first = first
            self.maximumPages = maximumPages
            self.maximumItems = maximumItems
            self.fetch = fetch
        }

        /// The same items, at most `pages` pages and `items` items of them
        /// (each bound kept as it was when not given).
        public func limited(pages: Int? = nil, items: Int? = nil) -> Paginated {
            var copy = self
            if let pages { copy.maximumPages = Swift.max(0, pages) }
            if let items { copy.maximumItems = Swift.max(0, items) }
            return copy
        }

        /// Starts reading from the first page.
        public func makeAsyncIterator() -> Iterator {
            Iterator(sequence: self)
        }

        /// Reads the items in order, a page at a time.
        @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
        nonisolated public struct Iterator: AsyncIteratorProtocol {
            /// An item of a page.
            public typealias Element = Item
            /// What ends the sequence early.
            public typealias Failure = APIClientError

            private let sequence: Paginated
            private var buffer: [Item] = []
            private var nextInBuffer = 0
            private var cursor: Cursor?
            private var pagesFetched = 0
            private var itemsRead = 0
            private var lastPage = false

            init(sequence: Paginated) {
                self.sequence = sequence
                self.cursor = sequence.first
            }

            /// The next item; nil after the last one or at a bound.
            public mutating func next() async throws(APIClientError) -> Item? {
                while true {
                    if let bound = sequence.maximumItems, itemsRead >= bound { return nil }
                    if nextInBuffer < buffer.count {
                        let item = buffer[nextInBuffer]
                        nextInBuffer += 1
                        itemsRead += 1
                        return item
                    }
                    if lastPage { return nil }
                    if let bound = sequence.maximumPages, pagesFetched >= bound { return nil }
                    let asked = cursor
                    let page: Page<Item, Cursor>
                    do {
                        page = try await sequence.fetch(asked)
                    } catch {
                        lastPage = true
                        buffer = []
                        throw error
                    }
                    pagesFetched += 1
                    buffer = page.items
                    nextInBuffer = 0
                    cursor = page.next
                    lastPage = page.next == nil || (asked != nil && page.next == asked)
                }
            }
        }
    }
}
