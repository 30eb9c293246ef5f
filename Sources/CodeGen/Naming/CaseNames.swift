/// Case names of enums, unions and the documented error bodies.
extension Naming {
    /// The case name of an enum value: `16x9` → `_16x9`, `AUTO` → `auto`;
    /// an integer's case says its value (`value1`, `valueMinus1`).
    public static func enumCase(_ raw: String, isInteger: Bool) -> String {
        isInteger ? member("value " + raw.replacing("-", with: "minus ")) : member(raw, fallback: "empty")
    }

    /// Case words that do not repeat their type's name: when every value
    /// starts with the type's first word (`ASPECT_16_9` in `AspectRatio`,
    /// `RESOLUTION_512_1536` in `Resolution`), it is left out; a value that
    /// is then two numbers reads as a size or a ratio, `16x9`, as the same
    /// values are written elsewhere. Nil when the rule does not apply, or
    /// when it would make two cases one.
    public static func enumCaseWords(_ rawValues: [String], typeName: String) -> [String]? {
        let simpleName = Self.lastComponent(of: typeName)
        guard let typeWord = words(simpleName).first.map(lowercased) else { return nil }
        var result: [String] = []
        for raw in rawValues {
            let words = words(raw)
            guard words.count > 1, lowercased(words[0]) == typeWord else { return nil }
            let rest = Array(words.dropFirst())
            // Words are ASCII letters and digits, so a number is all digit bytes.
            if rest.count == 2, rest.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }) {
                result.append(rest[0] + "x" + rest[1])
            } else {
                result.append(rest.joined(separator: " "))
            }
        }
        let names = result.map { member($0, fallback: "empty") }
        guard Set(names).count == names.count else { return nil }
        return result
    }

    /// What follows the last `.` of a qualified type name (`Outer.Inner` →
    /// `Inner`), the name itself when it has none; found among the bytes,
    /// since splitting the name into characters cost more than the rest of
    /// naming an enum's cases. A name ending in dots keeps its last
    /// non-empty part, as a split would give.
    static func lastComponent(of typeName: String) -> String {
        guard let dot = typeName.utf8.lastIndex(of: UInt8(ascii: ".")) else { return typeName }
        let tail = typeName[typeName.utf8.index(after: dot)...]
        return tail.isEmpty ? typeName.split(separator: ".").last.map(String.init) ?? typeName : String(tail)
    }

    /// Case names for a union's variants, from their types' names: without
    /// the words they all share at the front (`ColorPaletteWithMembers`,
    /// `ColorPaletteWithPresetName` → `members`, `presetName`).
    public static func unionCases(_ typeNames: [String]) -> [String] {
        let wordLists = typeNames.map(words)
        var shared = 0
        if wordLists.count > 1, let first = wordLists.first {
            while shared < first.count - 1,
                wordLists.allSatisfy({ $0.count > shared + 1 && $0[shared] == first[shared] })
            {
                shared += 1
            }
        }
        return wordLists.map { member($0.dropFirst(shared).joined(separator: "_"), fallback: "value") }
    }

    /// The case of the documented-error-body enum for a type's name
    /// (`Outer.Inner` → `outerInner`).
    public static func errorBodyCase(typeName: String) -> String {
        member(typeName.replacing(".", with: " "))
    }

    /// The case of an outcome enum for a status: its reason phrase
    /// (`ok`, `created`, `noContent`, `notModified`), `success` or
    /// `redirection` for a class, `status299` for a code without one.
    public static func outcomeCase(_ status: ResponseStatus) -> String {
        switch status {
        case .code(let code): reasonPhrases[code] ?? "status\(code)"
        case .range(let digit): digit == 2 ? "success" : digit == 3 ? "redirection" : "status\(digit)xx"
        case .default: "other"
        }
    }

    /// The reason phrases of the 2xx and 3xx statuses (RFC 9110 and the
    /// IANA registry), as case names.
    private static let reasonPhrases: [Int: String] = [
        200: "ok", 201: "created", 202: "accepted", 203: "nonAuthoritativeInformation", 204: "noContent",
        205: "resetContent", 206: "partialContent", 207: "multiStatus", 208: "alreadyReported", 226: "imUsed",
        300: "multipleChoices", 301: "movedPermanently", 302: "found", 303: "seeOther", 304: "notModified",
        305: "useProxy", 307: "temporaryRedirect", 308: "permanentRedirect",
    ]

    /// The name of a type of response headers shared by several operations:
    /// the words every header's name starts with, less a leading `X`
    /// (`X-RateLimit-Limit`, `X-RateLimit-Remaining` → `RateLimitHeaders`);
    /// `ResponseHeaders` when they share none.
    public static func sharedHeadersName(_ headerNames: [String]) -> String {
        let wordLists = headerNames.map { words($0).filter { lowercased($0) != "x" } }
        guard var shared = wordLists.first else { return "ResponseHeaders" }
        for list in wordLists.dropFirst() {
            shared = Array(zip(shared, list).prefix { lowercased($0) == lowercased($1) }.map(\.0))
        }
        // A name that is one header's whole name says too little about the others.
        if wordLists.contains(where: { $0.count == shared.count }) && wordLists.count > 1 { shared.removeLast() }
        return shared.isEmpty ? "ResponseHeaders" : upperCamel(shared.joined(separator: " ")) + "Headers"
    }
}
