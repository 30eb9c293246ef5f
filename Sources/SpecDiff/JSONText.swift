/// A JSON value and its text, written the way the `json` report has always
/// been laid out: two-space indents, `"key" : value`, keys sorted, slashes
/// and non-ASCII text left as they are, empty containers on three lines.
/// The report is small and its shape fixed, so this is all the JSON it needs.
indirect enum JSONText: Equatable, Sendable {
    case null
    case integer(Int)
    case string(String)
    case array([JSONText])
    case object([String: JSONText])

    /// The value as indented text, without a final newline.
    var pretty: String {
        var text = ""
        write(into: &text, indent: "")
        return text
    }

    private func write(into text: inout String, indent: String) {
        switch self {
        case .null:
            text += "null"
        case .integer(let value):
            text += String(value)
        case .string(let value):
            Self.writeString(value, into: &text)
        case .array(let items):
            let inner = indent + "  "
            text += "[\n"
            for (index, item) in items.enumerated() {
                text += inner
                item.write(into: &text, indent: inner)
                text += index == items.count - 1 ? "\n" : ",\n"
            }
            if items.isEmpty { text += "\n" }
            text += indent + "]"
        case .object(let members):
            let inner = indent + "  "
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            text += "{\n"
            for (index, key) in keys.enumerated() {
                text += inner
                Self.writeString(key, into: &text)
                text += " : "
                members[key]!.write(into: &text, indent: inner)
                text += index == keys.count - 1 ? "\n" : ",\n"
            }
            if keys.isEmpty { text += "\n" }
            text += indent + "}"
        }
    }

    /// `value` in quotes, with `"`, `\` and the control characters escaped.
    private static func writeString(_ value: String, into text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
