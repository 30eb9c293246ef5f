/// The support code every generated module carries, so that it depends on
/// nothing but Foundation: the `ClientRuntime` target's Swift files
/// (Sources/ClientRuntime), which build and are tested on their own, handed
/// to CodeGen at build time by the EmbedRuntime plugin (``embedded``, cut
/// there into imports, segments and pieces, so that nothing here reads text).
enum RuntimeSources {
    /// The runtime's files for a module that carries `parts`, with the
    /// client's names where the source has its stand-ins (`APIClient`,
    /// `APIClientError`): every file of the core, each part's own files, and
    /// in the core's files the lines written for those parts.
    static func files(
        carrying parts: Set<RuntimePart>, clientName: String, errorName: String, access: AccessLevel
    ) -> [RuntimeFileText] {
        embedded.compactMap { file in
            if let part = file.part, !parts.contains(part) { return nil }
            return RuntimeFileText(
                name: file.name, imports: file.imports,
                segments: file.segments.filter { segment in segment.part.map(parts.contains) ?? true },
                clientName: clientName, errorName: errorName, access: access)
        }
    }
}

/// A runtime file as a module carries it.
struct RuntimeFileText: Sendable {
    /// The file's name, without `.swift`.
    var name: String
    var imports: [ImportDeclaration]
    /// The segments the module carries, and the names that fill their stand-ins.
    fileprivate var segments: [RuntimeSegment]
    fileprivate var clientName: String
    fileprivate var errorName: String
    fileprivate var access: AccessLevel

    /// Everything after the imports. Assembled when asked, so that the
    /// renderer builds each file's text on the thread that renders it.
    var body: String {
        var body = ""
        for segment in segments {
            for piece in segment.pieces {
                switch piece {
                case .text(let text): body += text
                case .clientName: body += clientName
                case .errorName: body += errorName
                case .accessModifier: body += access.modifier
                }
            }
        }
        return body
    }
}

/// A file of the runtime, as the EmbedRuntime plugin hands it over.
struct RuntimeFile: Sendable {
    var name: String
    /// The part the file belongs to; nil for the core, which every module carries.
    var part: RuntimePart?
    var imports: [ImportDeclaration]
    var segments: [RuntimeSegment]
}

/// A run of a runtime file: kept in every module (`part == nil`), or only in
/// modules that carry `part` (the source's `#if RUNTIME_<PART>` blocks).
struct RuntimeSegment: Sendable {
    var part: RuntimePart?
    var pieces: [RuntimePiece]
}

/// Text, or the place of one of the client's names.
enum RuntimePiece: Sendable {
    case text(String)
    /// The client type's name (`APIClient` in the source).
    case clientName
    /// The error type's name (`APIClientError` in the source).
    case errorName
    /// A declaration's `public ` in the source: the module's access level.
    case accessModifier
}

/// An `import` at the top of a generated file.
public struct ImportDeclaration: Sendable, Hashable {
    public var module: String
    /// `public import`: the file's public declarations use the module's types.
    public var isPublic: Bool
    /// The module of an `#if canImport(...)` around the import, if any.
    public var condition: String?

    public init(module: String, isPublic: Bool, condition: String? = nil) {
        self.module = module
        self.isPublic = isPublic
        self.condition = condition
    }

    /// The declaration as Swift writes it, in a module whose declarations
    /// have the access level `access`.
    func text(access: AccessLevel) -> String {
        let line = (isPublic ? access.importOfUsedTypes : access.importForCode) + " " + module
        guard let condition else { return line }
        return "#if canImport(\(condition))\n\(line)\n#endif"
    }
}
