import SpecDiff
import SpecParser

/// What a spec change does to the public Swift API of the client generated
/// from it: the module of each version is generated in memory (translated
/// to its API model, with the options the client is generated with), their
/// public declarations compared (``SurfaceComparison``), and each effect
/// linked to the spec changes that explain it (``SwiftAPILinks``).
public struct SwiftAPIComparer: Sendable {
    /// The options both versions are generated with: the client's name, its
    /// name overrides, the operations selected and the access level.
    public var options: Generator.Options

    /// A comparer of clients generated with `options`.
    public init(options: Generator.Options) {
        self.options = options
    }

    /// The public declarations of the module generated from `document`, or
    /// the generator's errors, which stop it generating anything.
    public func surface(of document: OpenAPIDocument) -> (surface: PublicSurface?, diagnostics: Diagnostics) {
        let translator = Translator(
            options: .init(clientName: options.clientName, names: options.names, selection: options.selection))
        let translated = translator.translate(document)
        guard !translated.diagnostics.hasErrors else { return (nil, translated.diagnostics) }
        return (PublicSurface(model: translated.model, options: options), translated.diagnostics)
    }

    /// The review of the change from `old` to `new`, whose spec changes are
    /// `changes` (the comparer's, before any policy). A version that was
    /// read with errors (`oldHasErrors`), or that the generator refuses,
    /// makes the review unavailable, saying which.
    public func review(
        old: OpenAPIDocument, new: OpenAPIDocument, changes: [SpecChange], oldHasErrors: Bool = false,
        newHasErrors: Bool = false
    ) -> SwiftAPIReview {
        let name = options.clientName
        let refused = "the generator generates nothing from a spec with errors"
        if oldHasErrors { return .unavailable(clientName: name, because: "OLD has errors, and \(refused)") }
        if newHasErrors { return .unavailable(clientName: name, because: "NEW has errors, and \(refused)") }
        let (oldSurface, oldDiagnostics) = surface(of: old)
        let (newSurface, newDiagnostics) = surface(of: new)
        guard let oldSurface else {
            let first = oldDiagnostics.errors.first.map { ": \($0)" } ?? ""
            return .unavailable(clientName: name, because: "the generator refuses OLD\(first)")
        }
        guard let newSurface else {
            let first = newDiagnostics.errors.first.map { ": \($0)" } ?? ""
            return .unavailable(clientName: name, because: "the generator refuses NEW\(first)")
        }
        let components = Set((old.schemas + new.schemas).filter(\.isComponent).map(\.name))
        return Self.review(old: oldSurface, new: newSurface, changes: changes, componentSchemas: components)
    }

    /// The review of two modules' surfaces, linked to `changes`;
    /// `componentSchemas` are the names of the component schemas of either
    /// version, whose types a change of a component explains.
    public static func review(
        old: PublicSurface, new: PublicSurface, changes: [SpecChange], componentSchemas: Set<String> = []
    ) -> SwiftAPIReview {
        var effects = SurfaceComparison(old: old, new: new).effects()
        let links = SwiftAPILinks(changes: changes, componentSchemas: componentSchemas, clientName: new.clientName)
        var linked = Set<String>()
        for index in effects.indices {
            effects[index].changes = links.changes(explaining: effects[index])
            linked.formUnion(effects[index].changes)
        }
        // A change of a property that explains no effect on that property
        // (the generator named it otherwise) explains those on its schema.
        for index in effects.indices {
            let broad = links.changes(explaining: effects[index], narrowly: false).filter { !linked.contains($0) }
            guard !broad.isEmpty else { continue }
            let all = Set(effects[index].changes).union(broad)
            var seen = Set<String>()
            effects[index].changes = changes.map(\.fingerprint).filter { all.contains($0) && seen.insert($0).inserted }
        }
        for index in effects.indices { linked.formUnion(effects[index].changes) }
        var without: [String] = []
        for change in changes where !linked.contains(change.fingerprint) && !without.contains(change.fingerprint) {
            without.append(change.fingerprint)
        }
        // The effects that force the bump first; each level in the order of the declarations.
        let ordered = effects.enumerated().sorted { ($0.element.bump, $1.offset) > ($1.element.bump, $0.offset) }
        return SwiftAPIReview(
            clientName: new.clientName, effects: ordered.map(\.element), changesWithoutEffect: without)
    }
}

extension SwiftAPIComparer {
    /// The spec changes from `old` to `new` and the review of what they do
    /// to the client's Swift API: what `generate --check` prints for a
    /// client that drifted from its spec, `old` being its snapshot.
    public func outcome(
        old: OpenAPIDocument, new: OpenAPIDocument, oldHasErrors: Bool = false, newHasErrors: Bool = false
    ) -> DiffOutcome {
        let changes = SpecComparer().compare(old: old, new: new)
        let review = review(
            old: old, new: new, changes: changes, oldHasErrors: oldHasErrors, newHasErrors: newHasErrors)
        return DiffOutcome(changes: changes, swiftAPI: review)
    }
}
