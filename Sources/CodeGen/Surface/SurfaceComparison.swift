import SpecDiff

/// What changed from one module's public declarations to another's, as
/// effects on the code of the apps that use it (``SwiftAPIEffect``), each
/// with the semantic-version bump it forces:
///
/// - a declaration added: minor; removed: major;
/// - a method renamed with its operation (and the types named after it): major;
/// - a property's, case value's, alias's or result's type changed, a type
///   declared as another kind or without a conformance it had: major; a
///   type with a conformance more: minor;
/// - a function's new argument: major without a default, minor with one; an
///   argument removed, retyped, reordered or made required: major; made
///   optional with a default, which every call still fits: minor;
/// - a case added to an enum that was there: major, since an app's
///   exhaustive `switch` over it stops compiling (see ``SwiftAPIEffect/Kind/caseAdded``);
/// - a method, initializer or property deprecated: minor; no longer deprecated: patch.
///
/// A type added or removed is one effect, not one per member.
public struct SurfaceComparison: Sendable {
    /// The declarations of the module apps compiled against.
    public var old: PublicSurface
    /// The declarations of the module they get next.
    public var new: PublicSurface

    /// A comparison of the module `old` describes with the one `new` does.
    public init(old: PublicSurface, new: PublicSurface) {
        self.old = old
        self.new = new
    }

    /// Every effect, the old module's declarations first, in its order, then the new ones.
    public func effects() -> [SwiftAPIEffect] {
        let renames = SurfaceRenames(old: old, new: new)
        let newByKey = new.byKey
        let oldReach = SurfaceReach(old)
        let newReach = SurfaceReach(new)
        var effects: [SwiftAPIEffect] = []
        var matchedNew = Set<String>()
        var goneOld: [SurfaceDeclaration] = []
        for declaration in old.declarations {
            if let counterpart = newByKey[renames.key(of: declaration)] {
                matchedNew.insert(counterpart.key)
                effects += compare(declaration, counterpart, renames: renames, reach: newReach)
            } else {
                goneOld.append(declaration)
            }
        }
        var addedNew = new.declarations.filter { !matchedNew.contains($0.key) }
        // A function whose labels changed is the same function with other arguments.
        var removed: [SurfaceDeclaration] = []
        for declaration in goneOld {
            guard declaration.isFunction, declaration.runtimePart == nil,
                let index = bestCounterpart(of: declaration, among: addedNew, renames: renames)
            else {
                removed.append(declaration)
                continue
            }
            effects += compare(declaration, addedNew[index], renames: renames, reach: newReach)
            addedNew.remove(at: index)
        }
        effects += removals(removed, reach: oldReach)
        effects += additions(addedNew, oldKeys: Set(old.declarations.map { renames.key(of: $0) }), reach: newReach)
        return effects
    }

    /// The function of `added` that `declaration` became: one of the same
    /// container and name (after renames) with the most labels in common.
    private func bestCounterpart(
        of declaration: SurfaceDeclaration, among added: [SurfaceDeclaration], renames: SurfaceRenames
    ) -> Int? {
        let key = renames.key(of: declaration)
        let container = declaration.container.map(renames.renamingTypes)
        let base = key.dropFirst((container?.count ?? -1) + 1).prefix { $0 != "(" }
        let labels = Set(declaration.parameters.map(\.label))
        var best: (index: Int, score: Int)?
        for (index, candidate) in added.enumerated()
        where candidate.kind == declaration.kind && candidate.container == container && candidate.baseName == base
            && candidate.operation == declaration.operation.map(renames.renamingTypes)
        {
            let score = candidate.parameters.filter { labels.contains($0.label) }.count
            if best.map({ score > $0.score }) ?? true { best = (index, score) }
        }
        return best?.index
    }

    // MARK: - Declarations in both

