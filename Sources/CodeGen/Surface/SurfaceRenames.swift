/// The declarations of an old surface that the new one has under another
/// name because their operation's method was renamed (its `operationId`
/// changed): the method itself, and the types named after it
/// (`ListPetsOutcome` becomes `FetchPetsOutcome` when `listPets` becomes
/// `fetchPets`). Found from the two surfaces: a method gone and one added
/// for the same operation (`GET /pets`) are the same call renamed.
struct SurfaceRenames {
    /// Old method base name → new one, by container: `Client` → `listPets` → `fetchPets`.
    private(set) var methods: [String: [String: String]] = [:]
    /// Old top-level type name → new one.
    private(set) var types: [String: String] = [:]

    init() {}

    init(old: PublicSurface, new: PublicSurface) {
        let oldKeys = Set(old.declarations.map(\.key))
        let newKeys = Set(new.declarations.map(\.key))
        var gone: [String: [SurfaceDeclaration]] = [:]
        for declaration in old.declarations where declaration.kind == .method && !newKeys.contains(declaration.key) {
            if let operation = declaration.operation { gone[operation, default: []].append(declaration) }
        }
        var prefixes: [(old: String, new: String)] = []
        for declaration in new.declarations where declaration.kind == .method && !oldKeys.contains(declaration.key) {
            guard let operation = declaration.operation, let candidates = gone[operation] else { continue }
            let name = declaration.baseName
            // The same call: the one whose labels it shares, else the only one of that operation.
            let labels = declaration.parameters.map(\.label)
            let match =
                candidates.first { $0.parameters.map(\.label) == labels && $0.baseName != name }
                ?? (candidates.count == 1 && candidates[0].baseName != name ? candidates[0] : nil)
            guard let match, let container = declaration.container, methods[container]?[match.baseName] == nil else {
                continue
            }
            methods[container, default: [:]][match.baseName] = name
            prefixes.append((Naming.type(match.baseName, reserved: []), Naming.type(name, reserved: [])))
        }
        guard !prefixes.isEmpty else { return }
        let newTypes = Set(new.declarations.filter { $0.isType && $0.container == nil }.map(\.key))
        let oldTypes = Set(old.declarations.filter { $0.isType && $0.container == nil }.map(\.key))
        for type in oldTypes.subtracting(newTypes).sorted() {
            for prefix in prefixes where type.hasPrefix(prefix.old) {
                let renamed = prefix.new + type.dropFirst(prefix.old.count)
                if newTypes.contains(renamed) && !oldTypes.contains(renamed) {
                    types[type] = renamed
                    break
                }
            }
        }
    }

    var isEmpty: Bool { methods.isEmpty && types.isEmpty }

    /// The key `declaration` of the old surface would have in the new one.
    func key(of declaration: SurfaceDeclaration) -> String {
        guard !isEmpty else { return declaration.key }
        var key = renamingTypes(in: declaration.key)
        if declaration.kind == .method, let container = declaration.container,
            let renamed = methods[container]?[declaration.baseName]
        {
            let newContainer = renamingTypes(in: container)
            key = newContainer + "." + renamed + key.dropFirst(newContainer.count + 1 + declaration.baseName.count)
        }
        return key
    }

    /// The new name of a method or top-level type that was renamed itself; nil for the others.
    func newName(of declaration: SurfaceDeclaration) -> String? {
        if declaration.kind == .method, let container = declaration.container {
            return methods[container]?[declaration.baseName]
        }
        return declaration.isType && declaration.container == nil ? types[declaration.key] : nil
    }

    /// `text` with each renamed type's name (a whole identifier) replaced by its new one.
    func renamingTypes(in text: String) -> String {
        guard !types.isEmpty else { return text }
        var result = ""
        var word = ""
        func flush() {
            result += types[word] ?? word
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }
}
