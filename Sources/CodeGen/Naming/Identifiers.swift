/// Valid, unique identifiers: keywords, names no declaration may take, and
/// numbering where two names meet.
extension Naming {
    /// Whether `name` is a Swift keyword.
    public static func isKeyword(_ name: String) -> Bool { keywords.contains(name) }

    /// Swift keywords: a member with one of these names is written in backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "super", "throws",
        "true", "try", "async", "some", "any", "consume", "borrowing", "consuming", "copy", "discard",
        "each", "macro", "package", "isolated", "nonisolated", "sending",
    ]

    /// Names that cannot be used as members even in backticks, or that would
    /// shadow something the generated code relies on.
    static let unusableMembers: Set<String> = ["self", "Self", "Type", "Protocol", "init", "_", "super"]

    /// A valid member identifier for `raw`, spelled as it must appear in a declaration.
    /// The result is a plain identifier (no backticks), never one of the
    /// names that cannot be declared at all (`self`, `init`, `Type`…).
    public static func member(_ raw: String, fallback: String = "value") -> String {
        var name = lowerCamel(raw)
        if name.isEmpty { name = fallback }
        if startsWithNumber(name) { name = "_" + name }
        if unusableMembers.contains(name) { name += "_" }
        return name
    }

    /// Whether the first character of a non-empty `name` is a number, read
    /// from its first byte when that is ASCII (as names are by then): asking
    /// the `Character` looks up Unicode properties, for every name made.
    private static func startsWithNumber(_ name: String) -> Bool {
        let first = name.utf8.first!
        return first < 0x80 ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) : name.first!.isNumber
    }

    /// `name` written so that it can appear where an identifier goes:
    /// keywords in backticks.
    public static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// A valid type name for `raw`: UpperCamelCase, never a keyword, never
    /// one of `reserved`, never starting with a digit.
    public static func type(_ raw: String, reserved: Set<String>, fallback: String = "Value") -> String {
        var name = upperCamel(raw)
        if name.isEmpty { name = fallback }
        if startsWithNumber(name) { name = "_" + name }
        if keywords.contains(name) || unusableMembers.contains(name) || reserved.contains(name) {
            name += "Schema"
        }
        return name
    }

    /// Gives each name of `names` a unique spelling, in order: the first keeps
    /// its name, later ones get a number (`name2`, `name3`).
    public static func uniqued(_ names: [String], taken: Set<String> = []) -> [String] {
        var used = taken
        // Room for every name at once: growing the set as it fills rehashed it
        // again and again, which cost more than the names themselves.
        used.reserveCapacity(taken.count + names.count)
        return names.map { name in
            // A free name is taken by the very insertion that tests it.
            if used.insert(name).inserted { return name }
            let unique = unique(name) { used.contains($0) }
            used.insert(unique)
            return unique
        }
    }

    /// `name` when it is free, else the first free one of `name2`, `name3`, …
    /// (the same spelling as ``uniqued(_:taken:)``). Asking through a closure
    /// lets a caller test several sets without building their union, which
    /// for every inline type of a large spec would cost time in proportion
    /// to the whole spec.
    public static func unique(_ name: String, isTaken: (String) -> Bool) -> String {
        if !isTaken(name) { return name }
        var counter = 2
        while isTaken("\(name)\(counter)") { counter += 1 }
        return "\(name)\(counter)"
    }
}
