/// The public declarations of a generated module, read from its API model
/// and spelled exactly as the renderer writes them: its types and their
/// members, the client's methods, the enums its calls return and throw,
/// and the runtime parts it carries. Two surfaces compared
/// (``SurfaceComparison``) say what a spec change does to the code of the
/// apps that use the module.
///
/// The declarations are those an app can name: conformance witnesses that
/// every type of a kind has (`init(from:)`, `encode(to:)`) are part of the
/// type's conformances, and internal helpers are left out. `SurfaceTests`
/// checks that each declaration is written in the generated files, and each
/// public line of those files is a declaration here.
public struct PublicSurface: Sendable {
    /// The client type's name (`Ideogram`).
    public var clientName: String
    /// Every declaration, in the order the module writes them: the client,
    /// the error bodies, the types in name order, then the operations and jobs.
    public var declarations: [SurfaceDeclaration]

    /// A surface of these declarations.
    public init(clientName: String, declarations: [SurfaceDeclaration]) {
        self.clientName = clientName
        self.declarations = declarations
    }

    /// The declaration of each key.
    public var byKey: [String: SurfaceDeclaration] {
        Dictionary(declarations.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// One public declaration of a generated module.
public struct SurfaceDeclaration: Sendable, Hashable {
    /// What is declared.
    public enum Kind: String, Sendable, Hashable {
        /// A struct.
        case structure = "struct"
        /// An enum (string and integer enums, unions, outcomes, error bodies).
        case enumeration = "enum"
        /// A type alias.
        case typeAlias = "typealias"
        /// A stored or computed property, or a constant (`let`, `static let`).
        case property
        /// An initializer.
        case initializer = "init"
        /// A method.
        case method = "func"
        /// A case of an enum.
        case enumCase = "case"
        /// A declaration of the runtime that only modules carrying one of its
        /// parts have (``RuntimePart``); the runtime's other declarations are
        /// the same in every module.
        case runtime
    }

    /// The declaration's stable name: `Pet`, `Pet.Kind`, `Pet.name`,
    /// `Pet.init(name:tag:)`, `Client.listPets(limit:)`, `Kind.dog`. Keys are
    /// unique within a surface; methods that differ only by their argument
    /// types add them in brackets (`Client.wait(for:polling:)[Job]`).
    public var key: String
    /// What is declared.
    public var kind: Kind
    /// The type it is declared in (`Pet`, `Pet.Kind`, the client); nil at the top level.
    public var container: String?
    /// The declaration as the module writes it, on one line and without its
    /// body or attributes: `public var name: String`, `case dog`,
    /// `@concurrent public func listPets(limit: Int? = nil) async throws(PetsError) -> [Pet]`.
    public var signature: String
    /// The type that matters to its users: a property's, an enum case's
    /// associated value's, an alias's target, a method's result; a struct's
    /// or enum's conformances. Nil for what has none.
    public var type: String?
    /// A function's arguments, in order; empty for other declarations.
    public var parameters: [SurfaceParameter]
    /// Whether it is marked `@available(*, deprecated)`.
    public var isDeprecated: Bool
    /// The operation a client method calls, as `METHOD /path`.
    public var operation: String?
    /// The operation's `operationId`, for a client method.
    public var operationId: String?
    /// The model's named types its signature spells (`Pet`, `Pet.Kind`),
    /// from which the operations that reach a type are found.
    public var references: [String]
    /// For a declaration of the runtime, the part that adds it.
    public var runtimePart: RuntimePart?

    /// A declaration.
    public init(
        key: String, kind: Kind, container: String?, signature: String, type: String? = nil,
        parameters: [SurfaceParameter] = [], isDeprecated: Bool = false, operation: String? = nil,
        operationId: String? = nil, references: [String] = [], runtimePart: RuntimePart? = nil
    ) {
        self.key = key
        self.kind = kind
        self.container = container
        self.signature = signature
        self.type = type
        self.parameters = parameters
        self.isDeprecated = isDeprecated
        self.operation = operation
        self.operationId = operationId
        self.references = references
        self.runtimePart = runtimePart
    }

    /// Whether it declares a type (members are declared in it).
    public var isType: Bool { kind == .structure || kind == .enumeration || kind == .typeAlias }

    /// Whether it is called with arguments.
    public var isFunction: Bool { kind == .initializer || kind == .method }

    /// The name without its container or argument labels: `listPets`, `init`, `name`.
    public var baseName: String {
        var name = Substring(key)
        if let container, name.hasPrefix(container + ".") { name = name.dropFirst(container.count + 1) }
        if let open = name.firstIndex(of: "(") { name = name[..<open] }
        return String(name)
    }

    /// The top-level type it is declared in, or is: `Pet` for `Pet.Kind.dog`.
    public var topLevelType: String {
        let path = isType ? key : container ?? key
        return path.split(separator: ".").first.map(String.init) ?? path
    }
}

/// An argument of a function in a surface.
public struct SurfaceParameter: Sendable, Hashable {
    /// The argument label callers write (`_` for none).
    public var label: String
    /// The parameter's name inside the function.
    public var name: String
    /// Its type, as spelled (`Int?`).
    public var type: String
    /// Its default value, when calls may leave it out (`nil`, `[]`, `.default`).
    public var defaultValue: String?

    /// An argument.
    public init(label: String, name: String, type: String, defaultValue: String? = nil) {
        self.label = label
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }

    /// `label name: Type = default`, as a signature writes it.
    var spelled: String {
        let head = label == name ? Naming.escaped(name) : "\(label) \(Naming.escaped(name))"
        return "\(head): \(type)" + (defaultValue.map { " = \($0)" } ?? "")
    }
}