    private func compare(
        _ old: SurfaceDeclaration, _ new: SurfaceDeclaration, renames: SurfaceRenames, reach: SurfaceReach
    ) -> [SwiftAPIEffect] {
        var effects: [SwiftAPIEffect] = []
        func effect(
            _ kind: SwiftAPIEffect.Kind, _ bump: SemanticVersionBump, _ message: String, argument: String? = nil
        ) -> SwiftAPIEffect {
            SwiftAPIEffect(
                kind: kind, bump: bump, symbol: new.key, oldSymbol: old.key == new.key ? nil : old.key,
                old: old.signature, new: new.signature, message: message, argument: argument,
                operations: reach.operations(of: new))
        }
        if let renamed = renames.newName(of: old) {
            let what = Self.describe(old.kind)
            let because =
                old.kind == .method
                ? old.operationId.flatMap { from in
                    new.operationId.map { " (operationId \(from) is now \($0))" }
                } ?? ""
                : " (it is named after its operation's method, which was renamed)"
            effects.append(
                effect(
                    .renamed, .major,
                    "\(what) \(old.key) is now \(new.key)\(because): code that uses the old name no longer "
                        + "compiles; use \(renamed)"))
        }
        let oldType = old.type.map(renames.renamingTypes)
        if old.kind != new.kind {
            effects.append(
                effect(
                    .declarationChanged, .major,
                    "\(new.key) is now \(Self.article(new.kind)) instead of \(Self.article(old.kind)): code that "
                        + "builds or reads it as one no longer compiles"))
            return effects
        }
        switch new.kind {
        case .structure, .enumeration:
            if oldType != new.type {
                let before = Self.conformances(oldType)
                let after = Self.conformances(new.type)
                let lost = before.filter { !after.contains($0) }
                let gained = after.filter { !before.contains($0) }.joined(separator: ", ")
                let what = "\(Self.describe(new.kind)) \(new.key)"
                effects.append(
                    lost.isEmpty
                        ? effect(
                            .declarationChanged, .minor,
                            "\(what) now also conforms to \(gained): code that compiled still compiles")
                        : effect(
                            .declarationChanged, .major,
                            "\(what) no longer conforms to \(lost.joined(separator: ", ")): code that relies on it no "
                                + "longer compiles"))
            }
        case .typeAlias:
            if oldType != new.type {
                effects.append(
                    effect(
                        .typeChanged, .major,
                        "type alias \(new.key) now stands for \(new.type ?? "?") instead of \(old.type ?? "?"): code "
                            + "that uses it as the old type no longer compiles"))
            }
        case .property:
            if oldType != new.type, let from = oldType, let to = new.type {
                effects.append(effect(.typeChanged, .major, "property \(new.key) \(Self.retyped(from, to))"))
            }
        case .enumCase:
            if oldType != new.type {
                effects.append(
                    effect(
                        .typeChanged, .major,
                        "case \(new.key) now holds \(new.type ?? "no value") instead of \(oldType ?? "no value"): "
                            + "code that makes it or binds its value no longer compiles"))
            }
        case .initializer, .method:
            effects += FunctionComparison(old: old, new: new, renames: renames).effects.map {
                effect($0.kind, $0.bump, $0.message, argument: $0.argument)
            }
            if new.kind == .method, oldType != new.type {
                effects.append(
                    effect(
                        .typeChanged, .major,
                        "method \(new.key) now returns \(new.type ?? "nothing") instead of \(oldType ?? "nothing"): "
                            + "code that uses its result no longer compiles"))
            }
        case .runtime:
            break
        }
        // Methods, initializers and properties are deprecated with their operation or schema.
        let what = "\(Self.describe(new.kind)) \(new.key)"
        if !old.isDeprecated && new.isDeprecated {
            effects.append(
                effect(
                    .deprecated, .minor,
                    "\(what) is now deprecated: code that uses it compiles with a warning (an error where warnings "
                        + "are errors)"))
        } else if old.isDeprecated && !new.isDeprecated {
            effects.append(effect(.deprecationRemoved, .patch, "\(what) is no longer deprecated"))
        }
        return effects
    }

    /// `["String", "Sendable"]` for `String, Sendable`.
    private static func conformances(_ list: String?) -> [String] {
        (list ?? "").split(separator: ",").map { String($0.drop { $0 == " " }) }.filter { !$0.isEmpty }
    }

    /// What a property's new type does to the code that reads and sets it.
    private static func retyped(_ from: String, _ to: String) -> String {
        if to == from + "?" {
            return "is now optional (\(to) instead of \(from)): code that reads it must unwrap it"
        }
        if from == to + "?" {
            return "is no longer optional (\(to) instead of \(from)): optional chaining on it and setting it to nil "
                + "no longer compile"
        }
        return "changed type from \(from) to \(to): code that reads or sets it no longer compiles"
    }

    // MARK: - Declarations in one

    /// Whether `declaration`, written out in one version, is one the compiler
    /// writes for `container` in the other, so that code using it compiles in
    /// both: a `rawValue` of the enum's raw type (RawRepresentable), or the
    /// `allCases` of a `CaseIterable` enum (an API's `SecurityScheme` is a
    /// struct with no values until the spec declares its first scheme).
    private static func isSynthesized(
        _ declaration: SurfaceDeclaration, in container: String, conformingTo conformances: [String]
    ) -> Bool {
        guard declaration.kind == .property else { return false }
        switch declaration.baseName {
        case "rawValue":
            guard let raw = conformances.first, ["String", "Int"].contains(raw) else { return false }
            return declaration.type == raw
        case "allCases":
            let name = container.split(separator: ".").last.map(String.init) ?? container
            return conformances.contains("CaseIterable") && declaration.type == "[\(name)]"
        default:
            return false
        }
    }

