import SpecParser

/// An ignore file (`diff --ignore FILE`): changes a review accepted, one
/// per line, each followed by its reason in free text. A line names a
/// change by its id, every change of a rule, or the changes of a rule (or
/// one change) on one operation:
///
/// ```text
/// # Accepted in the review of PR 123.
/// 3f9a0c2d41be  nobody reads this field; checked in the access logs
/// response-status-removed  error statuses are documented elsewhere
/// GET /pets/{id} parameter-removed  the parameter was never read
/// ```
///
/// Lines that start with `#` and blank lines are skipped. A line that is
/// none of these is a located error; an entry that accepts nothing is a
/// warning, so that stale entries are noticed.
public struct IgnoreList: Sendable {
    /// One accepted change, or kind of change.
    public struct Entry: Sendable {
        /// What an entry accepts.
        public enum Target: Sendable, Hashable {
            /// The change with this fingerprint.
            case change(String)
            /// Every change of this rule.
            case rule(String)
            /// The changes of this rule, or this fingerprint, on one operation (`GET /pets`).
            case onOperation(String, changeOrRule: String)
        }

        /// What the entry accepts.
        public var target: Target
        /// The free text after it.
        public var reason: String
        /// Where the entry is.
        public var location: SourceLocation
    }

    /// The entries in file order.
    public var entries: [Entry]

    /// A list of `entries`; none by default.
    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Reads an ignore file's text, named `file` in diagnostics.
    public static func read(_ text: String, file: String) -> (list: IgnoreList, diagnostics: Diagnostics) {
        var list = IgnoreList()
        var diagnostics = Diagnostics()
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let tokens = Self.tokens(of: line)
            guard let first = tokens.first, !first.text.hasPrefix("#") else { continue }
            let at = { (token: (text: Substring, column: Int)) in
                SourceLocation(file: file, line: offset + 1, column: token.column)
            }
            func reason(after index: Int) -> String {
                guard index + 1 < tokens.count else { return "" }
                let start = tokens[index + 1].column - 1
                return String(line.dropFirst(start)).trimmingTrailingSpaces
            }
            if HTTPMethod(rawValue: first.text.lowercased()) != nil, tokens.count > 1, tokens[1].text.hasPrefix("/") {
                let operation = "\(first.text.uppercased()) \(tokens[1].text)"
                guard tokens.count > 2, Self.isChangeOrRule(tokens[2].text) else {
                    diagnostics.error(
                        "after the operation '\(operation)', name a rule id or a change id (12 hex digits)",
                        at: tokens.count > 2 ? at(tokens[2]) : at(tokens[1]))
                    continue
                }
                list.entries.append(
                    Entry(
                        target: .onOperation(operation, changeOrRule: String(tokens[2].text)),
                        reason: reason(after: 2), location: at(first)))
            } else if ChangeFingerprint.isFingerprint(first.text) {
                list.entries.append(
                    Entry(target: .change(String(first.text)), reason: reason(after: 0), location: at(first)))
            } else if DiffRule.named(String(first.text)) != nil {
                list.entries.append(
                    Entry(target: .rule(String(first.text)), reason: reason(after: 0), location: at(first)))
            } else {
                diagnostics.error(
                    "'\(first.text)' is not a change id (12 hex digits), a rule id (diff --list-rules) or an "
                        + "operation (METHOD /path)",
                    at: at(first))
            }
        }
        return (list, diagnostics)
    }

    private static func isChangeOrRule(_ text: Substring) -> Bool {
        ChangeFingerprint.isFingerprint(text) || DiffRule.named(String(text)) != nil
    }

    /// The words of a line (runs of characters other than spaces and tabs), with their 1-based columns.
    private static func tokens(of line: Substring) -> [(text: Substring, column: Int)] {
        var tokens: [(text: Substring, column: Int)] = []
        var start: Substring.Index?
        var column = 1
        var startColumn = 1
        for index in line.indices {
            let isSpace = line[index] == " " || line[index] == "\t"
            if isSpace, let begun = start {
                tokens.append((line[begun..<index], startColumn))
                start = nil
            } else if !isSpace, start == nil {
                start = index
                startColumn = column
            }
            column += line[index].utf8.count
        }
        if let begun = start { tokens.append((line[begun...], startColumn)) }
        return tokens
    }

    /// Which operations of `change` the entry accepts: all of them, some, or none (nil).
    func accepts(_ entry: Entry, _ change: SpecChange) -> [String]? {
        switch entry.target {
        case .change(let fingerprint):
            return change.fingerprint == fingerprint ? change.operations : nil
        case .rule(let rule):
            return change.rule == rule ? change.operations : nil
        case .onOperation(let operation, let changeOrRule):
            guard change.rule == changeOrRule || change.fingerprint == changeOrRule else { return nil }
            let matching = change.operations.filter { Self.sameOperation($0, operation) }
            return matching.isEmpty ? nil : matching
        }
    }

    /// `GET /pets/{id}` is `GET /pets/{petId}`: the same method and path, whatever its parameters are called.
    private static func sameOperation(_ a: String, _ b: String) -> Bool {
        guard a != b else { return true }
        let (methodA, pathA) = (a.prefix { $0 != " " }, a.drop { $0 != " " }.dropFirst())
        let (methodB, pathB) = (b.prefix { $0 != " " }, b.drop { $0 != " " }.dropFirst())
        return methodA == methodB && PathItem.hierarchy(of: String(pathA)) == PathItem.hierarchy(of: String(pathB))
    }
}

extension String {
    /// The text without the spaces and tabs it ends with.
    var trimmingTrailingSpaces: String {
        var text = self
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
