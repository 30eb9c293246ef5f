import Foundation
@testable import ClientRuntime
import Testing

/// The `Link` header parser (RFC 8288).
struct LinkHeaderTests {
    typealias LinkHeader = APIClient.LinkHeader
    static let base = URL(string: "https://api.example.com/v1/items?page=1")!

    @Test func severalLinksWithTheirRelations() throws {
        let header = LinkHeader(
            #"<https://api.example.com/v1/items?page=2>; rel="next", <https://api.example.com/v1/items?page=5>; rel=last"#,
            base: Self.base)
        #expect(header.links.map(\.target.absoluteString) == [
            "https://api.example.com/v1/items?page=2", "https://api.example.com/v1/items?page=5",
        ])
        #expect(header.links.map(\.relations) == [["next"], ["last"]])
        #expect(LinkHeader.target(of: "last", in: #"<a>; rel=last"#, base: Self.base)?.absoluteString
            == "https://api.example.com/v1/a")
    }

    @Test func quotedParametersMayHoldCommasSemicolonsAndEscapedQuotes() throws {
        let value =
            #"<https://x.example/1>; title="a, b; \"c\""; rel="prev", "#
            + #"<https://x.example/2>; rel="next"; title*=UTF-8'de'n%c3%a4chstes"#
        let header = LinkHeader(value, base: nil)
        #expect(header.links.count == 2)
        #expect(header.links[0].parameters["title"] == #"a, b; "c""#)
        #expect(header.links[0].relations == ["prev"])
        #expect(header.links[1].relations == ["next"])
        #expect(header.links[1].parameters["title*"] == "UTF-8'de'n%c3%a4chstes")
        #expect(LinkHeader.target(of: "next", in: value, base: nil)?.absoluteString == "https://x.example/2")
    }

    @Test func relativeTargetsResolveAgainstTheRequestURL() {
        let cases: [(String, String)] = [
            ("</v1/items?page=2>", "https://api.example.com/v1/items?page=2"),
            ("<?page=3>", "https://api.example.com/v1/items?page=3"),
            ("<other?page=4>", "https://api.example.com/v1/other?page=4"),
            ("<../v2/items>", "https://api.example.com/v2/items"),
            ("<//cdn.example.com/items>", "https://cdn.example.com/items"),
        ]
        for (reference, expected) in cases {
            #expect(
                LinkHeader.target(of: "next", in: reference + "; rel=next", base: Self.base)?.absoluteString
                    == expected, "\(reference)")
        }
    }

    @Test func relationsAreCaseInsensitiveSpaceSeparatedAndOnlyTheFirstRelCounts() {
        let header = LinkHeader(#"<a>; REL="Next Last"; rel=prev, <b>;rel=next"#, base: Self.base)
        #expect(header.links.map(\.relations) == [["next", "last"], ["next"]])
        #expect(LinkHeader.target(of: "prev", in: #"<a>; REL="Next Last"; rel=prev"#, base: Self.base) == nil)
        #expect(LinkHeader.target(of: "NEXT", in: #"<a>; rel="next""#, base: Self.base)?.lastPathComponent == "a")
    }

    @Test func aBrokenLinkIsSkippedAndReadingGoesOnAtTheNextComma() {
        let value = #"garbage, <b>; =x, <c>; rel=next,, <d> junk, <e>; rel=next, <f>; rel="unclosed, <g>; rel=next"#
        let header = LinkHeader(value, base: Self.base)
        #expect(header.links.map(\.target.lastPathComponent) == ["c", "e"])
        #expect(LinkHeader(#"<a>; rel="#, base: Self.base).links.map(\.relations) == [[]])
        #expect(LinkHeader("", base: Self.base).links.isEmpty)
        #expect(LinkHeader.target(of: "next", in: "<a>; rel=prev", base: Self.base) == nil)
    }
}
