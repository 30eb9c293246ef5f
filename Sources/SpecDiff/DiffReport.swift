#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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

    private struct JSONReport: Encodable {
        struct Location: Encodable {
            var file: String
            var line: Int
            var column: Int
        }

        struct Change: Encodable {
            var rule: String
            var severity: String
            var direction: String
            var operations: [String]
            var pointer: String
            var message: String
            var old: Location?
            var new: Location?

            func encode(to encoder: any Encoder) throws {
                enum Keys: String, CodingKey { case rule, severity, direction, operations, pointer, message, old, new }
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(rule, forKey: .rule)
                try container.encode(severity, forKey: .severity)
                try container.encode(direction, forKey: .direction)
                try container.encode(operations, forKey: .operations)
                try container.encode(pointer, forKey: .pointer)
                try container.encode(message, forKey: .message)
                try container.encode(old, forKey: .old)
                try container.encode(new, forKey: .new)
            }
        }

        var version = 1
        var summary: [String: Int]
        var changes: [Change]
    }

    static func json(_ changes: [SpecChange]) -> String {
        func location(_ location: SourceLocation?) -> JSONReport.Location? {
            location.map { JSONReport.Location(file: $0.file, line: $0.line, column: $0.column) }
        }
        var summary: [String: Int] = [:]
        for severity in SpecChange.Severity.allCases {
            summary[severity.rawValue] = changes.filter { $0.severity == severity }.count
        }
        let report = JSONReport(summary: summary, changes: changes.map {
            JSONReport.Change(rule: $0.rule, severity: $0.severity.rawValue, direction: $0.direction.rawValue,
                              operations: $0.operations, pointer: $0.pointer, message: $0.message,
                              old: location($0.oldLocation), new: location($0.newLocation))
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// `text` cut or filled with spaces to exactly `width` characters.
private func padded(_ text: String, to width: Int) -> String {
    let cut = text.prefix(width)
    return cut + String(repeating: " ", count: width - cut.count)
}
