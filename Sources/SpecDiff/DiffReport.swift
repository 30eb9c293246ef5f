import SpecParser

/// Renders a review for a terminal (`text`), a pull-request comment
/// (`markdown`, a table; `changelog`, grouped by operation), a machine
/// (`json`, stable and documented in the README) or GitHub Actions
/// (`github`, workflow commands that annotate the spec's lines).
public enum DiffReport {
    /// The formats of `diff --format`.
    public enum Format: String, Sendable, CaseIterable {
        /// For a terminal: grouped by operation, with pointers, places and ids.
        case text
        /// A summary line and a table, for a pull-request comment.
        case markdown
        /// Markdown grouped by operation, breaking first, for a comment or `CHANGELOG.md`.
        case changelog
        /// Stable JSON for machines (`"version": 1`).
        case json
        /// GitHub Actions workflow commands that annotate the spec's lines.
        case github
    }

    /// The changes alone, rendered in `format`.
    public static func render(_ changes: [SpecChange], format: Format) -> String {
        render(DiffOutcome(changes: changes), format: format)
    }

    /// A whole review, rendered in `format`.
    public static func render(_ outcome: DiffOutcome, format: Format) -> String {
        switch format {
        case .text: TextReport.render(outcome)
        case .markdown: MarkdownReport.render(outcome)
        case .changelog: ChangelogReport.render(outcome)
        case .json: JSONReport.render(outcome)
        case .github: GitHubReport.render(outcome)
        }
    }

    /// `1 breaking, 0 warning, 2 info`.
    static func counts(_ changes: [SpecChange]) -> String {
        SpecChange.Severity.allCases.map { severity in
            "\(changes.filter { $0.severity == severity }.count) \(severity.rawValue)"
        }.joined(separator: ", ")
    }

    /// `old old.yml:3:5, new new.yml:4:5`.
    static func place(_ change: SpecChange) -> String {
        let old = change.oldLocation.map { "old \($0)" }
        let new = change.newLocation.map { "new \($0)" }
        return [old, new].compactMap { $0 }.joined(separator: ", ")
    }

    /// The heading of document-wide changes.
    static let documentGroup = "(document)"

    /// The changes grouped by operation (a change of several operations in
    /// each), document-wide changes first, then operations in order.
    static func byOperation(_ changes: [SpecChange]) -> [(operation: String, changes: [SpecChange])] {
        var groups: [String: [SpecChange]] = [:]
        for change in changes {
            for operation in change.operations.isEmpty ? [documentGroup] : change.operations {
                groups[operation, default: []].append(change)
            }
        }
        return groups.keys.sorted { ($0 == documentGroup ? "" : $0) < ($1 == documentGroup ? "" : $1) }.map {
            operation in
            (operation, groups[operation]!.sorted { ($1.severity, $0.pointer) < ($0.severity, $1.pointer) })
        }
    }
}
