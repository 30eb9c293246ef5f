import SpecParser

/// Lowers an ``OpenAPIDocument`` into an ``APIModel``: names every type and
/// member, decides how each value is typed and how each body is sent.
///
/// What cannot be represented faithfully degrades to a JSON value or is
/// skipped, always with a located warning; nothing is dropped in silence.
public struct Translator {
    public struct Options: Sendable {
        /// The name of the client type, such as `Ideogram`.
        public var clientName: String
        /// Names chosen by hand, which win over every naming rule.
        public var names: NameOverrides
        /// The operations to generate (all when empty), and with them the types they reach.
        public var selection: OperationSelection
        /// Pagination rules by operationId, for lists the spec does not mark.
        public var pagination: [String: PaginationRule] = [:]
        /// The header that carries an idempotency key on every POST and PATCH.
        public var idempotencyKeyHeader: String?
        /// From how many component schemas, and how many operations, on
        /// they are translated on two cores (``TranslationContext/componentsForTwoCores``,
        /// ``TranslationContext/operationsForTwoCores``); tests set them to
        /// compare both ways.
        var componentsForTwoCores = TranslationContext.componentsForTwoCores
        var operationsForTwoCores = TranslationContext.operationsForTwoCores

        public init(
            clientName: String, names: NameOverrides = NameOverrides(),
            selection: OperationSelection = OperationSelection()
        ) {
            self.clientName = clientName
            self.names = names
            self.selection = selection
        }
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    public func translate(_ document: OpenAPIDocument) -> (model: APIModel, diagnostics: Diagnostics) {
        translate(document, keeping: nil)
    }

    /// `translate(_:)`, handing its working tables to `keep` when given
    /// (``Generator/Options/retainsIntermediates``).
    func translate(_ document: OpenAPIDocument, keeping keep: ((AnyObject) -> Void)?) -> (
        model: APIModel, diagnostics: Diagnostics
    ) {
        let context = TranslationContext(document: document, options: options)
        let model = context.run()
        keep?(context)
        return (model, context.diagnostics)
    }
}

final class TranslationContext {
    let document: OpenAPIDocument
    let options: Options
    typealias Options = Translator.Options
    var diagnostics = Diagnostics()

    let schemas: [SchemaKey: NamedSchema]
    /// `document.operations`, gathered once: the document makes a new array of
    /// them (copying every operation) each time it is asked.
    let specOperations: [Operation]
    var typeNames: [SchemaKey: String] = [:]
    var topLevel: [TypeDeclaration] = []
    var topLevelNames: Set<String> = []
    /// Every declaration so far by qualified name (`Outer.Inner`).
    var declarationIndex: [String: TypeDeclaration] = [:]
    /// The inline object schemas whose structs are being built, by where the
    /// spec writes them, with their qualified names. An inline object that
    /// merges (`allOf`) a schema holding that same object meets itself again
    /// among its own properties: it then refers to the struct being built,
    /// which makes it recursive, instead of nesting copies without end.
    var structsInProgress: [SourceLocation: String] = [:]
    /// Whether each named type a parameter uses has a spelling in the `form`
    /// and `simple` styles, once worked out (``hasStyleSpelling(_:)``).
    var styleSpellings: [String: Bool] = [:]
    let reserved: Set<String>
    /// The security schemes by their keys in the spec, with their case names.
    var securitySchemeCases: [String: String] = [:]
    /// Header parameters that carry a credential (lower-cased name → the
    /// case of their scheme): the configuration's, not arguments.
    var credentialHeaders: [String: String] = [:]
    /// The name overrides a lookup has used (``overridden(_:_:)``).
    var usedOverrides: Set<String> = []
    /// Component schemas to declare inside a multipart request type, by its name.
    var pendingNested: [String: [TypeDeclaration]] = [:]
    /// In a context forked to translate half of something on another core
    /// (``init(forking:)``): every top-level name it looked up, the ones it
    /// added, and the request types that had component schemas waiting when
    /// it was forked.
    var lookedUpTopLevelNames: Set<String>?
    var addedTopLevelNames: [String] = []
    var pendingNestedWhenForked: Set<String> = []
    /// The headers each operation's outcomes document (its method name and
    /// type prefix): declared once all operations are read, so that the
    /// operations documenting the same headers share one type.
    var pendingHeaders: [(operation: String, typePrefix: String, headers: [HeaderModel])] = []

