import SpecParser

/// Parameters: their names and types, whether they are sent as text, and
/// their styles (`ParameterStyles.swift`). A header parameter that carries
/// the client's credential is the configuration's, not an argument; one
/// named `Accept`, `Content-Type` or `Authorization` is ignored, as OpenAPI
/// says.
extension TranslationContext {
    func translateParameters(_ operation: Operation, typePrefix: String) -> [ParameterModel] {
        var parameters: [ParameterModel] = []
        var nested: [TypeDeclaration] = []
        let kept = operation.parameters.filter { parameter in
            guard parameter.location == .header else { return true }
            let name = parameter.name.lowercased()
            if ["accept", "content-type", "authorization"].contains(name) {
                // OpenAPI: such a header parameter SHALL be ignored; the
                // responses, the body and the security requirement say it.
                diagnostics.warning(
                    "header parameter '\(parameter.name)' of \(display(operation)) is ignored, as OpenAPI says: the "
                        + (name == "accept"
                            ? "documented responses" : name == "content-type" ? "request body" : "security requirement")
                        + " set it",
                    at: parameter.sourceLocation)
                return false
            }
            return credentialHeaders[name] == nil
        }
        let rawNames = kept.map { $0.swiftName ?? Naming.member($0.name) }
        let names = Naming.uniqued(rawNames, taken: ["request", "builder", "response"])
        for (index, parameter) in kept.enumerated() where names[index] != rawNames[index] {
            diagnostics.warning(
                "parameter '\(parameter.name)' of \(display(operation)) is named '\(names[index])' because "
                    + "'\(rawNames[index])' is already taken",
                at: parameter.sourceLocation)
        }
        for (index, parameter) in kept.enumerated() {
            var type: TypeUsage = .string
            if let schema = parameter.schema ?? parameter.content.first?.schema {
                type = usage(
                    schema, suggestedName: typePrefix + Naming.type(parameter.name, reserved: []),
                    qualifier: nil, nested: &nested)
            }
            // An alias of an array is sent as the array it stands for.
            if case .array = resolvedAlias(type) { type = resolvedAlias(type) }
            let isText: Bool
            if case .array(let element) = type { isText = isTextual(element) } else { isText = isTextual(type) }
            let (style, explode) = parameterStyle(parameter, type: type, operation: operation)
            if !isText && style != .deepObject && !hasStyleSpelling(type) {
                diagnostics.warning(
                    "parameter '\(parameter.name)' of \(display(operation)) can hold values nested deeper than its "
                        + "style can spell; those are sent as JSON text",
                    at: parameter.sourceLocation)
            }
            parameters.append(
                ParameterModel(
                    name: names[index], wireName: parameter.name,
                    location: ParameterModel.Location(rawValue: parameter.location.rawValue)!,
                    type: type, isRequired: parameter.required,
                    documentation: Documentation(details: parameter.description, deprecated: parameter.deprecated),
                    style: style, explode: explode, isText: isText,
                    allowReserved: parameter.allowReserved && parameter.location == .query))
        }
        return parameters
    }
}
