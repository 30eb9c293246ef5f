/// `--format changelog`: the changes as a Markdown changelog entry, for a
/// pull-request comment or `CHANGELOG.md`. One section per operation, the
/// operations with breaking changes first (then those with warnings, then
/// the rest, each set in path order, changes to the whole API in their
/// place among them), breaking changes first within each.
enum ChangelogReport {
    static func render(_ outcome: DiffOutcome) -> String {
        var lines = ["## API changes", ""]
        guard !outcome.changes.isEmpty || !outcome.accepted.isEmpty || !outcome.specWarnings.isEmpty else {
            lines.append("No API changes.")
            if let review = outcome.swiftAPI { lines += [""] + SwiftAPIReport.changelog(review, outcome) }
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append(summary(outcome))
        let groups = DiffReport.byOperation(outcome.changes).enumerated().sorted { a, b in
            let worst = (a.element.changes.map(\.severity).max()!, b.element.changes.map(\.severity).max()!)
            return worst.0 != worst.1 ? worst.0 > worst.1 : a.offset < b.offset
        }.map(\.element)
        for group in groups {
            lines.append("")
            lines.append(group.operation == DiffReport.documentGroup ? "### The whole API" : "### `\(group.operation)`")
            lines.append("")
            for change in group.changes { lines.append(item(change)) }
        }
        if !outcome.accepted.isEmpty {
            lines += ["", "<details><summary>Accepted changes (\(outcome.accepted.count))</summary>", ""]
            for accepted in outcome.accepted {
                let operations =
                    accepted.change.operations.isEmpty
                    ? "" : " (" + accepted.change.operations.map(MarkdownReport.code).joined(separator: ", ") + ")"
                lines.append(
                    "- \(MarkdownReport.cell(accepted.change.message))\(operations)"
                        + (accepted.reason.isEmpty ? "" : ": \(MarkdownReport.cell(accepted.reason))")
                        + " <sub>\(MarkdownReport.code(accepted.change.rule)) · "
                        + "\(MarkdownReport.code(accepted.change.fingerprint))</sub>"
                )
            }
            lines += ["", "</details>"]
        }
        if !outcome.specWarnings.isEmpty {
            lines += ["", "### Compared despite these problems in the specs", ""]
            for diagnostic in outcome.specWarnings { lines.append("- \(MarkdownReport.code(diagnostic.description))") }
        }
        if let review = outcome.swiftAPI { lines += [""] + SwiftAPIReport.changelog(review, outcome) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func summary(_ outcome: DiffOutcome) -> String {
        let counts = SpecChange.Severity.allCases.map { severity in
            (severity, outcome.changes.filter { $0.severity == severity }.count)
        }
        var parts = counts.map { "\($0.1) \($0.0.rawValue)" }
        if !outcome.accepted.isEmpty { parts.append("\(outcome.accepted.count) accepted") }
        return "**" + parts.joined(separator: ", ") + "**"
    }

    private static func item(_ change: SpecChange) -> String {
        let label: String =
            switch change.severity {
            case .breaking: "🔴 **Breaking:**"
            case .warning: "🟡 Warning:"
            case .info: "🔵"
            }
        let side = change.direction == .both ? "" : " (\(change.direction.rawValue))"
        let note = change.note.map { " — \(MarkdownReport.cell($0))" } ?? ""
        return
            "- \(label) \(MarkdownReport.cell(change.message))\(side)\(note) "
            + "<sub>\(MarkdownReport.code(change.rule)) · \(MarkdownReport.code(change.fingerprint))</sub>"
    }
}
