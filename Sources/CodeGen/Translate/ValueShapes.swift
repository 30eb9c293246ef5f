import SpecParser

/// What a type's values look like on the wire, which decides how they are
/// sent: as text, as JSON, in a parameter style, as multipart parts.
extension TranslationContext {
    func isJSON(_ contentType: String) -> Bool {
        let type = MediaType.essence(of: contentType)
        return type == "application/json" || type.hasSuffix("+json")
    }

    /// The type an alias stands for, through chains of aliases.
    func resolvedAlias(_ type: TypeUsage) -> TypeUsage {
        var current = type
        for _ in 0..<64 {
            guard case .named(let name) = current, case .alias(let alias)? = findDeclaration(name) else { break }
            current = alias.type
        }
        return current
    }

    func isTextual(_ type: TypeUsage) -> Bool {
        switch type {
        case .string, .integer, .double, .float, .bool, .date, .url, .uuid, .base64: return true
        case .named(let name): return isTextualNamed(name)
        default: return false
        }
    }

    /// Whether every value of a parameter's type has a spelling in the `form`
    /// and `simple` styles: a scalar, or an array, dictionary or object of
    /// scalars, or a union of those. Anything that may nest deeper is sent as
    /// JSON text (see the runtime's `StyleValue.text`).
    ///
    /// Each named type is worked out once (``styleSpellings``): unions whose
    /// variants are unions, each named several times, would otherwise be
    /// walked once per path through them, exponentially many.
    func hasStyleSpelling(_ type: TypeUsage) -> Bool {
        switch resolvedAlias(type) {
        case .array(let element), .dictionary(let element): return isScalar(element)
        case .named(let name):
            if let known = styleSpellings[name] { return known }
            // Met again before it is worked out, a union contains itself: its
            // values nest without bound, and so do those of every type on the way.
            styleSpellings[name] = false
            let answer: Bool
            switch findDeclaration(name) {
            case .structure(let declaration)?:
                answer =
                    declaration.properties.allSatisfy { isScalar($0.type) }
                    && (declaration.additionalProperties.map(isScalar) ?? true)
            case .union(let declaration)?:
                answer = declaration.variants.allSatisfy { hasStyleSpelling($0.type) }
            default:
                answer = isTextual(type)
            }
            styleSpellings[name] = answer
            return answer
        case let other: return isTextual(other)
        }
    }

    /// Whether every value of a type is a JSON scalar: text types, and unions of them.
    func isScalar(_ type: TypeUsage) -> Bool {
        if isTextual(type) { return true }
        guard case .named(let name) = resolvedAlias(type), case .union(let declaration)? = findDeclaration(name) else {
            return false
        }
        return declaration.variants.allSatisfy { isTextual($0.type) }
    }

    /// Whether a named type is sent as text: enums, and aliases of text types.
    func isTextualNamed(_ name: String) -> Bool {
        var current = name
        for _ in 0..<64 {
            guard let declaration = findDeclaration(current) else { return false }
            switch declaration {
            case .enumeration: return true
            case .alias(let alias):
                guard case .named(let next) = alias.type else { return isTextual(alias.type) }
                current = next
            default: return false
            }
        }
        return false
    }

    func findDeclaration(_ qualified: String) -> TypeDeclaration? {
        declarationIndex[qualified]
    }
}
