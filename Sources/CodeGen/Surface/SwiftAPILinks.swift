import SpecDiff
import SpecParser

/// Which spec changes explain a Swift effect, by where each change is:
///
/// - a change of a component schema (`/components/schemas/Pet/...`)
///   explains the effects on its type (`Pet`, `Pet.Kind`, `Pet.name`);
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
        /// A component schema, by the names its type may have.
        case schema(types: Set<String>)
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
            return .schema(types: typeNames(tokens[2]))
        }
        if !change.operations.isEmpty { return .operations(Set(change.operations)) }
        return .document
    }

    /// The ids of the changes that explain `effect`, in the order of the changes.
    func changes(explaining effect: SwiftAPIEffect) -> [String] {
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
            case .schema(let types):
                explains = types.contains(type)
            case .operations(let operations):
                explains = !isComponentType && effect.operations.contains(where: operations.contains)
            case .document:
                explains = effect.operations.isEmpty && !isComponentType
            }
            return explains ? id : nil
        }
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
