/// One file of generated output, with its path relative to the output folder.
public struct GeneratedFile: Hashable, Sendable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// Renders an ``APIModel`` as the Swift files of a self-contained module:
/// one file per type and per operation, the client, and the runtime support
/// code, so that a one-field change in the spec is a one-file diff (or,
/// with ``Layout/grouped``, one file per folder).
public struct Renderer: Sendable {
    /// How the declarations are laid out in files.
    public enum Layout: String, Sendable, CaseIterable {
        /// One file per type and per operation (`Types/Foo.swift`), and one
        /// per part of the runtime: a change to one schema is a change to
        /// one file. The default.
        case split
        /// One file per folder of the split layout (`Types.swift`,
        /// `Operations.swift`, `Runtime.swift`), the same declarations in
        /// the same order. An app's debug build of a module the size of the
        /// Ideogram client is faster with a few files than with many; for
        /// specs as large as Stripe's, one huge file leaves the compiler
        /// fewer jobs to spread over the cores, and is slower.
        case grouped
    }

    public struct Options: Sendable {
        /// The client type's name, such as `Ideogram`.
        public var clientName: String
        /// The spec's file name, for the header of each file (never a full path,
        /// so output does not depend on where the spec lives).
        public var specName: String
        public var layout: Layout

        public var errorName: String { clientName + "Error" }

        public init(clientName: String, specName: String, layout: Layout = .split) {
            self.clientName = clientName
            self.specName = specName
            self.layout = layout
        }
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    public func render(_ model: APIModel) -> [GeneratedFile] {
        // File names first, in a fixed order (a clash gets a suffix), then
        // the files themselves, each independent of the others, on all cores.
        var names = FileNames()
        var parts: [(path: String, part: Part)] = [
            ("\(names.claim(options.clientName, suffix: "Client")).swift", .client),
            ("\(names.claim("DocumentedErrorBody", suffix: "Type")).swift", .errorBodies),
        ]
        var runtime = RuntimeSources.files
        for optional in RuntimeSources.optionalFiles {
            // Only a module that needs a part carries it, and the lines tagged for it elsewhere.
            let needed = switch optional.need {
            case .jobs: !model.jobs.isEmpty
            case .styledValues: OperationRenderer.needsStyledValues(model)
            }
            runtime = runtime.map { ($0.name, RuntimeSources.resolving($0.source, marker: optional.marker, keep: needed)) }
            if needed { runtime.append((optional.name, optional.source)) }
        }
        for (name, source) in runtime {
            parts.append(("Runtime/\(names.claim(name, suffix: "Support")).swift", .runtime(source)))
        }
        for (index, declaration) in model.types.enumerated() {
            parts.append(("Types/\(names.claim(declaration.name, suffix: "Type")).swift", .type(index)))
        }
        for (index, operation) in model.operations.enumerated() {
            let name = names.claim(Naming.type(operation.name, reserved: []), suffix: "Operation")
            parts.append(("Operations/\(name).swift", .operation(index)))
        }
        for (index, job) in model.jobs.enumerated() {
            parts.append(("Jobs/\(names.claim(Naming.type(job.name, reserved: []), suffix: "Job")).swift", .job(index)))
        }
        switch options.layout {
        case .split:
            let files = parts.parallelMap { part in file(part.path, render(part.part, of: model)) }
            return files.sorted { $0.path < $1.path }
        case .grouped:
            let bodies = parts.parallelMap { part in (path: part.path, body: render(part.part, of: model)) }
            return grouped(bodies.sorted { $0.path < $1.path })
        }
    }

