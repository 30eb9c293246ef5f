/// Renders one operation: its method on the client, and its multipart
/// request type when it has one.
struct OperationRenderer {
    let options: Renderer.Options

    /// The modifier of every declaration: `public `, `package ` or nothing.
    var access: String { options.access.modifier }

    func render(_ operation: OperationModel, into writer: inout SwiftWriter) {
        writer.line(Availability.attribute)
        writer.block("nonisolated extension \(options.clientName)") { w in
            let variants = operation.requestBody?.variants ?? []
            var first = true
            func separate(_ w: inout SwiftWriter) {
                if !first { w.line() }
                first = false
            }
            if operation.hasBufferedCall {
                if variants.count < 2 {
                    separate(&w)
                    renderMethod(operation, variant: variants.first, into: &w)
                } else {
                    // One public call per way of sending the body, each setting
                    // it and handing over to one private call that does the rest.
                    for variant in variants {
                        separate(&w)
                        renderMethod(operation, variant: variant, into: &w)
                    }
                    separate(&w)
                    renderSharedCall(operation, into: &w)
                }
            }
            if let stream = operation.eventStream {
                separate(&w)
                renderStreamingCall(operation, stream, into: &w)
            }
            if operation.downloadsToFile {
                separate(&w)
                renderDownloadCall(operation, into: &w)
            }
            if let pagination = operation.pagination {
                separate(&w)
                renderPaginatedCall(operation, pagination, into: &w)
            }
        }
        for variant in operation.requestBody?.variants ?? [] {
            if case .multipart(let body) = variant.content {
                writer.line()
                renderMultipartRequest(body, into: &writer)
            }
        }
        if operation.hasBufferedCall, case .outcomes(let outcomes) = operation.output {
            writer.line()
            renderOutcomes(outcomes, into: &writer)
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

    /// The call's parameters, then its body as `variant` sends it (the
    /// preferred way when nil and the operation has a body).
    func arguments(_ operation: OperationModel, variant: RequestVariant? = nil) -> [Argument] {
        var result = parameterArguments(operation)
        result += bodyArguments(operation, variant: variant, afterOthers: !result.isEmpty)
        if let key = idempotencyKeyArgument(operation) { result.append(key) }
        return result
    }

    /// The arguments of the operation's parameters.
    func parameterArguments(_ operation: OperationModel) -> [Argument] {
        operation.parameters.map { parameter in
            let spelled = TypeSpelling.spell(parameter.type)
            return Argument(
                label: parameter.name, name: parameter.name,
                type: parameter.isRequired ? spelled : spelled + "?",
                defaultValue: parameter.isRequired ? nil : "nil",
                // Swift has no deprecated parameters: the documentation says it.
                documentation: TypeRenderer.notingDeprecation(parameter.documentation).details)
        }
    }

    /// The argument of the body as `variant` sends it (the preferred way
    /// when nil), if the operation takes one.
    private func bodyArguments(_ operation: OperationModel, variant: RequestVariant?, afterOthers: Bool) -> [Argument] {
        var result: [Argument] = []
        guard let body = operation.requestBody, let variant = variant ?? body.variants.first else { return result }
        let label = variant.label ?? (afterOthers ? "request" : "_")
        let documentation = body.documentation.details
        func argument(_ spelled: String) -> Argument {
            Argument(
                label: label, name: "request", type: body.isRequired ? spelled : spelled + "?",
                defaultValue: body.isRequired ? nil : "nil", documentation: documentation)
        }
        switch variant.content {
        case .json(let json): result.append(argument(TypeSpelling.spell(json.type)))
        case .formURLEncoded(let form): result.append(argument(TypeSpelling.spell(form.type)))
        case .binary: result.append(argument("Data"))
        case .file:
            // A file to send is always passed: without one, the `Data` call sends none.
            result.append(
                Argument(
                    label: label, name: "request", type: "FileUpload", defaultValue: nil,
                    documentation: documentation))
        case .multipart(let multipart):
            // A multipart body is a request type of its own, always passed.
            result.append(
                Argument(
                    label: label, name: "request", type: multipart.typeName, defaultValue: nil,
                    documentation: documentation))
        }
        return result
    }

    /// The argument of an idempotency key the generation config adds (a
    /// declared `Idempotency-Key` header is a parameter like any other).
    private func idempotencyKeyArgument(_ operation: OperationModel) -> Argument? {
        guard let key = operation.idempotencyKey, !key.isDeclared else { return nil }
        return Argument(
            label: key.parameterName, name: key.parameterName, type: "String?", defaultValue: "nil",
            documentation: "The call's idempotency key (`\(key.header)`); a fresh one when nil. Every retry of "
                + "the call sends the same key, so the server runs it once.")
    }

    func returnType(_ operation: OperationModel) -> String? {
        switch operation.output {
        case .none: nil
        case .body(let body): spell(body)
        case .outcomes(let outcomes): outcomes.name
        }
    }

    /// How a body a call reads is spelled.
    func spell(_ body: ResponseBody) -> String {
        switch body {
        case .json(let type): TypeSpelling.spell(type)
        case .text: "String"
        case .binary: "Data"
        }
    }

    private func renderMethod(_ operation: OperationModel, variant: RequestVariant?, into writer: inout SwiftWriter) {
        let arguments = arguments(operation, variant: variant)
        // The operationId comes from the spec: one comment line, whatever it holds.
        var extra = [heading(operation)]
        let parameterLines = parametersDocumentation(arguments)
        if !parameterLines.isEmpty { extra.append("") }
        extra.append(contentsOf: parameterLines)
        if case .outcomes(let outcomes) = operation.output {
            let cases = outcomes.cases.map { "`.\($0.name)` (\($0.status.text))" }
            extra.append(
                "- Returns: ``\(outcomes.name)``: " + cases.dropLast().joined(separator: ", ")
                    + (cases.count > 1 ? " or " : "") + (cases.last ?? "") + ".")
        } else if let success = operation.responses.first(where: \.status.isSuccess),
            let details = success.documentation.details,
            returnType(operation) != nil
        {
            let lines = SwiftText.commentLines(details)
            if let first = lines.first {
                extra.append("- Returns: \(first)")
                extra.append(contentsOf: lines.dropFirst().map { $0.isEmpty ? "" : "  " + $0 })
            }
        }
        if let headers = operation.responseHeaders {
            extra.append(
                "- Note: Its answers' documented headers: ``\(headers)``, read from the response that "
                    + "`withResponse(_:)` returns with `\(headers)(response)`.")
        }
        if let variant, case .file = variant.content {
            extra.append(
                "- Note: This call sends the file as it reads it from disk, so a file of any size uploads in flat "
                    + "memory."
            )
        } else if let variant, let label = variant.label {
            extra.append("- Note: This call sends the body as `\(variant.content.mediaType)` (`\(label):`).")
        }
        extra.append(throwsDocumentation(operation))
        writer.documentation(operation.documentation, extra: extra)
        if operation.documentation.deprecated {
            writer.line(TypeRenderer.deprecatedAttribute)
        }
        let signature = signature(arguments)
        let returns = returnType(operation).map { " -> \($0)" } ?? ""
        // `@concurrent`: encoding, sending and decoding run off the caller's
        // actor, also in a target with `NonisolatedNonsendingByDefault`.
        writer.block(
            "@concurrent \(access)func \(Naming.escaped(operation.name))", parameters: signature,
            suffix: " async throws(\(options.errorName))\(returns)"
        ) { w in
            if let variant, (operation.requestBody?.variants.count ?? 0) > 1 {
                // The shared call does the rest, once this one's body is set.
                let passed = forwarding(arguments.filter { $0.name != "request" })
                let separator = passed.isEmpty ? "" : ", "
                w.line(
                    "try await self.\(Naming.escaped(operation.name))(\(passed)\(separator)settingBody: { builder "
                        + "throws(\(options.errorName)) in"
                )
                w.indented { w in
                    renderStreamFlag(operation, variant.content, false, into: &w)
                    renderSetBody(variant.content, into: &w)
                }
                w.line("})")
            } else {
                renderBody(operation, variant: variant, into: &w)
            }
        }
    }

    /// The private call the calls of an operation with several ways of
    /// sending its body share: parameters, the body their closure sets,
    /// sending and reading the answer.
    private func renderSharedCall(_ operation: OperationModel, into writer: inout SwiftWriter) {
        var parameters = signature(arguments(operation).filter { $0.name != "request" })
        parameters.append("settingBody setBody: (inout RequestBuilder) throws(\(options.errorName)) -> Void")
        let returns = returnType(operation).map { " -> \($0)" } ?? ""
        writer.line("/// `\(Naming.escaped(operation.name))` once its body is set, whichever way it is sent.")
        writer.block(
            "private func \(Naming.escaped(operation.name))", parameters: parameters,
            suffix: " async throws(\(options.errorName))\(returns)"
        ) { w in
            renderBody(operation, variant: nil, settingBodyWithClosure: true, into: &w)
        }
    }

    /// The documentation line that names a call's operation as the spec
    /// writes it (method, path template and operationId), then `suffix`,
    /// which sets this call apart from the operation's others; one line,
    /// whatever the spec's text holds.
    func heading(_ operation: OperationModel, _ suffix: String = "") -> String {
        SwiftText.commentLines("`\(operation.method) \(operation.path)` (`\(operation.operationId)`)" + suffix)
            .joined(separator: " ")
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
            let label =
                argument.label == argument.name
                ? Naming.escaped(argument.name) : "\(argument.label) \(Naming.escaped(argument.name))"
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
                    pieces.append(
                        "(try RequestBuilder.pathParameter(\(SwiftText.literal(parameter.wireName)), "
                            + "\(Naming.escaped(parameter.name)), style: .\(parameter.style.rawValue), explode: "
                            + "\(parameter.explode)))"
                    )
                }
            } else {
                pieces.append(SwiftText.literal("{" + name + "}"))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty || pieces.isEmpty { pieces.append(SwiftText.literal(String(rest))) }
        return pieces.joined(separator: " + ")
    }

    private func renderBody(
        _ operation: OperationModel, variant: RequestVariant?, settingBodyWithClosure: Bool = false,
        into writer: inout SwiftWriter
    ) {
        renderRequest(
            operation, variant: variant, settingBodyWithClosure: settingBodyWithClosure, streamFlag: false,
            into: &writer)
        writer.line("let response = try await self.send(builder)")
        renderResponseHandling(operation, into: &writer)
    }

    /// The statements that make `builder`: the path, the parameters, the
    /// credentials the call needs, `Accept`, the idempotency key and the
    /// body as `variant` sends it (or as the closure `setBody` does).
    /// `streamFlag` says whether this is the streaming call, which asks for
    /// the stream's media type and sets the body's `stream` property (the
    /// others clear it); `mutable` makes `builder` a `var` whatever follows.
    func renderRequest(
        _ operation: OperationModel, variant: RequestVariant?, settingBodyWithClosure: Bool = false,
        streamFlag: Bool, mutable: Bool = false, into writer: inout SwiftWriter
    ) {
        let id = SwiftText.literal(operation.operationId)
        // A streaming call asks for its stream only: a server that can send
        // JSON too must not choose it.
        let accept = streamFlag ? operation.eventStream.map { [$0.mediaType] } ?? [] : operation.acceptedMediaTypes
        let setsAccept = !accept.isEmpty && accept != ["application/json"]
        let hasRequestChanges =
            !operation.parameters.filter({ $0.location != .path }).isEmpty || operation.requestBody != nil || setsAccept
            || operation.security != nil || !operation.fixedQuery.isEmpty || operation.idempotencyKey != nil || mutable
        writer.call(
            "\(hasRequestChanges ? "var" : "let") builder = RequestBuilder",
            arguments: [
                "operationID: \(id)", "method: \(SwiftText.literal(operation.method))",
                "path: \(pathExpression(operation))",
            ])
        for item in operation.fixedQuery {
            // Written into the spec's path key: sent on every call.
            writer.line("builder.addQuery(\(SwiftText.literal(item.name)), \(SwiftText.literal(item.value)))")
        }
        for parameter in operation.parameters where parameter.location != .path {
            let value = Naming.escaped(parameter.name)
            let styled = parameter.isStyled
            switch parameter.location {
            case .query:
                if !styled {
                    writer.line(
                        "builder.addQuery(\(SwiftText.literal(parameter.wireName)), "
                            + "\(value)\(isArray(parameter.type) ? ", explode: \(parameter.explode)" : ""))"
                    )
                } else {
                    let reserved = parameter.allowReserved ? ", allowReserved: true" : ""
                    writer.line(
                        "try builder.addQuery(\(SwiftText.literal(parameter.wireName)), \(value), style: "
                            + ".\(parameter.style.rawValue), explode: \(parameter.explode)\(reserved))"
                    )
                }
            case .header:
                // The idempotency key has a line of its own.
                if let key = operation.idempotencyKey, key.isDeclared, key.parameterName == parameter.name { continue }
                writer.line(
                    !styled
                        ? "builder.setHeader(\(SwiftText.literal(parameter.wireName)), \(value))"
                        : "try builder.setHeaderValue(\(SwiftText.literal(parameter.wireName)), \(value), explode: "
                            + "\(parameter.explode))"
                )
            case .cookie:
                writer.line(
                    !styled
                        ? "builder.addCookie(\(SwiftText.literal(parameter.wireName)), \(value))"
                        : "try builder.addCookieValue(\(SwiftText.literal(parameter.wireName)), \(value), explode: "
                            + "\(parameter.explode))"
                )
            case .path:
                break
            }
        }
        if let security = operation.security {
            // The credentials this call needs, where they differ from what most need.
            writer.line("builder.security = \(SecurityRenderer.requirement(security))")
        }
        if setsAccept {
            // The media types the answers are documented in (the runtime's default is JSON).
            writer.line("builder.setHeader(\"Accept\", \(SwiftText.literal(accept.joined(separator: ", "))))")
        }
        if let key = operation.idempotencyKey {
            // One key per call, which its retries send again.
            writer.line(
                "builder.setIdempotencyKey(\(Naming.escaped(key.parameterName)), header: "
                    + "\(SwiftText.literal(key.header)))")
        }
        if settingBodyWithClosure {
            writer.line("try setBody(&builder)")
        } else if let content = (variant ?? operation.requestBody?.variants.first)?.content {
            renderStreamFlag(operation, content, streamFlag, into: &writer)
            renderSetBody(content, into: &writer)
        }
    }

    /// Where the request body has a `stream` property, the lines that set
    /// it: the streaming call asks for a stream, every other call for the
    /// whole answer, so that no call gets an answer it cannot read.
    func renderStreamFlag(
        _ operation: OperationModel, _ content: RequestContent, _ value: Bool, into writer: inout SwiftWriter
    ) {
        guard let flag = operation.eventStream?.streamFlag else { return }
        switch content {
        case .json, .multipart: break
        default: return
        }
        let property = "request\(flag.bodyIsOptional ? "?" : "").\(Naming.escaped(flag.propertyName))"
        writer.line("var request = request")
        // The buffered call changes only what would ask for a stream, so the body is otherwise as the caller made it.
        writer.line(value ? "\(property) = true" : "if \(property) == true { \(property) = false }")
    }

    /// The statement that puts `request`, sent as `content`, into `builder`.
    func renderSetBody(_ content: RequestContent, into writer: inout SwiftWriter) {
        switch content {
        case .json(let body):
            writer.line("try builder.setJSONBody(request, contentType: \(SwiftText.literal(body.contentType)))")
        case .formURLEncoded(let body):
            let deepObject =
                body.deepObjectFields.isEmpty
                ? "" : ", deepObjectFields: [\(body.deepObjectFields.map(SwiftText.literal).joined(separator: ", "))]"
            writer.line(
                "try builder.setFormBody(request, contentType: \(SwiftText.literal(body.contentType))\(deepObject))")
        case .multipart:
            writer.line(
                "builder.setMultipartBody(try request.multipartFormData(), boundary: self.configuration.makeBoundary())"
            )
        case .binary(let contentType):
            writer.line("builder.setBody(request, contentType: \(SwiftText.literal(contentType)))")
        case .file(let contentType):
            writer.line(
                "builder.setBody(request" + (contentType.map { ", contentType: \(SwiftText.literal($0))" } ?? "") + ")")
        }
    }

    /// What follows the request: the documented outcomes, each read as
    /// documented, and for any other status an error with its body decoded
    /// as the spec documents it for that status.
    func renderResponseHandling(_ operation: OperationModel, into writer: inout SwiftWriter) {
        let outcomes = operation.responses.filter { $0.status.isSuccess || $0.status.isRedirection }
        if case .outcomes(let declaration) = operation.output {
            writer.switchBlock("switch response.statusCode") { w in
                for outcome in declaration.cases {
                    let response = outcomes.first { $0.status == outcome.status }
                    let pattern = "case \(statusPattern(outcome.status)):"
                    let value =
                        ".\(Naming.escaped(outcome.name))" + (outcome.body.map { "(\(readExpression($0)))" } ?? "")
                    if response?.otherMediaTypes.isEmpty ?? true {
                        w.line(pattern + " return " + value)
                    } else {
                        w.line(pattern)
                        w.indented { w in
                            renderMediaTypeCheck(response, into: &w)
                            w.line("return " + value)
                        }
                    }
                }
                w.line("default:")
                w.indented { w in renderThrow(operation, into: &w) }
            }
            return
        }
        // One status check per operation: anything but a documented outcome is an error.
        writer.block("guard \(outcomeCondition(outcomes)) else") { w in
            renderThrow(operation, into: &w)
        }
        if case .body(let body) = operation.output {
            renderMediaTypeCheck(outcomes.first, into: &writer)
            writer.line("return \(readExpression(body))")
        }
    }

    /// The condition of a status the call succeeds with: any 2xx, and the
    /// 3xx statuses the spec documents.
    func outcomeCondition(_ outcomes: [ResponseModel]) -> String {
        let redirections = outcomes.map(\.status).filter(\.isRedirection)
        return
            (["(200..<300).contains(response.statusCode)"]
            + redirections.map { status in
                if case .code(let code) = status { return "response.statusCode == \(code)" }
                return "(300..<400).contains(response.statusCode)"
            }).joined(separator: " || ")
    }

    /// The expression that reads a body as documented.
    func readExpression(_ body: ResponseBody) -> String {
        switch body {
        case .binary: "response.body"
        case .text: "String(decoding: response.body, as: UTF8.self)"
        case .json(let type): "try self.decode(\(TypeSpelling.spell(type)).self, from: response)"
        }
    }

    /// Where a response is documented in several media types, the call
    /// reads only the one it prefers, and says so when another came.
    func renderMediaTypeCheck(_ response: ResponseModel?, into writer: inout SwiftWriter) {
        guard let response, !response.otherMediaTypes.isEmpty, let read = response.contents.first else { return }
        writer.line("try self.requireMediaType(response, \(SwiftText.literal(read.mediaType)))")
    }

    /// The error of a status the call does not succeed with, its body
    /// decoded as the spec documents it for that status.
    func renderThrow(_ operation: OperationModel, into writer: inout SwiftWriter) {
        let arms = ErrorArms(operation.errors)
        guard !arms.cases.isEmpty else {
            // Every error status has the same body, or none.
            writer.call(
                "throw self.unexpectedStatus",
                arguments: ["response", "documentedBody: \(documentedBody(arms.fallback))"])
            return
        }
        writer.line("let documentedBody: DocumentedErrorBody? = switch response.statusCode {")
        for line in switchCases(arms) { writer.line(line) }
        writer.line("}")
        writer.line("throw self.unexpectedStatus(response, documentedBody: documentedBody)")
    }

    /// The cases of the `switch` on the status that decodes an error body
    /// as documented: one per arm, then `default`.
    func switchCases(_ arms: ErrorArms) -> [String] {
        arms.cases.map { arm in
            "case \(arm.statuses.map(statusPattern).joined(separator: ", ")): \(documentedBody(arm.body))"
        } + ["default: \(documentedBody(arms.fallback))"]
    }

    /// The enum of an operation's outcomes.
    private func renderOutcomes(_ declaration: OutcomesDeclaration, into writer: inout SwiftWriter) {
        writer.documentation(declaration.documentation)
        writer.line(Availability.attribute)
        writer.block("nonisolated \(access)enum \(declaration.name): Hashable, Sendable") { w in
            for outcome in declaration.cases {
                w.documentation(
                    TypeRenderer.orFallback(
                        outcome.documentation, "The `\(outcome.status.text)` answer."),
                    extra: outcome.documentation.details == nil ? [] : ["Status `\(outcome.status.text)`."])
                w.line("case \(Naming.escaped(outcome.name))" + (outcome.body.map { "(\(spell($0)))" } ?? ""))
            }
        }
    }

    /// The arms of the switch that decodes an error body: statuses with the
    /// same body share an arm; exact codes come before ranges (`4XX`), as
    /// OpenAPI ranks them; the spec's `default` response is the fallback.
    struct ErrorArms {
        struct Arm {
            var statuses: [ResponseStatus]
            /// The body's type and its case of the error-body enum; nil for none.
            var body: ErrorBodyCase?
        }

        /// The arms before the fallback; empty when no status needs one.
        var cases: [Arm] = []
        /// What every other status decodes as: the `default` response's body.
        var fallback: ErrorBodyCase?

        init(_ errors: [ResponseModel]) {
            fallback = errors.first { $0.status == .default }.flatMap(Self.documented)
            var exact: [Arm] = []
            var ranges: [Arm] = []
            for error in errors where error.status != .default {
                let body = Self.documented(error)
                // A status without a body needs an arm only to keep it from the default's body.
                if body == nil && fallback == nil { continue }
                if case .code = error.status {
                    if let index = exact.firstIndex(where: { $0.body == body }) {
                        exact[index].statuses.append(error.status)
                    } else {
                        exact.append(Arm(statuses: [error.status], body: body))
                    }
                } else {
                    if let index = ranges.firstIndex(where: { $0.body == body }) {
                        ranges[index].statuses.append(error.status)
                    } else {
                        ranges.append(Arm(statuses: [error.status], body: body))
                    }
                }
            }
            cases = exact + ranges
        }

        /// The body an error response decodes into, when it documents a JSON one.
        static func documented(_ response: ResponseModel) -> ErrorBodyCase? {
            guard case .json(let type)? = response.body, let name = response.errorCase else { return nil }
            return ErrorBodyCase(name: name, type: type)
        }
    }

    /// `- Throws:` text: the statuses the spec documents, with the type their body decodes as.
    func throwsDocumentation(_ operation: OperationModel) -> String {
        let documented = operation.errors.map { error in
            let status = error.status == .default ? "any other status" : error.status.text
            guard let body = ErrorArms.documented(error), body.type != .json else { return status }
            return "\(status) (``\(TypeSpelling.spell(body.type))``)"
        }
        let list = documented.isEmpty ? "" : " The API documents " + documented.joined(separator: ", ") + "."
        return
            "- Throws: ``\(options.errorName)``; `.unexpectedStatus` for any status but 2xx, with the body decoded "
            + "as documented in `documentedBody`.\(list)"
    }

    func isArray(_ type: TypeUsage) -> Bool {
        if case .array = type { return true }
        return false
    }

    /// A status as a `switch` pattern: `404`, `400..<500`.
    func statusPattern(_ status: ResponseStatus) -> String {
        switch status {
        case .code(let code): String(code)
        case .range(let digit): "\(digit * 100)..<\(digit * 100 + 100)"
        case .default: "_"
        }
    }

    /// The expression that decodes an error body as documented, or `nil`.
    func documentedBody(_ body: ErrorBodyCase?) -> String {
        guard let body else { return "nil" }
        return "self.decodeDocumented(response, as: DocumentedErrorBody.\(Naming.escaped(body.name)))"
    }

    // MARK: - Multipart request type

    func fieldType(_ field: MultipartField) -> (type: String, defaultValue: String?) {
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
        writer.block("nonisolated \(access)struct \(body.typeName): Hashable, Sendable") { w in
            for field in body.fields {
                w.documentation(
                    TypeRenderer.orFallback(
                        field.documentation, "The \(SwiftText.codeSpan(field.wireName)) form field."))
                w.line("\(access)var \(Naming.escaped(field.name)): \(fieldType(field).type)")
            }
            if !body.fields.isEmpty { w.line() }
            let parameters = body.fields.map { field in
                let (type, defaultValue) = fieldType(field)
                return "\(Naming.escaped(field.name)): \(type)" + (defaultValue.map { " = \($0)" } ?? "")
            }
            w.line("/// Creates a request from its fields; optional fields left out are not sent.")
            w.block("\(access)init", parameters: parameters) { w in
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
        let call: String
        switch field.encoding {
        case .text, .file: call = "form.append("
        case .json: call = "try form.appendJSON("
        case .repeatedText, .repeatedFile:
            writer.line(joining: "for item in ", bound, " { form.append(item, name: ", name, contentType, ") }")
            return
        }
        // Written piece by piece: a line per field of every multipart body.
        if optional {
            writer.line(joining: "if let value = ", value, " { ", call, bound, ", name: ", name, contentType, ") }")
        } else {
            writer.line(joining: call, bound, ", name: ", name, contentType, ")")
        }
    }
}
