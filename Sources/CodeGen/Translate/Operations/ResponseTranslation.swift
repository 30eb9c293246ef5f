import SpecParser

/// Responses: the body each documented status has in the media type the
/// client reads, the case of the error-body enum an error's body decodes
/// into, and what a successful call returns.
extension TranslationContext {
    func translateResponses(
        _ operation: Operation, typePrefix: String,
        errorBodies: inout [ErrorBodyCase]
    ) -> (responses: [ResponseModel], output: OperationOutput) {
        var responses: [ResponseModel] = []
        var output: OperationOutput?
        let ordered = operation.responses.sorted { Self.order($0.status) < Self.order($1.status) }
        for response in ordered {
            guard let status = Self.status(response.status) else { continue }
            let documentation = Documentation(details: response.description)
            if status.isSuccess {
                // The first success decides what a call returns.
                guard output == nil else { continue }
                let content = responseContent(response, suggestedName: typePrefix + "Response")
                output = content.map { .body($0.body) } ?? OperationOutput.none
                responses.append(
                    ResponseModel(
                        status: status, documentation: documentation, contents: content.map { [$0] } ?? [],
                        headers: [], errorCase: nil))
            } else {
                let content = responseContent(
                    response, suggestedName: typePrefix + Naming.type("error " + response.status, reserved: []))
                var model = ResponseModel(
                    status: status, documentation: documentation, contents: content.map { [$0] } ?? [],
                    headers: [], errorCase: nil)
                if case .json(let type)? = model.body {
                    model.errorCase = errorCase(for: type, in: &errorBodies)
                }
                responses.append(model)
            }
        }
        return (responses, output ?? .none)
    }

    /// 200 before 201 before 2XX before 4xx…, `default` last.
    private static func order(_ status: String) -> Int {
        if let code = Int(status) { return code * 10 }
        if let first = status.first?.wholeNumberValue { return first * 1000 + 999 }
        return 100_000
    }

    /// The status as the model keys it; the parser has left out any other.
    private static func status(_ text: String) -> ResponseStatus? {
        if let code = Int(text) { return .code(code) }
        if text.lowercased() == "default" { return .default }
        if text.count == 3, text.uppercased().hasSuffix("XX"), let digit = text.first?.wholeNumberValue {
            return .range(digit)
        }
        return nil
    }

    private func errorCase(for type: TypeUsage, in cases: inout [ErrorBodyCase]) -> String {
        if let existing = cases.first(where: { $0.type == type }) { return existing.name }
        let base: String
        switch type {
        case .named(let name): base = Naming.errorBodyCase(typeName: name)
        case .json: base = "json"
        default: base = "value"
        }
        let name = Naming.uniqued([base], taken: Set(cases.map(\.name)))[0]
        cases.append(ErrorBodyCase(name: name, type: type))
        return name
    }

    /// The content a call reads: JSON where the response offers it (any
    /// JSON value when it has no schema), else text of a string schema,
    /// else bytes; nil without a body.
    private func responseContent(_ response: Response, suggestedName: String) -> ResponseContent? {
        guard !response.content.isEmpty else { return nil }
        var nested: [TypeDeclaration] = []
        if let media = response.content.first(where: { isJSON($0.contentType) }) {
            guard let schema = media.schema else {
                return ResponseContent(mediaType: media.contentType, body: .json(.json))
            }
            return ResponseContent(
                mediaType: media.contentType,
                body: .json(usage(schema, suggestedName: suggestedName, qualifier: nil, nested: &nested)))
        }
        if let media = response.content.first(where: { $0.contentType.hasPrefix("text/") }),
            media.schema.map({ usage($0, suggestedName: suggestedName, qualifier: nil, nested: &nested) }) == .string
        {
            return ResponseContent(mediaType: media.contentType, body: .text)
        }
        return ResponseContent(mediaType: response.content[0].contentType, body: .binary)
    }
}