    private func removals(_ removed: [SurfaceDeclaration], reach: SurfaceReach) -> [SwiftAPIEffect] {
        let keys = Set(removed.map(\.key))
        let newByKey = new.byKey
        var effects: [SwiftAPIEffect] = []
        var parts: [RuntimePart: [SurfaceDeclaration]] = [:]
        for declaration in removed {
            if let part = declaration.runtimePart {
                parts[part, default: []].append(declaration)
                continue
            }
            // A member of a type that is gone goes with it.
            if let container = declaration.container, Self.ancestors(container).contains(where: keys.contains) {
                continue
            }
            if let container = declaration.container, let type = newByKey[container]?.type,
                Self.isSynthesized(declaration, in: container, conformingTo: Self.conformances(type))
            {
                continue
            }
            let what = Self.describe(declaration.kind)
            let consequence =
                declaration.kind == .enumCase
                ? "code that makes it or matches it no longer compiles" : "code that uses it no longer compiles"
            effects.append(
                SwiftAPIEffect(
                    kind: .removed, bump: .major, symbol: declaration.key, old: declaration.signature, new: nil,
                    message: "\(what) \(declaration.key) was removed: \(consequence)",
                    operations: reach.operations(of: declaration)))
        }
        for (part, declarations) in parts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            effects.append(
                SwiftAPIEffect(
                    kind: .removed, bump: .major, symbol: "runtime(\(part.rawValue))",
                    old: declarations.map(\.signature).joined(separator: "; "), new: nil,
                    message: "the module no longer carries the runtime's \(part.rawValue) part: "
                        + Self.listing(declarations) + " are gone, and code that uses them no longer compiles"))
        }
        return effects
    }

    private func additions(_ added: [SurfaceDeclaration], oldKeys: Set<String>, reach: SurfaceReach)
        -> [SwiftAPIEffect]
    {
        let keys = Set(added.map(\.key))
        let oldByKey = old.byKey
        var effects: [SwiftAPIEffect] = []
        var parts: [RuntimePart: [SurfaceDeclaration]] = [:]
        for declaration in added {
            let containerIsNew =
                declaration.container.map { Self.ancestors($0).contains(where: keys.contains) } ?? false
            if declaration.kind == .enumCase, !containerIsNew {
                // A case added to an enum apps already switch over; the
                // runtime's case is added to the client's error enum.
                let container = declaration.container ?? "an enum"
                effects.append(
                    SwiftAPIEffect(
                        kind: .caseAdded, bump: .major, symbol: declaration.key, old: nil, new: declaration.signature,
                        message: "enum \(container) gained the case \(declaration.signature.dropFirst("case ".count)): "
                            + "a switch over \(container) that lists every case without a default no longer compiles",
                        operations: reach.operations(of: declaration)))
                continue
            }
            if let part = declaration.runtimePart {
                parts[part, default: []].append(declaration)
                continue
            }
            if containerIsNew { continue }
            // Written out now, and the compiler's before (an enum that became a struct).
            if let container = declaration.container, let type = oldByKey[container]?.type,
                Self.isSynthesized(declaration, in: container, conformingTo: Self.conformances(type))
            {
                continue
            }
            effects.append(
                SwiftAPIEffect(
                    kind: .added, bump: .minor, symbol: declaration.key, old: nil, new: declaration.signature,
                    message: "\(Self.describe(declaration.kind)) \(declaration.key) was added",
                    operations: reach.operations(of: declaration)))
        }
        for (part, declarations) in parts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            effects.append(
                SwiftAPIEffect(
                    kind: .added, bump: .minor, symbol: "runtime(\(part.rawValue))", old: nil,
                    new: declarations.map(\.signature).joined(separator: "; "),
                    message: "the module now carries the runtime's \(part.rawValue) part: "
                        + Self.listing(declarations) + " were added"))
        }
        return effects
    }

    /// `Pet.Kind`, then `Pet`: the containers a declaration is in, innermost first.
    private static func ancestors(_ container: String) -> [String] {
        var result = [container]
        var path = Substring(container)
        while let dot = path.lastIndex(of: ".") {
            path = path[..<dot]
            result.append(String(path))
        }
        return result
    }

    /// The types a runtime part declares at its top level, by name, or its declarations.
    private static func listing(_ declarations: [SurfaceDeclaration]) -> String {
        let names = declarations.compactMap { declaration -> String? in
            let words = declaration.signature.split(separator: " ")
            guard let index = words.firstIndex(where: { ["struct", "enum", "class", "actor"].contains($0) }),
                index + 1 < words.count
            else { return nil }
            let name = words[index + 1].prefix { $0 != ":" && $0 != "<" }
            return declaration.container.map { $0 + "." + name } ?? String(name)
        }
        return (names.isEmpty ? declarations.map(\.signature) : names).joined(separator: ", ")
    }

    /// `struct`, `property`, `method`: how a message names a kind of declaration.
    static func describe(_ kind: SurfaceDeclaration.Kind) -> String {
        switch kind {
        case .structure: "struct"
        case .enumeration: "enum"
        case .typeAlias: "type alias"
        case .property: "property"
        case .initializer: "initializer"
        case .method: "method"
        case .enumCase: "case"
        case .runtime: "runtime declaration"
        }
    }

    private static func article(_ kind: SurfaceDeclaration.Kind) -> String {
        let word = describe(kind)
        return (word.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + word
    }
}
