/// The public declarations of operations and jobs, as `OperationRenderer`
/// and `JobRenderer` write them: a client method per way of sending the
/// body, the multipart request types, the outcome enums, and each job's
/// methods.
extension SurfaceBuilder {
    private var operations: OperationRenderer { OperationRenderer(options: options) }

    /// `@concurrent public func name(arguments) async throws(Error) -> Result`.
    private func methodSignature(_ name: String, _ arguments: [OperationRenderer.Argument], returns: String?) -> String
    {
        "@concurrent \(access)func \(Naming.escaped(name))(\(operations.signature(arguments).joined(separator: ", ")))"
            + " async throws(\(options.errorName))" + (returns.map { " -> \($0)" } ?? "")
    }

    private static func parameters(_ arguments: [OperationRenderer.Argument]) -> [SurfaceParameter] {
        arguments.map {
            SurfaceParameter(label: $0.label, name: $0.name, type: $0.type, defaultValue: $0.defaultValue)
        }
    }

    /// `GET /pets`, as the spec diff names operations.
    static func operationName(_ operation: OperationModel) -> String {
        "\(operation.method.uppercased()) \(operation.path)"
    }

    /// The named types a call of `operation` spells or reads: its arguments',
    /// what it returns, the headers and error bodies its answers document.
    private static func references(_ operation: OperationModel) -> [String] {
        var result = operation.parameters.flatMap { references($0.type) }
        for variant in operation.requestBody?.variants ?? [] {
            switch variant.content {
            case .json(let body): result += references(body.type)
            case .formURLEncoded(let body): result += references(body.type)
            case .multipart(let body): result.append(body.typeName)
            case .binary, .file: break
            }
        }
        switch operation.output {
        case .none: break
        case .body(let body): if case .json(let type) = body { result += references(type) }
        case .outcomes(let outcomes): result.append(outcomes.name)
        }
        if let headers = operation.responseHeaders { result.append(headers) }
        for response in operation.responses {
            for content in response.contents { if case .json(let type) = content.body { result += references(type) } }
        }
        return result
    }

    mutating func addOperation(_ operation: OperationModel) {
        let variants = operation.requestBody?.variants ?? []
        let calls: [RequestVariant?] = variants.count < 2 ? [variants.first] : variants
        let returns = operations.returnType(operation)
        let references = Self.references(operation)
        func addCall(_ name: String, _ arguments: [OperationRenderer.Argument], returns: String?, signature: String) {
            let parameters = Self.parameters(arguments)
            add(
                SurfaceDeclaration(
                    key: Self.functionKey(options.clientName, name, parameters), kind: .method,
                    container: options.clientName, signature: signature, type: returns,
                    parameters: parameters, isDeprecated: operation.documentation.deprecated,
                    operation: Self.operationName(operation), operationId: operation.operationId,
                    references: references))
        }
        if operation.hasBufferedCall {
            for variant in calls {
                let arguments = operations.arguments(operation, variant: variant)
                addCall(
                    operation.name, arguments, returns: returns,
                    signature: methodSignature(operation.name, arguments, returns: returns))
            }
        }
        let preferred = variants.first
        if let stream = operation.eventStream {
            let arguments = operations.arguments(operation, variant: preferred)
            let type = operations.streamingReturnType(stream)
            addCall(
                stream.methodName, arguments, returns: type,
                signature: methodSignature(stream.methodName, arguments, returns: type))
        }
        if operation.downloadsToFile {
            let arguments = operations.downloadArguments(operation)
            addCall(
                operation.name, arguments, returns: "HTTPResponse",
                signature: methodSignature(operation.name, arguments, returns: "HTTPResponse"))
        }
        if let pagination = operation.pagination {
            let arguments = operations.arguments(operation, variant: preferred)
            let type = operations.paginatedReturnType(pagination)
            addCall(
                pagination.methodName, arguments, returns: type,
                signature: "\(access)func \(Naming.escaped(pagination.methodName))("
                    + operations.signature(arguments).joined(separator: ", ") + ") -> \(type)")
        }
        for variant in variants {
            if case .multipart(let body) = variant.content { addMultipartRequest(body) }
        }
        if operation.hasBufferedCall, case .outcomes(let outcomes) = operation.output { addOutcomes(outcomes) }
    }

