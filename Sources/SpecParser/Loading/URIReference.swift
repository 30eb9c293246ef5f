/// A URI reference cut into the five parts of RFC 3986 (§3), and resolved
/// against a base URI (§5.2): what a schema's `$id` and a `$ref` under it need.
///
/// The parts are kept as written. Nothing is normalized beyond what
/// resolution itself does (removing `.` and `..` segments), so two
/// references name the same resource when their resolved texts are equal.
///
/// The renderer checks server URLs with it too; `package` keeps it out of
/// the public API.
package struct URIReference: Hashable, Sendable {
    package var scheme: String?
    /// What follows `//`, when the reference has one (possibly empty).
    package var authority: String?
    package var path: String
    package var query: String?
    package var fragment: String?

    /// Cuts `text` as RFC 3986 Appendix B does. Every string is a reference
    /// this way; a scheme is only taken when it is a valid one (a letter,
    /// then letters, digits, `+`, `-` or `.`), so `a b:c` is a relative path.
    package init(_ text: String) {
        var rest = Substring(text)
        if let colon = rest.firstIndex(where: { $0 == ":" || $0 == "/" || $0 == "?" || $0 == "#" }),
            rest[colon] == ":", Self.isScheme(rest[..<colon])
        {
            scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            authority = String(afterSlashes[..<end])
            rest = afterSlashes[end...]
        }
        path = String(rest)
    }

    private init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    /// The `file:` URI of a path on this machine; `directory` makes a relative
    /// path absolute. `%`, `?` and `#` in the path are percent-encoded, so
    /// that they stay part of the path.
    static func file(_ path: String, in directory: String) -> URIReference {
        let absolute = path.hasPrefix("/") ? path : (directory.hasSuffix("/") ? directory : directory + "/") + path
        var encoded = ""
        encoded.reserveCapacity(absolute.utf8.count)
        for character in absolute.unicodeScalars {
            switch character {
            case "%": encoded += "%25"
            case "?": encoded += "%3F"
            case "#": encoded += "%23"
            default: encoded.unicodeScalars.append(character)
            }
        }
        return URIReference(
            scheme: "file", authority: "", path: removingDotSegments(encoded), query: nil, fragment: nil)
    }

    /// The reference written back as text (§5.3).
    var text: String {
        var result = ""
        if let scheme { result += scheme + ":" }
        if let authority { result += "//" + authority }
        result += path
        if let query { result += "?" + query }
        if let fragment { result += "#" + fragment }
        return result
    }

    /// The same reference with no fragment.
    var withoutFragment: URIReference {
        var copy = self
        copy.fragment = nil
        return copy
    }

    /// This reference read relative to `base` (§5.2.2, strict): the target URI.
    func resolved(against base: URIReference) -> URIReference {
        if let scheme {
            return URIReference(
                scheme: scheme, authority: authority, path: Self.removingDotSegments(path),
                query: query, fragment: fragment)
        }
        if let authority {
            return URIReference(
                scheme: base.scheme, authority: authority, path: Self.removingDotSegments(path),
                query: query, fragment: fragment)
        }
        if path.isEmpty {
            return URIReference(
                scheme: base.scheme, authority: base.authority, path: base.path,
                query: query ?? base.query, fragment: fragment)
        }
        let merged: String
        if path.hasPrefix("/") {
            merged = path
        } else if base.authority != nil && base.path.isEmpty {
            merged = "/" + path
        } else if let slash = base.path.lastIndex(of: "/") {
            merged = base.path[...slash] + path
        } else {
            merged = path
        }
        return URIReference(
            scheme: base.scheme, authority: base.authority, path: Self.removingDotSegments(merged),
            query: query, fragment: fragment)
    }

    /// `path` without its `.` and `..` segments (§5.2.4): `/a/b/../c/./d` is `/a/c/d`.
    static func removingDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                // A trailing `.` leaves the path ending in a slash.
                if isLast { output.append("") }
            case "..":
                // Never above the root: the first (empty) segment of an absolute path stays.
                if output.count > 1 || (output.count == 1 && !output[0].isEmpty) { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        let joined = output.joined(separator: "/")
        // An absolute path stays absolute, even when every segment went.
        return path.hasPrefix("/") && !joined.hasPrefix("/") ? "/" + joined : joined
    }

    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z")
        else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                true
            default:
                false
            }
        }
    }
}
