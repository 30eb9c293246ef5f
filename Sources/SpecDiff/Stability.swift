import SpecParser

/// `x-stability-level` on an operation, least stable first. Draft and alpha
/// operations promise nothing yet: changes that reach only them are info.
enum StabilityLevel: Int, Comparable, CustomStringConvertible {
    case draft, alpha, beta, stable

    init?(_ text: String) {
        switch text {
        case "draft": self = .draft
        case "alpha": self = .alpha
        case "beta": self = .beta
        case "stable": self = .stable
        default: return nil
        }
    }

    var description: String {
        switch self {
        case .draft: "draft"
        case .alpha: "alpha"
        case .beta: "beta"
        case .stable: "stable"
        }
    }

    /// Whether changes to it break no promise.
    var isUnstable: Bool { self <= .alpha }

    static func < (lhs: StabilityLevel, rhs: StabilityLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension ComparisonRun {
    /// The operation's `x-stability-level`; one that is not a level is a warning, and counts as none.
    func stabilityLevel(of operation: Operation) -> StabilityLevel? {
        guard let node = operation.extensions["x-stability-level"] else { return nil }
        guard let text = node.scalar?.text, let level = StabilityLevel(text) else {
            warnings.warning(
                "x-stability-level must be draft, alpha, beta or stable; '\(node.scalar?.text ?? node.kindName)' is "
                    + "ignored",
                at: node.location)
            return nil
        }
        return level
    }

    /// `change` graded as info when every operation it reaches is draft or
    /// alpha (in NEW, or in OLD when gone from NEW); a lower stability level
    /// is still breaking, since that is the promise being broken.
    func gradeByStability(_ change: SpecChange, levels: [String: StabilityLevel]) -> SpecChange {
        guard change.rule != DiffRule.stabilityDecreased.id, change.severity != .info, !change.operations.isEmpty else {
            return change
        }
        let reached = change.operations.compactMap { levels[$0] }
        guard reached.count == change.operations.count, reached.allSatisfy(\.isUnstable) else { return change }
        let named = Set(reached.map(\.description)).sorted().joined(separator: " and ")
        return change.graded(
            .info, because: "x-stability-level \(named): changes to draft and alpha operations are info")
    }

    /// The stability level of every operation, by `METHOD /path`: NEW's, or OLD's for one gone from NEW.
    func stabilityLevels() -> [String: StabilityLevel] {
        var levels: [String: StabilityLevel] = [:]
        for operation in oldOperations {
            if let level = stabilityLevel(of: operation) { levels[Self.display(operation)] = level }
        }
        for operation in newOperations {
            levels[Self.display(operation)] = stabilityLevel(of: operation)
        }
        return levels
    }
}
