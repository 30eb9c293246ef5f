import SpecParser

/// Operations: their method names, and the model of each, assembled from
/// its parameters (`ParameterTranslation.swift`), request body
/// (`RequestBodyTranslation.swift`, `MultipartTranslation.swift`) and
/// responses (`ResponseTranslation.swift`).
extension TranslationContext {
    /// Method names for every operation, unique and in operation order.
    func operationMethodNames() -> [String] {
        let raw = specOperations.map(methodName)
        let unique = Naming.uniqued(raw, taken: ["configuration", "transport", "send"])
        for (index, operation) in specOperations.enumerated() where unique[index] != raw[index] {
            diagnostics.warning(
                "operation '\(operation.operationId ?? display(operation))' is named '\(unique[index])' because "
                    + "'\(raw[index])' is already taken",
                at: operation.location)
        }
        return unique
    }

    /// The name chosen in the generation config or with `x-swift-name`, or
    /// else the one ``Naming/methodName(operationId:method:path:)`` makes.
    private func methodName(_ operation: Operation) -> String {
        if let id = operation.operationId, let chosen = overridden(\.operations, id) { return chosen }
        if let chosen = operation.swiftName { return chosen }
        return Naming.methodName(
            operationId: operation.operationId, method: operation.method.rawValue, path: operation.path)
    }

    /// `POST /v1/images`, for diagnostics.
    func display(_ operation: Operation) -> String {
        "\(operation.method.uppercased) \(operation.path)"
    }

    func translate(_ operation: Operation, name: String, errorBodies: inout [ErrorBodyCase]) -> OperationModel {
        let typePrefix = Naming.type(name, reserved: reserved)
        // In this order: the types each part declares take their names in turn.
        let parameters = translateParameters(operation, typePrefix: typePrefix)
        let requestBody = operation.requestBody.flatMap {
            translateBody($0, operation: operation, typePrefix: typePrefix)
        }
        let translated = translateResponses(operation, typePrefix: typePrefix, errorBodies: &errorBodies)
        if !translated.outcomeHeaders.isEmpty { pendingHeaders.append((name, typePrefix, translated.outcomeHeaders)) }
        let (path, fixedQuery) = Self.splitQuery(operation.path)
        var model = OperationModel(
            name: name, operationId: operation.operationId ?? name, method: operation.method.uppercased,
            path: path,
            documentation: Documentation(
                summary: operation.summary, details: operation.description,
                deprecated: operation.deprecated),
            parameters: parameters, requestBody: requestBody, responses: translated.responses,
            security: securityRequirement(of: operation), output: translated.output, responseHeaders: nil,
            tags: operation.tags)
        model.fixedQuery = fixedQuery
        if let stream = translated.stream {
            model.eventStream = translateStream(
                stream, name: name, typePrefix: typePrefix, requestBody: requestBody)
        }
        model.idempotencyKey = idempotencyKey(operation, parameters: parameters)
        return model
    }

    /// A path key with a query (`/v1/messages/batches?beta=true`) as the
    /// path and the items the query holds, percent-decoded (the request
    /// builder encodes them again).
    static func splitQuery(_ key: String) -> (path: String, query: [FixedQueryItem]) {
        guard let mark = key.firstIndex(of: "?") else { return (key, []) }
        let query = key[key.index(after: mark)...].split(separator: "&").map { pair -> FixedQueryItem in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                let plain = String(text).replacing("+", with: " ")
                return plain.percentDecoded ?? plain
            }
            return FixedQueryItem(name: decoded(parts[0]), value: parts.count > 1 ? decoded(parts[1]) : "")
        }
        return (String(key[..<mark]), query)
    }
}
