/// The client's servers: `servers`, the list of base URLs with their
/// variables' defaults, and for a server with variables a static function
/// that builds its URL from other values, with an enum for each variable
/// whose values the spec lists.
struct ServerRenderer {
    let options: Renderer.Options
    /// The modifier of every declaration: `public `, `package ` or nothing.
    private var access: String { options.access.modifier }

    func render(_ model: APIModel, into w: inout SwiftWriter) {
        w.line("/// The servers the API description lists; the first is the default base URL.")
        let urls = model.servers.map { "URL(string: \(SwiftText.literal($0.url)))!" }
        let single = "\(access)static let servers: [URL] = [\(urls.joined(separator: ", "))]"
        if 4 * w.indentation + single.utf8.count <= SwiftWriter.lineLimit {
            w.line(single)
        } else {
            w.line("\(access)static let servers: [URL] = [")
            w.indented { w in w.wrappedList(urls) }
            w.line("]")
        }
        for (index, server) in model.servers.enumerated() {
            guard let variables = server.variables else { continue }
            w.line()
            renderFunction(variables, position: index, into: &w)
        }
        for choices in model.serverVariableTypes {
            w.line()
            renderChoices(choices, into: &w)
        }
    }

    /// `static func server(region: ServerRegion = .us) -> URL`.
    private func renderFunction(_ server: ServerVariablesModel, position: Int, into w: inout SwiftWriter) {
        let which = position == 0 ? "the first server (the default)" : "server \(position + 1) of `servers`"
        var extra: [String] = []
        let documented = server.variables.filter { $0.documentation != nil }
        if !documented.isEmpty {
            extra.append("- Parameters:")
            for variable in documented {
                let text = SwiftText.commentLines(variable.documentation ?? "")
                guard let first = text.first else { continue }
                extra.append("  - \(variable.parameterName): \(first)")
                extra.append(contentsOf: text.dropFirst().map { $0.isEmpty ? "" : "    " + $0 })
            }
        }
        extra.append(
            server.isAlwaysValid
                ? "- Returns: The server's URL with these values."
                : "- Returns: The server's URL with these values; nil when they do not make a URL.")
        w.documentation(
            Documentation(
                summary: "The URL of \(which), `\(ByteSearch.replacing("`", with: "'", in: server.template))`, "
                    + "with other values of its variables."),
            extra: extra)
        let parameters = server.variables.map { variable in
            let type = variable.choices?.typeName ?? "String"
            let value =
                variable.choices.flatMap { choices in
                    choices.cases.first { $0.rawValue == variable.defaultValue }.map { "." + Naming.escaped($0.name) }
                } ?? SwiftText.literal(variable.defaultValue)
            return "\(Naming.escaped(variable.parameterName)): \(type) = \(value)"
        }
        let pieces = server.pieces.map { piece in
            switch piece {
            case .text(let text):
                return SwiftText.literal(text)
            case .variable(let index):
                let variable = server.variables[index]
                let name = Naming.escaped(variable.parameterName)
                return variable.choices == nil ? name : name + ".rawValue"
            }
        }
        let returnType = server.isAlwaysValid ? "URL" : "URL?"
        w.block("\(access)static func \(server.functionName)", parameters: parameters, suffix: " -> \(returnType)") {
            w in
            let url = "URL(string: " + pieces.joined(separator: " + ") + ")"
            w.line(server.isAlwaysValid ? url + "!" : url)
        }
    }

    private func renderChoices(_ choices: ServerVariableChoices, into w: inout SwiftWriter) {
        let variable = ByteSearch.replacing("`", with: "'", in: choices.variableName)
        w.documentation(
            Documentation(
                summary: "The values of the server variable `\(variable)`, as the API description lists them."))
        w.block("\(access)enum \(choices.typeName): String, Sendable, Hashable, CaseIterable") { w in
            for enumCase in choices.cases {
                w.line("/// `\(ByteSearch.replacing("`", with: "'", in: SwiftText.literal(enumCase.rawValue)))`")
                w.line("case \(Naming.escaped(enumCase.name)) = \(SwiftText.literal(enumCase.rawValue))")
            }
        }
    }
}
