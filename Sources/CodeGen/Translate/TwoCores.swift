import SpecParser

/// The two largest parts of a translation, the component schemas and the
/// operations, each split in two halves when there are many: the second
/// half on another core while this thread does the first. The result is
/// the one a single thread gives, byte for byte and in the same order.
///
/// The second half works on a context of its own, forked from this one just
/// before the first half starts (``TranslationContext/init(forking:)``): it
/// sees what was worked out before, but not what the first half makes. Two
/// things made in the first half can change the second half's result:
///
/// - a top-level name (an inline type's), which a name the second half
///   chooses must avoid. The forked context records every top-level name it
///   looks up; when one of them is among those the first half added, the
///   second half is translated again, here, after the first.
/// - an error body case (the operations'), which later operations reuse.
///   The second half's cases are added after the first half's, as a single
///   thread would have met them, and its responses renamed to match.
///
/// Everything else a half makes (declarations, diagnostics, the overrides it
/// used) is only added to, and is taken in after the first half's
/// (``TranslationContext/absorb(_:)``).
extension TranslationContext {
    /// From this many component schemas on, they are declared on two cores.
    /// A helper thread costs about 60 µs to start; a schema takes about 10 µs
    /// (the Ideogram spec's 57 took 0.6 ms on one core).
    static let componentsForTwoCores = 32

    /// From this many operations on, they are translated on two cores; an
    /// operation takes about 25 µs (the Ideogram spec's 23 took 0.6 ms).
    static let operationsForTwoCores = 16

    // MARK: - Component schemas

    func declareComponents(_ components: [NamedSchema], placed: [SchemaKey: PlacedName]) {
        guard components.count >= options.componentsForTwoCores else {
            declareComponents(components[...], placed: placed)
            return
        }
        let half = Self.halfOfTheWork(components.map { Self.estimatedWork($0.schema) })
        onTwoCores(
            first: { $0.declareComponents(components[..<half], placed: placed) },
            second: { $0.declareComponents(components[half...], placed: placed) },
            takeIn: { $0.absorb($1) })
    }

    /// Where to cut a list whose items cost `work` each so that both halves
    /// cost about as much; at least one item on each side.
    static func halfOfTheWork(_ work: [Int]) -> Int {
        let total = work.reduce(0, +)
        var sum = 0
        for (index, cost) in work.enumerated() {
            sum += cost
            if sum * 2 >= total { return min(max(index + 1, 1), work.count - 1) }
        }
        return work.count / 2
    }

    /// About how much declaring `schema` costs: its properties, cases and
    /// variants, and those of its inline properties. Cutting the Ideogram
    /// spec's components by count left 0.41 ms of CPU in the second half
    /// and 0.28 ms in the first.
    static func estimatedWork(_ schema: Schema, depth: Int = 0) -> Int {
        var work = 1 + (schema.enumValues?.count ?? 0) + schema.allOf.count + schema.oneOf.count + schema.anyOf.count
        for property in schema.properties {
            work += 2
            if depth == 0 && property.schema.reference == nil {
                work += estimatedWork(property.schema, depth: 1)
            }
        }
        return work
    }

    /// Declares `components` in order: each top-level one among the
    /// top-level types, each placed in an operation's request type kept
    /// for that type (``pendingNested``).
    func declareComponents(_ components: ArraySlice<NamedSchema>, placed: [SchemaKey: PlacedName]) {
        for named in components {
            let name = typeNames[named.key]!
            if let owner = placed[named.key]?.owner, name.hasPrefix(owner + ".") {
                // Declared inside its operation's request type, when that is made.
                let declaration = declaration(for: named, name: String(name.dropFirst(owner.count + 1)))
                declarationIndex[name] = declaration
                pendingNested[owner, default: []].append(declaration)
                continue
            }
            let declaration = declaration(for: named)
            declarationIndex[declaration.name] = declaration
            topLevel.append(declaration)
        }
    }

    // MARK: - Operations

    /// Every operation of the spec, named `names`, and the error body cases
    /// their responses use, in the order they are first met.
    func translateOperations(names: [String]) -> (operations: [OperationModel], errorBodies: [ErrorBodyCase]) {
        let all = specOperations.indices
        var translated = OperationsTranslated()
        guard all.count >= options.operationsForTwoCores else {
            translated.add(all, of: self, names: names)
            return (translated.operations, translated.errorBodies)
        }
        let half = all.count / 2
        let second = OperationsTranslatedBox()
        onTwoCores(
            first: { translated.add(0..<half, of: $0, names: names) },
            second: { second.value.add(half..<all.count, of: $0, names: names) },
            takeIn: { context, other in
                context.absorb(other)
                translated.append(second.value, in: context)
            },
            redo: { translated.add(half..<all.count, of: $0, names: names) })
        return (translated.operations, translated.errorBodies)
    }