    private mutating func addMultipartRequest(_ body: MultipartBody) {
        let key = body.typeName
        let conformances = "Hashable, Sendable"
        add(
            SurfaceDeclaration(
                key: key, kind: .structure, container: nil,
                signature: "\(access)struct \(body.typeName): \(conformances)", type: conformances))
        var parameters: [SurfaceParameter] = []
        for field in body.fields {
            let (type, defaultValue) = operations.fieldType(field)
            add(
                SurfaceDeclaration(
                    key: key + "." + field.name, kind: .property, container: key,
                    signature: "\(access)var \(Naming.escaped(field.name)): \(type)", type: type,
                    references: Self.references(field.type)))
            parameters.append(
                SurfaceParameter(label: field.name, name: field.name, type: type, defaultValue: defaultValue))
        }
        addInitializer(in: key, parameters: parameters)
        for nested in body.nested { addType(nested, in: key) }
    }

    private mutating func addOutcomes(_ outcomes: OutcomesDeclaration) {
        let conformances = "Hashable, Sendable"
        add(
            SurfaceDeclaration(
                key: outcomes.name, kind: .enumeration, container: nil,
                signature: "\(access)enum \(outcomes.name): \(conformances)", type: conformances))
        for outcome in outcomes.cases {
            let type = outcome.body.map(operations.spell)
            var references: [String] = []
            if case .json(let body)? = outcome.body { references = Self.references(body) }
            add(
                SurfaceDeclaration(
                    key: outcomes.name + "." + outcome.name + (type == nil ? "" : "(_:)"), kind: .enumCase,
                    container: outcomes.name,
                    signature: "case \(Naming.escaped(outcome.name))" + (type.map { "(\($0))" } ?? ""), type: type,
                    references: references))
        }
    }

    /// A job's three methods on the client, as `JobRenderer` writes them
    /// (nothing when the model does not hold both of its operations).
    mutating func addJob(_ job: JobModel, in model: APIModel) {
        guard let submit = model.operations.first(where: { $0.name == job.submit }),
            let status = model.operations.first(where: { $0.name == job.status })
        else { return }
        let client = options.clientName
        var arguments = operations.arguments(submit)
        arguments.append(.init(label: "polling", name: "polling", type: "JobPolling", defaultValue: ".default"))
        let references = [job.handle, job.statusType] + Self.references(submit)
        let start = Self.parameters(arguments)
        add(
            SurfaceDeclaration(
                key: Self.functionKey(client, job.name, start), kind: .method, container: client,
                signature: methodSignature(job.name, arguments, returns: job.statusType), type: job.statusType,
                parameters: start, isDeprecated: submit.documentation.deprecated,
                operation: Self.operationName(submit), operationId: submit.operationId, references: references))
        let wait = [
            SurfaceParameter(label: "for", name: "job", type: job.handle),
            SurfaceParameter(label: "polling", name: "polling", type: "JobPolling", defaultValue: ".default"),
        ]
        add(
            SurfaceDeclaration(
                key: Self.functionKey(client, "wait", wait), kind: .method, container: client,
                signature: "@concurrent \(access)func wait(\(wait.map(\.spelled).joined(separator: ", "))) async "
                    + "throws(\(options.errorName)) -> \(job.statusType)",
                type: job.statusType, parameters: wait, operation: Self.operationName(status),
                operationId: status.operationId, references: [job.handle, job.statusType]))
        let of = [SurfaceParameter(label: "of", name: "job", type: job.handle)]
        add(
            SurfaceDeclaration(
                key: Self.functionKey(client, "status", of), kind: .method, container: client,
                signature:
                    "@concurrent \(access)func status(of job: \(job.handle)) async throws(\(options.errorName)) -> "
                    + job.statusType,
                type: job.statusType, parameters: of, operation: Self.operationName(status),
                operationId: status.operationId, references: [job.handle, job.statusType]))
    }
}
