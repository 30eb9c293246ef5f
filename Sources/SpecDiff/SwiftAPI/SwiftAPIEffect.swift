/// One change to the public Swift API of a generated client module, found by
/// generating the client of both versions of a spec and comparing their
/// public declarations, with the semantic-version bump it forces and the
/// spec changes that explain it.
public struct SwiftAPIEffect: Sendable, Hashable {
    /// What happened to the declaration.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A declaration is new (a type, a property, a method, a case of an
        /// enum that is itself new). Minor.
        case added
        /// A declaration is gone; code that names it no longer compiles. Major.
        case removed
        /// A declaration has another name (its operation's `operationId`
        /// changed, say); code must use the new name. Major.
        case renamed
        /// The type of a property, of an enum case's value, of a type alias or
        /// of what a method returns changed. Major.
        case typeChanged = "type-changed"
        /// A type is declared as another kind (a struct that became an enum)
        /// or without a conformance it had: major; with a conformance more: minor.
        case declarationChanged = "declaration-changed"
        /// A function gained an argument: major without a default (every
        /// call must pass it), minor with one (calls may leave it out).
        case argumentAdded = "argument-added"
        /// A function lost an argument; calls that pass it no longer compile. Major.
        case argumentRemoved = "argument-removed"
        /// An argument changed its type, lost its default or moved: major;
        /// it became optional with a default, which every call still fits: minor.
        case argumentChanged = "argument-changed"
        /// An enum that already existed gained a case. Major: generated enums
        /// are not `@frozen` in a library-evolution sense, but a package is
        /// built from source, so an app's `switch` that lists every case
        /// without `default` is exhaustive, and stops compiling.
        case caseAdded = "case-added"
        /// A method (its operation), a property or an initializer (its
        /// schema) became deprecated: a warning where it is used. Minor, as
        /// semantic versioning asks for deprecations.
        case deprecated
        /// A declaration is no longer deprecated. Patch.
        case deprecationRemoved = "deprecation-removed"
    }

    /// What happened.
    public var kind: Kind
    /// What it forces on the client module's version.
    public var bump: SemanticVersionBump
    /// The declaration, as `Pet.name`, `Pet.init(name:tag:)`,
    /// `Client.listPets(limit:)` or `Kind.dog`: in the new module, or in the
    /// old one when it is gone.
    public var symbol: String
    /// The declaration's name in the old module, when it had another one.
    public var oldSymbol: String?
    /// The declaration as the old module writes it; nil when it is new.
    public var old: String?
    /// The declaration as the new module writes it; nil when it is gone.
    public var new: String?
    /// What changed and what it does to an app's code, in a sentence.
    public var message: String
    /// For an effect on one argument of a function (added, removed,
    /// changed), the argument's label (`_` for the unlabelled one).
    public var argument: String?
    /// The operations the declaration belongs to or is reached from, as `METHOD /path`.
    public var operations: [String]
    /// The ids of the spec changes that explain it (``SpecChange/fingerprint``).
    public var changes: [String]

    /// An effect, as the comparison of two modules finds it.
    public init(
        kind: Kind, bump: SemanticVersionBump, symbol: String, oldSymbol: String? = nil, old: String?,
        new: String?, message: String, argument: String? = nil, operations: [String] = [], changes: [String] = []
    ) {
        self.kind = kind
        self.bump = bump
        self.symbol = symbol
        self.oldSymbol = oldSymbol
        self.old = old
        self.new = new
        self.message = message
        self.argument = argument
        self.operations = operations
        self.changes = changes
    }

    /// Whether code that compiled against the old module may not compile against the new one.
    public var isSourceBreaking: Bool { bump == .major }
}
