/// Renders one operation: its method on the client, and its multipart
/// request type when it has one.
struct OperationRenderer {
    let options: Renderer.Options

    func render(_ operation: OperationModel, into writer: inout SwiftWriter) {
        writer.line(Availability.attribute)
        writer.block("nonisolated extension \(options.clientName)") { w in
            renderMethod(operation, into: &w)
        }
        if case .multipart(let body) = operation.body {
            writer.line()
            renderMultipartRequest(body, into: &writer)
        }
    }

    // MARK: - Method

    struct Argument {
        var label: String
        var name: String
        var type: String
        var defaultValue: String?
        var documentation: String?
    }

    func arguments(_ operation: OperationModel) -> [Argument] {
        var result: [Argument] = operation.parameters.map { parameter in
            let spelled = TypeSpelling.spell(parameter.type)
            return Argument(
                label: parameter.name, name: parameter.name,
                type: parameter.isRequired ? spelled : spelled + "?",
                defaultValue: parameter.isRequired ? nil : "nil",
                documentation: parameter.documentation.details)
        }
        let label = result.isEmpty ? "_" : "request"
        switch operation.body {
        case .json(let body)?, .formURLEncoded(let body)?:
            let spelled = TypeSpelling.spell(body.type)
            result.append(Argument(label: label, name: "request", type: body.isRequired ? spelled : spelled + "?",
                                   defaultValue: body.isRequired ? nil : "nil", documentation: body.documentation.details))
        case .multipart(let body)?:
            result.append(Argument(label: label, name: "request", type: body.typeName, defaultValue: nil,
                                   documentation: body.documentation.details))
        case .binary(_, let required, let documentation)?:
            result.append(Argument(label: label, name: "request", type: required ? "Data" : "Data?",
                                   defaultValue: required ? nil : "nil", documentation: documentation.details))
        case nil:
            break
        }
        return result
    }

    func returnType(_ operation: OperationModel) -> String? {
        guard let body = operation.success?.body else { return nil }
        return body == .file ? "Data" : TypeSpelling.spell(body)
    }

    private func renderMethod(_ operation: OperationModel, into writer: inout SwiftWriter) {
        let arguments = arguments(operation)
        // The operationId comes from the spec: one comment line, whatever it holds.
        var extra = [SwiftText.commentLines("`\(operation.method) \(operation.path)` (`\(operation.operationId)`)").joined(separator: " ")]
        let parameterLines = parametersDocumentation(arguments)
        if !parameterLines.isEmpty { extra.append("") }
        extra.append(contentsOf: parameterLines)
        if let success = operation.success, let details = success.documentation.details, returnType(operation) != nil {
            let lines = SwiftText.commentLines(details)
            if let first = lines.first {
                extra.append("- Returns: \(first)")
                extra.append(contentsOf: lines.dropFirst().map { $0.isEmpty ? "" : "  " + $0 })
            }
        }
        extra.append(throwsDocumentation(operation))
        writer.documentation(operation.documentation, extra: extra)
        if operation.documentation.deprecated {
            writer.line("@available(*, deprecated, message: \"Deprecated in the API description.\")")
        }
        let signature = signature(arguments)
        let returns = returnType(operation).map { " -> \($0)" } ?? ""
        // `@concurrent`: encoding, sending and decoding run off the caller's
        // actor, also in a target with `NonisolatedNonsendingByDefault`.
        writer.block("@concurrent public func \(Naming.escaped(operation.name))", parameters: signature,
                     suffix: " async throws(\(options.errorName))\(returns)") { w in
            renderBody(operation, into: &w)
        }
    }

    /// `- Parameters:` lines for the arguments the spec documents.
    func parametersDocumentation(_ arguments: [Argument]) -> [String] {
        let documented = arguments.filter { $0.documentation != nil }
        guard !documented.isEmpty else { return [] }
        var lines = ["- Parameters:"]
        for argument in documented {
            let text = SwiftText.commentLines(argument.documentation ?? "")
            guard let first = text.first else { continue }
            lines.append("  - \(argument.name): \(first)")
            lines.append(contentsOf: text.dropFirst().map { $0.isEmpty ? "" : "    " + $0 })
        }
        return lines
    }

    /// `label name: Type = default` for each argument.
    func signature(_ arguments: [Argument]) -> [String] {
        arguments.map { argument in
            let label = argument.label == argument.name ? Naming.escaped(argument.name) : "\(argument.label) \(Naming.escaped(argument.name))"
            return "\(label): \(argument.type)" + (argument.defaultValue.map { " = \($0)" } ?? "")
        }
    }

    /// `name: name, ...`: the arguments passed on as they are.
    func forwarding(_ arguments: [Argument]) -> String {
        arguments.map { argument in
            (argument.label == "_" ? "" : argument.label + ": ") + Naming.escaped(argument.name)
        }.joined(separator: ", ")
    }

