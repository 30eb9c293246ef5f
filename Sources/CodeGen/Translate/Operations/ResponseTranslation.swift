import SpecParser

/// Responses: the body each documented status has in the media types the
/// client reads, its headers, the case of the error-body enum an error's
/// body decodes into, and what a successful call returns.
extension TranslationContext {
    struct TranslatedResponses {
        var responses: [ResponseModel]
        var output: OperationOutput
        /// The headers the outcomes document, in order, each name once.
        var outcomeHeaders: [HeaderModel]
        /// The first success answer documented as a stream of events, and
        /// whether that answer is also documented in another media type.
        var stream: (media: MediaType, hasOtherContent: Bool)?
    }

    func translateResponses(
        _ operation: Operation, typePrefix: String, errorBodies: inout [ErrorBodyCase]
    ) -> TranslatedResponses {
        var responses: [ResponseModel] = []
        let ordered = operation.responses.sorted { Self.order($0.status) < Self.order($1.status) }
        var outcomes = 0
        var stream: (media: MediaType, hasOtherContent: Bool)?
        for var response in ordered {
            guard let status = Self.status(response.status) else { continue }
            if status.isSuccess, stream == nil,
                let media = response.content.first(where: { Self.streamFormat($0.contentType) != nil })
            {
                // The streaming call reads it; the buffered call reads the rest.
                response.content.removeAll { Self.streamFormat($0.contentType) != nil }
                stream = (media, !response.content.isEmpty)
            }
            let isOutcome = status.isSuccess || status.isRedirection
            // The first outcome's inline type keeps the plain name; later ones say their status.
            let suggested =
                isOutcome
                ? typePrefix + "Response" + (outcomes == 0 ? "" : response.status.uppercased())
                : typePrefix + Naming.type("error " + response.status, reserved: [])
            if isOutcome { outcomes += 1 }
            let contents = responseContents(response, suggestedName: suggested)
            var model = ResponseModel(
                status: status, documentation: Documentation(details: response.description),
                contents: contents.map { [$0] } ?? [],
                headers: responseHeaders(response, operation: operation, typePrefix: typePrefix), errorCase: nil)
            model.otherMediaTypes = response.content.map(\.contentType).filter { $0 != contents?.mediaType }
            if let preferred = contents, !model.otherMediaTypes.isEmpty {
                diagnostics.warning(
                    "response \(response.status) of \(display(operation)) is also documented as "
                        + model.otherMediaTypes.map { "'\($0)'" }.joined(separator: ", ")
                        + ", which the client does not read; it asks for '\(preferred.mediaType)'",
                    at: response.location)
            }
            if !isOutcome, case .json(let type)? = model.body {
                model.errorCase = errorCase(for: type, in: &errorBodies)
            }
            responses.append(model)
        }
        let outcomeResponses = responses.filter { $0.status.isSuccess || $0.status.isRedirection }
        var headers: [HeaderModel] = []
        for header in outcomeResponses.flatMap(\.headers)
        where !headers.contains(where: { $0.wireName == header.wireName }) {
            headers.append(header)
        }
        return TranslatedResponses(
            responses: responses, output: output(outcomeResponses, all: responses, typePrefix: typePrefix),
            outcomeHeaders: headers, stream: stream)
    }

    /// What a call returns: the body every outcome has (or nothing), or an
    /// enum of the outcomes when their bodies differ. Without a documented
    /// outcome, a `default` response describes what any status brings.
    private func output(_ outcomes: [ResponseModel], all: [ResponseModel], typePrefix: String) -> OperationOutput {
        guard let first = outcomes.first else {
            return all.first { $0.status == .default }?.body.map { .body($0) } ?? .none
        }
        if outcomes.allSatisfy({ $0.body == first.body }) {
            return first.body.map { .body($0) } ?? .none
        }
        let name = Naming.unique(typePrefix + "Outcome") { isTopLevelName($0) }
        addTopLevelName(name)
        let caseNames = Naming.uniqued(outcomes.map { Naming.outcomeCase($0.status) })
        return .outcomes(
            OutcomesDeclaration(
                name: name,
                documentation: Documentation(summary: "What the call returns: one case for each documented status."),
                cases: zip(outcomes, caseNames).map { response, caseName in
                    OutcomeCase(
                        name: caseName, status: response.status, body: response.body,
                        documentation: response.documentation)
                }))
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

    func errorCase(for type: TypeUsage, in cases: inout [ErrorBodyCase]) -> String {
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
    private func responseContents(_ response: Response, suggestedName: String) -> ResponseContent? {
        guard !response.content.isEmpty else { return nil }
        var nested: [TypeDeclaration] = []
        if let media = response.content.first(where: { isJSON($0.contentType) }) {
            let type = media.schema.map { usage($0, suggestedName: suggestedName, qualifier: nil, nested: &nested) }
            return ResponseContent(mediaType: media.contentType, body: .json(type ?? .json))
        }
        if let media = response.content.first(where: { $0.contentType.hasPrefix("text/") }),
            media.schema.map({ usage($0, suggestedName: suggestedName, qualifier: nil, nested: &nested) }) == .string
        {
            return ResponseContent(mediaType: media.contentType, body: .text)
        }
        return ResponseContent(mediaType: response.content[0].contentType, body: .binary)
    }

    /// The response's documented headers, typed; `Content-Type` is left out,
    /// as OpenAPI says, with a warning.
    private func responseHeaders(_ response: Response, operation: Operation, typePrefix: String) -> [HeaderModel] {
        var result: [HeaderModel] = []
        for header in response.headers {
            guard header.name.lowercased() != "content-type" else {
                diagnostics.warning(
                    "response header 'Content-Type' of \(display(operation)) is ignored, as OpenAPI says: the "
                        + "media type of the content tells it",
                    at: header.location)
                continue
            }
            var nested: [TypeDeclaration] = []
            var type =
                header.schema.map {
                    usage(
                        $0, suggestedName: typePrefix + Naming.type(header.name, reserved: []), qualifier: nil,
                        nested: &nested)
                } ?? .string
            let element: TypeUsage = if case .array(let element) = resolvedAlias(type) { element } else { type }
            if !isTextual(element) || type == .base64 {
                diagnostics.warning(
                    "response header '\(header.name)' of \(display(operation)) holds a structured value, which the "
                        + "client reads as text",
                    at: header.location)
                type = .string
            }
            result.append(
                HeaderModel(
                    name: Naming.member(header.name), wireName: header.name, type: type, isRequired: header.required,
                    documentation: Documentation(details: header.description)))
        }
        return result
    }
}
