import SpecParser

/// One difference between two versions of an API description that matters to
/// a caller: what changed, how much it can hurt, on which side, and where.
public struct SpecChange: Hashable, Sendable {
    /// How much a change can hurt a caller.
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        /// A caller of the API or of the generated client can fail.
        case breaking
        /// It may change behaviour.
        case warning
        /// Worth knowing; nothing fails.
        case info

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .breaking: 2
            }
        }

        /// Info before warning before breaking.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The side of an exchange a change is on.
    public enum Direction: String, Sendable, Hashable {
        /// What a caller sends.
        case request
        /// What a caller receives.
        case response
        /// Both sides (an operation, a server, a security requirement).
        case both
    }

    /// A stable identifier of the rule, such as `request-property-became-required`.
    public var rule: String
    /// How much it can hurt, after the review's policies (``note`` says when one applied).
    public var severity: Severity
    /// The side it is on.
    public var direction: Direction
    /// The operations affected, as `METHOD /path`; empty for document-wide changes.
    public var operations: [String]
    /// The JSON pointer of the changed element (in NEW, or in OLD if it is gone).
    public var pointer: String
    /// Where the element is in OLD (for an addition, the place that holds it).
    public var oldLocation: SourceLocation?
    /// Where the element is in NEW (for a removal, the place that held it).
    public var newLocation: SourceLocation?
    /// What changed, in a sentence.
    public var message: String
    /// Why its severity is what it is, when a policy decided it rather than
    /// the rule alone (a deprecation, `x-stability-level`, an override).
    public var note: String?

    /// A change as the comparer reports it.
    public init(
        rule: String, severity: Severity, direction: Direction, operations: [String], pointer: String,
        oldLocation: SourceLocation?, newLocation: SourceLocation?, message: String, note: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.direction = direction
        self.operations = operations
        self.pointer = pointer
        self.oldLocation = oldLocation
        self.newLocation = newLocation
        self.message = message
        self.note = note
    }

    /// The change's stable id: 12 hex digits derived from its rule, side,
    /// pointer and message, never from a line number, an operation list, a
    /// severity or a date, so that the same change has the same id in the
    /// next commit's report, in every format, and an ignore file that names
    /// it keeps accepting it.
    public var fingerprint: String {
        ChangeFingerprint.of(rule: rule, direction: direction.rawValue, pointer: pointer, message: message)
    }

    /// Where a reader looks for the change: NEW, or OLD when it is gone from NEW.
    public var primaryLocation: SourceLocation? {
        isRemoval ? oldLocation ?? newLocation : newLocation ?? oldLocation
    }

    /// Whether the element at ``pointer`` is gone from NEW, so that its place is in OLD.
    public var isRemoval: Bool {
        DiffRule.named(rule)?.removesItsElement ?? false
    }

    /// The change with `severity` and a note saying why.
    func graded(_ severity: Severity, because reason: String) -> SpecChange {
        var copy = self
        if copy.severity != severity {
            copy.severity = severity
            copy.note = [copy.note, reason].compactMap { $0 }.joined(separator: "; ")
        }
        return copy
    }
}
