import SpecParser

/// Finds the jobs of an API: an operation whose success response links
/// (OpenAPI `links`) to an operation whose success body is a schema with
/// `x-job-status`. Everything such a pair needs is checked here, so that
/// the renderer only spells what is decided; a pair that cannot be served
/// gets a located warning and no helper, and both operations stay as they are.
extension TranslationContext {
    func translateJobs(_ operations: [OperationModel]) -> [JobModel] {
        var jobs: [JobModel] = []
        var taken = Set(operations.map(\.name)).union(["configuration", "transport", "send", "wait", "status"])
        for (index, operation) in specOperations.enumerated() {
            guard let success = operation.responses.first(where: \.isSuccess) else { continue }
            for link in success.links {
                guard let targetIndex = linkTarget(link) else { continue }
                guard
                    let job = job(
                        from: link, submit: operations[index], status: operations[targetIndex],
                        statusOperation: specOperations[targetIndex], taken: taken)
                else { continue }
                if let earlier = jobs.first(where: { $0.handle == job.handle }) {
                    diagnostics.warning(
                        "link '\(link.name)' starts a job with the same handle, '\(job.handle)', as "
                            + "'\(earlier.submit)' does; only the first gets job helpers",
                        at: link.location)
                    break
                }
                taken.insert(job.name)
                jobs.append(job)
                break
            }
        }
        return jobs
    }

    /// The index of the operation a link names, by `operationId` or by an
    /// `operationRef` into this document's paths (`#/paths/~1jobs~1{id}/get`).
    private func linkTarget(_ link: Link) -> Int? {
        if let id = link.operationId {
            if let index = specOperations.firstIndex(where: { $0.operationId == id }) { return index }
            diagnostics.warning(
                "link '\(link.name)' names operation '\(id)', which the document does not have; it is ignored",
                at: link.location)
            return nil
        }
        guard let reference = link.operationRef else { return nil }
        let segments =
            reference.hasPrefix("#/paths/")
            ? reference.dropFirst("#/paths/".count).split(separator: "/", omittingEmptySubsequences: false) : []
        if segments.count == 2 {
            let path = segments[0].replacing("~1", with: "/").replacing("~0", with: "~")
            let method = segments[1].lowercased()
            if let index = specOperations.firstIndex(where: { $0.path == path && $0.method.rawValue == method }) {
                return index
            }
        }
        diagnostics.warning(
            "link '\(link.name)' refers to '\(reference)', which is not an operation of this document; it is ignored",
            at: link.location)
        return nil
    }

    private func job(
        from link: Link, submit: OperationModel, status: OperationModel, statusOperation: Operation,
        taken: Set<String>
    ) -> JobModel? {
        // The status operation's success body must be a named struct with `x-job-status`.
        guard let rule = jobStatusRule(of: statusOperation) else { return nil }
        let what = "link '\(link.name)' from '\(submit.operationId)' to '\(status.operationId)'"
        guard case .named(let statusType)? = status.returnedType,
            case .structure(let statusStruct)? = declarationIndex[statusType]
        else {
            diagnostics.warning(
                "\(what) leads to a job status, but '\(status.operationId)' does not return an object; no job helper "
                    + "is generated",
                at: rule.location)
            return nil
        }
        guard let stageProperty = statusStruct.properties.first(where: { $0.wireName == rule.field }) else {
            diagnostics.warning(
                "'x-job-status' names the field '\(rule.field)', which '\(statusType)' does not have; no job helper "
                    + "is generated",
                at: rule.location)
            return nil
        }
        guard let stage = field(stageProperty, allowsEnum: true) else {
            diagnostics.warning(
                "'x-job-status' names the field '\(rule.field)', which holds no text; no job helper is generated",
                at: rule.location)
            return nil
        }
        if case .named(let enumName) = stageProperty.type, case .enumeration(let declaration)? = findEnum(enumName) {
            let known = Set(declaration.cases.map(\.rawValue))
            for value in rule.succeeded + rule.failed where !known.contains(value) {
                diagnostics.warning(
                    "'x-job-status' lists '\(value)', which '\(enumName)' does not; it still ends the job if a "
                        + "server sends it",
                    at: rule.location)
            }
        }

        // The job's handle: the submit response itself, or the variant of it
        // that has every property the link reads.
        let expressions = link.parameters.map(\.expression) + (link.pollingURL.map { [$0] } ?? [])
        var readProperties: [String] = []
        for expression in expressions {
            guard let property = bodyProperty(expression) else {
                diagnostics.warning(
                    "\(what): '\(expression)' is not of the form '$response.body#/name', the only runtime expression "
                        + "the job helper reads; no job helper is generated",
                    at: link.location)
                return nil
            }
            readProperties.append(property)
        }
        guard case .named(let submitType)? = submit.returnedType,
            let (handle, handleCase, handleStruct) = jobHandle(submitType, reading: readProperties)
        else {
            diagnostics.warning(
                "\(what): no object in the response of '\(submit.operationId)' has all of "
                    + "\(readProperties.map { "'\($0)'" }.joined(separator: ", ")); no job helper is generated",
                at: link.location)
            return nil
        }
        func handleField(_ expression: String) -> (PropertyModel, JobField)? {
            guard let wire = bodyProperty(expression),
                let property = handleStruct.properties.first(where: { $0.wireName == wire })
            else { return nil }
            let field =
                field(property, allowsEnum: true)
                ?? JobField(name: property.name, wireName: property.wireName, isOptional: property.isOptional)
            return (property, field)
        }

        var pollingURL: JobField?
        if let expression = link.pollingURL {
            guard let (property, field) = handleField(expression), property.type == .url || property.type == .string
            else {
                diagnostics.warning(
                    "\(what): 'x-polling-url' must name a text or URL property of '\(handle)'; no job helper is "
                        + "generated",
                    at: link.location)
                return nil
            }
            pollingURL = field
        }

        // The status call through the link's parameters, when they give every required argument.
        var arguments: [JobArgument]? = []
        for (name, expression) in link.parameters {
            let (location, wireName) = Self.qualifiedParameter(name)
            guard
                let parameter = status.parameters.first(where: {
                    $0.wireName == wireName && (location == nil || $0.location.rawValue == location)
                })
            else {
                diagnostics.warning(
                    "\(what) passes '\(name)', which '\(status.operationId)' has no parameter for; it is ignored",
                    at: link.location)
                continue
            }
            guard let (property, field) = handleField(expression), property.type == parameter.type else {
                diagnostics.warning(
                    "\(what): '\(expression)' does not have the type of parameter '\(parameter.wireName)'; the "
                        + "status is asked for only at the polling URL",
                    at: link.location)
                arguments = nil
                break
            }
            arguments?.append(JobArgument(parameter: parameter.name, property: field))
        }
        if let given = arguments,
            status.parameters.contains(where: { parameter in
                parameter.isRequired && !given.contains { $0.parameter == parameter.name }
            })
        {
            arguments = nil
        }
        if status.requestBody != nil { arguments = nil }
        guard arguments != nil || pollingURL != nil else {
            diagnostics.warning(
                "\(what) gives neither every required parameter of '\(status.operationId)' nor an 'x-polling-url'; "
                    + "no job helper is generated",
                at: link.location)
            return nil
        }
        return JobModel(
            name: waitingName(submit.name, taken: taken), submit: submit.name, status: status.name,
            handle: handle, handleCase: handleCase, statusArguments: arguments, pollingURL: pollingURL,
            statusType: statusType, stage: stage, succeeded: rule.succeeded, failed: rule.failed)
    }

