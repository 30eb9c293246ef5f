import SpecParser

/// A team's review policy over the catalog: a severity per rule where it
/// grades differently (or `off`, not reported at all), and the changes it
/// accepted (``IgnoreList``).
public struct DiffPolicy: Sendable {
    /// What a rule's changes are reported as.
    public enum Level: Sendable, Hashable {
        /// Always this severity.
        case severity(SpecChange.Severity)
        /// Not reported.
        case off

        /// `breaking`, `warning`, `info` or `off`.
        public init?(_ text: String) {
            if text == "off" {
                self = .off
            } else if let severity = SpecChange.Severity(rawValue: text) {
                self = .severity(severity)
            } else {
                return nil
            }
        }
    }

    /// The level of each rule that has one, by rule id.
    public var levels: [String: Level]
    /// Where the levels come from, for the note of a change they regrade (`.specdiff.yml`).
    public var levelsSource: String
    /// The accepted changes.
    public var ignore: IgnoreList

    /// A policy of these levels and accepted changes; none by default.
    public init(levels: [String: Level] = [:], levelsSource: String = "the config", ignore: IgnoreList = IgnoreList()) {
        self.levels = levels
        self.levelsSource = levelsSource
        self.ignore = ignore
    }

    /// The outcome with the levels applied, then the accepted changes taken
    /// out (an entry that accepts some of a change's operations takes out
    /// those, and the change stays for the others); with a warning for each
    /// entry that accepted nothing.
    public func apply(to outcome: DiffOutcome) -> (outcome: DiffOutcome, diagnostics: Diagnostics) {
        var result = outcome
        result.changes = []
        var used = Set<Int>()
        for var change in outcome.changes {
            switch levels[change.rule] {
            case .off?:
                continue
            case .severity(let severity)?:
                change = change.graded(severity, because: "severity set by \(levelsSource)")
            case nil:
                break
            }
            var wasAccepted = false
            for (index, entry) in ignore.entries.enumerated() {
                guard let operations = ignore.accepts(entry, change) else { continue }
                used.insert(index)
                wasAccepted = true
                var accepted = change
                accepted.operations = operations
                result.accepted.append(
                    AcceptedChange(change: accepted, reason: entry.reason, acceptedAt: entry.location))
                change.operations.removeAll { operations.contains($0) }
                if change.operations.isEmpty { break }
            }
            // A change accepted for every operation it reaches (or for the document) is not reported.
            if wasAccepted && change.operations.isEmpty { continue }
            result.changes.append(change)
        }
        var diagnostics = Diagnostics()
        for (index, entry) in ignore.entries.enumerated() where !used.contains(index) {
            diagnostics.warning(
                "this entry accepts no change of this comparison; the change may be gone, or changed (and with it "
                    + "its id)",
                at: entry.location)
        }
        return (result, diagnostics)
    }
}
