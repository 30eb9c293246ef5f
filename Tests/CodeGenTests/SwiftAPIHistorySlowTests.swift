import CodeGen
import SpecDiff
import SpecParser
import Testing

/// The Swift effects of each real commit of `../shared/spec-history`,
/// checked against what actually changed in the generated files: the
/// client of each version is generated (as `generate` writes it), and the
/// public declarations of both sets of files are read from their text
/// (`PublicDeclarationScanner`), independently of the surface the effects
/// come from. Then:
///
/// - the effects are empty exactly when the files declare the same things;
/// - each effect's old and new declarations are written in the old and new files;
/// - each declaration only one version writes is accounted for by an effect
///   (its own, or that of the type it is a member of);
/// - a removed or changed declaration that is not a function, or a case
///   added to an enum that was there, makes the bump major; additions alone
///   make it minor.
@Suite struct SwiftAPIHistorySlowTests {
    /// The declarations of the files generated from `path`, or nil when the generator refuses it.
    static func declarations(_ path: String) -> [ScannedDeclaration]? {
        let output = Generator(options: .init(clientName: "Client")).generate(specPath: path)
        return output.files.isEmpty ? nil : PublicDeclarationScanner.scan(output.files)
    }

    /// Whether `line` is a member of the type `symbol` names, or is in it at any depth.
    static func isMember(_ line: ScannedDeclaration, of symbol: String?) -> Bool {
        guard let symbol, !line.container.isEmpty else { return false }
        return line.container == symbol || line.container.hasPrefix(symbol + ".")
    }

    /// Whether `effect` accounts for `line`, a declaration of one version only.
    static func accounts(for line: ScannedDeclaration, _ effect: SwiftAPIEffect, old: Bool) -> Bool {
        let written = old ? effect.old : effect.new
        if effect.symbol.hasPrefix("runtime(") {
            return written?.split(separator: ";").contains { $0.trimmingCharacters(in: .whitespaces) == line.signature }
                ?? false
        }
        if written == line.signature { return true }
        // A member of a type added, removed, renamed or declared as another kind.
        return [.added, .removed, .renamed, .declarationChanged].contains(effect.kind)
            && (isMember(line, of: effect.symbol) || isMember(line, of: effect.oldSymbol))
    }