    /// `x-job-status` of the schema the operation's success response returns as JSON.
    private func jobStatusRule(of operation: Operation) -> JobStatusRule? {
        guard let response = operation.responses.first(where: \.isSuccess) else { return nil }
        for media in response.content {
            guard let schema = media.schema else { continue }
            if let rule = schema.jobStatus ?? objectSchema(schema).jobStatus { return rule }
        }
        return nil
    }

    /// `$response.body#/polling_url` → `polling_url`.
    private func bodyProperty(_ expression: String) -> String? {
        let prefix = "$response.body#/"
        guard expression.hasPrefix(prefix) else { return nil }
        let name = String(expression.dropFirst(prefix.count))
        guard !name.isEmpty, !name.contains("/") else { return nil }
        return name.replacing("~1", with: "/").replacing("~0", with: "~")
    }

    /// `path.request_id` → (`path`, `request_id`); a plain name has no location.
    private static func qualifiedParameter(_ name: String) -> (location: String?, name: String) {
        for location in ["path", "query", "header", "cookie"] where name.hasPrefix(location + ".") {
            return (location, String(name.dropFirst(location.count + 1)))
        }
        return (nil, name)
    }

    private func jobHandle(_ type: String, reading properties: [String]) -> (String, String?, StructDeclaration)? {
        func hasAll(_ declaration: StructDeclaration) -> Bool {
            properties.allSatisfy { wire in declaration.properties.contains { $0.wireName == wire } }
        }
        switch declarationIndex[type] {
        case .structure(let declaration)? where hasAll(declaration):
            return (type, nil, declaration)
        case .union(let union)?:
            for variant in union.variants {
                guard case .named(let name) = variant.type, case .structure(let declaration)? = declarationIndex[name],
                    hasAll(declaration)
                else { continue }
                return (name, variant.caseName, declaration)
            }
            return nil
        default:
            return nil
        }
    }

    /// The declaration a named type stands for, through its aliases.
    private func findEnum(_ name: String) -> TypeDeclaration? {
        guard case .named(let target) = resolvedAlias(.named(name)) else { return nil }
        return declarationIndex[target]
    }

    /// How a helper reads a property: text, a URL, or a string enum.
    private func field(_ property: PropertyModel, allowsEnum: Bool) -> JobField? {
        var result = JobField(name: property.name, wireName: property.wireName, isOptional: property.isOptional)
        switch property.type {
        case .string: return result
        case .url:
            result.isURL = true
            return result
        case .named(let name):
            guard allowsEnum, case .enumeration(let declaration)? = findEnum(name), declaration.rawType == .string
            else { return nil }
            result.isEnum = true
            return result
        default:
            return nil
        }
    }

    /// `submitRemoveBackground` → `removeBackground`: the method that starts
    /// a job and waits for it drops a leading "submit", "start" or "enqueue";
    /// other names, or one already taken, get `AndWait`.
    private func waitingName(_ submit: String, taken: Set<String>) -> String {
        for verb in ["submit", "start", "enqueue", "queue"] where submit.hasPrefix(verb) {
            let rest = submit.dropFirst(verb.count)
            guard let first = rest.first, first.isUppercase else { continue }
            let name = first.lowercased() + rest.dropFirst()
            if !taken.contains(name) { return name }
        }
        return Naming.unique(submit + "AndWait") { taken.contains($0) }
    }
}
