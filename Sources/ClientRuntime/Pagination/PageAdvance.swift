public import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// How a page says where the next one starts: each strategy reads a
    /// page's answer and returns the next page's cursor, or nil on the last
    /// page. A generated paginated call builds its ``Page`` with one of them.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public enum PageAdvance {
        /// A cursor field of the body (`next_cursor`, `next_page_token`),
        /// sent back as the next request's parameter: nil or empty on the
        /// last page.
        public static func cursor(_ value: String?) -> String? {
            guard let value, !value.isEmpty else { return nil }
            return value
        }

        /// Stripe's lists (`object: list`, `data`, `has_more`): while
        /// `hasMore`, the next page starts after the page's last item, whose
        /// id the next request sends as `starting_after`.
        public static func startingAfter(hasMore: Bool, lastID: String?) -> String? {
            guard hasMore else { return nil }
            return cursor(lastID)
        }

        /// The `Link` header's `rel="next"` target (RFC 8288), resolved
        /// against the URL of the request that fetched the page; the next
        /// request goes to that URL as it is.
        public static func nextLink(in response: HTTPResponse, requestURL: URL) -> URL? {
            response.value(forHeader: "Link").flatMap { LinkHeader.target(of: "next", in: $0, base: requestURL) }
        }
    }
}