    // MARK: - Two halves

    /// Runs `first` on this context while `second` runs on a forked one on
    /// another core, then `takeIn` (this context, the forked one); or, when
    /// the second half looked up a top-level name the first added, `redo`
    /// (`second` again, by default) here. On one core, or without a thread
    /// to be had, `first` then `redo`, here.
    private func onTwoCores(
        first: (TranslationContext) -> Void, second: @escaping (TranslationContext) -> Void,
        takeIn: (TranslationContext, TranslationContext) -> Void, redo: ((TranslationContext) -> Void)? = nil
    ) {
        let redo = redo ?? second
        // One core: no context to fork.
        let handoff =
            WorkerThread.processorCount > 1 ? Handoff(context: TranslationContext(forking: self), work: second) : nil
        guard let handoff, let thread = WorkerThread({ handoff.run() }) else {
            first(self)
            redo(self)
            return
        }
        first(self)
        thread.join()
        if handoff.context.looksUpNameAdded(by: self) {
            redo(self)
        } else {
            takeIn(self, handoff.context)
        }
    }

    /// Whether this forked context looked up a top-level name that
    /// `parent` has added since the fork: free then, taken now.
    private func looksUpNameAdded(by parent: TranslationContext) -> Bool {
        let added = Set(addedTopLevelNames)
        return (lookedUpTopLevelNames ?? []).contains { name in
            let takenWhenForked = topLevelNames.contains(name) && !added.contains(name)
            return !takenWhenForked && parent.topLevelNames.contains(name)
        }
    }

    /// Gives this forked context tables of its own, on its thread, before it
    /// starts: they share their storage with the parent's until either
    /// writes, and the parent's first write would otherwise copy them on the
    /// parent's thread, which is the one the result waits for.
    fileprivate func ownTables() {
        topLevelNames.reserveCapacity(topLevelNames.count + 16)
        declarationIndex.reserveCapacity(declarationIndex.count + 16)
        pendingNested.reserveCapacity(pendingNested.count + 4)
        styleSpellings.reserveCapacity(styleSpellings.count + 16)
    }

    /// Takes in what `other`, forked from this context, made: as if this
    /// context had made it next.
    func absorb(_ other: TranslationContext) {
        diagnostics.append(contentsOf: other.diagnostics)
        usedOverrides.formUnion(other.usedOverrides)
        for name in other.addedTopLevelNames { topLevelNames.insert(name) }
        topLevel.append(contentsOf: other.topLevel)
        // The forked context started with this one's declarations; it adds, never changes.
        declarationIndex.merge(other.declarationIndex) { mine, _ in mine }
        pendingHeaders.append(contentsOf: other.pendingHeaders)
        // Components wait for their request types; operations take them.
        for (owner, declarations) in other.pendingNested where !other.pendingNestedWhenForked.contains(owner) {
            pendingNested[owner, default: []].append(contentsOf: declarations)
        }
        for owner in other.pendingNestedWhenForked where other.pendingNested[owner] == nil {
            pendingNested[owner] = nil
        }
    }
}

/// Operations translated in order, with the error body cases they met.
private struct OperationsTranslated {
    var operations: [OperationModel] = []
    var errorBodies: [ErrorBodyCase] = []

    mutating func add(_ indices: Range<Int>, of context: TranslationContext, names: [String]) {
        for index in indices {
            operations.append(
                context.translate(context.specOperations[index], name: names[index], errorBodies: &errorBodies))
        }
    }

    /// Appends `later`'s operations, translated on a forked context: its
    /// error body cases are met after these ones, so each is this list's
    /// case for the same type when there is one, and is named among all of
    /// them otherwise, as one thread would have named it.
    mutating func append(_ later: OperationsTranslated, in context: TranslationContext) {
        var renamed: [String: String] = [:]
        for errorCase in later.errorBodies {
            renamed[errorCase.name] = context.errorCase(for: errorCase.type, in: &errorBodies)
        }
        for var operation in later.operations {
            for index in operation.responses.indices {
                if let name = operation.responses[index].errorCase {
                    operation.responses[index].errorCase = renamed[name] ?? name
                }
            }
            operations.append(operation)
        }
    }
}

/// The second half's operations, written by the helper thread and read
/// after it is joined.
private final class OperationsTranslatedBox: @unchecked Sendable {
    var value = OperationsTranslated()
}

/// The forked context and its work, handed to the helper thread, which alone
/// touches them until it is joined.
private struct Handoff: @unchecked Sendable {
    let context: TranslationContext
    let work: (TranslationContext) -> Void

    func run() {
        context.ownTables()
        work(context)
    }
}
