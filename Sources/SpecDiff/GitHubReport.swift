import SpecParser

/// `--format github`: one GitHub Actions workflow command per change, which
/// annotates the spec's line in the pull request: `::error` for breaking,
/// `::warning` for a warning, `::notice` for info. The line is where the
/// change is in NEW, or in OLD for something removed; a file read from git
/// (`HEAD~1:spec/api.yml`) is named by its path. The specs' own problems
/// are warnings on their lines; the counts close the log.
enum GitHubReport {
    static func render(_ outcome: DiffOutcome) -> String {
        var lines: [String] = []
        for change in outcome.changes {
            let command =
                switch change.severity {
                case .breaking: "error"
                case .warning: "warning"
                case .info: "notice"
                }
            let operations = change.operations.isEmpty ? "" : " (\(change.operations.joined(separator: ", ")))"
            let note = change.note.map { " (\($0))" } ?? ""
            lines.append(
                "::\(command) \(properties(change.primaryLocation, title: "\(change.rule)\(operations)"))::"
                    + escapeData("\(change.message)\(note) [\(change.fingerprint)]"))
        }
        for diagnostic in outcome.specWarnings {
            lines.append(
                "::warning \(properties(diagnostic.location, title: "spec \(diagnostic.severity.rawValue)"))::"
                    + escapeData(diagnostic.message))
        }
        lines.append(
            "API changes: \(DiffReport.counts(outcome.changes))"
                + (outcome.accepted.isEmpty ? "" : " (\(outcome.accepted.count) accepted)"))
        if let review = outcome.swiftAPI { lines += SwiftAPIReport.github(review, outcome) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func properties(_ location: SourceLocation?, title: String) -> String {
        var parts: [String] = []
        if let location {
            parts.append("file=" + escapeProperty(repositoryPath(location.file)))
            parts.append("line=\(location.line)")
            parts.append("col=\(location.column)")
        }
        parts.append("title=" + escapeProperty(title))
        return parts.joined(separator: ",")
    }

    /// The path in the repository of a file named `REV:path` (read through git), or the path as it is.
    static func repositoryPath(_ file: String) -> String {
        guard !file.hasPrefix("/"), let colon = file.firstIndex(of: ":") else { return file }
        return String(file[file.index(after: colon)...])
    }

    /// A command's message: `%`, CR and LF escaped, as the runner reads them.
    static func escapeData(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    /// A property's value: also `:` and `,`, which end it.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
