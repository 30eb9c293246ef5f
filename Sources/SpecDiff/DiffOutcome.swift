import SpecParser

/// What a review of two descriptions found: the changes it reports, those
/// an ignore file accepted, and what is wrong in the descriptions but did
/// not stop them being compared. ``DiffReport`` renders it in each format.
///
/// Each kind of finding is a section of its own, so that a review can gain
/// one (the generated Swift API's changes, say) without the others changing.
public struct DiffOutcome: Sendable {
    /// The changes reported, after the review's policies, sorted by operation, pointer and rule.
    public var changes: [SpecChange]
    /// The changes an ignore file accepted, each with its reason.
    public var accepted: [AcceptedChange]
    /// Problems in OLD or NEW that did not stop the comparison: the spec's
    /// errors (reported as warnings), and extension values that are ignored.
    public var specWarnings: [Diagnostic]
    /// What the changes do to the public API of the generated Swift client,
    /// when that was asked for (`diff --swift-api`).
    public var swiftAPI: SwiftAPIReview?

    /// An outcome of these findings.
    public init(
        changes: [SpecChange], accepted: [AcceptedChange] = [], specWarnings: [Diagnostic] = [],
        swiftAPI: SwiftAPIReview? = nil
    ) {
        self.changes = changes
        self.accepted = accepted
        self.specWarnings = specWarnings
        self.swiftAPI = swiftAPI
    }

    /// Whether a reported change is of `threshold` or worse.
    public func fails(at threshold: SpecChange.Severity) -> Bool {
        changes.contains { $0.severity >= threshold }
    }
}

/// A change an ignore file accepted.
public struct AcceptedChange: Sendable, Hashable {
    /// The change, with the operations the acceptance covers.
    public var change: SpecChange
    /// The reason the ignore file gives (may be empty).
    public var reason: String
    /// The line of the ignore file that accepted it.
    public var acceptedAt: SourceLocation

    /// An acceptance of `change` for `reason`, by the line at `acceptedAt`.
    public init(change: SpecChange, reason: String, acceptedAt: SourceLocation) {
        self.change = change
        self.reason = reason
        self.acceptedAt = acceptedAt
    }
}
