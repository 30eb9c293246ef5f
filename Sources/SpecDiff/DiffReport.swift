import SpecParser

/// Renders changes for a terminal (`text`), a pull-request comment
/// (`markdown`) or a machine (`json`, stable and documented in the README).
public enum DiffReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, json
    }

    public static func render(_ changes: [SpecChange], format: Format) -> String {
        switch format {
        case .text: text(changes)
        case .markdown: markdown(changes)
        case .json: json(changes)
        }
    }

    static func counts(_ changes: [SpecChange]) -> String {
        SpecChange.Severity.allCases.map { severity in
            "\(changes.filter { $0.severity == severity }.count) \(severity.rawValue)"
        }.joined(separator: ", ")
    }

    private static func place(_ change: SpecChange) -> String {
        let old = change.oldLocation.map { "old \($0)" }
        let new = change.newLocation.map { "new \($0)" }
        return [old, new].compactMap { $0 }.joined(separator: ", ")
    }

    // MARK: - Text

    /// Grouped by operation; document-wide changes first.
    static func text(_ changes: [SpecChange]) -> String {
        guard !changes.isEmpty else { return "No API changes.\n" }
        var groups: [String: [SpecChange]] = [:]
        for change in changes {
            for operation in change.operations.isEmpty ? ["(document)"] : change.operations {
                groups[operation, default: []].append(change)
            }
        }
        var lines: [String] = []
        for operation in groups.keys.sorted(by: { ($0 == "(document)" ? "" : $0) < ($1 == "(document)" ? "" : $1) }) {
            lines.append(operation)
            for change in groups[operation]!.sorted(by: { ($1.severity, $0.pointer) < ($0.severity, $1.pointer) }) {
                let severity = padded(change.severity.rawValue, to: 8)
                let direction = padded(change.direction.rawValue, to: 8)
                lines.append("  \(severity) \(direction) \(change.message) [\(change.rule)]")
                lines.append("           \(change.pointer)  (\(place(change)))")
            }
            lines.append("")
        }
        lines.append("API changes: \(counts(changes))")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Markdown

    static func markdown(_ changes: [SpecChange]) -> String {
        var lines = ["**API changes:** \(counts(changes))", ""]
        guard !changes.isEmpty else { return lines.joined(separator: "\n") + "\n" }
        lines.append("| Severity | Operation | Direction | Change | Rule | Where |")
        lines.append("| --- | --- | --- | --- | --- | --- |")
        func cell(_ text: String) -> String {
            text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
                .replacing("|", with: "\\|")
        }
        func code(_ text: String) -> String {
            text.isEmpty ? "" : "`" + cell(text).replacing("`", with: "'") + "`"
        }
        let icons: [SpecChange.Severity: String] = [.breaking: "🔴 breaking", .warning: "🟡 warning", .info: "🔵 info"]
        for change in changes.sorted(by: { ($1.severity, $0.operations.first ?? "") < ($0.severity, $1.operations.first ?? "") }) {
            let operations = change.operations.isEmpty ? "(document)" : change.operations.map(code).joined(separator: "<br>")
            lines.append("| \(icons[change.severity]!) | \(operations) | \(change.direction.rawValue) | \(cell(change.message)) | \(code(change.rule)) | \(code(change.pointer))<br>\(cell(place(change))) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - JSON

    static func json(_ changes: [SpecChange]) -> String {
        func location(_ location: SourceLocation?) -> JSONText {
            guard let location else { return .null }
            return .object(["file": .string(location.file), "line": .integer(location.line), "column": .integer(location.column)])
        }
        var summary: [String: JSONText] = [:]
        for severity in SpecChange.Severity.allCases {
            summary[severity.rawValue] = .integer(changes.filter { $0.severity == severity }.count)
        }
        let report = JSONText.object([
            "version": .integer(1),
            "summary": .object(summary),
            "changes": .array(changes.map { change in
                .object([
                    "rule": .string(change.rule),
                    "severity": .string(change.severity.rawValue),
                    "direction": .string(change.direction.rawValue),
                    "operations": .array(change.operations.map(JSONText.string)),
                    "pointer": .string(change.pointer),
                    "message": .string(change.message),
                    "old": location(change.oldLocation),
                    "new": location(change.newLocation),
                ])
            }),
        ])
        return report.pretty + "\n"
    }
}

/// `text` cut or filled with spaces to exactly `width` characters.
private func padded(_ text: String, to width: Int) -> String {
    let cut = text.prefix(width)
    return cut + String(repeating: " ", count: width - cut.count)
}
