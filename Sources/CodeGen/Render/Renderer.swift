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
        /// The access level of every declaration, the runtime's included.
        public var access: AccessLevel

        public var errorName: String { clientName + "Error" }

        public init(clientName: String, specName: String, layout: Layout = .split, access: AccessLevel = .public) {
            self.clientName = clientName
            self.specName = specName
            self.layout = layout
            self.access = access
        }
    }

    public var options: Options

    /// The modifier of every declaration: `public `, `package ` or nothing.
    private var access: String { options.access.modifier }

    public init(options: Options) {
        self.options = options
    }

    /// The files of `model`, sorted by path. `delivering`, when given,
    /// receives each file as soon as it is made, on the thread that made it:
    /// with the split layout while others are still being rendered, with
    /// the grouped one at the end.
    public func render(
        _ model: APIModel, delivering deliver: (@Sendable (GeneratedFile) -> Void)? = nil
    ) -> [GeneratedFile] {
        // File names first, in a fixed order (a clash gets a suffix), then
        // the files themselves, each independent of the others, on all cores.
        var names = FileNames()
        var parts: [(path: String, part: Part)] = [
            ("\(names.claim(options.clientName, suffix: "Client")).swift", .client),
            ("\(names.claim("DocumentedErrorBody", suffix: "Type")).swift", .errorBodies),
        ]
        let runtime = RuntimeSources.files(
            carrying: model.runtimeParts, clientName: options.clientName, errorName: options.errorName,
            access: options.access)
        for file in runtime {
            parts.append(("Runtime/\(names.claim(file.name, suffix: "Support")).swift", .runtime(file)))
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
        let header = fileHeader
        switch options.layout {
        case .split:
            let files = parts.parallelMap { part in
                let made = file(part.path, render(part.part, of: model), header: header)
                deliver?(made)
                return made
            }
            return files.sorted { $0.path < $1.path }
        case .grouped:
            let rendered = parts.parallelMap { part in (path: part.path, content: render(part.part, of: model)) }
            let files = grouped(rendered.sorted { $0.path < $1.path }, header: header)
            if let deliver { files.forEach(deliver) }
            return files
        }
    }

    /// The grouped layout: the files of each folder of the split layout
    /// joined into one file named after the folder, in path order, each
    /// declaration under a `MARK` with its file's name, and their imports
    /// at the top, once each. Files outside a folder stay as they are.
    private func grouped(_ parts: [(path: String, content: FileContent)], header: String) -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var folders: [(name: String, parts: [(name: String, content: FileContent)])] = []
        var names = FileNames()
        for part in parts where !part.path.contains("/") {
            _ = names.claim(String(part.path.dropLast(".swift".count)), suffix: "File")
            files.append(file(part.path, part.content, header: header))
        }
        for part in parts {
            guard let slash = part.path.firstIndex(of: "/") else { continue }
            let folder = String(part.path[..<slash])
            let name = String(part.path[part.path.index(after: slash)...].dropLast(".swift".count))
            if folders.last?.name == folder {
                folders[folders.count - 1].parts.append((name, part.content))
            } else {
                folders.append((folder, [(name, part.content)]))
            }
        }
        for folder in folders {
            var imports: [ImportDeclaration] = []
            for part in folder.parts {
                for item in part.content.imports where !imports.contains(item) { imports.append(item) }
            }
            // A module imported both publicly and not is imported publicly, once.
            let all = imports
            imports.removeAll { item in
                var asPublic = item
                asPublic.isPublic = true
                return !item.isPublic && all.contains(asPublic)
            }
            // File names are identifiers the renderer made, safe in a comment.
            let body = folder.parts.map { "// MARK: - \($0.name)\n\n" + $0.content.body }.joined(separator: "\n")
            let path = names.claim(folder.name, suffix: "Group") + ".swift"
            files.append(file(path, FileContent(imports: imports, body: body), header: header))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// What a file holds: its imports, then its declarations.
    struct FileContent: Sendable {
        var imports: [ImportDeclaration]
        var body: String
    }

    /// What one generated file holds.
    private enum Part: Sendable {
        case client, errorBodies
        case runtime(RuntimeFileText)
        case type(Int)
        case operation(Int)
        case job(Int)
    }

    private func render(_ part: Part, of model: APIModel) -> FileContent {
        switch part {
        case .client:
            return FileContent(imports: FoundationUse.imports(true), body: renderClient(model))
        case .errorBodies:
            // The cases are spelled with `TypeSpelling`'s default: file content is a `MultipartFile`.
            let usesFoundation = model.errorBodies.contains { FoundationUse.uses($0.type, fileIsData: false) }
            return FileContent(imports: FoundationUse.imports(usesFoundation), body: renderErrorBodies(model))
        case .runtime(let file):
            return FileContent(imports: file.imports, body: file.body)
        case .type(let index):
            var writer = SwiftWriter()
            TypeRenderer(options: options).render(
                model.types[index], attributes: [Availability.attribute], into: &writer)
            return FileContent(
                imports: FoundationUse.imports(FoundationUse.uses(model.types[index])), body: writer.text)
        case .operation(let index):
            var writer = SwiftWriter()
            OperationRenderer(options: options).render(model.operations[index], into: &writer)
            return FileContent(
                imports: FoundationUse.imports(FoundationUse.uses(model.operations[index])), body: writer.text)
        case .job(let index):
            var writer = SwiftWriter()
            JobRenderer(options: options).render(model.jobs[index], in: model, into: &writer)
            return FileContent(imports: JobRenderer.imports(model.jobs[index]), body: writer.text)
        }
    }

    /// A file's text: the header, its imports, then its declarations.
    /// The comment every file starts with, and the blank line after it:
    /// the same for all files, so made once, not once a file.
    private var fileHeader: String {
        """
        // Generated by ideogram-codegen from \(SwiftText.commentLines(options.specName).joined(separator: " ")).
        // Do not edit: change the spec or the generator, then regenerate.


        """
    }

    /// A file: `header` (``fileHeader``), the imports, then the body, put
    /// together in one string of the right size.
    private func file(_ path: String, _ content: FileContent, header: String) -> GeneratedFile {
        let imports =
            content.imports.isEmpty
            ? "" : content.imports.map { $0.text(access: options.access) }.joined(separator: "\n") + "\n\n"
        var contents = ""
        contents.reserveCapacity(header.utf8.count + imports.utf8.count + content.body.utf8.count)
        contents += header
        contents += imports
        contents += content.body
        return GeneratedFile(path: path, contents: contents)
    }

    // MARK: - Client

    private func renderClient(_ model: APIModel) -> String {
        var w = SwiftWriter()
        var documentation = Documentation(summary: model.title, details: model.summary)
        if documentation.summary == documentation.details { documentation.details = nil }
        w.documentation(
            documentation,
            extra: [
                "Each operation of the API is a method; create one client and share it."
            ])
        w.line(Availability.attribute)
        w.block("nonisolated \(access)struct \(options.clientName): Sendable") { w in
            ServerRenderer(options: options).render(model, into: &w)
            w.line()
            w.line("/// The base URL, credentials, timeout and headers of every call.")
            w.line("\(access)let configuration: Configuration")
            w.line("/// What sends requests; `URLSessionTransport` unless another was given.")
            w.line("\(access)let transport: any HTTPTransport")
            w.line("/// Collects responses for `withResponse(_:)`; nil otherwise.")
            w.line("let recorder: ResponseRecorder?")
            w.line()
            SecurityRenderer(options: options).render(model, into: &w)
            w.line()
            w.line("/// Creates a client from a configuration and a transport.")
            w.block("\(access)init(configuration: Configuration, transport: any HTTPTransport = URLSessionTransport())")
            {
                w in
                w.line("self.init(configuration: configuration, transport: transport, recorder: nil)")
            }
            w.line()
            w.block("init(configuration: Configuration, transport: any HTTPTransport, recorder: ResponseRecorder?)") {
                w in
                w.line("self.configuration = configuration")
                w.line("self.transport = transport")
                w.line("self.recorder = recorder")
            }
            renderConvenienceInits(model, into: &w)
        }
        return w.text
    }

    /// `init(apiKey:baseURL:timeout:transport:)` for the scheme most calls
    /// need, and `init(credentials:…)` for any of them.
    private func renderConvenienceInits(_ model: APIModel, into w: inout SwiftWriter) {
        let baseURL =
            model.servers.isEmpty ? "baseURL: URL" : "baseURL: URL = \(options.clientName).servers[0]"
        let rest = ["timeout: Duration = .seconds(300)", "transport: any HTTPTransport = URLSessionTransport()"]
        let server =
            model.servers.first.map { "the default server, \(SwiftText.literal($0.url)), or for `baseURL`" }
            ?? "the server at `baseURL`"
        func initializer(_ first: String, configuration: String) {
            w.block("\(access)init", parameters: [first, baseURL] + rest) { w in
                w.call(
                    "self.init",
                    arguments: [
                        "configuration: Configuration(baseURL: baseURL, \(configuration), timeout: timeout)",
                        "transport: transport",
                    ])
            }
        }
        if let primary = SecurityRenderer.primaryScheme(model) {
            w.line()
            w.documentation(
                Documentation(
                    summary: "Creates a client for \(server) (a gateway that serves the same API under a path prefix "
                        + "works too), with the credential of its \(SwiftText.codeSpan(primary.key)) scheme."))
            initializer("apiKey: String", configuration: "apiKey: apiKey")
        }
        w.line()
        w.documentation(
            Documentation(summary: "Creates a client for \(server), with a credential for each scheme the app uses."))
        initializer(
            "credentials: [SecurityScheme: Credential]" + (model.securitySchemes.isEmpty ? " = [:]" : ""),
            configuration: "credentials: credentials")
    }

    private func renderErrorBodies(_ model: APIModel) -> String {
        var w = SwiftWriter()
        w.line("/// The body of an error response, decoded as the API description documents it.")
        w.line(Availability.attribute)
        w.block("nonisolated \(access)enum DocumentedErrorBody: Hashable, Sendable") { w in
            for errorCase in model.errorBodies {
                let spelled = TypeSpelling.spell(errorCase.type)
                w.line(
                    errorCase.type == .json
                        ? "/// A body the API description gives no schema for, as JSON."
                        : "/// A body of the ``\(spelled)`` type.")
                w.line("case \(Naming.escaped(errorCase.name))(\(spelled))")
            }
        }
        return w.text
    }
}
