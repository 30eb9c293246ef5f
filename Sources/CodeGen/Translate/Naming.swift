/// Turns names from a spec into Swift identifiers that compile, read well
/// (camelCase, acronyms upper-cased) and cannot carry anything but letters,
/// digits and underscores.
public enum Naming {
    /// Words of a name: split at punctuation, spaces and case changes.
    /// `post-generate-image-v-3` → post, generate, image, v, 3;
    /// `HTTPServerURL` → HTTP, Server, URL; `80S_ILLUSTRATION` → 80S, ILLUSTRATION.
    public static func words(_ raw: String) -> [String] {
        raw.utf8.allSatisfy({ $0 < 0x80 }) ? asciiWords(Array(raw.utf8)) : characterWords(raw)
    }

    /// ``words(_:)`` on characters, for text that is not all ASCII.
    static func characterWords(_ raw: String) -> [String] {
        var words: [String] = []
        var current: [Character] = []
        func flush() {
            if !current.isEmpty { words.append(String(current)) }
            current.removeAll(keepingCapacity: true)
        }
        let characters = Array(raw)
        for (index, character) in characters.enumerated() {
            guard character.isASCII, character.isLetter || character.isNumber else {
                flush()
                continue
            }
            if let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let lowerToUpper = previous.isLowercase && character.isUppercase
                let acronymEnd = previous.isUppercase && character.isUppercase
                    && (next.map { $0.isASCII && $0.isLowercase } ?? false) && current.count > 1
                    && current.allSatisfy { $0.isUppercase || $0.isNumber }
                let digitToUpper = previous.isNumber && character.isUppercase && (next.map { $0.isLowercase } ?? false)
                if lowerToUpper || acronymEnd || digitToUpper { flush() }
            }
            current.append(character)
        }
        flush()
        return words
    }

    /// ``words(_:)`` for ASCII text, on bytes: the same rules without
    /// looking up Unicode properties, which took a tenth of the time of
    /// generating a large spec. (An ASCII string's characters are its bytes,
    /// but for CR LF, which is a separator either way.)
    static func asciiWords(_ bytes: [UInt8]) -> [String] {
        var words: [String] = []
        bytes.withUnsafeBufferPointer { bytes in
            forEachASCIIWord(in: bytes) { words.append(String(decoding: $0, as: UTF8.self)) }
        }
        return words
    }

    /// Words written in capitals in Swift, as the API Design Guidelines ask.
    static let acronyms: Set<String> = ["id", "url", "uri", "http", "https", "json", "api", "uuid", "html", "xml", "ip", "sql", "jwt", "ui", "ocr"]

    /// An acronym as Swift writes it: `URL`, and `URLs` for its plural.
    private static func acronym(_ lower: String) -> String? {
        if acronyms.contains(lower) { return ASCII.uppercased(lower) }
        if lower.hasSuffix("s"), acronyms.contains(String(lower.dropLast())) { return ASCII.uppercased(String(lower.dropLast())) + "s" }
        return nil
    }

    // Words are ASCII letters and digits (both `words` paths keep nothing
    // else), so case is changed on bytes, without Unicode tables.

    private static func capitalized(_ word: String, position: Int) -> String {
        let lower = ASCII.lowercased(word)
        if position > 0, let acronym = acronym(lower) { return acronym }
        // A word written all in capitals is a word, not an acronym: ART → Art.
        let normalized = word.utf8.contains(where: ASCII.isLower) ? word : lower
        return ASCII.uppercasingFirst(normalized)
    }

    /// `UpperCamelCase` for types; "" when the name has no letters or digits.
    public static func upperCamel(_ raw: String) -> String {
        asciiCamel(raw, lowerFirst: false) ?? wordsUpperCamel(raw)
    }

    /// ``upperCamel(_:)`` word by word: the general path, for names that
    /// are not all ASCII.
    static func wordsUpperCamel(_ raw: String) -> String {
        join(words(raw).enumerated().map { capitalized($0.element, position: $0.offset) })
    }

    /// Joins words, keeping an underscore between two numbers (`10_16`, not `1016`).
    private static func join(_ parts: [String]) -> String {
        var result = ""
        for part in parts {
            if let last = result.utf8.last, ASCII.isDigit(last), let first = part.utf8.first, ASCII.isDigit(first) {
                result += "_"
            }
            result += part
        }
        return result
    }

    /// `lowerCamelCase` for members.
    public static func lowerCamel(_ raw: String) -> String {
        asciiCamel(raw, lowerFirst: true) ?? wordsLowerCamel(raw)
    }

    /// ``lowerCamel(_:)`` word by word: the general path, for names that
    /// are not all ASCII.
    static func wordsLowerCamel(_ raw: String) -> String {
        let parts = words(raw)
        guard let first = parts.first else { return "" }
        let head: String
        let lower = ASCII.lowercased(first)
        if first.utf8.allSatisfy({ ASCII.isUpper($0) || ASCII.isDigit($0) }) || acronym(lower) != nil {
            head = lower
        } else {
            head = ASCII.lowercasingFirst(first)
        }
        return join([head] + parts.dropFirst().enumerated().map { capitalized($0.element, position: $0.offset + 1) })
    }

    /// ``upperCamel(_:)`` and ``lowerCamel(_:)`` for an ASCII name, on bytes;
    /// nil for any other name. The same rules as the word-by-word path
    /// (``asciiWords(_:)``, `capitalized`, `join`), written straight into one
    /// buffer: naming took a tenth of a run's instructions when each word was
    /// a `String` of its own and each acronym check a hash.
    /// `TextFastPathTests` compares the two paths.
    static func asciiCamel(_ raw: String, lowerFirst: Bool) -> String? {
        var raw = raw
        return raw.withUTF8 { (name) -> String? in
            guard name.allSatisfy({ $0 < 0x80 }) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(name.count + 2)
            var position = 0
            forEachASCIIWord(in: name) { word in
                // `join`: an underscore between two numbers.
                if let last = result.last, ASCII.isDigit(last), ASCII.isDigit(word[word.startIndex]) {
                    result.append(UInt8(ascii: "_"))
                }
                if position == 0 && lowerFirst {
                    // The head of a member: all lower case when it is in capitals or an acronym.
                    if word.allSatisfy({ ASCII.isUpper($0) || ASCII.isDigit($0) }) || acronymLength(word) != nil {
                        result.append(contentsOf: word.lazy.map(ASCII.lower))
                    } else {
                        result.append(ASCII.lower(word[word.startIndex]))
                        result.append(contentsOf: word.dropFirst())
                    }
                } else if position > 0, let length = acronymLength(word) {
                    // `URL`, and `URLs` for the plural.
                    result.append(contentsOf: word.prefix(length).lazy.map(ASCII.upper))
                    if length < word.count { result.append(UInt8(ascii: "s")) }
                } else {
                    // A word in capitals is a word, not an acronym: ART → Art.
                    let keepsCase = word.contains(where: ASCII.isLower)
                    result.append(ASCII.upper(word[word.startIndex]))
                    result.append(contentsOf: word.dropFirst().lazy.map { keepsCase ? $0 : ASCII.lower($0) })
                }
                position += 1
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The words of ``asciiWords(_:)``, as slices of `bytes`, without making
    /// strings of them: split at anything but a letter or digit, where a
    /// lower-case letter meets a capital, before the last capital of an
    /// acronym followed by lower case, and where a digit meets a capital
    /// that starts a lower-case word.
    private static func forEachASCIIWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> Void) {
        var start = -1  // where the current word began, or -1
        var allCapitalsOrDigits = true
        func flush(_ end: Int) {
            if start >= 0 { body(bytes[start..<end]) }
            start = -1
            allCapitalsOrDigits = true
        }
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard ASCII.isUpper(byte) || ASCII.isLower(byte) || ASCII.isDigit(byte) else {
                flush(index)
                continue
            }
            if start >= 0 {
                let previous = bytes[index - 1]
                let nextIsLower = index + 1 < bytes.count && ASCII.isLower(bytes[index + 1])
                let lowerToUpper = ASCII.isLower(previous) && ASCII.isUpper(byte)
                let acronymEnd = ASCII.isUpper(previous) && ASCII.isUpper(byte) && nextIsLower
                    && index - start > 1 && allCapitalsOrDigits
                let digitToUpper = ASCII.isDigit(previous) && ASCII.isUpper(byte) && nextIsLower
                if lowerToUpper || acronymEnd || digitToUpper { flush(index) }
            }
            if start < 0 { start = index }
            if ASCII.isLower(byte) { allCapitalsOrDigits = false }
        }
        flush(bytes.count)
    }

    /// How many bytes of `word` spell one of ``acronyms`` in any case: all of
    /// them, or all but a final `s` (a plural); nil when it is not one.
    private static func acronymLength(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        // Most words are ruled out by their length before any comparison.
        guard asciiAcronymLengths.contains(word.count) else { return nil }
        func isAcronym(_ letters: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
            asciiAcronyms.contains { acronym in
                acronym.count == letters.count && zip(acronym, letters).allSatisfy { $0 == ASCII.lower($1) }
            }
        }
        if isAcronym(word) { return word.count }
        if let last = word.last, ASCII.lower(last) == UInt8(ascii: "s"), isAcronym(word.dropLast()) { return word.count - 1 }
        return nil
    }

    /// ``acronyms`` as bytes, for ``acronymLength(_:)``.
    private static let asciiAcronyms: [[UInt8]] = acronyms.sorted().map { Array($0.utf8) }

    /// The lengths a word spelling an acronym can have, its plural included.
    private static let asciiAcronymLengths: ClosedRange<Int> =
        asciiAcronyms.map(\.count).min()!...(asciiAcronyms.map(\.count).max()! + 1)

    /// Case changes on ASCII letters; other bytes are left as they are.
    private enum ASCII {
        static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
        static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        static func lower(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte + 0x20 : byte }
        static func upper(_ byte: UInt8) -> UInt8 { isLower(byte) ? byte - 0x20 : byte }

        static func lowercased(_ text: String) -> String {
            String(decoding: text.utf8.map(lower), as: UTF8.self)
        }

        static func uppercased(_ text: String) -> String {
            String(decoding: text.utf8.map(upper), as: UTF8.self)
        }

        static func uppercasingFirst(_ text: String) -> String {
            var bytes = Array(text.utf8)
            if let first = bytes.first { bytes[0] = upper(first) }
            return String(decoding: bytes, as: UTF8.self)
        }

        static func lowercasingFirst(_ text: String) -> String {
            var bytes = Array(text.utf8)
            if let first = bytes.first { bytes[0] = lower(first) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// `Models` → `Model`, `Categories` → `Category`, `Addresses` →
    /// `Address`; nil for a name that does not read as a plural.
    public static func singular(_ name: String) -> String? {
        if name.hasSuffix("ies") { return String(name.dropLast(3)) + "y" }
        if name.hasSuffix("ses") { return String(name.dropLast(2)) }
        if name.hasSuffix("s") && !name.hasSuffix("ss") { return String(name.dropLast()) }
        return nil
    }

    /// Whether `name` is a Swift keyword.
    public static func isKeyword(_ name: String) -> Bool { keywords.contains(name) }

    /// Swift keywords: a member with one of these names is written in backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "super", "throws",
        "true", "try", "async", "some", "any", "consume", "borrowing", "consuming", "copy", "discard",
        "each", "macro", "package", "isolated", "nonisolated", "sending",
    ]

    /// Names that cannot be used as members even in backticks, or that would
    /// shadow something the generated code relies on.
    static let unusableMembers: Set<String> = ["self", "Self", "Type", "Protocol", "init", "_", "super"]

    /// A valid member identifier for `raw`, spelled as it must appear in a declaration.
    /// The result is a plain identifier (no backticks), never one of the
    /// names that cannot be declared at all (`self`, `init`, `Type`…).
    public static func member(_ raw: String, fallback: String = "value") -> String {
        var name = lowerCamel(raw)
        if name.isEmpty { name = fallback }
        if name.first!.isNumber { name = "_" + name }
        if unusableMembers.contains(name) { name += "_" }
        return name
    }

    /// `name` written so that it can appear where an identifier goes:
    /// keywords in backticks.
    public static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// A valid type name for `raw`: UpperCamelCase, never a keyword, never
    /// one of `reserved`, never starting with a digit.
    public static func type(_ raw: String, reserved: Set<String>, fallback: String = "Value") -> String {
        var name = upperCamel(raw)
        if name.isEmpty { name = fallback }
        if name.first!.isNumber { name = "_" + name }
        if keywords.contains(name) || unusableMembers.contains(name) || reserved.contains(name) {
            name += "Schema"
        }
        return name
    }

    /// Gives each name of `names` a unique spelling, in order: the first keeps
    /// its name, later ones get a number (`name2`, `name3`).
    public static func uniqued(_ names: [String], taken: Set<String> = []) -> [String] {
        var used = taken
        return names.map { name in
            let unique = unique(name) { used.contains($0) }
            used.insert(unique)
            return unique
        }
    }

    /// `name` when it is free, else the first free one of `name2`, `name3`, …
    /// (the same spelling as ``uniqued(_:taken:)``). Asking through a closure
    /// lets a caller test several sets without building their union, which
    /// for every inline type of a large spec would cost time in proportion
    /// to the whole spec.
    public static func unique(_ name: String, isTaken: (String) -> Bool) -> String {
        if !isTaken(name) { return name }
        var counter = 2
        while isTaken("\(name)\(counter)") { counter += 1 }
        return "\(name)\(counter)"
    }

    /// Type names that a schema must not shadow: the standard library's and
    /// Foundation's that generated code spells, and every type name the
    /// generated runtime declares or uses (``RuntimeSources/typeNames``),
    /// derived from its sources so that a name added there is reserved too.
    public static let reservedTypeNames: Set<String> = RuntimeSources.typeNames.union([
        "String", "Int", "Int32", "Int64", "Double", "Float", "Bool", "Data", "Date", "URL", "UUID", "Array",
        "Dictionary", "Set", "Optional", "Error", "Result", "Never", "Void", "Character", "Codable",
        "Decodable", "Encodable", "Encoder", "Decoder", "Sendable", "Hashable", "Equatable", "Any",
        "AnyObject", "CodingKey", "Duration", "TimeInterval", "Task", "JSONEncoder", "JSONDecoder",
        "URLSession", "URLRequest", "Foundation", "Swift", "RawRepresentable", "CaseIterable",
        "DecodingError", "DocumentedErrorBody",
    ])
}
