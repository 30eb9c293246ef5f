import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension RequestBuilder {
    /// Sends the request to `url` as it is, in place of the base URL, the
    /// path and the query: the next page a `Link` header names. The
    /// headers and the credentials stay; the host rule still applies, so
    /// a link to another host is refused, not followed.
    mutating func target(_ url: URL) {
        self.url = url
        query = []
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// The page after the one `exchange` brought: the `rel="next"` target
    /// of its `Link` header, resolved against the URL the request went to;
    /// nil on the last page.
    func nextPageLink(_ exchange: Exchange) -> URL? {
        guard let sent = exchange.url else { return nil }
        return PageAdvance.nextLink(in: exchange.response, requestURL: sent)
    }
}
