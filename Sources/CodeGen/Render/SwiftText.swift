/// Writing spec text into Swift source safely: whatever a description or an
/// enum value holds, it stays inside its comment or its string literal.
public enum SwiftText {
    /// A string literal holding exactly `value`.
    public static func literal(_ value: String) -> String {
        // Most values are printable ASCII with nothing to escape.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + value + "\""
        }
        return escapedLiteral(value)
    }

    /// ``literal(_:)`` for any text, escaping scalar by scalar.
    static func escapedLiteral(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || isBidiControl(scalar)
                {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Spec text (a wire name) as a code span on one comment line: line
    /// breaks become spaces and a backtick, which would end the span, a quote.
    /// The empty name is shown as `""`.
    static func codeSpan(_ text: String) -> String {
        // Most names are printable ASCII with no space or backtick: nothing to change.
        if !text.isEmpty && text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "`") }) {
            return "`" + text + "`"
        }
        let line = ByteSearch.replacing("`", with: "'", in: commentLines(text).joined(separator: " "))
        return "`" + (line.allSatisfy { $0 == " " } ? "\"\"" : line) + "`"
    }

    /// Lines of prose fit for `///` comments: split at every kind of line
    /// break, control characters removed, trailing spaces trimmed, runs of
    /// blank lines collapsed, and no leading or trailing blank line.
    public static func commentLines(_ text: String) -> [String] {
        if let line = printableLine(text) { return line.isEmpty ? [] : [line] }
        let lines = isASCII(text) ? asciiLines(text) : scalarLines(text)
        var result: [String] = []
        for line in lines {
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed.removeLast() }
            if trimmed.isEmpty && (result.isEmpty || result.last == "") { continue }
            result.append(String(trimmed))
        }
        while result.last == "" { result.removeLast() }
        return result
    }

    /// `text` less its trailing spaces when it is one line of printable
    /// ASCII, as most names and short descriptions are, else nil: all that
    /// ``commentLines(_:)`` does to such a text, without splitting it into
    /// lines and making each a string again.
    static func printableLine(_ text: String) -> String? {
        var text = text
        let end: Int? = text.withUTF8 { bytes in
            var index = 0
            if let base = UnsafeRawPointer(bytes.baseAddress) {
                // Eight bytes at a time: none at or above 0x7F, none below 0x20.
                let ones: UInt64 = 0x0101_0101_0101_0101
                let highBits: UInt64 = 0x8080_8080_8080_8080
                while index + 8 <= bytes.count {
                    let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if word & highBits != 0 { return nil }
                    if (word &- 0x20 &* ones) & ~word & highBits != 0 { return nil }
                    let delete = word ^ (0x7F &* ones)
                    if (delete &- ones) & ~delete & highBits != 0 { return nil }
                    index += 8
                }
            }
            while index < bytes.count {
                if bytes[index] < 0x20 || bytes[index] >= 0x7F { return nil }
                index += 1
            }
            var end = bytes.count
            while end > 0 && bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            return end
        }
        guard let end else { return nil }
        return end == text.utf8.count ? text : String(text[..<text.utf8.index(text.utf8.startIndex, offsetBy: end)])
    }

    /// Whether every byte of `text` is ASCII, eight bytes at a time.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            if let base = UnsafeRawPointer(bytes.baseAddress) {
                while index + 8 <= bytes.count {
                    if base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                        return false
                    }
                    index += 8
                }
            }
            while index < bytes.count {
                if bytes[index] >= 0x80 { return false }
                index += 1
            }
            return true
        }
    }

    /// The lines of ASCII text, cleaned as ``commentLines(_:)`` says, on bytes.
    /// Runs of printable bytes are copied whole; a line with no tab or
    /// control byte in it becomes a string straight from the text.
    static func asciiLines(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [String] = []
            // The line so far, when a tab or control byte made it differ from the text.
            var current: [UInt8] = []
            var lineStart = 0
            var runStart = 0
            var previous: UInt8 = 0
            func finishLine(at end: Int) {
                if current.isEmpty {
                    lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), as: UTF8.self))
                } else {
                    current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
                    lines.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            }
            for index in bytes.indices {
                let byte = bytes[index]
                defer { previous = byte }
                if byte >= 0x20 && byte != 0x7F { continue }
                switch byte {
                case UInt8(ascii: "\n") where previous == UInt8(ascii: "\r"):
                    break
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                    finishLine(at: index)
                default:
                    // A tab becomes four spaces; other control bytes go.
                    current.append(
                        contentsOf: UnsafeBufferPointer(
                            rebasing: bytes[(current.isEmpty ? lineStart : runStart)..<index]))
                    if byte == UInt8(ascii: "\t") { current.append(contentsOf: "    ".utf8) }
                }
                runStart = index + 1
                if current.isEmpty { lineStart = index + 1 }
            }
            finishLine(at: bytes.count)
            return lines
        }
    }

    /// The lines of any text, cleaned as ``commentLines(_:)`` says.
    static func scalarLines(_ text: String) -> [String] {
        var lines: [String] = []
        // The current line as UTF-8, made a String once it ends.
        var current: [UInt8] = []
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r":
                break
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            case "\t":
                current.append(contentsOf: "    ".utf8)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || isBidiControl(scalar)
                {
                    break
                }
                if scalar.isASCII {
                    current.append(UInt8(truncatingIfNeeded: scalar.value))
                } else {
                    current.append(contentsOf: UTF8.encode(scalar)!)
                }
            }
            previous = scalar
        }
        lines.append(String(decoding: current, as: UTF8.self))
        return lines
    }

    /// Markdown lines wrapped at spaces to at most `width` columns (counted
    /// in UTF-8 bytes, so never more columns than that) where
    /// a person would wrap them: prose and list items (continued under
    /// their text), but not code (fenced or indented), tables or headings,
    /// which Markdown reads line by line. A word longer than the width
    /// stays whole.
    static func wrapped(_ lines: [String], width: Int) -> [String] {
        var result: [String] = []
        var inFence = false
        // Where the text of the list item being read starts, if one is.
        var itemIndent: Int?
        for line in lines {
            let trimmed = line.drop { $0 == " " }
            let indent = line.utf8.count - trimmed.utf8.count
            let marker = listMarkerWidth(trimmed)
            if marker > 0 {
                itemIndent = indent + marker
            } else if !trimmed.isEmpty, let item = itemIndent, indent < item {
                itemIndent = nil
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            // Indented code is four spaces beyond the text it is in.
            let isCode = indent >= (itemIndent ?? 0) + 4 && marker == 0
            guard !inFence, line.utf8.count > width, !trimmed.hasPrefix("```"), !trimmed.hasPrefix("~~~"),
                !trimmed.hasPrefix("|"), !trimmed.hasPrefix("#"), !isCode
            else {
                result.append(line)
                continue
            }
            // A list item's lines go on under its text; others under their first.
            let continuation = String(repeating: " ", count: indent + marker)
            var current = String(line.prefix(indent))
            var isStart = true
            for word in trimmed.split(separator: " ", omittingEmptySubsequences: true) {
                if isStart {
                    current += word
                    isStart = false
                } else if current.utf8.count + 1 + word.utf8.count <= width {
                    current += " " + word
                } else {
                    result.append(current)
                    current = continuation + word
                }
            }
            result.append(current)
        }
        return result
    }

    /// The width of a list item's marker and the space after it (`- `,
    /// `* `, `12. `); 0 when the text starts no list item.
    static func listMarkerWidth(_ text: Substring) -> Int {
        var text = text
        return text.withUTF8 { listMarkerWidth($0) }
    }

    /// ``listMarkerWidth(_:)`` on the text's UTF-8 bytes.
    static func listMarkerWidth(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let space = UInt8(ascii: " ")
        if bytes.count >= 2, bytes[1] == space,
            [UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(bytes[0])
        {
            return 2
        }
        var digits = 0
        while digits < bytes.count && bytes[digits] >= UInt8(ascii: "0") && bytes[digits] <= UInt8(ascii: "9") {
            digits += 1
        }
        if digits > 0, digits < 10, digits + 1 < bytes.count, bytes[digits] == UInt8(ascii: "."),
            bytes[digits + 1] == space
        {
            return digits + 2
        }
        return 0
    }

    /// Bidirectional formatting characters can make source read differently
    /// from how it compiles; they never reach the output unescaped.
    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            || scalar.value == 0x200E || scalar.value == 0x200F || scalar.value == 0x061C
            || scalar.value == 0xFEFF
    }
}

