import SpecParser

/// The whole pipeline in one call: spec file → document → API model → Swift files.
public struct Generator: Sendable {
    public struct Options: Sendable {
        /// The client type's name; `Ideogram` for the Ideogram module.
        public var clientName: String

        /// Also write `spec-snapshot.yml`, a byte-for-byte copy of the spec,
        /// so that drift can be shown as API changes later.
        public var includeSpecSnapshot: Bool

        /// One file per declaration (the default), or one per folder.
        public var layout: Renderer.Layout

        /// Names chosen by hand, from the generation config.
        public var names: NameOverrides

        /// The operations to generate; all when empty.
        public var selection: OperationSelection

        /// The access level of the generated declarations.
        public var access: AccessLevel

        /// Pagination rules by operationId, from the generation config.
        public var pagination: [String: PaginationRule] = [:]

        /// The header that carries an idempotency key on every POST and
        /// PATCH, from the generation config.
        public var idempotencyKeyHeader: String?

        /// Whether the output keeps the YAML trees, the document and the
        /// translation's tables alive, instead of their being freed as soon
        /// as they are used. A process that exits right after writing (the
        /// tool) is faster without freeing them object by object: the exit
        /// drops them all at once. Off by default, so that a caller that
        /// holds outputs holds only the model and the files.
        public var retainsIntermediates = false

        public init(
            clientName: String, includeSpecSnapshot: Bool = false, layout: Renderer.Layout = .split,
            names: NameOverrides = NameOverrides(), selection: OperationSelection = OperationSelection(),
            access: AccessLevel = .public
        ) {
            self.clientName = clientName
            self.includeSpecSnapshot = includeSpecSnapshot
            self.layout = layout
            self.names = names
            self.selection = selection
            self.access = access
        }

        /// The options of a client of a generation config.
        public init(_ client: GenerationConfig.Client) {
            self.init(
                clientName: client.clientName, includeSpecSnapshot: client.snapshot, layout: client.layout,
                names: client.names, selection: client.selection, access: client.access)
            pagination = client.pagination
            idempotencyKeyHeader = client.idempotencyKeyHeader
        }

        /// The name of the spec copy in the output folder.
        public static let snapshotFileName = "spec-snapshot.yml"
    }

    public struct Output: Sendable {
        /// The generated files, sorted by path; empty when the spec has errors.
        public var files: [GeneratedFile]
        public var diagnostics: Diagnostics
        /// The API model, when the spec could be read.
        public var model: APIModel?
        /// What ``Options/retainsIntermediates`` keeps alive with the output.
        var intermediates: Intermediates?
    }

    public var options: Options
    public var loader: SpecLoader

    public init(options: Options, loader: SpecLoader = SpecLoader()) {
        self.options = options
        self.loader = loader
    }

    /// Reads the spec at `specPath` and writes its client: ``translate(specPath:)``,
    /// then ``render(_:specPath:delivering:)`` unless the spec has errors.
    public func generate(specPath: String) -> Output {
        render(translate(specPath: specPath), specPath: specPath)
    }

    /// Reads the spec and builds its API model, without rendering a file:
    /// the `files` of the output are empty. A caller that wants to decide
    /// on the diagnostics first (the tool's `--strict`) renders afterwards.
    public func translate(specPath: String) -> Output {
        let intermediates = options.retainsIntermediates ? Intermediates() : nil
        let keep = intermediates.map { kept in { (object: AnyObject) in kept.objects.append(object) } }
        let loaded = loader.load(path: specPath, keeping: keep)
        var diagnostics = loaded.diagnostics
        guard let document = loaded.document, !diagnostics.hasErrors else {
            return Output(files: [], diagnostics: diagnostics, model: nil, intermediates: intermediates)
        }
        keep?(Intermediates.Box(document))
        var translatorOptions = Translator.Options(
            clientName: options.clientName, names: options.names, selection: options.selection)
        translatorOptions.pagination = options.pagination
        translatorOptions.idempotencyKeyHeader = options.idempotencyKeyHeader
        let translator = Translator(options: translatorOptions)
        let translated = translator.translate(document, keeping: keep)
        diagnostics.append(contentsOf: translated.diagnostics)
        return Output(files: [], diagnostics: diagnostics, model: translated.model, intermediates: intermediates)
    }

    /// What ``translate(specPath:)`` keeps for ``Options/retainsIntermediates``:
    /// filled while it runs, on its thread, and never read, only held.
    final class Intermediates: @unchecked Sendable {
        var objects: [AnyObject] = []

        /// A value kept as an object.
        final class Box<Value> {
            let value: Value
            init(_ value: Value) { self.value = value }
        }
    }

    /// The files of a translated spec (the output of ``translate(specPath:)``
    /// with `specPath`), sorted by path; none when it has errors.
    ///
    /// `delivering`, when given, receives each file as soon as it is made,
    /// on the thread that made it, so that a caller can write files while
    /// others are still being rendered (``OutputDirectory/Writer``).
    public func render(
        _ translated: Output, specPath: String, delivering deliver: (@Sendable (GeneratedFile) -> Void)? = nil
    ) -> Output {
        guard let model = translated.model, !translated.diagnostics.hasErrors else { return translated }
        let specName = specPath.split(separator: "/").last.map(String.init) ?? specPath
        let renderer = Renderer(
            options: .init(
                clientName: options.clientName, specName: specName, layout: options.layout, access: options.access))
        var files = renderer.render(model, delivering: deliver)
        if options.includeSpecSnapshot, let bytes = try? loader.source.read(specPath) {
            let snapshot = GeneratedFile(
                path: Options.snapshotFileName, contents: String(decoding: bytes, as: UTF8.self))
            deliver?(snapshot)
            files.append(snapshot)
            files.sort { $0.path < $1.path }
        }
        var output = translated
        output.files = files
        return output
    }
}
