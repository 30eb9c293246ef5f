/// Every name the generator makes is decided in this folder: the words of
/// a spec's names and their camel case (here), valid and unique identifiers
/// (`Identifiers.swift`), plurals, method, case and client names, file
/// names, and the type names a schema may not take (derived from the
/// compiler, `ReservedTypeNames.swift`). Names come out as identifiers that
/// compile, read well (camelCase, acronyms upper-cased) and cannot carry
/// anything but letters, digits and underscores. `NamingTests` has a case
/// for each rule.
public enum Naming {}

/// The words of a name, and the camel case made of them.
extension Naming {
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
                let acronymEnd =
                    previous.isUppercase && character.isUppercase
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
            forEachASCIIWord(in: bytes, &words) { word, words in words.append(String(decoding: word, as: UTF8.self)) }
        }
        return words
    }

    /// Words written in capitals in Swift, as the API Design Guidelines ask.
    static let acronyms: Set<String> = [
        "id", "url", "uri", "http", "https", "json", "api", "uuid", "html", "xml", "ip", "sql", "jwt", "ui", "ocr",
    ]

    /// An acronym as Swift writes it: `URL`, and `URLs` for its plural.
    private static func acronym(_ lower: String) -> String? {
        if acronyms.contains(lower) { return ASCII.uppercased(lower) }
        if lower.hasSuffix("s"), acronyms.contains(String(lower.dropLast())) {
            return ASCII.uppercased(String(lower.dropLast())) + "s"
        }
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
            // Written straight into the string's own storage (inline for up to
            // 15 bytes), not into an array copied into a string after. At most
            // one underscore goes before each word, and a plural acronym keeps
            // its length, so twice the name's length is room enough.
            return String(unsafeUninitializedCapacity: 2 * name.count + 1) { result in
                var camel = CamelWriter(result: result, lowerFirst: lowerFirst)
                forEachASCIIWord(in: name, &camel) { word, camel in camel.write(word) }
                return camel.count
            }
        }
    }

    /// The state of ``asciiCamel(_:lowerFirst:)``: the bytes so far and the
    /// words written. It is handed to each word rather than captured by a
    /// closure, which made every write to it an exclusivity check.
    private struct CamelWriter {
        let result: UnsafeMutableBufferPointer<UInt8>
        let lowerFirst: Bool
        var count = 0
        var position = 0

        mutating func append(_ byte: UInt8) {
            result[count] = byte
            count += 1
        }

        mutating func write(_ word: Slice<UnsafeBufferPointer<UInt8>>) {
            // `join`: an underscore between two numbers.
            if count > 0, ASCII.isDigit(result[count - 1]), ASCII.isDigit(word[word.startIndex]) {
                append(UInt8(ascii: "_"))
            }
            if position == 0 && lowerFirst {
                // The head of a member: all lower case when it is in capitals or an acronym.
                if word.allSatisfy({ ASCII.isUpper($0) || ASCII.isDigit($0) }) || Naming.acronymLength(word) != nil {
                    for byte in word { append(ASCII.lower(byte)) }
                } else {
                    append(ASCII.lower(word[word.startIndex]))
                    for byte in word.dropFirst() { append(byte) }
                }
            } else if position > 0, let length = Naming.acronymLength(word) {
                // `URL`, and `URLs` for the plural.
                for byte in word.prefix(length) { append(ASCII.upper(byte)) }
                if length < word.count { append(UInt8(ascii: "s")) }
            } else {
                // A word in capitals is a word, not an acronym: ART → Art.
                let keepsCase = word.contains(where: ASCII.isLower)
                append(ASCII.upper(word[word.startIndex]))
                for byte in word.dropFirst() { append(keepsCase ? byte : ASCII.lower(byte)) }
            }
            position += 1
        }
    }

    /// The words of ``asciiWords(_:)``, as slices of `bytes`, without making
    /// strings of them: split at anything but a letter or digit, where a
    /// lower-case letter meets a capital, before the last capital of an
    /// acronym followed by lower case, and where a digit meets a capital
    /// that starts a lower-case word. `state` goes to each word.
    private static func forEachASCIIWord<State>(
        in bytes: UnsafeBufferPointer<UInt8>, _ state: inout State,
        _ body: (Slice<UnsafeBufferPointer<UInt8>>, inout State) -> Void
    ) {
        var start = -1  // where the current word began, or -1
        var allCapitalsOrDigits = true
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard ASCII.isUpper(byte) || ASCII.isLower(byte) || ASCII.isDigit(byte) else {
                if start >= 0 { body(bytes[start..<index], &state) }
                start = -1
                allCapitalsOrDigits = true
                continue
            }
            if start >= 0 {
                let previous = bytes[index - 1]
                let nextIsLower = index + 1 < bytes.count && ASCII.isLower(bytes[index + 1])
                let lowerToUpper = ASCII.isLower(previous) && ASCII.isUpper(byte)
                let acronymEnd =
                    ASCII.isUpper(previous) && ASCII.isUpper(byte) && nextIsLower
                    && index - start > 1 && allCapitalsOrDigits
                let digitToUpper = ASCII.isDigit(previous) && ASCII.isUpper(byte) && nextIsLower
                if lowerToUpper || acronymEnd || digitToUpper {
                    body(bytes[start..<index], &state)
                    start = -1
                    allCapitalsOrDigits = true
                }
            }
            if start < 0 { start = index }
            if ASCII.isLower(byte) { allCapitalsOrDigits = false }
        }
        if start >= 0 { body(bytes[start..<bytes.count], &state) }
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
        if let last = word.last, ASCII.lower(last) == UInt8(ascii: "s"), isAcronym(word.dropLast()) {
            return word.count - 1
        }
        return nil
    }

    /// ``acronyms`` as bytes, for ``acronymLength(_:)``.
    private static let asciiAcronyms: [[UInt8]] = acronyms.sorted().map { Array($0.utf8) }

    /// The lengths a word spelling an acronym can have, its plural included.
    private static let asciiAcronymLengths: ClosedRange<Int> =
        asciiAcronyms.map(\.count).min()!...(asciiAcronyms.map(\.count).max()! + 1)

    /// `text` with its ASCII capitals in lower case.
    static func lowercased(_ text: String) -> String { ASCII.lowercased(text) }

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
}
