import SpecDiff
import SpecParser

/// Which spec changes explain a Swift effect, by where each change is:
///
/// - a change of a component schema (`/components/schemas/Pet/...`)
///   explains the effects on its type (`Pet`, `Pet.Kind`, `Pet.name`); one
///   of a property (`/components/schemas/Pet/properties/name/...`), those
///   on the property, the types nested for it and its argument of the
///   initializer, unless it explains none of the effects that way
///   (``changes(explaining:narrowly:)``);
/// - a change of an operation (`/paths/~1pets/get/...`, or a path) explains
///   the effects on its methods and on the types its calls reach that are
///   not component schemas' (its inline bodies, outcomes, multipart request);
///   a change of its `operationId` or deprecation, those on its methods only;
/// - a change of another component (a shared parameter or response)
///   explains the effects of the operations it lists, as above;
/// - a document-wide change (servers, security) explains the effects that
///   no operation reaches (the client's initializers, the runtime's parts).
///
/// The effects themselves come from the generated declarations; links only
/// say which changes a reader should look at for each.
struct SwiftAPILinks {
    private enum Place {
        /// An operation (the method nil for every operation of a path); `methodsOnly` for its id or deprecation.
        case operation(path: String, method: String?, methodsOnly: Bool)
        /// A component schema, by the names its type may have, and the
        /// Swift names of the property the change is in (its member, and a
        /// type nested for it), if it is in one.
        case schema(types: Set<String>, property: (member: String, type: String)?)
        /// What the listed operations reach.
        case operations(Set<String>)
        /// The document as a whole.
        case document
    }

    private let places: [(id: String, place: Place)]
    private let componentTypes: Set<String>
    private let clientName: String

    init(changes: [SpecChange], componentSchemas: Set<String>, clientName: String) {
        self.clientName = clientName
        var componentTypes: Set<String> = []
        for name in componentSchemas { componentTypes.formUnion(Self.typeNames(name)) }
        self.componentTypes = componentTypes
        places = changes.map { change in (change.fingerprint, Self.place(of: change)) }
    }

    /// The names the type of a component schema may have: as named, or with the suffix a reserved name takes.
    private static func typeNames(_ schema: String) -> Set<String> {
        [Naming.type(schema, reserved: []), Naming.type(schema, reserved: Naming.reservedTypeNames)]
    }

    private static func place(of change: SpecChange) -> Place {
        let tokens = JSONPointer.tokens(change.pointer)
        if tokens.count >= 2, tokens[0] == "paths" {
            let method = tokens.count >= 3 ? tokens[2].uppercased() : nil
            let methodsOnly = tokens.count >= 4 && ["operationId", "deprecated"].contains(tokens[3])
            return .operation(path: tokens[1], method: method, methodsOnly: methodsOnly)
        }
        if tokens.count >= 3, tokens[0] == "components", tokens[1] == "schemas" {
            let property =
                tokens.count >= 5 && tokens[3] == "properties"
                ? (Naming.member(tokens[4]), Naming.type(tokens[4], reserved: [])) : nil
            return .schema(types: typeNames(tokens[2]), property: property)
        }
        if !change.operations.isEmpty { return .operations(Set(change.operations)) }
        return .document
    }

    /// The ids of the changes that explain `effect`, in the order of the
    /// changes; `narrowly`, a change of a schema's property explains only
    /// the effects on that property.
    func changes(explaining effect: SwiftAPIEffect, narrowly: Bool = true) -> [String] {
        let type = Self.topLevel(effect.symbol)
        let isComponentType = componentTypes.contains(type)
        let isMethod = type == clientName && !effect.operations.isEmpty
        return places.compactMap { id, place in
            let explains: Bool
            switch place {
            case .operation(let path, let method, let methodsOnly):
                explains =
                    !isComponentType && (!methodsOnly || isMethod)
                    && effect.operations.contains { operation in
                        let (verb, route) = Self.split(operation)
                        return route == path && (method == nil || method == verb)
                    }
            case .schema(let types, let property):
                explains =
                    types.contains(type)
                    && (!narrowly || property.map { Self.concerns(effect, member: $0.member, type: $0.type) } ?? true)
            case .operations(let operations):
                explains = !isComponentType && effect.operations.contains(where: operations.contains)
            case .document:
                explains = effect.operations.isEmpty && !isComponentType
            }
            return explains ? id : nil
        }
    }

    /// Whether `effect`, on a declaration of a schema's type, is about its
    /// property `member` (`Pet.name`, the initializer's `name:`) or the type
    /// nested for it (`Pet.Name`, `Pet.Name.other`); effects on the type
    /// itself or on its initializer as a whole are about every property.
    private static func concerns(_ effect: SwiftAPIEffect, member: String, type: String) -> Bool {
        let path = effect.symbol.split(separator: ".", maxSplits: 1)
        guard path.count == 2 else { return true }
        let rest = path[1]
        if rest.hasPrefix("init(") { return effect.argument.map { $0 == member } ?? true }
        let name = rest.prefix { $0 != "." && $0 != "(" }
        return name == member || name == type
    }

    /// `Pet` for `Pet.Kind.dog`, `Client` for `Client.listPets(limit:)`.
    private static func topLevel(_ symbol: String) -> String {
        String(symbol.prefix { $0 != "." && $0 != "(" && $0 != "[" })
    }

    /// `("GET", "/pets")` for `GET /pets`.
    private static func split(_ operation: String) -> (String, String) {
        guard let space = operation.firstIndex(of: " ") else { return ("", operation) }
        return (String(operation[..<space]), String(operation[operation.index(after: space)...]))
    }
}
