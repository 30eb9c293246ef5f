@testable import CodeGen
import Foundation
import Testing

/// The servers a client offers are written as `URL(string: ...)!`: only URLs
/// that cannot fail there may pass.
struct ServerURLTests {
    @Test(arguments: [
        "https://api.ideogram.ai", "https://api.openai.com/v1", "http://localhost:8080/api/",
        "https://user:pw@example.com/a?b=c&d=e#f", "https://[::1]:443/x", "https://example.com/%7Bid%7D",
        "ftp://files.example.com", "https://a.b/~user/(x);y=z,w*!$'+",
    ])
    func acceptsAbsoluteURLs(_ text: String) throws {
        #expect(ServerURL.isAbsolute(text))
        // What it accepts, Foundation parses, with a scheme and a host.
        let url = try #require(URL(string: text))
        #expect(url.scheme != nil && url.host != nil)
    }

    @Test(arguments: [
        "", "/v1", "api.example.com", "https://", "https:///path", "https://:80/x", "https://host:port/",
        "{scheme}://example.com", "https://{region}.example.com", "https://example.com/a b", "https://example.com/\"x\"",
        "https://example.com/%zz", "https://example.com/%4", "1https://example.com", "mailto:someone@example.com",
        "https://exa\u{301}mple.com", "https://example.com/<x>", "https://example.com\\x",
    ])
    func rejectsTheRest(_ text: String) {
        #expect(!ServerURL.isAbsolute(text))
    }
}
