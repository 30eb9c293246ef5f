import SpecDiff

/// What changed in the arguments of a function that both modules declare,
/// for the calls apps write: arguments are known by their labels (the one
/// unlabelled argument, a request body, by being unlabelled).
struct FunctionComparison {
    /// One change of an argument list.
    struct Change {
        var kind: SwiftAPIEffect.Kind
        var bump: SemanticVersionBump
        var message: String
        /// The label of the argument it is about; nil for the order of them all.
        var argument: String? = nil
    }

    private(set) var effects: [Change] = []

    init(old: SurfaceDeclaration, new: SurfaceDeclaration, renames: SurfaceRenames) {
        let what = SurfaceComparison.describe(new.kind) + " " + new.key
        let oldByLabel = Dictionary(old.parameters.map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
        let newLabels = Set(new.parameters.map(\.label))
        for parameter in old.parameters where !newLabels.contains(parameter.label) {
            effects.append(
                Change(
                    kind: .argumentRemoved, bump: .major,
                    message: "\(what) no longer takes \(Self.argument(parameter)): calls that pass it no longer "
                        + "compile", argument: parameter.label))
        }
        for parameter in new.parameters {
            guard let before = oldByLabel[parameter.label] else {
                effects.append(
                    parameter.defaultValue == nil
                        ? Change(
                            kind: .argumentAdded, bump: .major,
                            message: "\(what) has a new required argument \(parameter.spelled): every call must "
                                + "pass it", argument: parameter.label)
                        : Change(
                            kind: .argumentAdded, bump: .minor,
                            message: "\(what) has a new argument \(parameter.spelled), which calls may leave out",
                            argument: parameter.label))
                continue
            }
            let beforeType = renames.renamingTypes(in: before.type)
            let name = Self.argument(parameter)
            if beforeType != parameter.type {
                if parameter.type == beforeType + "?" && parameter.defaultValue != nil {
                    effects.append(
                        Change(
                            kind: .argumentChanged, bump: .minor,
                            message: "argument \(name) of \(what) is now optional (\(parameter.spelled)): calls that "
                                + "pass a value still compile, and may leave it out", argument: parameter.label))
                } else {
                    effects.append(
                        Change(
                            kind: .argumentChanged, bump: .major,
                            message: "argument \(name) of \(what) changed type from \(beforeType) to "
                                + "\(parameter.type): calls that pass the old type no longer compile",
                            argument: parameter.label))
                }
            } else if before.defaultValue != nil && parameter.defaultValue == nil {
                effects.append(
                    Change(
                        kind: .argumentChanged, bump: .major,
                        message: "argument \(name) of \(what) no longer has a default: every call must pass it",
                        argument: parameter.label))
            } else if before.defaultValue == nil && parameter.defaultValue != nil {
                effects.append(
                    Change(
                        kind: .argumentChanged, bump: .minor,
                        message: "argument \(name) of \(what) now has a default (\(parameter.spelled)): calls may "
                            + "leave it out", argument: parameter.label))
            }
        }
        // Labelled arguments must be passed in their order.
        let oldOrder = old.parameters.map(\.label).filter(newLabels.contains)
        let newOrder = new.parameters.map(\.label).filter { oldByLabel[$0] != nil }
        if oldOrder != newOrder {
            effects.append(
                Change(
                    kind: .argumentChanged, bump: .major,
                    message: "the arguments of \(what) are in another order (\(newOrder.joined(separator: ", ")) "
                        + "instead of \(oldOrder.joined(separator: ", "))): calls that pass them in the old order no "
                        + "longer compile"))
        }
    }

    /// `limit:` or, for the unlabelled argument, `request` (its name).
    private static func argument(_ parameter: SurfaceParameter) -> String {
        parameter.label == "_" ? parameter.name : parameter.label + ":"
    }
}
