import SpecParser

/// Compares two OpenAPI documents on their meaning, not their text: key
/// order, quoting, prose and the three spellings of "nullable" change nothing.
public struct SpecComparer: Sendable {
    /// What a comparison reports, and the deprecation policy it grades by.
    public struct Options: Sendable {
        /// Report description and summary changes, as info.
        public var includeDocs: Bool
        /// The day `x-sunset` dates are judged on; nil for today (UTC).
        public var today: CalendarDate?
        /// The minimum deprecation period: with a value, a deprecation needs
        /// an `x-sunset` at least this many days after ``today``
        /// (`deprecation-period-too-short` otherwise).
        public var deprecationDays: Int?
        /// Whether the walk skips what both documents write the same (by
        /// the digests of their YAML); off only to test that fast path
        /// against the whole walk, which must find the same changes, or to
        /// walk a document compared with itself (the fuzzer does).
        public var skipsUnchanged = true

        /// Options with the given values; by default no docs, today, no minimum period.
        public init(includeDocs: Bool = false, today: CalendarDate? = nil, deprecationDays: Int? = nil) {
            self.includeDocs = includeDocs
            self.today = today
            self.deprecationDays = deprecationDays
        }
    }

    /// The options every comparison of this comparer uses.
    public var options: Options

    /// A comparer with `options`.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Every change from `old` to `new`, sorted by operation, pointer and rule.
    public func compare(old: OpenAPIDocument, new: OpenAPIDocument) -> [SpecChange] {
        review(old: old, new: new).changes
    }

    /// The changes from `old` to `new`, with the warnings the comparison
    /// found in the documents' extensions (an `x-sunset` that is not a date,
    /// an unknown `x-stability-level`). No ignore file or override applies
    /// yet: that is ``DiffPolicy``'s.
    public func review(old: OpenAPIDocument, new: OpenAPIDocument) -> DiffOutcome {
        let run = ComparisonRun(old: old, new: new, options: options)
        run.compareDocument()
        return DiffOutcome(changes: run.result(), specWarnings: run.warnings.sorted)
    }
}

/// The state of one comparison: the two documents, what was compared already
/// (shared schemas are walked once per direction) and the changes found.
final class ComparisonRun {
    let old: OpenAPIDocument
    let new: OpenAPIDocument
    let options: SpecComparer.Options
    let oldSchemas: [SchemaKey: NamedSchema]
    let newSchemas: [SchemaKey: NamedSchema]
    /// Components of OLD renamed in NEW (gone under one name, present under
    /// another with the same structure), by their key in OLD.
    let renamedComponents: [SchemaKey: NamedSchema]
    /// The day deprecations are judged on.
    let today: CalendarDate
    /// The components both documents write the same, which the walk skips.
    let unchangedSchemas: UnchangedSchemas
    /// Every operation of each, in document order (``OpenAPIDocument/operations`` gathers them anew each time).
    let oldOperations: [Operation]
    let newOperations: [Operation]
    /// Problems found in the documents' extensions, for the report.
    var warnings = Diagnostics()
    /// Changes by identity (rule, pointer, direction, message), in the order found.
    private var changes: [String: SpecChange] = [:]
    private var order: [String] = []
    /// The operations each change reaches, by identity: those it was found
    /// for, and at the end those that lead to the schema pair it was found in.
    private var reachedBy: [String: Set<String>] = [:]

    // The schema walk as a graph of the pairs compared (per direction, by visit
    // key): each pair's own changes, and the pairs under it. A pair is walked
    // once; every operation that leads to it gets, at the end, the changes of
    // every pair it leads on to. Recording edges rather than copying changes up
    // to every enclosing pair keeps a deep walk linear, and a cycle complete.

    /// The pairs walked so far, or being walked.
    private var walkedPairs = Set<String>()
    /// Each pair's own changes (not those of the pairs under it).
    private var pairChanges: [String: [String]] = [:]
    /// Each pair's pairs under it, walked then or before.
    private var pairEdges: [String: [String]] = [:]
    /// The pairs each operation's walks started at.
    private var rootPairs: [String: [String]] = [:]
    /// The visit keys of the pairs being walked, innermost last.
    private var walk: [String] = []
    /// The schema pairs being walked right now, by where the two documents
    /// write them, with their visit keys. An inline schema that merges
    /// (`allOf`) a schema holding it meets itself again among its own
    /// properties, at a longer pointer each time: only where it is written
    /// tells that the walk has come round.
    var pairsInProgress: [WrittenPair: String] = [:]

