/// The call of an operation whose answer is a stream of events: it sends
/// the request as the buffered call does (the preferred body, its `stream`
/// property set) and returns the runtime's `EventStream` of the events,
/// each decoded as it arrives.
extension OperationRenderer {
    /// The stream's element type, as the call spells it.
    func eventType(_ stream: EventStreamModel) -> String {
        switch stream.event {
        case .raw: "ServerSentEvent"
        case .json(let type, _): TypeSpelling.spell(type)
        }
    }

    func streamingReturnType(_ stream: EventStreamModel) -> String {
        "EventStream<\(eventType(stream))>"
    }

    func renderStreamingCall(_ operation: OperationModel, _ stream: EventStreamModel, into writer: inout SwiftWriter) {
        let variant = operation.requestBody?.variants.first
        let arguments = arguments(operation, variant: variant)
        var extra = [heading(operation, ", read as a stream of `\(stream.mediaType)` events.")]
        let parameterLines = parametersDocumentation(arguments)
        if !parameterLines.isEmpty { extra.append("") }
        extra.append(contentsOf: parameterLines)
        let end = stream.endMarker.map { "at `\($0)` or " } ?? ""
        extra.append(
            "- Returns: The events as they arrive, each a ``\(eventType(stream))``. The sequence ends \(end)when the "
                + "server closes the stream, and throws if the connection breaks first; cancelling the task that "
                + "reads it stops the transfer.")
        if let flag = stream.streamFlag {
            extra.append("- Note: The call sets the request's `\(flag.propertyName)` to `true`.")
        }
        extra.append(throwsDocumentation(operation))
        writer.documentation(operation.documentation, extra: extra)
        if operation.documentation.deprecated {
            writer.line(TypeRenderer.deprecatedAttribute)
        }
        writer.block(
            "@concurrent \(access)func \(Naming.escaped(stream.methodName))", parameters: signature(arguments),
            suffix: " async throws(\(options.errorName)) -> \(streamingReturnType(stream))"
        ) { w in
            renderRequest(operation, variant: variant, streamFlag: true, into: &w)
            var simple = ["builder", "format: .\(stream.format.rawValue)"]
            if case .json(let type, let named) = stream.event, named.isEmpty {
                simple.append("as: \(TypeSpelling.spell(type)).self")
            }
            if let marker = stream.endMarker { simple.append("endMarker: \(SwiftText.literal(marker))") }
            let closures = documentedErrorClosure(operation) != nil || !isPlainJSON(stream)
            guard closures else {
                w.call("return try await self.events", arguments: simple)
                return
            }
            w.line("return try await self.events(")
            w.indented { w in
                for (index, argument) in simple.enumerated() {
                    w.line(argument + (index < simple.count - 1 || closures ? "," : ""))
                }
                if let closure = documentedErrorClosure(operation) {
                    renderClosureArgument(closure, last: isPlainJSON(stream), into: &w)
                }
                switch stream.event {
                case .raw:
                    w.line("decode: { $0 }")
                case .json(let type, let named) where !named.isEmpty:
                    w.line("decode: { event in")
                    w.indented { w in
                        w.switchBlock("switch event.event") { w in
                            let union = TypeSpelling.spell(type)
                            for event in named {
                                w.line(
                                    "case \(SwiftText.literal(event.eventName)): return \(union)."
                                        + "\(Naming.escaped(event.caseName))(try event.decode("
                                        + "\(TypeSpelling.spell(event.type)).self))")
                            }
                            w.line("default: return try event.decode(\(union).self)")
                        }
                    }
                    w.line("}")
                case .json:
                    break
                }
            }
            w.line(")")
        }
    }

    /// Whether the events decode as one JSON type with no closure of ours.
    private func isPlainJSON(_ stream: EventStreamModel) -> Bool {
        if case .json(_, let named) = stream.event { return named.isEmpty }
        return false
    }

    /// `documentedError: { response in … }`: the closure that decodes an
    /// error status's body as documented, as lines; nil when no error
    /// documents a body.
    func documentedErrorClosure(_ operation: OperationModel) -> [String]? {
        let arms = ErrorArms(operation.errors)
        if arms.cases.isEmpty {
            guard arms.fallback != nil else { return nil }
            return ["documentedError: { response in \(documentedBody(arms.fallback)) }"]
        }
        return ["documentedError: { response in", "    switch response.statusCode {"]
            + switchCases(arms).map { "    " + $0 } + ["    }", "}"]
    }

    /// Writes a closure argument's lines, with a comma unless it is the last.
    func renderClosureArgument(_ lines: [String], last: Bool, into writer: inout SwiftWriter) {
        for (index, line) in lines.enumerated() {
            writer.line(line + (index == lines.count - 1 && !last ? "," : ""))
        }
    }
}
