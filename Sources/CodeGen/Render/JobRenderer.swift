/// Renders the helpers of one job on the client: a method that starts the
/// job and waits for its end, `wait(for:polling:)` for a job started by
/// hand, and `status(of:)`, which asks once.
struct JobRenderer {
    let options: Renderer.Options

    /// The modifier of every declaration: `public `, `package ` or nothing.
    private var access: String { options.access.modifier }

    /// The helpers read a polling address held as text with `URL(string:)`.
    static func imports(_ job: JobModel) -> [ImportDeclaration] {
        job.pollingURL.map { !$0.isURL } == true ? [ImportDeclaration(module: "Foundation", isPublic: false)] : []
    }

    func render(_ job: JobModel, in model: APIModel, into writer: inout SwiftWriter) {
        guard let submit = model.operations.first(where: { $0.name == job.submit }),
            let status = model.operations.first(where: { $0.name == job.status })
        else { return }
        writer.line(Availability.attribute)
        writer.block("nonisolated extension \(options.clientName)") { w in
            renderStartAndWait(job, submit: submit, status: status, into: &w)
            w.line()
            renderWait(job, submit: submit, status: status, into: &w)
            w.line()
            renderStatus(job, status: status, into: &w)
        }
    }

    private var operations: OperationRenderer { OperationRenderer(options: options) }

    /// ``name(label:label:)``: a DocC link to an operation's method.
    private func link(_ operation: OperationModel) -> String {
        let labels = operations.arguments(operation).map { $0.label + ":" }.joined()
        return "``\(operation.name)(\(labels))``"
    }

    private func stageValues(_ values: [String]) -> String {
        let spans = values.map(SwiftText.codeSpan)
        guard spans.count > 1 else { return spans.first ?? "" }
        return spans.dropLast().joined(separator: ", ") + " or " + spans[spans.count - 1]
    }

    private func throwsLine(_ job: JobModel, calls: [OperationModel], notAJob: String? = nil) -> String {
        let stage = SwiftText.codeSpan(job.stage.wireName)
        var clauses: [String] = []
        if !job.failed.isEmpty { clauses.append("`.jobFailed` when \(stage) becomes \(stageValues(job.failed))") }
        clauses.append("`.jobTimedOut` when `polling.deadline` passes first")
        clauses.append("`.cancelled` as soon as the calling task is cancelled")
        if let notAJob { clauses.append(notAJob) }
        let callers = calls.map(link).joined(separator: " and ")
        clauses.append("what \(callers) \(calls.count == 1 ? "throws" : "throw")")
        return "- Throws: ``\(options.errorName)``: " + clauses.dropLast().joined(separator: ", ") + ", and "
            + clauses[clauses.count - 1] + "."
    }

    private func renderStartAndWait(
        _ job: JobModel, submit: OperationModel, status: OperationModel, into w: inout SwiftWriter
    ) {
        var arguments = operations.arguments(submit)
        let forwarded = operations.forwarding(arguments)
        arguments.append(
            .init(
                label: "polling", name: "polling", type: "JobPolling", defaultValue: ".default",
                documentation: "How often to ask for the job's stage, and how long to wait in all."))
        let stage = SwiftText.codeSpan(job.stage.wireName)
        var documentation = Documentation(
            summary: "Submits a job with \(link(submit)) and waits for it to end.",
            details: "After the submission, asks for the job's stage (\(stage) of ``\(job.statusType)``) every "
                + "`polling.interval` until it is \(stageValues(job.succeeded)). Every poll is a request of its own.")
        documentation.deprecated = submit.documentation.deprecated
        var extra = operations.parametersDocumentation(arguments)
        extra.append("- Returns: The job's last state, in which \(stage) is \(stageValues(job.succeeded)).")
        let notAJob = job.handleCase.map { handleCase in
            "`.invalidRequest` when the answer is not a job (a "
                + "\(submit.returnedType.map { "``" + TypeSpelling.spell($0) + "``" } ?? "response") other than "
                + "`.\(handleCase)`)"
        }
        extra.append(throwsLine(job, calls: [submit, status], notAJob: notAJob))
        w.documentation(documentation, extra: extra)
        if submit.documentation.deprecated {
            w.line(TypeRenderer.deprecatedAttribute)
        }
        w.block(
            "@concurrent \(access)func \(Naming.escaped(job.name))", parameters: operations.signature(arguments),
            suffix: " async throws(\(options.errorName)) -> \(job.statusType)"
        ) { w in
            w.line("let submission = try await self.\(Naming.escaped(submit.name))(\(forwarded))")
            if let handleCase = job.handleCase {
                w.block("guard case .\(Naming.escaped(handleCase))(let job) = submission else") { w in
                    let reason =
                        "\(submit.operationId) answered with a result, not a job; call \(submit.name)(...) to read it"
                    w.line("throw .invalidRequest(reason: \(SwiftText.literal(reason)))")
                }
                w.line("return try await self.wait(for: job, polling: polling)")
            } else {
                w.line("return try await self.wait(for: submission, polling: polling)")
            }
        }
    }

