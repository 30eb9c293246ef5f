import SpecParser

/// Paths and operations: removed, added, renamed, deprecated, less stable, and each pair compared in turn.
extension ComparisonRun {
    static func display(_ operation: Operation) -> String {
        "\(operation.method.uppercased) \(operation.path)"
    }

    static func pointer(_ operation: Operation) -> String {
        "/paths/\(JSONPointer.escape(operation.path))/\(operation.method.rawValue)"
    }

    func compareOperations() {
        // `/datasets/{dataset_id}` and `/datasets/{id}` are the same path, its
        // parameter renamed; the same text goes first, for a spec that has both.
        let pairs = pairOneToOne(
            oldOperations, newOperations,
            by: [
                PairingRule { "\($0.method.rawValue) \($0.path)" },
                PairingRule { "\($0.method.rawValue) \(PathItem.hierarchy(of: $0.path))" },
            ])
        let paired = Set(pairs.values)
        let oldHierarchies = old.paths.map { PathItem.hierarchy(of: $0.path) }
        let newHierarchies = new.paths.map { PathItem.hierarchy(of: $0.path) }
        let oldPaths = Set(oldHierarchies)
        let newPaths = Set(newHierarchies)
        for (item, hierarchy) in zip(old.paths, oldHierarchies) where !newPaths.contains(hierarchy) {
            // As bad as removing the worst of its operations.
            let grades = item.operations.map { removalGrade(lifecycle(of: $0), otherwise: .breaking) }
            let severity = grades.map(\.0).max() ?? .breaking
            report(
                .pathRemoved, severity, .both, operation: nil, pointer: "/paths/\(JSONPointer.escape(item.path))",
                old: item.location, new: nil, "path \(item.path) was removed",
                note: severity == .info ? "each of its operations was deprecated first" : nil)
        }
        for (item, hierarchy) in zip(new.paths, newHierarchies) where !oldPaths.contains(hierarchy) {
            report(
                .pathAdded, .info, .both, operation: nil, pointer: "/paths/\(JSONPointer.escape(item.path))",
                old: nil, new: item.location, "path \(item.path) was added")
        }
        for (index, operation) in oldOperations.enumerated() where !paired.contains(index) {
            let (severity, note) = removalGrade(lifecycle(of: operation), otherwise: .breaking)
            report(
                .operationRemoved, severity, .both, operation: Self.display(operation),
                pointer: Self.pointer(operation),
                old: operation.location, new: nil, "operation \(Self.display(operation)) was removed", note: note)
        }
        for (index, operation) in newOperations.enumerated() {
            guard let previous = pairs[index].map({ oldOperations[$0] }) else {
                report(
                    .operationAdded, .info, .both, operation: Self.display(operation), pointer: Self.pointer(operation),
                    old: nil, new: operation.location, "operation \(Self.display(operation)) was added")
                continue
            }
            compare(previous, operation)
        }
    }

    func compare(_ oldOperation: Operation, _ newOperation: Operation) {
        let name = Self.display(newOperation)
        let pointer = Self.pointer(newOperation)
        if oldOperation.operationId != newOperation.operationId {
            report(
                .operationIDChanged, .breaking, .both, operation: name, pointer: pointer + "/operationId",
                old: oldOperation.location, new: newOperation.location,
                "operationId changed from '\(oldOperation.operationId ?? "")' to "
                    + "'\(newOperation.operationId ?? "")', which renames the client method"
            )
        }
        compareLifecycle(
            lifecycle(of: oldOperation), lifecycle(of: newOperation), rule: .operationDeprecated, direction: .both,
            operation: name, pointer: pointer, old: oldOperation.location, new: newOperation.location,
            subject: "the operation")
        if let before = stabilityLevel(of: oldOperation), let after = stabilityLevel(of: newOperation), after < before {
            report(
                .stabilityDecreased, .breaking, .both, operation: name, pointer: pointer + "/x-stability-level",
                old: oldOperation.location, new: newOperation.location,
                "the operation's x-stability-level went down from \(before) to \(after)")
        }
        if options.includeDocs {
            compareText(
                oldOperation.summary, newOperation.summary, operation: name, pointer: pointer + "/summary",
                old: oldOperation.location, new: newOperation.location)
            compareText(
                oldOperation.description, newOperation.description, operation: name,
                pointer: pointer + "/description", old: oldOperation.location, new: newOperation.location)
        }
        if oldOperation.security != nil || newOperation.security != nil {
            compareSecurity(
                oldOperation.security ?? old.security ?? [], newOperation.security ?? new.security ?? [],
                operation: name, pointer: pointer + "/security",
                oldLocation: oldOperation.location, newLocation: newOperation.location)
        }
        compareParameters(oldOperation, newOperation, operation: name, pointer: pointer + "/parameters")
        compareRequestBodies(
            oldOperation.requestBody, newOperation.requestBody, operation: name,
            pointer: pointer + "/requestBody", oldParent: oldOperation.location, newParent: newOperation.location)
        compareResponses(oldOperation, newOperation, operation: name, pointer: pointer + "/responses")
    }

    func compareText(
        _ oldText: String?, _ newText: String?, operation: String?, pointer: String,
        old oldLocation: SourceLocation?, new newLocation: SourceLocation?
    ) {
        guard oldText != newText else { return }
        report(
            .descriptionChanged, .info, .both, operation: operation, pointer: pointer,
            old: oldLocation, new: newLocation, "the text changed")
    }

    func lifecycle(of operation: Operation) -> Lifecycle {
        lifecycle(deprecated: operation.deprecated, extensions: operation.extensions)
    }
}
