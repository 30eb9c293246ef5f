import SpecParser

/// `--format text`: for a terminal. Changes grouped by operation,
/// document-wide ones first, each with its pointer, places and id; then the
/// accepted changes and the specs' warnings; then the counts.
enum TextReport {
    static func render(_ outcome: DiffOutcome) -> String {
        var lines: [String] = []
        if outcome.changes.isEmpty {
            lines.append("No API changes.")
        } else {
            for group in DiffReport.byOperation(outcome.changes) {
                lines.append(group.operation)
                for change in group.changes { lines += Self.lines(change) }
                lines.append("")
            }
        }
        if !outcome.accepted.isEmpty {
            if outcome.changes.isEmpty { lines.append("") }
            lines.append("Accepted (\(outcome.accepted.count)):")
            for accepted in outcome.accepted {
                lines += Self.lines(accepted.change)
                let operations =
                    accepted.change.operations.isEmpty
                    ? "" : " for \(accepted.change.operations.joined(separator: ", "))"
                lines.append(
                    "           accepted\(operations) at \(accepted.acceptedAt)"
                        + (accepted.reason.isEmpty ? "" : ": \(accepted.reason)"))
            }
            lines.append("")
        }
        if !outcome.specWarnings.isEmpty {
            if outcome.changes.isEmpty && outcome.accepted.isEmpty { lines.append("") }
            lines.append("Compared despite these problems in the specs:")
            for diagnostic in outcome.specWarnings { lines.append("  " + diagnostic.description) }
            lines.append("")
        }
        if !outcome.changes.isEmpty {
            lines.append(
                "API changes: \(DiffReport.counts(outcome.changes))"
                    + (outcome.accepted.isEmpty ? "" : " (\(outcome.accepted.count) accepted)"))
        } else if lines.last == "" {
            lines.removeLast()
        }
        if let review = outcome.swiftAPI {
            lines.append("")
            lines += SwiftAPIReport.text(review, outcome)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func lines(_ change: SpecChange) -> [String] {
        let severity = padded(change.severity.rawValue, to: 8)
        let direction = padded(change.direction.rawValue, to: 8)
        var lines = [
            "  \(severity) \(direction) \(change.message) [\(change.rule)]",
            "           \(change.pointer)  (\(DiffReport.place(change)))  id \(change.fingerprint)",
        ]
        if let note = change.note { lines.append("           note: \(note)") }
        return lines
    }
}

/// `text` cut or filled with spaces to exactly `width` characters.
private func padded(_ text: String, to width: Int) -> String {
    let cut = text.prefix(width)
    return cut + String(repeating: " ", count: width - cut.count)
}
