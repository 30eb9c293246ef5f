/// Writing spec text into Swift source safely: whatever a description or an
/// enum value holds, it stays inside its comment or its string literal.
public enum SwiftText {
    /// A string literal holding exactly `value`.
    public static func literal(_ value: String) -> String {
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
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || isBidiControl(scalar) {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Lines of prose fit for `///` comments: split at every kind of line
    /// break, control characters removed, trailing spaces trimmed, runs of
    /// blank lines collapsed, and no leading or trailing blank line.
    public static func commentLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r":
                break
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(current)
                current = ""
            case "\t":
                current += "    "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || isBidiControl(scalar) {
                    break
                }
                current.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        lines.append(current)
        var result: [String] = []
        for line in lines {
            var trimmed = line
            while trimmed.last == " " { trimmed.removeLast() }
            if trimmed.isEmpty && (result.isEmpty || result.last == "") { continue }
            result.append(trimmed)
        }
        while result.last == "" { result.removeLast() }
        return result
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
    private(set) var text = ""
    private var indentation = 0

    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: indentation) + content + "\n"
        }
    }

    /// Writes `header {`, the body one level in, then `}`.
    mutating func block(_ header: String, closing: String = "}", _ body: (inout SwiftWriter) -> Void) {
        line(header + " {")
        indentation += 1
        body(&self)
        indentation -= 1
        line(closing)
    }

    /// Writes `header {`, the cases at the header's own level (Swift's
    /// style for `switch`), then `}`.
    mutating func switchBlock(_ header: String, _ body: (inout SwiftWriter) -> Void) {
        line(header + " {")
        body(&self)
        line("}")
    }

    /// `///` lines for a declaration's documentation.
    mutating func documentation(_ documentation: Documentation, extra: [String] = []) {
        var paragraphs: [[String]] = []
        if let summary = documentation.summary { paragraphs.append(SwiftText.commentLines(summary)) }
        if let details = documentation.details, details != documentation.summary {
            paragraphs.append(SwiftText.commentLines(details))
        }
        if !extra.isEmpty { paragraphs.append(extra) }
        let nonEmpty = paragraphs.filter { !$0.isEmpty }
        for (index, paragraph) in nonEmpty.enumerated() {
            if index > 0 { line("///") }
            for text in paragraph { line(text.isEmpty ? "///" : "/// " + text) }
        }
    }
}