    init(document: OpenAPIDocument, options: Options) {
        var selectionDiagnostics = Diagnostics()
        self.document = document.selecting(options.selection, diagnostics: &selectionDiagnostics)
        self.options = options
        schemas = self.document.schemaTable()
        specOperations = self.document.operations
        diagnostics = selectionDiagnostics
        reserved = Naming.reservedTypeNames.union([options.clientName, options.clientName + "Error"])
    }

    /// A context for translating half of the component schemas, or of the
    /// operations, on another thread (TwoCores.swift): the parent's inputs
    /// and everything it has worked out so far, nothing it has made yet
    /// (declarations, diagnostics), and a record of the top-level names it
    /// looks up.
    init(forking parent: TranslationContext) {
        document = parent.document
        options = parent.options
        schemas = parent.schemas
        specOperations = parent.specOperations
        reserved = parent.reserved
        typeNames = parent.typeNames
        topLevelNames = parent.topLevelNames
        declarationIndex = parent.declarationIndex
        styleSpellings = parent.styleSpellings
        securitySchemeCases = parent.securitySchemeCases
        credentialHeaders = parent.credentialHeaders
        pendingNested = parent.pendingNested
        pendingNestedWhenForked = Set(parent.pendingNested.keys)
        lookedUpTopLevelNames = []
    }

    /// Whether `name` is a top-level type's already; recorded in a forked
    /// context, whose names must not depend on one the other half made.
    func isTopLevelName(_ name: String) -> Bool {
        lookedUpTopLevelNames?.insert(name)
        return topLevelNames.contains(name)
    }

    /// Takes `name` for a top-level type; recorded in a forked context, for
    /// the context it is taken in by.
    func addTopLevelName(_ name: String) {
        if topLevelNames.insert(name).inserted && lookedUpTopLevelNames != nil { addedTopLevelNames.append(name) }
    }

    func run() -> APIModel {
        // Names first, so that any schema can refer to any other; names a
        // tool made are replaced by readable ones (``readableSchemaNames``).
        let operationNames = operationMethodNames()
        let placed = readableSchemaNames(operationNames: operationNames)
        let own = document.schemas.filter { placed[$0.key]?.reusesAnother != true }
        let raw = own.map { named in
            overridden(\.types, named.name) ?? handChosenTypeName(named) ?? placed[named.key]?.qualified
                ?? Naming.type(named.name, reserved: reserved)
        }
        let unique = Naming.uniqued(raw, taken: reserved)
        for (index, named) in own.enumerated() {
            typeNames[named.key] = unique[index]
            if unique[index] != raw[index] {
                diagnostics.warning(
                    "schema '\(named.name)' is named '\(unique[index])' because '\(raw[index])' is already taken",
                    at: named.schema.location)
            }
        }
        // A schema with the same values as the one named like it is that one.
        for named in document.schemas where placed[named.key]?.reusesAnother == true {
            let twin = placed[named.key]!.qualified
            typeNames[named.key] = own.first { $0.name == twin }.flatMap { typeNames[$0.key] } ?? twin
        }
        topLevelNames = Set(unique.filter { !$0.contains(".") }).union(reserved)
        let securitySchemes = translateSecuritySchemes()
        reportRequestsTheAPISends()
        declareComponents(own, placed: placed)
        var (operations, errorBodies) = translateOperations(names: operationNames)
        declareResponseHeaders(&operations)
        paginate(&operations)
        nameAddedCalls(&operations)
        markIndirectProperties()
        relaxResponseLinks(operations)
        let jobs = translateJobs(operations)
        reportUnusedOverrides()
        let defaultSecurity = assignDefaultSecurity(&operations)
        let (servers, serverVariableTypes) = translateServers()
        return APIModel(
            title: document.info.title, summary: document.info.summary ?? document.info.description,
            version: document.info.version,
            servers: servers, serverVariableTypes: serverVariableTypes,
            types: Self.sortedByName(topLevel),
            operations: operations, securitySchemes: securitySchemes,
            defaultSecurity: defaultSecurity, errorBodies: errorBodies, jobs: jobs,
            runtimeParts: Self.runtimeParts(operations: operations, jobs: jobs))
    }

