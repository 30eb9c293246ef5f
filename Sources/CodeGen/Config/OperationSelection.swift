import SpecParser

/// The operations a client is generated for, and through them the types:
/// someone who calls five endpoints of a large API compiles those five and
/// the types they reach, not the whole API. Empty selects everything.
///
/// An operation is selected when any entry selects it: its `operationId`, one
/// of its tags, or its path matching a pattern, where `*` stands for any
/// run of characters (`/v1/customers*`). An entry that selects nothing is
/// a located warning.
public struct OperationSelection: Sendable, Hashable {
    /// One way of selecting, as written, and where (for warnings).
    public struct Entry: Sendable, Hashable {
        public var value: String
        public var location: SourceLocation?

        public init(_ value: String, location: SourceLocation? = nil) {
            self.value = value
            self.location = location
        }
    }

    public var operationIds: [Entry]
    public var tags: [Entry]
    /// Path patterns; `*` matches any run of characters.
    public var paths: [Entry]

    public init(operationIds: [Entry] = [], tags: [Entry] = [], paths: [Entry] = []) {
        self.operationIds = operationIds
        self.tags = tags
        self.paths = paths
    }

    public var isEmpty: Bool { operationIds.isEmpty && tags.isEmpty && paths.isEmpty }

    /// Whether the operation is selected.
    public func selects(_ operation: Operation) -> Bool {
        isEmpty || matchingEntries(operation).isEmpty == false
    }

    /// The entries that select `operation`.
    func matchingEntries(_ operation: Operation) -> [Entry] {
        operationIds.filter { $0.value == operation.operationId }
            + tags.filter { operation.tags.contains($0.value) }
            + paths.filter { Self.matches(pattern: $0.value, operation.path) }
    }

    /// Whether `path` matches `pattern`, whose `*` stand for any run of characters.
    static func matches(pattern: String, _ path: String) -> Bool {
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
        guard pieces.count > 1 else { return pattern == path }
        var rest = Substring(path)
        guard rest.hasPrefix(pieces[0]) else { return false }
        rest = rest.dropFirst(pieces[0].count)
        for (index, piece) in pieces.enumerated().dropFirst() {
            if index == pieces.count - 1 { return piece.isEmpty || rest.hasSuffix(piece) }
            guard let found = rest.firstRange(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}