    private func renderWait(_ job: JobModel, submit: OperationModel, status: OperationModel, into w: inout SwiftWriter)
    {
        let stage = SwiftText.codeSpan(job.stage.wireName)
        let documentation = Documentation(
            summary: "Waits for a job that \(link(submit)) started to end.",
            details: "Asks for the job's stage with ``status(of:)`` every `polling.interval` until \(stage) is "
                + "\(stageValues(job.succeeded)). A 429 waits as long as its `Retry-After` says.")
        w.documentation(
            documentation,
            extra: [
                "- Parameters:",
                "  - job: The job, as the submission returned it.",
                "  - polling: How often to ask for the job's stage, and how long to wait in all.",
                "- Returns: The job's last state, in which \(stage) is \(stageValues(job.succeeded)).",
                throwsLine(job, calls: [status]),
            ])
        let id = SwiftText.literal(status.operationId)
        let set: ([String]) -> String = { "[" + $0.map(SwiftText.literal).joined(separator: ", ") + "]" }
        w.block(
            "@concurrent \(access)func wait", parameters: ["for job: \(job.handle)", "polling: JobPolling = .default"],
            suffix: " async throws(\(options.errorName)) -> \(job.statusType)"
        ) { w in
            w.line(
                "try await self.waitForJob(polling: polling, operationID: \(id), succeeded: \(set(job.succeeded)), "
                    + "failed: \(set(job.failed))) { (client: \(options.clientName)) async "
                    + "throws(\(options.errorName)) -> \(job.statusType) in"
            )
            w.line("    try await client.status(of: job)")
            let access =
                "$0.\(Naming.escaped(job.stage.name))"
                + (job.stage.isEnum ? (job.stage.isOptional ? "?.rawValue" : ".rawValue") : "")
            w.line("} stage: { \(access) }")
        }
    }

    private func renderStatus(_ job: JobModel, status: OperationModel, into w: inout SwiftWriter) {
        let through = job.statusArguments != nil ? link(status) : nil
        let summary: String
        if let polling = job.pollingURL {
            summary =
                "Asks once where a job stands, at the \(SwiftText.codeSpan(polling.wireName)) it came with"
                + (through.map { polling.isOptional ? " (or, without one, through \($0))." : "." } ?? ".")
        } else {
            summary = "Asks once where a job stands, through \(through ?? link(status))."
        }
        w.documentation(
            Documentation(summary: summary),
            extra: [
                "- Parameter job: The job, as the submission returned it.",
                "- Returns: The job's current state.",
                "- Throws: ``\(options.errorName)``, as \(link(status)) does.",
            ])
        w.block(
            "@concurrent \(access)func status(of job: \(job.handle)) async throws(\(options.errorName)) -> "
                + "\(job.statusType)"
        ) { w in
            // Without a polling URL, or when a job comes without one: the status operation, as the link says.
            func fallback(_ w: inout SwiftWriter, missing: String) {
                if let arguments = job.statusArguments {
                    w.line("return " + statusCall(status, arguments: arguments, into: &w))
                } else {
                    w.line("throw .invalidRequest(reason: \(SwiftText.literal(missing)))")
                }
            }
            guard let polling = job.pollingURL else {
                fallback(&w, missing: "the job has nothing to ask for its status with")
                return
            }
            let property = "job.\(Naming.escaped(polling.name))"
            let missing = "the job has no \(polling.wireName) to ask at"
            if polling.isURL && !polling.isOptional {
                w.line("let url = \(property)")
            } else {
                let text =
                    polling.isURL
                    ? property
                    : polling.isOptional ? "\(property).flatMap(URL.init(string:))" : "URL(string: \(property))"
                w.block("guard let url = \(text) else") { w in fallback(&w, missing: missing) }
            }
            w.call(
                "let builder = RequestBuilder",
                arguments: [
                    "operationID: \(SwiftText.literal(status.operationId))",
                    "method: \(SwiftText.literal(status.method))", "url: url",
                ])
            w.line("let response = try await self.send(builder)")
            operations.renderResponseHandling(status, into: &w)
        }
    }

    /// The status operation's call with the handle's values; optional ones
    /// are unwrapped first, with a guard that says which is missing.
    private func statusCall(_ status: OperationModel, arguments: [JobArgument], into w: inout SwiftWriter) -> String {
        var passed: [String] = []
        for argument in arguments {
            let property = "job.\(Naming.escaped(argument.property.name))"
            if argument.property.isOptional {
                let local = Naming.escaped(argument.parameter)
                w.block("guard let \(local) = \(property) else") { w in
                    w.line(
                        "throw .invalidRequest(reason: "
                            + "\(SwiftText.literal("the job has no \(argument.property.wireName)")))"
                    )
                }
                passed.append("\(argument.parameter): \(local)")
            } else {
                passed.append("\(argument.parameter): \(property)")
            }
        }
        // The status operation's other optional parameters are left out.
        return "try await self.\(Naming.escaped(status.name))(\(passed.joined(separator: ", ")))"
    }
}
