import Foundation
@testable import SpecParser
import Testing

/// `URIReference`, which resolves `$id` and `$ref` without Foundation's URL.
struct URIReferenceTests {
    /// RFC 3986 §5.4: the normal and abnormal examples, against its base URI.
    @Test(arguments: [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
        ("../../g", "http://a/g"),
        ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"), ("/../g", "http://a/g"),
        ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."), ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"), ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"),
        ("g;x=1/./y", "http://a/b/c/g;x=1/y"), ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"),
        ("g?y/../x", "http://a/b/c/g?y/../x"), ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"),
        ("http:g", "http:g"),
    ])
    func resolvesTheRFCExamples(_ reference: String, _ expected: String) {
        let base = URIReference("http://a/b/c/d;p?q")
        #expect(URIReference(reference).resolved(against: base).text == expected)
    }

    /// The cases `$id` meets agree with what Foundation's URL made of them.
    @Test(arguments: [
        ("/schemas/details", "file:///work/spec.yml"), ("tag", "file:///schemas/details"),
        ("https://example.com/person", "file:///work/spec.yml"), ("#Pet", "file:///work/spec.yml"),
        ("other.yml#/components/schemas/A", "file:///work/dir/spec.yml"), ("../x/y.json#frag", "https://example.com/a/b/c"),
        ("urn:example:thing", "file:///work/spec.yml"), ("//host/path", "https://example.com/a"),
    ])
    func agreesWithFoundation(_ reference: String, _ base: String) throws {
        let foundation = try #require(URL(string: reference, relativeTo: URL(string: base)))
        #expect(URIReference(reference).resolved(against: URIReference(base)).text == foundation.absoluteString)
    }

    @Test func cutsIntoParts() {
        let uri = URIReference("https://user@host:8080/a/b?x=1#frag")
        #expect(uri.scheme == "https")
        #expect(uri.authority == "user@host:8080")
        #expect(uri.path == "/a/b")
        #expect(uri.query == "x=1")
        #expect(uri.fragment == "frag")
        // Not a scheme: it starts with a digit, or holds a space.
        #expect(URIReference("1a:b").scheme == nil)
        #expect(URIReference("a b:c").scheme == nil)
        #expect(URIReference("a b:c").path == "a b:c")
    }

    @Test func fileURIs() {
        #expect(URIReference.file("spec/a.yml", in: "/work").text == "file:///work/spec/a.yml")
        #expect(URIReference.file("/abs/./b/../a.yml", in: "/work").text == "file:///abs/a.yml")
        // `#`, `?` and `%` stay part of the path.
        let odd = URIReference.file("/tmp/a#b?c%d.yml", in: "/")
        #expect(odd.text == "file:///tmp/a%23b%3Fc%25d.yml")
        #expect(odd.fragment == nil && odd.query == nil)
        #expect(URIReference("x.yml").resolved(against: odd).text == "file:///tmp/x.yml")
    }
}
