/// The call that writes an operation's binary answer to a file as it
/// arrives (`to destination:`), beside the call that returns it as `Data`:
/// a file of any size never sits in memory.
extension OperationRenderer {
    /// The call's arguments: the buffered call's, then the file and the
    /// progress handler (named so that no parameter of the spec's is hidden).
    func downloadArguments(_ operation: OperationModel) -> [Argument] {
        var result = arguments(operation, variant: operation.requestBody?.variants.first)
        let taken = Set(result.map(\.name))
        let names = Naming.uniqued(["destination", "progress"], taken: taken)
        result.append(
            Argument(
                label: "to", name: names[0], type: "URL", defaultValue: nil,
                documentation: "The file the body is written to. It replaces any file there once the whole body "
                    + "arrived; a failure or a cancellation leaves it as it was."))
        result.append(
            Argument(
                label: "progress", name: names[1], type: "(@Sendable (DownloadProgress) -> Void)?",
                defaultValue: "nil",
                documentation: "Called as the bytes arrive, with how many arrived and how many to expect."))
        return result
    }

    func renderDownloadCall(_ operation: OperationModel, into writer: inout SwiftWriter) {
        let arguments = downloadArguments(operation)
        var extra = [heading(operation, ", its answer written to a file.")]
        extra.append("")
        extra.append(contentsOf: parametersDocumentation(arguments))
        extra.append(
            "- Returns: The answer's status and headers; its body is in the file "
                + "`\(arguments[arguments.count - 2].name)`."
        )
        extra.append(throwsDocumentation(operation))
        writer.documentation(operation.documentation, extra: extra)
        if operation.documentation.deprecated {
            writer.line(TypeRenderer.deprecatedAttribute)
        }
        writer.line("@discardableResult")
        writer.block(
            "@concurrent \(access)func \(Naming.escaped(operation.name))", parameters: signature(arguments),
            suffix: " async throws(\(options.errorName)) -> HTTPResponse"
        ) { w in
            renderRequest(operation, variant: operation.requestBody?.variants.first, streamFlag: false, into: &w)
            let destination = Naming.escaped(arguments[arguments.count - 2].name)
            let progress = Naming.escaped(arguments[arguments.count - 1].name)
            guard let closure = documentedErrorClosure(operation) else {
                w.call(
                    "return try await self.download",
                    arguments: ["builder", "to: \(destination)", "progress: \(progress)"])
                return
            }
            w.line("return try await self.download(")
            w.indented { w in
                w.line("builder,")
                w.line("to: \(destination),")
                renderClosureArgument(closure, last: false, into: &w)
                w.line("progress: \(progress)")
            }
            w.line(")")
        }
    }
}