    struct WrittenPair: Hashable {
        var direction: SpecChange.Direction
        var old: SourceLocation
        var new: SourceLocation
        /// Whether the walk compares the pair's properties (not for `allOf` members, whose object merged in).
        var withProperties: Bool
    }

    init(old: OpenAPIDocument, new: OpenAPIDocument, options: SpecComparer.Options) {
        self.old = old
        self.new = new
        self.options = options
        today = options.today ?? CalendarDate.today()
        oldOperations = old.operations
        newOperations = new.operations
        oldSchemas = old.schemaTable()
        newSchemas = new.schemaTable()
        renamedComponents = Self.renames(old: old, new: new, oldTable: oldSchemas, newTable: newSchemas)
        unchangedSchemas = UnchangedSchemas(old: old, new: new, newTable: newSchemas)
    }

    private static func renames(
        old: OpenAPIDocument, new: OpenAPIDocument, oldTable: [SchemaKey: NamedSchema],
        newTable: [SchemaKey: NamedSchema]
    ) -> [SchemaKey: NamedSchema] {
        let oldNames = Set(old.schemas.filter(\.isComponent).map(\.name))
        let newNames = Set(new.schemas.filter(\.isComponent).map(\.name))
        var added = new.schemas.filter { $0.isComponent && !oldNames.contains($0.name) }.map {
            (schema: $0, fingerprint: Fingerprint.of($0.schema, in: newTable, itself: $0.key))
        }
        var renamed: [SchemaKey: NamedSchema] = [:]
        for removed in old.schemas where removed.isComponent && !newNames.contains(removed.name) {
            let fingerprint = Fingerprint.of(removed.schema, in: oldTable, itself: removed.key)
            if let index = added.firstIndex(where: { $0.fingerprint == fingerprint }) {
                renamed[removed.key] = added.remove(at: index).schema
            }
        }
        return renamed
    }

    func result() -> [SpecChange] {
        for (operation, roots) in rootPairs {
            var seen = Set<String>()
            var pending = roots
            while let pair = pending.popLast() {
                guard seen.insert(pair).inserted else { continue }
                for identity in pairChanges[pair] ?? [] { reachedBy[identity, default: []].insert(operation) }
                pending.append(contentsOf: pairEdges[pair] ?? [])
            }
        }
        let levels = stabilityLevels()
        return order.compactMap { identity in
            guard var change = changes[identity] else { return nil }
            change.operations = (reachedBy[identity] ?? []).sorted()
            return gradeByStability(change, levels: levels)
        }.sorted { a, b in
            (a.operations.first ?? "", a.pointer, a.rule) < (b.operations.first ?? "", b.pointer, b.rule)
        }
    }

    func report(
        _ rule: DiffRule, _ severity: SpecChange.Severity, _ direction: SpecChange.Direction, operation: String?,
        pointer: String, old oldLocation: SourceLocation?, new newLocation: SourceLocation?, _ message: String,
        note: String? = nil
    ) {
        // The catalog says which severities each rule has; a test run checks it.
        assert(
            rule.severities.contains(severity),
            "\(rule.id) reported as \(severity), which its catalog entry does not list")
        let identity = "\(rule.id)|\(pointer)|\(direction.rawValue)|\(message)"
        if changes[identity] == nil {
            changes[identity] = SpecChange(
                rule: rule.id, severity: severity, direction: direction, operations: [],
                pointer: pointer, oldLocation: oldLocation, newLocation: newLocation, message: message, note: note)
            order.append(identity)
        }
        if let operation { reachedBy[identity, default: []].insert(operation) }
        if let pair = walk.last { pairChanges[pair, default: []].append(identity) }
    }

    /// Records that the walk (or, outside one, `operation`) leads to the pair
    /// `key`; true when that pair was walked before or is being walked, so
    /// that it is not walked again.
    func reach(_ key: String, operation: String) -> Bool {
        if let parent = walk.last {
            pairEdges[parent, default: []].append(key)
        } else {
            rootPairs[operation, default: []].append(key)
        }
        return !walkedPairs.insert(key).inserted
    }

    func beginVisit(_ key: String) {
        walk.append(key)
    }

    func endVisit() {
        walk.removeLast()
    }
}
