/// The catalog as text: for `diff --list-rules`, and the README's table.
extension DiffRule {
    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// The severities as the listing and the README write them: `breaking/info`.
    public var severityList: String {
        severities.map(\.rawValue).joined(separator: "/")
    }

    /// The catalog as a table: id, severities, side, summary; one line each.
    public static func listing() -> String {
        let width = all.map(\.id.count).max() ?? 0
        let severityWidth = all.map(\.severityList.count).max() ?? 0
        return all.map { rule in
            padded(rule.id, width) + "  " + padded(rule.severityList, severityWidth) + "  "
                + padded(rule.side.rawValue, 8) + "  " + rule.summary
        }.joined(separator: "\n") + "\n"
    }

    /// The catalog as the README's Markdown table, with each rule's reasoning.
    public static func markdownTable() -> String {
        var lines = ["| Rule | Severity | Side | What it reports | Why |", "| --- | --- | --- | --- | --- |"]
        for rule in all {
            lines.append(
                "| `\(rule.id)` | \(rule.severityList) | \(rule.side.rawValue) | \(rule.summary) | \(rule.reasoning) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