    /// The parts of the runtime a module needs beyond its core: job polling
    /// for jobs; styled values for a parameter written from its structure,
    /// or a form body.
    static func runtimeParts(operations: [OperationModel], jobs: [JobModel]) -> Set<RuntimePart> {
        var parts = Set<RuntimePart>()
        if !jobs.isEmpty { parts.insert(.jobs) }
        let styled = operations.contains { operation in
            let hasFormBody = operation.requestBody?.variants.contains { variant in
                if case .formURLEncoded = variant.content { true } else { false }
            }
            if hasFormBody == true { return true }
            return operation.parameters.contains(where: \.isStyled)
        }
        if styled { parts.insert(.styledValues) }
        if operations.contains(where: { $0.responseHeaders != nil }) { parts.insert(.responseHeaders) }
        if operations.contains(where: { $0.eventStream != nil }) { parts.insert(.eventStreams) }
        // Files to and from disk: downloads, bodies of bytes, multipart file parts.
        let sendsFiles = operations.contains { operation in
            operation.downloadsToFile || operation.uploadsFromFile
                || (operation.requestBody?.variants ?? []).contains { variant in
                    guard case .multipart(let form) = variant.content else { return false }
                    return form.fields.contains { $0.encoding == .file || $0.encoding == .repeatedFile }
                }
        }
        if sendsFiles { parts.insert(.largeBodies) }
        if !parts.isDisjoint(with: [.eventStreams, .largeBodies]) { parts.insert(.streamingTransport) }
        if operations.contains(where: { $0.pagination != nil }) { parts.insert(.pagination) }
        if operations.contains(where: { $0.idempotencyKey != nil }) { parts.insert(.idempotencyKeys) }
        return parts
    }

    /// A type for each set of response headers, shared by the operations
    /// that document the same headers (Discord's rate-limit headers on every
    /// call are one `RateLimitHeaders`); each header's value is optional,
    /// since the statuses of a call need not all send it.
    func declareResponseHeaders(_ operations: inout [OperationModel]) {
        var groups: [(signature: [String], members: [Int])] = []
        for (index, pending) in pendingHeaders.enumerated() {
            let signature = pending.headers.map { $0.wireName.lowercased() + ":" + "\($0.type)" }.sorted()
            if let group = groups.firstIndex(where: { $0.signature == signature }) {
                groups[group].members.append(index)
            } else {
                groups.append((signature, [index]))
            }
        }
        for group in groups {
            let first = pendingHeaders[group.members[0]]
            let base =
                group.members.count == 1
                ? first.typePrefix + "ResponseHeaders" : Naming.sharedHeadersName(first.headers.map(\.wireName))
            let name = Naming.unique(Naming.type(base, reserved: reserved)) { topLevelNames.contains($0) }
            topLevelNames.insert(name)
            let names = Naming.uniqued(first.headers.map(\.name), taken: ["init"])
            var headers = first.headers
            for index in headers.indices { headers[index].name = names[index] }
            let users = group.members.map { pendingHeaders[$0].operation }
            let declaration = TypeDeclaration.headers(
                HeadersDeclaration(
                    name: name,
                    documentation: Documentation(
                        summary: "The headers the API documents on the answers of "
                            + users.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
                            + (users.count > 3 ? " and \(users.count - 3) more operations" : "") + "."),
                    headers: headers))
            declarationIndex[name] = declaration
            topLevel.append(declaration)
            for index in operations.indices where users.contains(operations[index].name) {
                operations[index].responseHeaders = name
            }
        }
    }

    /// Webhooks and callbacks are requests the API sends, which a client does
    /// not receive: each is said, where the spec writes it, and left out.
    func reportRequestsTheAPISends() {
        for webhook in document.webhooks {
            diagnostics.warning(
                "webhook '\(webhook.path)' is not generated: a client does not receive webhooks", at: webhook.location)
        }
        for operation in specOperations {
            for callback in operation.callbacks {
                diagnostics.warning(
                    "callback '\(callback.name)' of \(operation.method.uppercased) \(operation.path) is not "
                        + "generated: a client does not receive callbacks",
                    at: callback.location)
            }
        }
    }

    /// The declarations in the order of their names. The names are read
    /// once: a declaration's `name` looks through its whole enum case.
    private static func sortedByName(_ declarations: [TypeDeclaration]) -> [TypeDeclaration] {
        let names = declarations.map(\.name)
        return declarations.indices.sorted { names[$0] < names[$1] }.map { declarations[$0] }
    }
}
