extension RuntimeSources {
    /// Every type name the runtime's code spells: the types it declares
    /// (`RetryPolicy`, `HTTPRequest`, nested ones like `Configuration`) and
    /// the ones it uses from Swift and Foundation (`URLError`, `Locale`). A
    /// schema of any of these names would shadow it in the generated module
    /// and break the runtime, so the translator reserves them all.
    ///
    /// Read from the sources, comments and string literals left out: any
    /// capitalized identifier, less the runtime's generic parameters.
    public static let typeNames: Set<String> = {
        var names = Set<String>()
        var genericParameters = Set<String>()
        for source in embedded.map({ $0.segments.flatMap(\.pieces).map { piece -> String in if case .text(let t) = piece { return t } else { return "__CLIENT__" } }.joined() }) {
            for line in source.split(separator: "\n") where !line.hasPrefix("#") {
                let code = codeOnly(line)
                names.formUnion(capitalizedIdentifiers(in: code))
                // `<Value: Decodable>` and `<Value>` after a declaration's name.
                var rest = Substring(code)
                while let open = rest.firstIndex(of: "<") {
                    rest = rest[rest.index(after: open)...]
                    let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    let after = rest.dropFirst(name.count).first
                    if !name.isEmpty, after == ":" || after == ">", code.contains("func ") || code.contains("class ") || code.contains("struct ") {
                        genericParameters.insert(String(name))
                    }
                }
            }
        }
        return names.subtracting(genericParameters).subtracting(["Self"])
    }()

    /// A line without its `//` comment and without the text of its string literals.
    private static func codeOnly(_ line: Substring) -> String {
        var result = ""
        var inString = false
        var previous: Character = " "
        for character in line {
            if inString {
                if character == "\"" && previous != "\\" { inString = false; result.append(character) }
            } else if character == "\"" {
                inString = true
                result.append(character)
            } else if character == "/" && previous == "/" {
                result.removeLast()
                break
            } else {
                result.append(character)
            }
            previous = character
        }
        return result
    }

    private static func capitalizedIdentifiers(in code: String) -> [String] {
        var found: [String] = []
        var current = ""
        var previous: Character = " "
        for character in code + " " {
            if character.isLetter || character.isNumber || character == "_" {
                if current.isEmpty && !(previous.isLetter || previous.isNumber || previous == "_" || previous == ".") || !current.isEmpty {
                    current.append(character)
                }
            } else {
                if let first = current.first, first.isUppercase { found.append(current) }
                current = ""
            }
            previous = character
        }
        return found
    }
}
