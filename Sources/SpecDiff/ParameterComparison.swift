import SpecParser

/// Parameters: removed, added, moved, required or not, and their schemas.
extension ComparisonRun {
    func compareParameters(_ oldOperation: Operation, _ newOperation: Operation, operation: String, pointer: String) {
        let pairs = pairOneToOne(oldOperation.parameters, newOperation.parameters, by: Self.parameterPairing)
        let paired = Set(pairs.values)
        for (index, parameter) in oldOperation.parameters.enumerated() where !paired.contains(index) {
            let (severity, note) = removalGrade(lifecycle(of: parameter), otherwise: .breaking)
            report(
                .parameterRemoved, severity, .request, operation: operation,
                pointer: pointer + "/\(parameter.location.rawValue)/\(JSONPointer.escape(parameter.name))",
                old: parameter.sourceLocation, new: newOperation.location,
                "\(parameter.location.rawValue) parameter '\(parameter.name)' was removed", note: note)
        }
        for (index, parameter) in newOperation.parameters.enumerated() {
            let here = pointer + "/\(parameter.location.rawValue)/\(JSONPointer.escape(parameter.name))"
            guard let previous = pairs[index].map({ oldOperation.parameters[$0] }) else {
                report(
                    .parameterAdded, parameter.required ? .breaking : .info, .request, operation: operation,
                    pointer: here, old: oldOperation.location, new: parameter.sourceLocation,
                    "\(parameter.required ? "required" : "optional") \(parameter.location.rawValue) parameter "
                        + "'\(parameter.name)' was added"
                )
                continue
            }
            if previous.location != parameter.location {
                report(
                    .parameterLocationChanged, .breaking, .request, operation: operation, pointer: here,
                    old: previous.sourceLocation, new: parameter.sourceLocation,
                    "parameter '\(parameter.name)' moved from \(previous.location.rawValue) to "
                        + "\(parameter.location.rawValue)"
                )
            }
            if !previous.required && parameter.required {
                report(
                    .parameterBecameRequired, .breaking, .request, operation: operation, pointer: here,
                    old: previous.sourceLocation, new: parameter.sourceLocation,
                    "parameter '\(parameter.name)' became required")
            } else if previous.required && !parameter.required {
                report(
                    .parameterBecameOptional, .info, .request, operation: operation, pointer: here,
                    old: previous.sourceLocation, new: parameter.sourceLocation,
                    "parameter '\(parameter.name)' became optional")
            }
            compareLifecycle(
                lifecycle(of: previous), lifecycle(of: parameter), rule: .parameterDeprecated, direction: .request,
                operation: operation, pointer: here, old: previous.sourceLocation, new: parameter.sourceLocation,
                subject: "\(parameter.location.rawValue) parameter '\(parameter.name)'")
            if options.includeDocs {
                compareText(
                    previous.description, parameter.description, operation: operation, pointer: here + "/description",
                    old: previous.sourceLocation, new: parameter.sourceLocation)
            }
            let oldSchema = previous.schema ?? previous.content.first?.schema
            let newSchema = parameter.schema ?? parameter.content.first?.schema
            if let oldSchema, let newSchema {
                compareSchema(
                    oldSchema, newSchema, direction: .request, operation: operation, pointer: here + "/schema",
                    subject: "parameter '\(parameter.name)'")
            }
        }
    }

    /// How a parameter of OLD is known in NEW: the same name in the same place
    /// first, then a header or path parameter whose name differs only in case
    /// (header names are case-insensitive, and a path parameter's name is not
    /// sent at all), then the same name, in any case, in another place: a
    /// move. Query and cookie names are case-sensitive: one renamed in case is
    /// removed and added.
    static var parameterPairing: [PairingRule<Parameter>] {
        [
            PairingRule { "\($0.location.rawValue) \($0.name)" },
            PairingRule {
                $0.location == .header || $0.location == .path ? "\($0.location.rawValue) \($0.name.lowercased())" : nil
            },
            PairingRule(key: { $0.name.lowercased() }, accepts: { $0.location != $1.location }),
        ]
    }

    func lifecycle(of parameter: Parameter) -> Lifecycle {
        lifecycle(
            deprecated: parameter.deprecated || parameter.schema?.deprecated == true, extensions: parameter.extensions)
    }
}
