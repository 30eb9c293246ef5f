import CodeGen

/// The public declarations of generated files, read from their text alone:
/// the oracle the surface (read from the API model) is checked against.
///
/// A declaration is a line, at the level of a type's members, that starts
/// with `public` (after the platform availability and `nonisolated`), or a
/// `case` of an enum; a header wrapped over several lines is joined as the
/// surface spells it, and a stored constant's value is left out. The
/// conformance witnesses every `Codable` type has (`init(from:)`,
/// `encode(to:)`) and imports are not declarations an app names.
struct ScannedDeclaration: Hashable, CustomStringConvertible {
    /// The type it is in (`Pet`, `Pet.Kind`, the client for an extension's
    /// members), or "" at the top level.
    var container: String
    /// The declaration as the surface spells it: `public var name: String`.
    var signature: String
    /// Whether an `@available(*, deprecated…)` line comes before it.
    var isDeprecated: Bool
    /// The file it is in.
    var file: String

    var description: String { "\(file): \(container.isEmpty ? "" : container + " › ")\(signature)" }

    /// Container and signature: what stays the same when only the file moves.
    var key: String { container + " › " + signature }
}

enum PublicDeclarationScanner {
    /// Every public declaration of `files`.
    static func scan(_ files: [GeneratedFile]) -> [ScannedDeclaration] {
        files.flatMap { scan($0.contents, file: $0.path) }
    }

    /// The public declarations of one file's text.
    static func scan(_ text: String, file: String) -> [ScannedDeclaration] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result: [ScannedDeclaration] = []
        // Open braces: a type's qualified name (its members are declarations), or nil (a body, a value).
        var scopes: [(name: String?, isEnum: Bool)] = []
        var deprecated = false
        var index = 0
        while index < lines.count {
            var line = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            if line.isEmpty || line.hasPrefix("//") || line.hasPrefix("#") { continue }
            let atMemberLevel = scopes.allSatisfy { $0.name != nil }
            if atMemberLevel, line.hasPrefix("@available(*, deprecated") {
                deprecated = true
                continue
            }
            if atMemberLevel, line.hasPrefix("@available(") && line.hasSuffix(")") { continue }
            // A header wrapped over several lines.
            if atMemberLevel, line.hasSuffix("(") {
                while index < lines.count {
                    let next = lines[index].trimmingCharacters(in: .whitespaces)
                    index += 1
                    line += (line.hasSuffix("(") || next.hasPrefix(")") ? "" : " ") + next
                    if next.hasPrefix(")") { break }
                }
            }
            let balance = braceBalance(line)
            var opened: [(name: String?, isEnum: Bool)] = Array(repeating: (nil, false), count: max(balance, 0))
            if atMemberLevel {
                var declaration = line
                if declaration.hasPrefix("nonisolated ") { declaration.removeFirst("nonisolated ".count) }
                let container = scopes.last?.name ?? ""
                if let signature = signature(declaration, inEnum: scopes.last?.isEnum ?? false) {
                    result.append(
                        ScannedDeclaration(
                            container: container, signature: signature, isDeprecated: deprecated, file: file))
                }
                deprecated = false
                if balance > 0, let declared = declaredType(declaration) {
                    let name =
                        declared.isExtension || container.isEmpty ? declared.name : container + "." + declared.name
                    opened[0] = (name, declared.isEnum)
                }
            }
            scopes += opened
            for _ in 0..<max(-balance, 0) where !scopes.isEmpty { scopes.removeLast() }
        }
        return result
    }

    /// The declaration a member-level line makes, as the surface spells it; nil for other lines.
    private static func signature(_ line: String, inEnum: Bool) -> String? {
        var text = line
        let isCase = inEnum && text.hasPrefix("case ") && !text.hasPrefix("case .")
        guard text.hasPrefix("public ") || text.hasPrefix("@concurrent public ") || isCase else { return nil }
        if text.hasPrefix("public import ") { return nil }
        if text.contains("init(from decoder: any Decoder)") || text.contains("func encode(to encoder: any Encoder)") {
            return nil
        }
        if text.hasSuffix(" {") { text.removeLast(2) }
        // A property's or constant's value is not part of its declaration.
        let isProperty = text.contains(" let ") || text.contains(" var ")
        if isProperty, !text.contains(" func "), !text.contains(" init("), let value = text.range(of: " = ") {
            text = String(text[..<value.lowerBound])
        }
        return text
    }

    /// The type a line declares, and whether it is an enum or an extension.
    private static func declaredType(_ line: String) -> (name: String, isEnum: Bool, isExtension: Bool)? {
        let words = line.split(separator: " ")
        for (index, word) in words.enumerated() where index + 1 < words.count {
            guard ["struct", "enum", "extension", "class", "actor", "protocol"].contains(word) else { continue }
            let name = words[index + 1].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            return name.isEmpty ? nil : (String(name), word == "enum", word == "extension")
        }
        return nil
    }

    /// Braces opened minus braces closed, outside string literals.
    private static func braceBalance(_ line: String) -> Int {
        var balance = 0
        var inString = false
        var previous: Character = " "
        for character in line {
            if character == "\"" && previous != "\\" { inString.toggle() }
            if !inString {
                if character == "{" { balance += 1 }
                if character == "}" { balance -= 1 }
            }
            previous = character
        }
        return balance
    }
}
