/// libyaml reads YAML 1.1, whose double-quoted strings differ from JSON's in
/// ways that would refuse, or silently change, a valid JSON spec:
///
/// - a character outside the Basic Multilingual Plane written as a JSON
///   surrogate pair (`"\ud83d\udea7"`) is an invalid escape to libyaml, which
///   decodes each `\u` on its own;
/// - control characters JSON allows raw in a string (U+007F to U+009F) are
///   not YAML-printable, and U+0085, U+2028 and U+2029 are YAML line breaks,
///   which a double-quoted scalar folds into a space;
/// - U+FFFE and U+FFFF are not YAML-printable either.
///
/// ``adapt(_:)`` rewrites those spots of a JSON file's strings as YAML escapes
/// that stand for the same characters (`\U0001F6A7`, `\x9F`, `\u2028`), and
/// returns the ``ColumnCorrections`` that map libyaml's columns on the
/// rewritten text back to the file's own. Nothing else changes, so every
/// line number stays the file's.
enum JSONCompatibility {
    /// Rewrites `bytes` in place when it is JSON (its first non-blank byte is
    /// `{` or `[`) and holds one of the spots above; returns the corrections
    /// to apply to locations, or nil when nothing changed.
    static func adapt(_ bytes: inout [UInt8]) -> ColumnCorrections? {
        guard let first = bytes.first(where: { !isJSONBlank($0) }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else { return nil }
        guard needsAdapting(bytes) else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var corrections = ColumnCorrections()
        var line = 0
        var column = 0  // in characters, on `output`'s line
        var inString = false
        var index = 0

        /// Writes `replacement` for `originalCharacters` characters of the file.
        func replace(with replacement: String, originalCharacters: Int) {
            output.append(contentsOf: replacement.utf8)
            column += replacement.utf8.count
            corrections.add(line: line, fromColumn: column, delta: originalCharacters - replacement.utf8.count)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if !inString {
                if byte == UInt8(ascii: "\"") { inString = true }
                if byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
                    line += 1
                    column = 0
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                output.append(byte)
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = false
            } else if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                if bytes[index + 1] == UInt8(ascii: "u"), let pair = surrogatePair(in: bytes, at: index) {
                    let hex = String(pair, radix: 16, uppercase: true)
                    replace(with: "\\U" + String(repeating: "0", count: 8 - hex.count) + hex, originalCharacters: 12)
                    index += 12
                    continue
                }
                // Any other escape is the same in YAML: copy both characters.
                output.append(byte)
                output.append(bytes[index + 1])
                column += 2
                index += 2
                continue
            }
            let (scalar, length) = decodeScalar(bytes, at: index)
            if let scalar, !isYAMLStringSafe(scalar) {
                let hex = String(scalar, radix: 16, uppercase: true)
                let escape =
                    scalar <= 0xFF
                    ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                replace(with: escape, originalCharacters: 1)
            } else {
                output.append(contentsOf: bytes[index..<(index + length)])
                column += 1
            }
            index += length
        }
        bytes = output
        return corrections
    }

    /// Whether any byte could start a spot to rewrite: a `\u` escape of a
    /// high surrogate, or a character of the unsafe ranges. Most files have
    /// none, and then the scan is all there is.
    private static func needsAdapting(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                if byte == 0x7F { return true }
                if byte == 0xC2, index + 1 < buffer.count, (0x80...0x9F).contains(buffer[index + 1]) { return true }
                if byte == 0xE2, index + 2 < buffer.count, buffer[index + 1] == 0x80,
                    buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9
                {
                    return true
                }
                if byte == 0xEF, index + 2 < buffer.count, buffer[index + 1] == 0xBF,
                    buffer[index + 2] == 0xBE || buffer[index + 2] == 0xBF
                {
                    return true
                }
                if byte == UInt8(ascii: "\\"), index + 2 < buffer.count, buffer[index + 1] == UInt8(ascii: "u"),
                    buffer[index + 2] | 0x20 == UInt8(ascii: "d")
                {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// The code point of `\uD8xx\uDCxx` at `index`, when both halves are there
    /// and in order; a lone half stays as written, for libyaml to refuse at
    /// its place.
    private static func surrogatePair(in bytes: [UInt8], at index: Int) -> UInt32? {
        guard index + 12 <= bytes.count, bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u"),
            let high = hexValue(bytes[(index + 2)..<(index + 6)]), (0xD800...0xDBFF).contains(high),
            let low = hexValue(bytes[(index + 8)..<(index + 12)]), (0xDC00...0xDFFF).contains(low)
        else { return nil }
        return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    }

    private static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(nibble)
        }
        return value
    }

    /// The scalar at `index` and its length in bytes; nil (length 1) for a
    /// byte that starts no valid UTF-8 sequence, which libyaml reports.
    private static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (UInt32?, Int) {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return (UInt32(lead), 1)
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (nil, 1)
        }
        guard index + length <= bytes.count else { return (nil, 1) }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (value, length)
    }

    /// Whether libyaml keeps `scalar` as written inside a double-quoted
    /// scalar: YAML-printable and not a line break. (C0 controls cannot be
    /// raw in a JSON string; libyaml refuses them, as JSON does.)
    private static func isYAMLStringSafe(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x7F...0x9F, 0x2028, 0x2029, 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    private static func isJSONBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0xEF || byte == 0xBB || byte == 0xBF
    }
}

/// Maps a column libyaml reports on a rewritten line back to the file's own:
/// each rewrite changes the width of what follows it on its line.
struct ColumnCorrections: Sendable {
    /// For each line (0-based), the columns (0-based, on the rewritten
    /// text) from which a total difference applies, in increasing order.
    private var byLine: [Int: [(column: Int, delta: Int)]] = [:]

    mutating func add(line: Int, fromColumn column: Int, delta: Int) {
        let total = (byLine[line]?.last?.delta ?? 0) + delta
        byLine[line, default: []].append((column, total))
    }

    /// The file's column (0-based) of `column` on `line` of the rewritten text.
    func originalColumn(line: Int, column: Int) -> Int {
        guard let steps = byLine[line] else { return column }
        var delta = 0
        for step in steps {
            guard step.column <= column else { break }
            delta = step.delta
        }
        return column + delta
    }
}
