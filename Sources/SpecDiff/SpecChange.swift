import SpecParser

/// One difference between two versions of an API description that matters to
/// a caller: what changed, how much it can hurt, on which side, and where.
public struct SpecChange: Hashable, Sendable {
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

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public enum Direction: String, Sendable, Hashable {
        case request, response
        /// Both sides (an operation, a server, a security requirement).
        case both
    }

    /// A stable identifier of the rule, such as `request-property-became-required`.
    public var rule: String
    public var severity: Severity
    public var direction: Direction
    /// The operations affected, as `METHOD /path`; empty for document-wide changes.
    public var operations: [String]
    /// The JSON pointer of the changed element (in NEW, or in OLD if it is gone).
    public var pointer: String
    public var oldLocation: SourceLocation?
    public var newLocation: SourceLocation?
    /// What changed, in a sentence.
    public var message: String

    public init(
        rule: String, severity: Severity, direction: Direction, operations: [String], pointer: String,
        oldLocation: SourceLocation?, newLocation: SourceLocation?, message: String
    ) {
        self.rule = rule
        self.severity = severity
        self.direction = direction
        self.operations = operations
        self.pointer = pointer
        self.oldLocation = oldLocation
        self.newLocation = newLocation
        self.message = message
    }
}
