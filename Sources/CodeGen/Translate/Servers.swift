import SpecParser

/// The servers a client offers: each absolute URL with its variables'
/// defaults, and for a server with variables a function that builds its URL
/// from other values (typed where the spec lists them).
extension TranslationContext {
    func translateServers() -> (servers: [ServerModel], variableTypes: [ServerVariableChoices]) {
        var servers: [ServerModel] = []
        var types: [ServerVariableChoices] = []
        var typeKeys: [[String]: Int] = [:]
        var functionNames: Set<String> = []
        for server in document.servers {
            let pieces = Self.templatePieces(server.url, variables: server.variables)
            let url = Self.text(of: pieces, values: server.variables.map(\.defaultValue))
            guard ServerURL.isAbsolute(url) else {
                diagnostics.warning(
                    "server '\(url)' is not an absolute URL, so the client does not offer it as a base URL; callers "
                        + "pass theirs",
                    at: server.location)
                continue
            }
            var model = ServerModel(url: url, description: server.description)
            let used = Set(pieces.compactMap { if case .variable(let index) = $0 { index } else { nil } })
            if !used.isEmpty {
                let name = Naming.unique(servers.isEmpty ? "server" : "server\(servers.count + 1)") {
                    functionNames.contains($0)
                }
                functionNames.insert(name)
                model.variables = serverVariables(
                    server, pieces: pieces, used: used, functionName: name, types: &types, typeKeys: &typeKeys)
            }
            servers.append(model)
        }
        return (servers, types)
    }

    private func serverVariables(
        _ server: Server, pieces: [ServerVariablesModel.Piece], used: Set<Int>, functionName: String,
        types: inout [ServerVariableChoices], typeKeys: inout [[String]: Int]
    ) -> ServerVariablesModel {
        // Only the variables the template holds are parameters, in its order.
        var order: [Int] = []
        for case .variable(let index) in pieces where !order.contains(index) { order.append(index) }
        let parameterNames = Naming.uniqued(order.map { Naming.member(server.variables[$0].name) })
        var variables: [ServerVariableModel] = []
        var isAlwaysValid = true
        for (position, index) in order.enumerated() {
            let variable = server.variables[index]
            var choices: ServerVariableChoices?
            if variable.allowedValues.isEmpty {
                isAlwaysValid = false
            } else {
                let key = [variable.name] + variable.allowedValues
                if let existing = typeKeys[key] {
                    choices = types[existing]
                } else {
                    let base = "Server " + variable.name
                    let name = Naming.unique(Naming.type(base, reserved: reserved)) { topLevelNames.contains($0) }
                    topLevelNames.insert(name)
                    let caseNames = Naming.uniqued(
                        variable.allowedValues.map { Naming.enumCase($0, isInteger: false) })
                    let made = ServerVariableChoices(
                        typeName: name, variableName: variable.name,
                        cases: zip(caseNames, variable.allowedValues).map {
                            EnumCase(name: $0, rawValue: $1, documentation: nil)
                        })
                    typeKeys[key] = types.count
                    types.append(made)
                    choices = made
                }
                // Each listed value, with the others at their defaults, must make a URL.
                for value in variable.allowedValues {
                    var values = server.variables.map(\.defaultValue)
                    values[index] = value
                    if !ServerURL.isAbsolute(Self.text(of: pieces, values: values)) {
                        isAlwaysValid = false
                        diagnostics.warning(
                            "the value '\(value)' of server variable '\(variable.name)' does not make an absolute URL",
                            at: variable.location)
                    }
                }
            }
            variables.append(
                ServerVariableModel(
                    wireName: variable.name, parameterName: parameterNames[position],
                    documentation: variable.description, defaultValue: variable.defaultValue, choices: choices))
        }
        // Pieces refer to parameters by their position in `variables`.
        let renumbered = pieces.map { piece -> ServerVariablesModel.Piece in
            if case .variable(let index) = piece { return .variable(order.firstIndex(of: index)!) }
            return piece
        }
        return ServerVariablesModel(
            functionName: functionName, template: server.url, pieces: renumbered, variables: variables,
            isAlwaysValid: isAlwaysValid)
    }

    /// `url` cut at each `{name}` of a declared variable; any other brace
    /// stays text (and leaves the URL relative, with a warning).
    static func templatePieces(_ url: String, variables: [ServerVariable]) -> [ServerVariablesModel.Piece] {
        var pieces: [ServerVariablesModel.Piece] = []
        var text = ""
        var rest = Substring(url)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}"),
                let index = variables.firstIndex(where: { $0.name == rest[rest.index(after: open)..<close] })
            else {
                text += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            text += rest[..<open]
            if !text.isEmpty { pieces.append(.text(text)) }
            text = ""
            pieces.append(.variable(index))
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        if !text.isEmpty { pieces.append(.text(text)) }
        return pieces
    }

    static func text(of pieces: [ServerVariablesModel.Piece], values: [String]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .variable(let index): values[index]
            }
        }.joined()
    }
}
