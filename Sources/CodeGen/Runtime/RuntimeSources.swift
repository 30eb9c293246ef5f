/// The support code every generated module carries, so that it depends on
/// nothing but Foundation. `__CLIENT__` stands for the client type's name.
///
/// Each source is Swift text kept in a raw string; the generated module's
/// compile (in the tests) is what checks it.
enum RuntimeSources {
    static let files: [(name: String, source: String)] = [
        ("Configuration", configuration),
        ("Transport", transport),
        ("RequestBuilder", requestBuilder),
        ("Multipart", multipart),
        ("Errors", errors),
        ("JSON", json),
        ("Dates", dates),
        ("Sending", sending),
        ("Downloads", downloads),
    ]

    /// What only some modules need.
    enum Need: Sendable {
        /// Jobs polled to their end.
        case jobs
        /// Parameters and form bodies written from a value's structure.
        case styledValues
    }

    /// Parts only some modules carry, with what they are for and the marker
    /// that tags their lines in the other parts (`// @jobs`).
    static let optionalFiles: [(name: String, source: String, marker: String, need: Need)] = [
        ("Parameters", parameters, "// @styles", .styledValues),
        ("Jobs", jobs, "// @jobs", .jobs),
    ]

    /// `source` with the lines that end with the tag `marker` kept (without
    /// the tag) or left out.
    static func resolving(_ source: String, marker: String, keep: Bool) -> String {
        guard source.contains(marker) else { return source }
        var lines: [Substring] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasSuffix(" " + marker) else {
                lines.append(line)
                continue
            }
            if keep { lines.append(line.dropLast(marker.count + 1)) }
        }
        return lines.joined(separator: "\n")
    }
}

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
        for source in files.map(\.source) + optionalFiles.map(\.source) {
            for line in source.split(separator: "\n") {
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
