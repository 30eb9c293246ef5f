import SpecParser

/// The declarations of the component schemas, the largest part of most
/// translations: with many of them, the second half is declared on another
/// core while this thread declares the first, and the result is the one a
/// single thread gives, in the same order.
///
/// Each half works on a context of its own, made from this one before
/// either starts (``init(forking:)``): the second half sees the top-level
/// names as they were then. Declaring a component adds nested types under
/// its own name, and reads no other component's declaration; only a
/// component declared as a top-level inline type (an array of inline
/// objects, `FooElement`) adds a top-level name, which later components see.
/// So when the first half adds one, the second is declared again, here,
/// after it; otherwise its declarations, diagnostics and names are taken in
/// (``absorb(_:)``).
extension TranslationContext {
    /// From this many component schemas on, they are declared on two cores.
    /// A helper thread costs about 60 µs to start and the halves about 10 µs
    /// a schema (the Ideogram spec's 57 took 0.6 ms on one core).
    static let componentsForTwoCores = 32

    func declareComponents(_ components: [NamedSchema], placed: [SchemaKey: PlacedName]) {
        let half = components.count / 2
        guard components.count >= options.componentsForTwoCores, WorkerThread.processorCount > 1 else {
            declareComponents(components[...], placed: placed)
            return
        }
        let second = Handoff(
            context: TranslationContext(forking: self), components: components[half...], placed: placed)
        guard let thread = WorkerThread({ second.run() }) else {
            declareComponents(components[...], placed: placed)
            return
        }
        let topLevelNamesBefore = topLevelNames.count
        declareComponents(components[..<half], placed: placed)
        thread.join()
        if topLevelNames.count == topLevelNamesBefore {
            absorb(second.context)
        } else {
            declareComponents(second.components, placed: placed)
        }
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

    /// Takes in what `other`, forked from this context, declared: as if
    /// this context had declared it next.
    private func absorb(_ other: TranslationContext) {
        diagnostics.append(contentsOf: other.diagnostics)
        usedOverrides.formUnion(other.usedOverrides)
        topLevelNames.formUnion(other.topLevelNames)
        topLevel.append(contentsOf: other.topLevel)
        declarationIndex.merge(other.declarationIndex) { _, theirs in theirs }
        for (owner, declarations) in other.pendingNested {
            pendingNested[owner, default: []].append(contentsOf: declarations)
        }
    }
}

/// The second half of the components and the context that declares them,
/// handed to the helper thread, which alone touches them until it is joined.
private struct Handoff: @unchecked Sendable {
    let context: TranslationContext
    let components: ArraySlice<NamedSchema>
    let placed: [SchemaKey: TranslationContext.PlacedName]

    func run() {
        context.declareComponents(components, placed: placed)
    }
}