    /// The grouped layout: the files of each folder of the split layout
    /// joined into one file named after the folder, in path order, each
    /// declaration under a `MARK` with its file's name. Files outside a
    /// folder stay as they are.
    private func grouped(_ parts: [(path: String, body: String)]) -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var folders: [(name: String, parts: [(name: String, body: String)])] = []
        var names = FileNames()
        for part in parts where !part.path.contains("/") {
            _ = names.claim(String(part.path.dropLast(".swift".count)), suffix: "File")
            files.append(file(part.path, part.body))
        }
        for part in parts {
            guard let slash = part.path.firstIndex(of: "/") else { continue }
            let folder = String(part.path[..<slash])
            let name = String(part.path[part.path.index(after: slash)...].dropLast(".swift".count))
            if folders.last?.name == folder {
                folders[folders.count - 1].parts.append((name, part.body))
            } else {
                folders.append((folder, [(name, part.body)]))
            }
        }
        for folder in folders {
            // The runtime's parts each begin with their imports: those go to
            // the top of the file, once each.
            var imports: [String] = []
            var sections: [String] = []
            for part in folder.parts {
                let (leading, rest) = Self.splitLeadingImports(part.body)
                for item in leading where !imports.contains(item) { imports.append(item) }
                // File names are identifiers the renderer made, safe in a comment.
                sections.append("// MARK: - \(part.name)\n\n" + rest)
            }
            // A module imported both publicly and not is imported publicly, once.
            func publicly(_ item: String) -> String {
                item.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix("import ") ? "public " + $0 : String($0) }.joined(separator: "\n")
            }
            let all = imports
            imports.removeAll { item in publicly(item) != item && all.contains(publicly(item)) }
            let head = imports.isEmpty ? "" : imports.joined(separator: "\n") + "\n\n"
            let path = names.claim(folder.name, suffix: "Group") + ".swift"
            files.append(file(path, head + sections.joined(separator: "\n")))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The imports at the top of `body`, each `import` line or `#if
    /// canImport` block (of imports only) one item, and the rest of it after
    /// the blank lines that follow. A block holding anything else stays in
    /// the rest, whole.
    static func splitLeadingImports(_ body: String) -> (imports: [String], rest: Substring) {
        func isImport(_ line: Substring) -> Bool { line.hasPrefix("import ") || line.hasPrefix("public import ") }
        var imports: [String] = []
        var block: [Substring]?  // an open `#if canImport(…)` block
        var rest = Substring(body)
        var blockStart = rest.startIndex
        while let end = rest.firstIndex(of: "\n") {
            let line = rest[..<end]
            if line.hasPrefix("#if canImport("), block == nil {
                block = [line]
                blockStart = rest.startIndex
            } else if isImport(line), block != nil {
                block!.append(line)
            } else if line == "#endif", let open = block {
                imports.append((open + [line]).joined(separator: "\n"))
                block = nil
            } else if isImport(line) {
                imports.append(String(line))
            } else if !(line.isEmpty && !imports.isEmpty && block == nil) {
                if block != nil { rest = body[blockStart...] }
                break
            }
            rest = rest[rest.index(after: end)...]
        }
        return (imports, rest)
    }

    /// What one generated file holds.
    private enum Part: Sendable {
        case client, errorBodies
        case runtime(String)
        case type(Int)
        case operation(Int)
        case job(Int)
    }

    private func render(_ part: Part, of model: APIModel) -> String {
        switch part {
        case .client:
            return FoundationUse.importLine(true) + renderClient(model)
        case .errorBodies:
            // The cases are spelled with `TypeSpelling`'s default: file content is a `MultipartFile`.
            return FoundationUse.importLine(model.errorBodies.contains { FoundationUse.uses($0.type, fileIsData: false) })
                + renderErrorBodies(model)
        case .runtime(let source):
            let withError = ByteSearch.replacing("__CLIENT__Error", with: options.errorName, in: source)
            let withClient = ByteSearch.replacing("__CLIENT__", with: options.clientName, in: withError)
            return ByteSearch.replacing(Availability.placeholder, with: Availability.attribute, in: withClient)
        case .type(let index):
            var writer = SwiftWriter()
            TypeRenderer(options: options).render(model.types[index], attributes: [Availability.attribute], into: &writer)
            return FoundationUse.importLine(FoundationUse.uses(model.types[index])) + writer.text
        case .operation(let index):
            var writer = SwiftWriter()
            OperationRenderer(options: options).render(model.operations[index], into: &writer)
            return FoundationUse.importLine(FoundationUse.uses(model.operations[index])) + writer.text
        case .job(let index):
            var writer = SwiftWriter()
            JobRenderer(options: options).render(model.jobs[index], in: model, into: &writer)
            return writer.text
        }
    }

    /// A file's text: the header, then the body, which begins with its
    /// imports (the runtime's parts carry their own; the others get theirs
    /// from ``FoundationUse``).
    private func file(_ path: String, _ body: String) -> GeneratedFile {
        let header = """
            // Generated by ideogram-codegen from \(SwiftText.commentLines(options.specName).joined(separator: " ")).
            // Do not edit: change the spec or the generator, then regenerate.

            """
        return GeneratedFile(path: path, contents: header + "\n" + body)
    }

    // MARK: - Client

