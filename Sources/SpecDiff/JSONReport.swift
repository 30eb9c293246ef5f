import SpecParser

/// `--format json`: stable for machines (`"version": 1`; keys are added in
/// later releases, never removed or changed in meaning). The README
/// describes every key.
enum JSONReport {
    static func render(_ outcome: DiffOutcome) -> String {
        var summary: [String: JSONText] = [:]
        for severity in SpecChange.Severity.allCases {
            summary[severity.rawValue] = .integer(outcome.changes.filter { $0.severity == severity }.count)
        }
        summary["accepted"] = .integer(outcome.accepted.count)
        var report: [String: JSONText] = [
            "version": .integer(1),
            "summary": .object(summary),
            "changes": .array(outcome.changes.map { .object(members($0)) }),
            "accepted": .array(
                outcome.accepted.map { accepted in
                    var object = members(accepted.change)
                    object["reason"] = .string(accepted.reason)
                    object["acceptedAt"] = location(accepted.acceptedAt)
                    return .object(object)
                }),
            "specWarnings": .array(
                outcome.specWarnings.map { diagnostic in
                    .object([
                        "message": .string(diagnostic.message),
                        "severity": .string(diagnostic.severity.rawValue),
                        "location": location(diagnostic.location),
                    ])
                }),
        ]
        // Only with --swift-api: a review without it keeps the keys it always had.
        if let review = outcome.swiftAPI { report["swiftAPI"] = SwiftAPIReport.json(review) }
        return JSONText.object(report).pretty + "\n"
    }

    private static func location(_ location: SourceLocation?) -> JSONText {
        guard let location else { return .null }
        return .object([
            "file": .string(location.file), "line": .integer(location.line), "column": .integer(location.column),
        ])
    }

    /// The keys every change object has.
    private static func members(_ change: SpecChange) -> [String: JSONText] {
        [
            "id": .string(change.fingerprint),
            "rule": .string(change.rule),
            "severity": .string(change.severity.rawValue),
            "direction": .string(change.direction.rawValue),
            "operations": .array(change.operations.map(JSONText.string)),
            "pointer": .string(change.pointer),
            "message": .string(change.message),
            "note": change.note.map(JSONText.string) ?? .null,
            "old": location(change.oldLocation),
            "new": location(change.newLocation),
        ]
    }
}
