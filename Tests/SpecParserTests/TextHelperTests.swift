import Foundation
@testable import SpecParser
import Testing

/// Small text helpers that replace Foundation in the generator.
struct TextHelperTests {
    /// `percentDecoded` gives what Foundation's `removingPercentEncoding` gives.
    @Test(arguments: ["", "abc", "%7Bid%7D", "~1images%7Bid%7D", "%E2%82%AC", "%e2%82%ac", "%", "%4", "%zz", "%FF",
                      "a%20b%2", "%C3%A9t%C3%A9", "%00", "100%25", "%%41"])
    func percentDecodingMatchesFoundation(_ text: String) {
        #expect(text.percentDecoded == text.removingPercentEncoding)
    }

    @Test(arguments: [
        ("application/json", "application/json"),
        ("Application/JSON; charset=utf-8", "application/json"),
        (" \tmultipart/form-data ;boundary=x", "multipart/form-data"),
        ("text/plain  ", "text/plain"),
        ("", ""),
        (";", ""),
    ])
    func mediaTypeEssence(_ written: String, _ essence: String) {
        #expect(MediaType.essence(of: written) == essence)
    }
}