/// Accumulates indented lines of Swift.
struct SwiftWriter {
    /// The text so far, as UTF-8. Appending bytes to an array costs a copy;
    /// appending to a `String` cost a few hundred instructions a piece,
    /// and a line is written in up to five pieces.
    private var bytes: [UInt8] = []
    private(set) var indentation = 0

    /// What has been written.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func line(_ content: String = "") {
        if !content.isEmpty {
            appendSpaces(4 * indentation)
            append(content)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// ``line(_:)`` for a line made of `pieces`, each copied straight into
    /// the text: for the lines written once per enum case or property,
    /// making the line a `String` first cost more than writing it.
    mutating func line(joining pieces: String...) {
        if pieces.contains(where: { !$0.isEmpty }) {
            appendSpaces(4 * indentation)
            for piece in pieces { append(piece) }
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends `text` from the string's own storage in one copy, not byte by
    /// byte through its view.
    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Spaces enough for any indentation a declaration reaches, copied from
    /// rather than made one by one (`repeatElement` cost more than the line).
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// Appends `count` spaces.
    private mutating func appendSpaces(_ count: Int) {
        guard count <= Self.spaces.count else {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
            return
        }
        Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    /// Writes `header {`, the body one level in, then `}`.
    mutating func block(_ header: String, closing: String = "}", _ body: (inout SwiftWriter) -> Void) {
        line(header + " {")
        indentation += 1
        body(&self)
        indentation -= 1
        line(closing)
    }

    /// The longest line a declaration's header is written on; a longer
    /// one has its parameters one per line.
    static let lineLimit = 120

    /// Writes `prefix(a, b)suffix {`, the body one level in, then `}`; when
    /// that first line would be longer than ``lineLimit``, the parameters go
    /// one per line, one level in, and `)suffix {` on a line of its own.
    mutating func block(
        _ prefix: String, parameters: [String], suffix: String = "", _ body: (inout SwiftWriter) -> Void
    ) {
        let single = prefix + "(" + parameters.joined(separator: ", ") + ")" + suffix
        if parameters.isEmpty || 4 * indentation + single.utf8.count + 2 <= Self.lineLimit {
            block(single, body)
            return
        }
        line(prefix + "(")
        indentation += 1
        for (index, parameter) in parameters.enumerated() {
            line(parameter + (index == parameters.count - 1 ? "" : ","))
        }
        indentation -= 1
        line(")" + suffix + " {")
        indentation += 1
        body(&self)
        indentation -= 1
        line("}")
    }

    /// Writes `header {`, the cases at the header's own level (Swift's
    /// style for `switch`), then `}`.
    /// Writes `items` each followed by a comma, as many on a line as fit
    /// within ``lineLimit``.
    /// The lines are measured first and then written item by item, not
    /// built as strings: an enum's list of cases is one item per case.
    mutating func wrappedList(_ items: [String]) {
        var start = 0  // the first item of the line being measured
        var length = 0  // that line's length so far; 0 before its first item
        for (index, item) in items.enumerated() {
            let piece = item.utf8.count + 1  // the item and its comma
            if length == 0 {
                length = piece
            } else if 4 * indentation + length + 1 + piece <= Self.lineLimit {
                length += 1 + piece
            } else {
                listLine(items[start..<index])
                start = index
                length = piece
            }
        }
        if length > 0 { listLine(items[start...]) }
    }

    /// One line of ``wrappedList(_:)``: the items, each followed by a comma, a space between two.
    private mutating func listLine(_ items: ArraySlice<String>) {
        appendSpaces(4 * indentation)
        for (offset, item) in items.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: " ")) }
            append(item)
            bytes.append(UInt8(ascii: ","))
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Goes one level in, for what follows.
    mutating func indent() {
        indentation += 1
    }

    /// Writes what `body` writes one level in.
    mutating func indented(_ body: (inout SwiftWriter) -> Void) {
        indentation += 1
        body(&self)
        indentation -= 1
    }

    /// Writes `prefix(a, b)suffix` on one line, or, past ``lineLimit``,
    /// with its arguments one per line, as a person would wrap a call.
    mutating func call(_ prefix: String, arguments: [String], suffix: String = "") {
        let single = prefix + "(" + arguments.joined(separator: ", ") + ")" + suffix
        if arguments.count < 2 || 4 * indentation + single.utf8.count <= Self.lineLimit {
            line(single)
            return
        }
        line(prefix + "(")
        indentation += 1
        for (index, argument) in arguments.enumerated() {
            line(argument + (index == arguments.count - 1 ? "" : ","))
        }
        indentation -= 1
        line(")" + suffix)
    }

    mutating func switchBlock(_ header: String, _ body: (inout SwiftWriter) -> Void) {
        line(header + " {")
        body(&self)
        line("}")
    }

    /// `///` lines for a declaration's documentation.
    /// Paragraphs are written as they come, a `///` line between two, and
    /// an empty one is skipped.
    mutating func documentation(_ documentation: Documentation, extra: [String] = []) {
        var wroteParagraph = false
        if let summary = documentation.summary {
            paragraph(SwiftText.commentLines(summary), after: &wroteParagraph)
        }
        if let details = documentation.details, details != documentation.summary {
            paragraph(SwiftText.commentLines(details), after: &wroteParagraph)
        }
        paragraph(extra, after: &wroteParagraph)
    }

    private mutating func paragraph(_ lines: [String], after wroteParagraph: inout Bool) {
        guard !lines.isEmpty else { return }
        if wroteParagraph { line("///") }
        var state = CommentWrapping(width: Self.lineLimit - 4 * indentation - "/// ".utf8.count)
        for text in lines { commentLine(text, wrapping: &state) }
        wroteParagraph = true
    }

    /// Where a paragraph's wrapping stands: its width, whether a code fence
    /// is open, and where the text of the list item being read starts.
    struct CommentWrapping {
        var width: Int
        var inFence = false
        var itemIndent: Int?
    }

    /// Writes `text` as `///` lines, wrapped as ``SwiftText/wrapped(_:width:)``
    /// wraps it (`SwiftTextTests` compares the two), straight into the bytes:
    /// a paragraph's lines are most of what the generator writes, and making
    /// a `String` of each piece cost a fifth of a run's instructions.
    private mutating func commentLine(_ text: String, wrapping state: inout CommentWrapping) {
        var text = text
        text.withUTF8 { line in
            let space = UInt8(ascii: " ")
            var indent = 0
            while indent < line.count && line[indent] == space { indent += 1 }
            let trimmed = UnsafeBufferPointer(rebasing: line[indent...])
            func starts(_ prefix: StaticString) -> Bool {
                let count = prefix.utf8CodeUnitCount
                guard trimmed.count >= count else { return false }
                for offset in 0..<count where trimmed[offset] != prefix.utf8Start[offset] { return false }
                return true
            }
            let marker = SwiftText.listMarkerWidth(trimmed)
            if marker > 0 {
                state.itemIndent = indent + marker
            } else if !trimmed.isEmpty, let item = state.itemIndent, indent < item {
                state.itemIndent = nil
            }
            let isFence = starts("```") || starts("~~~")
            if isFence { state.inFence.toggle() }
            let isCode = indent >= (state.itemIndent ?? 0) + 4 && marker == 0
            appendSpaces(4 * indentation)
            bytes.append(contentsOf: "///".utf8)
            guard !line.isEmpty else {
                bytes.append(UInt8(ascii: "\n"))
                return
            }
            bytes.append(space)
            if state.inFence || isFence || line.count <= state.width || starts("|") || starts("#") || isCode {
                bytes.append(contentsOf: line)
                bytes.append(UInt8(ascii: "\n"))
                return
            }
            // Words joined by one space, a new line where the next would pass the width.
            bytes.append(contentsOf: line[..<indent])
            let continuation = indent + marker
            var column = indent
            var atStart = true
            var index = indent
            while index < line.count {
                if line[index] == space {
                    index += 1
                    continue
                }
                var end = index
                while end < line.count && line[end] != space { end += 1 }
                let length = end - index
                if atStart {
                    atStart = false
                } else if column + 1 + length <= state.width {
                    bytes.append(space)
                    column += 1
                } else {
                    bytes.append(UInt8(ascii: "\n"))
                    appendSpaces(4 * indentation)
                    bytes.append(contentsOf: "/// ".utf8)
                    appendSpaces(continuation)
                    column = continuation
                }
                bytes.append(contentsOf: line[index..<end])
                column += length
                index = end
            }
            bytes.append(UInt8(ascii: "\n"))
        }
    }
}