    private func pathExpression(_ operation: OperationModel) -> String {
        var pieces: [String] = []
        var rest = Substring(operation.path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(SwiftText.literal(String(rest[..<open]))) }
            let name = String(rest[rest.index(after: open)..<close])
            if let parameter = operation.parameters.first(where: { $0.location == .path && $0.wireName == name }) {
                if !parameter.isStyled {
                    pieces.append("RequestBuilder.pathComponent(\(Naming.escaped(parameter.name)))")
                } else {
                    pieces.append("(try RequestBuilder.pathParameter(\(SwiftText.literal(parameter.wireName)), \(Naming.escaped(parameter.name)), style: .\(parameter.style.rawValue), explode: \(parameter.explode)))")
                }
            } else {
                pieces.append(SwiftText.literal("{" + name + "}"))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty || pieces.isEmpty { pieces.append(SwiftText.literal(String(rest))) }
        return pieces.joined(separator: " + ")
    }

    private func renderBody(_ operation: OperationModel, into writer: inout SwiftWriter) {
        let id = SwiftText.literal(operation.operationId)
        let hasRequestChanges = !operation.parameters.filter({ $0.location != .path }).isEmpty || operation.body != nil
        writer.line("\(hasRequestChanges ? "var" : "let") builder = RequestBuilder(method: \(SwiftText.literal(operation.method)), path: \(pathExpression(operation)))")
        for parameter in operation.parameters where parameter.location != .path {
            let value = Naming.escaped(parameter.name)
            let styled = parameter.isStyled
            switch parameter.location {
            case .query:
                if !styled {
                    writer.line("builder.addQuery(\(SwiftText.literal(parameter.wireName)), \(value)\(isArray(parameter.type) ? ", explode: \(parameter.explode)" : ""))")
                } else {
                    let reserved = parameter.allowReserved ? ", allowReserved: true" : ""
                    writer.line("try builder.addQuery(\(SwiftText.literal(parameter.wireName)), \(value), style: .\(parameter.style.rawValue), explode: \(parameter.explode)\(reserved))")
                }
            case .header:
                writer.line(!styled
                    ? "builder.setHeader(\(SwiftText.literal(parameter.wireName)), \(value))"
                    : "try builder.setHeaderValue(\(SwiftText.literal(parameter.wireName)), \(value), explode: \(parameter.explode))")
            case .cookie:
                writer.line(!styled
                    ? "builder.addCookie(\(SwiftText.literal(parameter.wireName)), \(value))"
                    : "try builder.addCookieValue(\(SwiftText.literal(parameter.wireName)), \(value), explode: \(parameter.explode))")
            case .path:
                break
            }
        }
        switch operation.body {
        case .json(let body)?:
            writer.line("try builder.setJSONBody(request, contentType: \(SwiftText.literal(body.contentType)))")
        case .formURLEncoded(let body)?:
            let deepObject = body.deepObjectFields.isEmpty
                ? "" : ", deepObjectFields: [\(body.deepObjectFields.map(SwiftText.literal).joined(separator: ", "))]"
            writer.line("try builder.setFormBody(request, contentType: \(SwiftText.literal(body.contentType))\(deepObject))")
        case .multipart?:
            writer.line("builder.setMultipartBody(try request.multipartFormData(), boundary: self.configuration.makeBoundary())")
        case .binary(let contentType, _, _)?:
            writer.line("builder.setBody(request, contentType: \(SwiftText.literal(contentType)))")
        case nil:
            break
        }
        writer.line("let response = try await self.send(builder, operationID: \(id))")
        renderResponseHandling(operation, into: &writer)
    }

    /// What follows the request: the status check, then the decoded body.
    func renderResponseHandling(_ operation: OperationModel, into writer: inout SwiftWriter) {
        let id = SwiftText.literal(operation.operationId)
        // One status check per operation: anything but 2xx is an error,
        // with its body decoded as the spec documents it for that status.
        writer.block("guard (200..<300).contains(response.statusCode) else") { w in
            let arms = errorBodyArms(operation)
            if arms.count < 2 {
                // No arm, or only `default`: every error status has the same body, or none.
                let body = arms.first.map { String($0.dropFirst("default: ".count)) } ?? "nil"
                w.line("throw self.unexpectedStatus(response, operationID: \(id), documentedBody: \(body))")
                return
            }
            w.line("let documentedBody: DocumentedErrorBody? = switch response.statusCode {")
            for arm in arms { w.line(arm) }
            w.line("}")
            w.line("throw self.unexpectedStatus(response, operationID: \(id), documentedBody: documentedBody)")
        }
        switch operation.success?.body {
        case nil: break
        case .file?: writer.line("return response.body")
        case let type?: writer.line("return try self.decode(\(TypeSpelling.spell(type)).self, from: response, operationID: \(id))")
        }
    }

    /// The arms of the switch that decodes an error body: statuses with the
    /// same body share an arm; exact codes come before ranges (`4XX`), as
    /// OpenAPI ranks them; the spec's `default` response is the `default` arm.
    /// Empty when no error status documents a body.
    private func errorBodyArms(_ operation: OperationModel) -> [String] {
        let fallback = operation.errors.first { statusPattern($0.status) == nil }.map(documentedBody) ?? "nil"
        var exact: [(body: String, patterns: [String])] = []
        var ranges: [(body: String, patterns: [String])] = []
        for error in operation.errors {
            guard let pattern = statusPattern(error.status) else { continue }
            let body = documentedBody(error)
            // A status without a body needs an arm only to keep it from the default's body.
            if body == "nil" && fallback == "nil" { continue }
            if Int(error.status) != nil {
                if let index = exact.firstIndex(where: { $0.body == body }) { exact[index].patterns.append(pattern) } else { exact.append((body, [pattern])) }
            } else {
                if let index = ranges.firstIndex(where: { $0.body == body }) { ranges[index].patterns.append(pattern) } else { ranges.append((body, [pattern])) }
            }
        }
        let arms = (exact + ranges).map { "case \($0.patterns.joined(separator: ", ")): \($0.body)" }
        guard !arms.isEmpty || fallback != "nil" else { return [] }
        return arms + ["default: \(fallback)"]
    }

    /// `- Throws:` text: the statuses the spec documents, with the type their body decodes as.
    private func throwsDocumentation(_ operation: OperationModel) -> String {
        let documented = operation.errors.map { error in
            let status = error.status.lowercased() == "default" ? "any other status" : error.status
            guard let type = error.body, error.errorCase != nil, type != .json, type != .file else { return status }
            return "\(status) (``\(TypeSpelling.spell(type))``)"
        }
        let list = documented.isEmpty ? "" : " The API documents " + documented.joined(separator: ", ") + "."
        return "- Throws: ``\(options.errorName)``; `.unexpectedStatus` for any status but 2xx, with the body decoded as documented in `documentedBody`.\(list)"
    }

    private func isArray(_ type: TypeUsage) -> Bool {
        if case .array = type { return true }
        return false
    }

    private func statusPattern(_ status: String) -> String? {
        if let code = Int(status) { return String(code) }
        if status.count == 3, let first = status.first?.wholeNumberValue, status.uppercased().hasSuffix("XX") {
            return "\(first * 100)..<\(first * 100 + 100)"
        }
        return nil
    }

    private func documentedBody(_ response: ResponseModel) -> String {
        guard let type = response.body, let name = response.errorCase, type != .file else { return "nil" }
        return "self.decodeDocumented(\(TypeSpelling.spell(type)).self, from: response).map(DocumentedErrorBody.\(Naming.escaped(name)))"
    }

    // MARK: - Multipart request type

    private func fieldType(_ field: MultipartField) -> (type: String, defaultValue: String?) {
        let spelled = TypeSpelling.spell(field.type)
        if field.isRequired { return (spelled, nil) }
        if case .array = field.type { return (spelled, "[]") }
        return (spelled + "?", "nil")
    }

    private func renderMultipartRequest(_ body: MultipartBody, into writer: inout SwiftWriter) {
        var documentation = body.documentation
        if documentation.details == nil { documentation.details = "The fields of a multipart/form-data request." }
        writer.documentation(documentation)
        writer.line(Availability.attribute)
        writer.block("nonisolated public struct \(body.typeName): Hashable, Sendable") { w in
            for field in body.fields {
                w.documentation(TypeRenderer.orFallback(field.documentation, "The \(SwiftText.codeSpan(field.wireName)) form field."))
                w.line("public var \(Naming.escaped(field.name)): \(fieldType(field).type)")
            }
            if !body.fields.isEmpty { w.line() }
            let parameters = body.fields.map { field in
                let (type, defaultValue) = fieldType(field)
                return "\(Naming.escaped(field.name)): \(type)" + (defaultValue.map { " = \($0)" } ?? "")
            }
            w.line("/// Creates a request from its fields; optional fields left out are not sent.")
            w.block("public init", parameters: parameters) { w in
                for field in body.fields {
                    w.line("self.\(field.name) = \(Naming.escaped(field.name))")
                }
            }
            w.line()
            w.line("/// The fields as form-data parts, in the spec's order.")
            w.block("func multipartFormData() throws(\(options.errorName)) -> MultipartFormData") { w in
                w.line("\(body.fields.isEmpty ? "let" : "var") form = MultipartFormData()")
                for field in body.fields {
                    renderPart(field, into: &w)
                }
                w.line("return form")
            }
            for nested in body.nested {
                w.line()
                TypeRenderer(options: options).render(nested, into: &w)
            }
        }
    }

    private func renderPart(_ field: MultipartField, into writer: inout SwiftWriter) {
        let name = SwiftText.literal(field.wireName)
        let contentType = field.contentType.map { ", contentType: \(SwiftText.literal($0))" } ?? ""
        let value = "self.\(field.name)"
        let optional = !field.isRequired && !isArray(field.type)
        let bound = optional ? "value" : value
        let statement: String
        switch field.encoding {
        case .text: statement = "form.append(\(bound), name: \(name)\(contentType))"
        case .file: statement = "form.append(\(bound), name: \(name)\(contentType))"
        case .json: statement = "try form.appendJSON(\(bound), name: \(name)\(contentType))"
        case .repeatedText, .repeatedFile:
            writer.line("for item in \(bound) { form.append(item, name: \(name)\(contentType)) }")
            return
        }
        if optional {
            writer.line("if let value = \(value) { \(statement) }")
        } else {
            writer.line(statement)
        }
    }
}