    private func renderClient(_ model: APIModel) -> String {
        var w = SwiftWriter()
        var documentation = Documentation(summary: model.title, details: model.summary)
        if documentation.summary == documentation.details { documentation.details = nil }
        w.documentation(documentation, extra: [
            "Each operation of the API is a method; create one client and share it.",
        ])
        w.line(Availability.attribute)
        w.block("nonisolated public struct \(options.clientName): Sendable") { w in
            let servers = model.servers
            w.line("/// The servers the API description lists; the first is the default base URL.")
            w.line("public static let servers: [URL] = [\(servers.map { "URL(string: \(SwiftText.literal($0.url)))!" }.joined(separator: ", "))]")
            w.line()
            w.line("/// The base URL, credentials, timeout and headers of every call.")
            w.line("public let configuration: Configuration")
            w.line("/// What sends requests; `URLSessionTransport` unless another was given.")
            w.line("public let transport: any HTTPTransport")
            w.line("/// Collects responses for `withResponse(_:)`; nil otherwise.")
            w.line("let recorder: ResponseRecorder?")
            w.line()
            w.line("/// Names of the headers and query items that carry the credential, lower-cased.")
            let credentials = model.authentication.map { auth in
                switch auth.kind {
                case .apiKeyHeader(let name), .apiKeyQuery(let name): name.lowercased()
                case .bearer, .basic: "authorization"
                }
            }
            let credentialList = Array(Set(credentials)).sorted().map(SwiftText.literal).joined(separator: ", ")
            w.line("static let credentialHeaders: Set<String> = [\(credentialList)]")
            w.line()
            w.line("/// Creates a client from a configuration and a transport.")
            w.block("public init(configuration: Configuration, transport: any HTTPTransport = URLSessionTransport())") { w in
                w.line("self.init(configuration: configuration, transport: transport, recorder: nil)")
            }
            w.line()
            w.block("init(configuration: Configuration, transport: any HTTPTransport, recorder: ResponseRecorder?)") { w in
                w.line("self.configuration = configuration")
                w.line("self.transport = transport")
                w.line("self.recorder = recorder")
            }
            if let first = servers.first {
                w.line()
                w.line("/// Creates a client for the default server, \(SwiftText.literal(first.url)), or for `baseURL`")
                w.line("/// (a gateway that serves the same API under a path prefix works too).")
                w.block("public init", parameters: ["apiKey: String", "baseURL: URL = \(options.clientName).servers[0]", "timeout: Duration = .seconds(300)",
                                                    "transport: any HTTPTransport = URLSessionTransport()"]) { w in
                    w.line("self.init(configuration: Configuration(baseURL: baseURL, apiKey: apiKey, timeout: timeout), transport: transport)")
                }
            } else {
                w.line()
                w.line("/// Creates a client for the server at `baseURL`.")
                w.block("public init", parameters: ["apiKey: String? = nil", "baseURL: URL", "timeout: Duration = .seconds(300)",
                                                    "transport: any HTTPTransport = URLSessionTransport()"]) { w in
                    w.line("self.init(configuration: Configuration(baseURL: baseURL, apiKey: apiKey, timeout: timeout), transport: transport)")
                }
            }
            w.line()
            w.line("/// Adds the configured credential to a request, as the API description asks.")
            w.block("func authenticate(_ builder: inout RequestBuilder)") { w in
                if model.authentication.isEmpty {
                    w.line("_ = builder")
                    return
                }
                w.line("guard let key = configuration.apiKey?.value else { return }")
                for auth in model.authentication {
                    switch auth.kind {
                    case .apiKeyHeader(let name): w.line("builder.setHeader(\(SwiftText.literal(name)), key)")
                    case .apiKeyQuery(let name): w.line("builder.addQuery(\(SwiftText.literal(name)), key)")
                    case .bearer: w.line("builder.setHeader(\"Authorization\", \"Bearer \" + key)")
                    case .basic: w.line("builder.setHeader(\"Authorization\", \"Basic \" + key)")
                    }
                }
            }
        }
        return w.text
    }

    private func renderErrorBodies(_ model: APIModel) -> String {
        var w = SwiftWriter()
        w.line("/// The body of an error response, decoded as the API description documents it.")
        w.line(Availability.attribute)
        w.block("nonisolated public enum DocumentedErrorBody: Hashable, Sendable") { w in
            for errorCase in model.errorBodies {
                let spelled = TypeSpelling.spell(errorCase.type)
                w.line(errorCase.type == .json
                    ? "/// A body the API description gives no schema for, as JSON."
                    : "/// A body of the ``\(spelled)`` type.")
                w.line("case \(Naming.escaped(errorCase.name))(\(spelled))")
            }
        }
        return w.text
    }
}

/// Hands out the file names of one module. Swift rejects two files with the
/// same name in a module, wherever they are, and a case-insensitive file system
/// merges names that differ only by case; so a name already taken, ignoring
/// case, gets a suffix, then a number. Names are claimed in a fixed order, so
/// the result is deterministic.
struct FileNames {
    private var taken: Set<String> = []

    mutating func claim(_ stem: String, suffix: String) -> String {
        var candidate = stem
        var number = 2
        if taken.contains(candidate.lowercased()) { candidate = stem + suffix }
        while taken.contains(candidate.lowercased()) {
            candidate = stem + suffix + String(number)
            number += 1
        }
        taken.insert(candidate.lowercased())
        return candidate
    }
}
