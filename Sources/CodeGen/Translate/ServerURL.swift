import SpecParser

/// Which server URLs of a spec the client can offer as `URL(string: ...)!`:
/// the translator keeps only those, so the renderer may force-unwrap them.
enum ServerURL {
    /// Whether `text` is an absolute URI with a host, written only in the
    /// characters RFC 3986 allows (§2): `https://api.example.com/v1`, but not
    /// `/v1` (relative), `{scheme}://...` (a template) or a URL with a space.
    ///
    /// Every URL this accepts is one that Foundation's `URL(string:)` parses
    /// on every platform, so the force-unwrap in the generated code cannot fail.
    static func isAbsolute(_ text: String) -> Bool {
        // The scheme and the authority as RFC 3986 cuts them (§3).
        let uri = URIReference(text)
        guard uri.scheme != nil, let authority = uri.authority else { return false }
        var host = Array(authority.utf8)[...]
        if let at = host.lastIndex(of: UInt8(ascii: "@")) { host = host[(at + 1)...] }
        if host.first == UInt8(ascii: "[") {
            guard let close = host.firstIndex(of: UInt8(ascii: "]")) else { return false }
            host = host[...close]
        } else if let portColon = host.firstIndex(of: UInt8(ascii: ":")) {
            guard host[(portColon + 1)...].allSatisfy(isDigit) else { return false }
            host = host[..<portColon]
        }
        return !host.isEmpty && hasOnlyURICharacters(Array(text.utf8)[...])
    }

    /// Unreserved and reserved characters, and `%` followed by two hex digits.
    private static func hasOnlyURICharacters(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else {
                    return false
                }
                index += 3
                continue
            }
            guard isLetter(byte) || isDigit(byte) || allowedPunctuation.contains(byte) else { return false }
            index += 1
        }
        return true
    }

    /// RFC 3986's unreserved punctuation, gen-delims and sub-delims.
    private static let allowedPunctuation: Set<UInt8> = Set("-._~:/?#[]@!$&'()*+,;=".utf8)

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }
}
