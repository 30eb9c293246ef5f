/// `--format markdown`: a summary line and one table of every change, worst
/// first, for a pull-request comment; accepted changes and the specs'
/// warnings below it.
enum MarkdownReport {
    static let icons: [SpecChange.Severity: String] = [
        .breaking: "🔴 breaking", .warning: "🟡 warning", .info: "🔵 info",
    ]

    static func render(_ outcome: DiffOutcome) -> String {
        let changes = outcome.changes
        var lines = [
            "**API changes:** \(DiffReport.counts(changes))"
                + (outcome.accepted.isEmpty ? "" : " (\(outcome.accepted.count) accepted)"), "",
        ]
        if !changes.isEmpty {
            lines.append("| Severity | Operation | Direction | Change | Rule | Where |")
            lines.append("| --- | --- | --- | --- | --- | --- |")
            for change in changes.sorted(by: {
                ($1.severity, $0.operations.first ?? "") < ($0.severity, $1.operations.first ?? "")
            }) {
                let operations =
                    change.operations.isEmpty
                    ? DiffReport.documentGroup : change.operations.map(code).joined(separator: "<br>")
                let message = cell(change.message) + (change.note.map { "<br><sub>\(cell($0))</sub>" } ?? "")
                lines.append(
                    "| \(icons[change.severity]!) | \(operations) | \(change.direction.rawValue) | \(message) | "
                        + "\(code(change.rule)) \(code(change.fingerprint)) | "
                        + "\(code(change.pointer))<br>\(cell(DiffReport.place(change))) |"
                )
            }
        }
        if !outcome.accepted.isEmpty {
            if lines.last != "" { lines.append("") }
            lines.append("<details><summary>Accepted changes (\(outcome.accepted.count))</summary>")
            lines.append("")
            for accepted in outcome.accepted {
                let operations =
                    accepted.change.operations.isEmpty
                    ? "" : " (" + accepted.change.operations.map(code).joined(separator: ", ") + ")"
                lines.append(
                    "- \(cell(accepted.change.message))\(operations) \(code(accepted.change.rule)) "
                        + "\(code(accepted.change.fingerprint))"
                        + (accepted.reason.isEmpty ? "" : ": \(cell(accepted.reason))"))
            }
            lines.append("")
            lines.append("</details>")
        }
        if !outcome.specWarnings.isEmpty {
            if lines.last != "" { lines.append("") }
            lines.append("**Compared despite these problems in the specs:**")
            lines.append("")
            for diagnostic in outcome.specWarnings { lines.append("- \(code(diagnostic.description))") }
        }
        if let review = outcome.swiftAPI {
            if lines.last != "" { lines.append("") }
            lines += SwiftAPIReport.markdown(review, outcome)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text for a table cell: one line, its pipes escaped.
    static func cell(_ text: String) -> String {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
            .replacing("|", with: "\\|")
    }

    /// Text as inline code, on one line.
    static func code(_ text: String) -> String {
        text.isEmpty ? "" : "`" + cell(text).replacing("`", with: "'") + "`"
    }
}