    @Test(.enabled(if: SpecHistoryPairs.isPresent), arguments: SpecHistoryPairs.all())
    func theReportedEffectsAreWhatChangedInTheGeneratedFiles(_ pair: SpecHistoryPairs.Pair) throws {
        let oldLoaded = SpecLoader().load(path: pair.old)
        let newLoaded = SpecLoader().load(path: pair.new)
        let old = try #require(oldLoaded.document)
        let new = try #require(newLoaded.document)
        let review = SwiftAPIComparer(options: .init(clientName: "Client")).review(
            old: old, new: new, changes: SpecComparer().compare(old: old, new: new),
            oldHasErrors: oldLoaded.diagnostics.hasErrors, newHasErrors: newLoaded.diagnostics.hasErrors)
        let oldLines = Self.declarations(pair.old)
        let newLines = Self.declarations(pair.new)
        guard let oldLines, let newLines else {
            // The generator writes nothing from a version, and the review says so.
            #expect(review.unavailable != nil, "\(pair): the generator refused a version, the review did not say so")
            return
        }
        #expect(review.unavailable == nil, "\(pair): \(review.unavailable ?? "")")

        func keyed(_ lines: [ScannedDeclaration]) -> [String: ScannedDeclaration] {
            Dictionary(lines.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let (oldByKey, newByKey) = (keyed(oldLines), keyed(newLines))
        let removed = oldLines.filter { newByKey[$0.key] == nil }
        let added = newLines.filter { oldByKey[$0.key] == nil }
        let redeprecated = newLines.filter { line in
            oldByKey[line.key].map { $0.isDeprecated != line.isDeprecated } ?? false
        }
        let filesChanged = !removed.isEmpty || !added.isEmpty || !redeprecated.isEmpty
        let counts =
            "\(review.effects.count) effects; the files have \(removed.count) declarations fewer, "
            + "\(added.count) more, \(redeprecated.count) deprecated or no longer"
        #expect(review.effects.isEmpty == !filesChanged, "\(pair): \(counts)")

        // Every effect shows declarations the files write.
        let oldSignatures = Set(oldLines.map(\.signature))
        let newSignatures = Set(newLines.map(\.signature))
        for effect in review.effects where !effect.symbol.hasPrefix("runtime(") {
            if let written = effect.old {
                #expect(oldSignatures.contains(written), "\(pair): not in OLD's files: \(written)")
            }
            if let written = effect.new {
                #expect(newSignatures.contains(written), "\(pair): not in NEW's files: \(written)")
            }
            if effect.kind == .removed { #expect(effect.new == nil && effect.old != nil) }
            if effect.kind == .added || effect.kind == .caseAdded { #expect(effect.old == nil && effect.new != nil) }
            if [.typeChanged, .argumentAdded, .argumentRemoved, .argumentChanged].contains(effect.kind) {
                #expect(effect.old != effect.new, "\(pair): \(effect.symbol) did not change")
            }
        }

        // Every declaration of one version only is accounted for.
        for line in removed where !review.effects.contains(where: { Self.accounts(for: line, $0, old: true) }) {
            Issue.record("\(pair): no effect accounts for the declaration OLD had: \(line)")
        }
        for line in added where !review.effects.contains(where: { Self.accounts(for: line, $0, old: false) }) {
            Issue.record("\(pair): no effect accounts for the declaration NEW has: \(line)")
        }
        for line in redeprecated {
            let kind: SwiftAPIEffect.Kind = line.isDeprecated ? .deprecated : .deprecationRemoved
            #expect(
                review.effects.contains { $0.kind == kind && $0.new == line.signature },
                "\(pair): \(line) is \(kind) with no effect saying so")
        }

        // The bump follows from the files.
        let isFunction = { (line: ScannedDeclaration) in
            line.signature.contains("func ") || line.signature.contains("init(")
        }
        if let broken = removed.first(where: { !isFunction($0) && !$0.file.hasPrefix("Runtime/") }) {
            #expect(review.bump == .major, "\(pair): \(broken) is gone or changed, yet the bump is \(review.bump)")
        }
        // A case of an enum that was there breaks an exhaustive switch over it.
        let oldContainers = Set(oldLines.map(\.container))
        if let newCase = added.first(where: { $0.signature.hasPrefix("case ") && oldContainers.contains($0.container) })
        {
            #expect(review.bump == .major, "\(pair): \(newCase) is a new case, yet the bump is \(review.bump)")
        }
        if removed.isEmpty && !added.contains(where: { $0.signature.hasPrefix("case ") }) {
            #expect(review.bump <= .minor, "\(pair): only additions, yet the bump is \(review.bump)")
        }
        if !added.isEmpty {
            #expect(review.bump >= .minor, "\(pair): declarations added, yet the bump is \(review.bump)")
        }
    }

    /// The pairs exercise each kind of effect at least once, so the checks above see them all.
    @Test(.enabled(if: SpecHistoryPairs.isPresent)) func theHistoryShowsEveryCommonKindOfEffect() throws {
        var kinds: Set<SwiftAPIEffect.Kind> = []
        var bumps: Set<SemanticVersionBump> = []
        for pair in SpecHistoryPairs.all() {
            let (oldLoaded, newLoaded) = (SpecLoader().load(path: pair.old), SpecLoader().load(path: pair.new))
            guard let old = oldLoaded.document, let new = newLoaded.document else { continue }
            let review = SwiftAPIComparer(options: .init(clientName: "Client")).review(
                old: old, new: new, changes: SpecComparer().compare(old: old, new: new),
                oldHasErrors: oldLoaded.diagnostics.hasErrors, newHasErrors: newLoaded.diagnostics.hasErrors)
            kinds.formUnion(review.effects.map(\.kind))
            if review.unavailable == nil { bumps.insert(review.bump) }
        }
        let expected: Set<SwiftAPIEffect.Kind> = [
            .added, .removed, .typeChanged, .argumentAdded, .argumentRemoved, .argumentChanged, .caseAdded,
        ]
        #expect(expected.subtracting(kinds).isEmpty, "never seen: \(expected.subtracting(kinds))")
        #expect(bumps == [.patch, .minor, .major])
    }
}
