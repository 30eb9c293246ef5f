import SpecParser

/// Compares two OpenAPI documents on their meaning, not their text: key
/// order, quoting, prose and the three spellings of "nullable" change nothing.
public struct SpecComparer: Sendable {
    public struct Options: Sendable {
        /// Report description and summary changes, as info.
        public var includeDocs: Bool

        public init(includeDocs: Bool = false) {
            self.includeDocs = includeDocs
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Every change from `old` to `new`, sorted by operation, pointer and rule.
    public func compare(old: OpenAPIDocument, new: OpenAPIDocument) -> [SpecChange] {
        let run = ComparisonRun(old: old, new: new, options: options)
        run.compareDocument()
        return run.result()
    }
}

/// The state of one comparison: the two documents, what was compared already
/// (shared schemas are walked once per direction) and the changes found.
final class ComparisonRun {
    let old: OpenAPIDocument
    let new: OpenAPIDocument
    let options: SpecComparer.Options
    let oldSchemas: [SchemaKey: NamedSchema]
    let newSchemas: [SchemaKey: NamedSchema]
    /// Components of OLD renamed in NEW (gone under one name, present under
    /// another with the same structure), by their key in OLD.
    let renamedComponents: [SchemaKey: NamedSchema]
    /// Changes by identity (rule, pointer, direction, message), in the order found.
    private var changes: [String: SpecChange] = [:]
    private var order: [String] = []
    /// The operations each change reaches, by identity: those it was found
    /// for, and at the end those that lead to the schema pair it was found in.
    private var reachedBy: [String: Set<String>] = [:]

    // The schema walk as a graph of the pairs compared (per direction, by visit
    // key): each pair's own changes, and the pairs under it. A pair is walked
    // once; every operation that leads to it gets, at the end, the changes of
    // every pair it leads on to. Recording edges rather than copying changes up
    // to every enclosing pair keeps a deep walk linear, and a cycle complete.

    /// The pairs walked so far, or being walked.
    private var walkedPairs = Set<String>()
    /// Each pair's own changes (not those of the pairs under it).
    private var pairChanges: [String: [String]] = [:]
    /// Each pair's pairs under it, walked then or before.
    private var pairEdges: [String: [String]] = [:]
    /// The pairs each operation's walks started at.
    private var rootPairs: [String: [String]] = [:]
    /// The visit keys of the pairs being walked, innermost last.
    private var walk: [String] = []
    /// The schema pairs being walked right now, by where the two documents
    /// write them, with their visit keys. An inline schema that merges
    /// (`allOf`) a schema holding it meets itself again among its own
    /// properties, at a longer pointer each time: only where it is written
    /// tells that the walk has come round.
    var pairsInProgress: [WrittenPair: String] = [:]

    struct WrittenPair: Hashable {
        var direction: SpecChange.Direction
        var old: SourceLocation
        var new: SourceLocation
    }

    init(old: OpenAPIDocument, new: OpenAPIDocument, options: SpecComparer.Options) {
        self.old = old
        self.new = new
        self.options = options
        oldSchemas = old.schemaTable()
        newSchemas = new.schemaTable()
        renamedComponents = Self.renames(old: old, new: new, oldTable: oldSchemas, newTable: newSchemas)
    }

    private static func renames(old: OpenAPIDocument, new: OpenAPIDocument, oldTable: [SchemaKey: NamedSchema],
                                newTable: [SchemaKey: NamedSchema]) -> [SchemaKey: NamedSchema] {
        let oldNames = Set(old.schemas.filter(\.isComponent).map(\.name))
        let newNames = Set(new.schemas.filter(\.isComponent).map(\.name))
        var added = new.schemas.filter { $0.isComponent && !oldNames.contains($0.name) }.map {
            (schema: $0, fingerprint: Fingerprint.of($0.schema, in: newTable, itself: $0.key))
        }
        var renamed: [SchemaKey: NamedSchema] = [:]
        for removed in old.schemas where removed.isComponent && !newNames.contains(removed.name) {
            let fingerprint = Fingerprint.of(removed.schema, in: oldTable, itself: removed.key)
            if let index = added.firstIndex(where: { $0.fingerprint == fingerprint }) {
                renamed[removed.key] = added.remove(at: index).schema
            }
        }
        return renamed
    }

    func result() -> [SpecChange] {
        for (operation, roots) in rootPairs {
            var seen = Set<String>()
            var pending = roots
            while let pair = pending.popLast() {
                guard seen.insert(pair).inserted else { continue }
                for identity in pairChanges[pair] ?? [] { reachedBy[identity, default: []].insert(operation) }
                pending.append(contentsOf: pairEdges[pair] ?? [])
            }
        }
        return order.compactMap { identity in
            guard var change = changes[identity] else { return nil }
            change.operations = (reachedBy[identity] ?? []).sorted()
            return change
        }.sorted { a, b in
            (a.operations.first ?? "", a.pointer, a.rule) < (b.operations.first ?? "", b.pointer, b.rule)
        }
    }

    func report(
        _ rule: DiffRule, _ severity: SpecChange.Severity, _ direction: SpecChange.Direction, operation: String?,
        pointer: String, old oldLocation: SourceLocation?, new newLocation: SourceLocation?, _ message: String
    ) {
        // The catalog says which severities each rule has; a test run checks it.
        assert(rule.severities.contains(severity), "\(rule.id) reported as \(severity), which its catalog entry does not list")
        let identity = "\(rule.id)|\(pointer)|\(direction.rawValue)|\(message)"
        if changes[identity] == nil {
            changes[identity] = SpecChange(
                rule: rule.id, severity: severity, direction: direction, operations: [],
                pointer: pointer, oldLocation: oldLocation, newLocation: newLocation, message: message)
            order.append(identity)
        }
        if let operation { reachedBy[identity, default: []].insert(operation) }
        if let pair = walk.last { pairChanges[pair, default: []].append(identity) }
    }

    /// Records that the walk (or, outside one, `operation`) leads to the pair
    /// `key`; true when that pair was walked before or is being walked, so
    /// that it is not walked again.
    func reach(_ key: String, operation: String) -> Bool {
        if let parent = walk.last {
            pairEdges[parent, default: []].append(key)
        } else {
            rootPairs[operation, default: []].append(key)
        }
        return !walkedPairs.insert(key).inserted
    }

    func beginVisit(_ key: String) {
        walk.append(key)
    }

    func endVisit() {
        walk.removeLast()
    }

    // MARK: - Document

    func compareDocument() {
        compareServers()
        compareWebhooks()
        compareSecurity(old.security ?? [], new.security ?? [], operation: nil, pointer: "/security",
                        oldLocation: old.location, newLocation: new.location)
        compareOperations()
        reportSchemaRenames()
    }

    /// A component that is gone under one name and present under another with
    /// the same structure was renamed: reported as such, not as a removal and
    /// an addition. Other components that come or go are reported too, since
    /// each is a type of the generated client.
    private func reportSchemaRenames() {
        let oldComponents = old.schemas.filter(\.isComponent)
        let newComponents = new.schemas.filter(\.isComponent)
        let oldNames = Set(oldComponents.map(\.name))
        let newNames = Set(newComponents.map(\.name))
        let renamedNames = Set(renamedComponents.values.map(\.name))
        for removed in oldComponents where !newNames.contains(removed.name) {
            if let renamed = renamedComponents[removed.key] {
                report(.schemaRenamed, .warning, .both, operation: nil,
                       pointer: "/components/schemas/" + JSONPointer.escape(renamed.name),
                       old: removed.schema.location, new: renamed.schema.location,
                       "schema \(removed.name) was renamed to \(renamed.name) (same structure); the generated type is renamed")
            } else {
                report(.schemaRemoved, .warning, .both, operation: nil,
                       pointer: "/components/schemas/" + JSONPointer.escape(removed.name),
                       old: removed.schema.location, new: nil, "schema \(removed.name) was removed")
            }
        }
        for schema in newComponents where !oldNames.contains(schema.name) && !renamedNames.contains(schema.name) {
            report(.schemaAdded, .info, .both, operation: nil,
                   pointer: "/components/schemas/" + JSONPointer.escape(schema.name),
                   old: nil, new: schema.schema.location, "schema \(schema.name) was added")
        }
    }

    /// Webhooks are not generated, but they are part of the API: a consumer
    /// that receives them wants to know when one comes or goes, or changes
    /// what it sends.
    private func compareWebhooks() {
        let newNames = new.webhooks.map(\.path)
        for webhook in old.webhooks where !newNames.contains(webhook.path) {
            report(.webhookRemoved, .warning, .both, operation: nil, pointer: "/webhooks/" + JSONPointer.escape(webhook.path),
                   old: webhook.location, new: nil, "webhook '\(webhook.path)' was removed")
        }
        for webhook in new.webhooks {
            let pointer = "/webhooks/" + JSONPointer.escape(webhook.path)
            guard let previous = old.webhooks.first(where: { $0.path == webhook.path }) else {
                report(.webhookAdded, .info, .both, operation: nil, pointer: pointer,
                       old: nil, new: webhook.location, "webhook '\(webhook.path)' was added")
                continue
            }
            let oldMethods = previous.operations.map(\.method.uppercased)
            let newMethods = webhook.operations.map(\.method.uppercased)
            if oldMethods != newMethods {
                report(.webhookChanged, .warning, .both, operation: nil, pointer: pointer, old: previous.location, new: webhook.location,
                       "webhook '\(webhook.path)' now uses \(newMethods.joined(separator: ", ")) instead of \(oldMethods.joined(separator: ", "))")
            }
            for (before, after) in zip(previous.operations, webhook.operations) where before.method == after.method {
                for (oldMedia, newMedia) in zip(before.requestBody?.content ?? [], after.requestBody?.content ?? []) {
                    guard let oldSchema = oldMedia.schema, let newSchema = newMedia.schema else { continue }
                    // What the API sends is what a receiver decodes: the response side.
                    compareSchema(oldSchema, newSchema, direction: .response, operation: "webhook \(webhook.path)",
                                  pointer: pointer + "/" + before.method.rawValue + "/requestBody/content/" + JSONPointer.escape(newMedia.contentType) + "/schema",
                                  subject: "the body of webhook '\(webhook.path)'")
                }
            }
        }
    }

    private func compareServers() {
        let oldURLs = old.servers.map(\.url)
        let newURLs = new.servers.map(\.url)
        guard oldURLs != newURLs else { return }
        for url in oldURLs where !newURLs.contains(url) {
            report(.serverRemoved, .warning, .both, operation: nil, pointer: "/servers",
                   old: old.servers.first { $0.url == url }?.location, new: new.servers.first?.location,
                   "server \(url) was removed")
        }
        for url in newURLs where !oldURLs.contains(url) {
            report(.serverAdded, .info, .both, operation: nil, pointer: "/servers",
                   old: old.servers.first?.location, new: new.servers.first { $0.url == url }?.location,
                   "server \(url) was added")
        }
        if oldURLs.first != newURLs.first, let first = newURLs.first, oldURLs.contains(first) {
            report(.defaultServerChanged, .warning, .both, operation: nil, pointer: "/servers/0",
                   old: old.servers.first?.location, new: new.servers.first?.location,
                   "the default server is now \(first)")
        }
    }

    func compareSecurity(
        _ oldRequirements: [SecurityRequirement], _ newRequirements: [SecurityRequirement], operation: String?,
        pointer: String, oldLocation: SourceLocation?, newLocation: SourceLocation?
    ) {
        let describe: (SecurityRequirement) -> String = { requirement in
            requirement.schemes.map { $0.name + ($0.scopes.isEmpty ? "" : "(\($0.scopes.sorted().joined(separator: ",")))") }
                .sorted().joined(separator: " + ")
        }
        let oldSet = Set(oldRequirements.map(describe))
        let newSet = Set(newRequirements.map(describe))
        for requirement in newSet.subtracting(oldSet).sorted() {
            report(.securityRequirementAdded, oldSet.isEmpty ? .breaking : .info, .request, operation: operation,
                   pointer: pointer, old: oldLocation, new: newLocation,
                   "security requirement \(requirement.isEmpty ? "(none)" : requirement) was added")
        }
        for requirement in oldSet.subtracting(newSet).sorted() {
            report(.securityRequirementRemoved, newSet.isEmpty ? .info : .breaking, .request, operation: operation,
                   pointer: pointer, old: oldLocation, new: newLocation,
                   "security requirement \(requirement.isEmpty ? "(none)" : requirement) was removed")
        }
    }

    // MARK: - Operations

    static func display(_ operation: Operation) -> String {
        "\(operation.method.uppercased) \(operation.path)"
    }

    static func pointer(_ operation: Operation) -> String {
        "/paths/\(JSONPointer.escape(operation.path))/\(operation.method.rawValue)"
    }

    private func compareOperations() {
        // `/datasets/{dataset_id}` and `/datasets/{id}` are the same path, its
        // parameter renamed; the same text goes first, for a spec that has both.
        let pairs = pairOneToOne(old.operations, new.operations, by: [
            PairingRule { "\($0.method.rawValue) \($0.path)" },
            PairingRule { "\($0.method.rawValue) \(PathItem.hierarchy(of: $0.path))" },
        ])
        let paired = Set(pairs.values)
        let oldHierarchies = old.paths.map { PathItem.hierarchy(of: $0.path) }
        let newHierarchies = new.paths.map { PathItem.hierarchy(of: $0.path) }
        let oldPaths = Set(oldHierarchies)
        let newPaths = Set(newHierarchies)
        for (item, hierarchy) in zip(old.paths, oldHierarchies) where !newPaths.contains(hierarchy) {
            report(.pathRemoved, .breaking, .both, operation: nil, pointer: "/paths/\(JSONPointer.escape(item.path))",
                   old: item.location, new: nil, "path \(item.path) was removed")
        }
        for (item, hierarchy) in zip(new.paths, newHierarchies) where !oldPaths.contains(hierarchy) {
            report(.pathAdded, .info, .both, operation: nil, pointer: "/paths/\(JSONPointer.escape(item.path))",
                   old: nil, new: item.location, "path \(item.path) was added")
        }
        for (index, operation) in old.operations.enumerated() where !paired.contains(index) {
            report(.operationRemoved, .breaking, .both, operation: Self.display(operation), pointer: Self.pointer(operation),
                   old: operation.location, new: nil, "operation \(Self.display(operation)) was removed")
        }
        for (index, operation) in new.operations.enumerated() {
            guard let previous = pairs[index].map({ old.operations[$0] }) else {
                report(.operationAdded, .info, .both, operation: Self.display(operation), pointer: Self.pointer(operation),
                       old: nil, new: operation.location, "operation \(Self.display(operation)) was added")
                continue
            }
            compare(previous, operation)
        }
    }

    private func compare(_ oldOperation: Operation, _ newOperation: Operation) {
        let name = Self.display(newOperation)
        let pointer = Self.pointer(newOperation)
        if oldOperation.operationId != newOperation.operationId {
            report(.operationIDChanged, .breaking, .both, operation: name, pointer: pointer + "/operationId",
                   old: oldOperation.location, new: newOperation.location,
                   "operationId changed from '\(oldOperation.operationId ?? "")' to '\(newOperation.operationId ?? "")', which renames the client method")
        }
        if !oldOperation.deprecated && newOperation.deprecated {
            report(.operationDeprecated, .warning, .both, operation: name, pointer: pointer + "/deprecated",
                   old: oldOperation.location, new: newOperation.location, "the operation is now deprecated")
        }
        if options.includeDocs {
            compareText(oldOperation.summary, newOperation.summary, operation: name, pointer: pointer + "/summary",
                        old: oldOperation.location, new: newOperation.location)
            compareText(oldOperation.description, newOperation.description, operation: name,
                        pointer: pointer + "/description", old: oldOperation.location, new: newOperation.location)
        }
        if oldOperation.security != nil || newOperation.security != nil {
            compareSecurity(oldOperation.security ?? old.security ?? [], newOperation.security ?? new.security ?? [],
                            operation: name, pointer: pointer + "/security",
                            oldLocation: oldOperation.location, newLocation: newOperation.location)
        }
        compareParameters(oldOperation, newOperation, operation: name, pointer: pointer + "/parameters")
        compareRequestBodies(oldOperation.requestBody, newOperation.requestBody, operation: name,
                             pointer: pointer + "/requestBody", oldParent: oldOperation.location, newParent: newOperation.location)
        compareResponses(oldOperation, newOperation, operation: name, pointer: pointer + "/responses")
    }

    func compareText(_ oldText: String?, _ newText: String?, operation: String?, pointer: String,
                     old oldLocation: SourceLocation?, new newLocation: SourceLocation?) {
        guard oldText != newText else { return }
        report(.descriptionChanged, .info, .both, operation: operation, pointer: pointer,
               old: oldLocation, new: newLocation, "the text changed")
    }

    // MARK: - Parameters

    private func compareParameters(_ oldOperation: Operation, _ newOperation: Operation, operation: String, pointer: String) {
        let pairs = pairOneToOne(oldOperation.parameters, newOperation.parameters, by: Self.parameterPairing)
        let paired = Set(pairs.values)
        for (index, parameter) in oldOperation.parameters.enumerated() where !paired.contains(index) {
            report(.parameterRemoved, .breaking, .request, operation: operation,
                   pointer: pointer + "/\(parameter.location.rawValue)/\(JSONPointer.escape(parameter.name))",
                   old: parameter.sourceLocation, new: newOperation.location,
                   "\(parameter.location.rawValue) parameter '\(parameter.name)' was removed")
        }
        for (index, parameter) in newOperation.parameters.enumerated() {
            let here = pointer + "/\(parameter.location.rawValue)/\(JSONPointer.escape(parameter.name))"
            guard let previous = pairs[index].map({ oldOperation.parameters[$0] }) else {
                report(.parameterAdded, parameter.required ? .breaking : .info, .request, operation: operation,
                       pointer: here, old: oldOperation.location, new: parameter.sourceLocation,
                       "\(parameter.required ? "required" : "optional") \(parameter.location.rawValue) parameter '\(parameter.name)' was added")
                continue
            }
            if previous.location != parameter.location {
                report(.parameterLocationChanged, .breaking, .request, operation: operation, pointer: here,
                       old: previous.sourceLocation, new: parameter.sourceLocation,
                       "parameter '\(parameter.name)' moved from \(previous.location.rawValue) to \(parameter.location.rawValue)")
            }
            if !previous.required && parameter.required {
                report(.parameterBecameRequired, .breaking, .request, operation: operation, pointer: here,
                       old: previous.sourceLocation, new: parameter.sourceLocation,
                       "parameter '\(parameter.name)' became required")
            } else if previous.required && !parameter.required {
                report(.parameterBecameOptional, .info, .request, operation: operation, pointer: here,
                       old: previous.sourceLocation, new: parameter.sourceLocation,
                       "parameter '\(parameter.name)' became optional")
            }
            if options.includeDocs {
                compareText(previous.description, parameter.description, operation: operation, pointer: here + "/description",
                            old: previous.sourceLocation, new: parameter.sourceLocation)
            }
            let oldSchema = previous.schema ?? previous.content.first?.schema
            let newSchema = parameter.schema ?? parameter.content.first?.schema
            if let oldSchema, let newSchema {
                compareSchema(oldSchema, newSchema, direction: .request, operation: operation, pointer: here + "/schema",
                              subject: "parameter '\(parameter.name)'")
            }
        }
    }

    /// How a parameter of OLD is known in NEW: the same name in the same place
    /// first, then a header or path parameter whose name differs only in case
    /// (header names are case-insensitive, and a path parameter's name is not
    /// sent at all), then the same name, in any case, in another place: a
    /// move. Query and cookie names are case-sensitive: one renamed in case is
    /// removed and added.
    static var parameterPairing: [PairingRule<Parameter>] {
        [
            PairingRule { "\($0.location.rawValue) \($0.name)" },
            PairingRule { $0.location == .header || $0.location == .path ? "\($0.location.rawValue) \($0.name.lowercased())" : nil },
            PairingRule(key: { $0.name.lowercased() }, accepts: { $0.location != $1.location }),
        ]
    }

    // MARK: - Bodies

    private func compareRequestBodies(_ oldBody: RequestBody?, _ newBody: RequestBody?, operation: String, pointer: String,
                                      oldParent: SourceLocation, newParent: SourceLocation) {
        switch (oldBody, newBody) {
        case (nil, nil):
            return
        case (let previous?, nil):
            report(.requestBodyRemoved, .breaking, .request, operation: operation, pointer: pointer,
                   old: previous.location, new: newParent, "the request body was removed")
        case (nil, let body?):
            report(.requestBodyAdded, body.required ? .breaking : .info, .request, operation: operation, pointer: pointer,
                   old: oldParent, new: body.location, "a\(body.required ? " required" : "n optional") request body was added")
        case (let previous?, let body?):
            if !previous.required && body.required {
                report(.requestBodyBecameRequired, .breaking, .request, operation: operation, pointer: pointer + "/required",
                       old: previous.location, new: body.location, "the request body became required")
            }
            if options.includeDocs {
                compareText(previous.description, body.description, operation: operation, pointer: pointer + "/description",
                            old: previous.location, new: body.location)
            }
            compareContent(previous.content, body.content, direction: .request, operation: operation,
                           pointer: pointer + "/content", oldParent: previous.location, newParent: body.location,
                           subject: "the request body")
        }
    }

    private func compareContent(_ oldContent: [MediaType], _ newContent: [MediaType], direction: SpecChange.Direction,
                                operation: String, pointer: String, oldParent: SourceLocation, newParent: SourceLocation,
                                subject: String) {
        // The same media type first, then the same without its parameters
        // (`application/json; charset=utf-8` is `application/json`).
        let pairs = pairOneToOne(oldContent, newContent, by: [
            PairingRule { $0.contentType },
            PairingRule { MediaType.essence(of: $0.contentType) },
        ])
        let paired = Set(pairs.values)
        for (index, media) in oldContent.enumerated() where !paired.contains(index) {
            report(direction == .response ? .responseMediaTypeRemoved : .requestMediaTypeRemoved, .breaking, direction,
                   operation: operation, pointer: pointer + "/" + JSONPointer.escape(media.contentType),
                   old: media.location, new: newParent, "\(subject) no longer accepts \(media.contentType)")
        }
        for (index, media) in newContent.enumerated() {
            let here = pointer + "/" + JSONPointer.escape(media.contentType)
            guard let previous = pairs[index].map({ oldContent[$0] }) else {
                report(direction == .response ? .responseMediaTypeAdded : .requestMediaTypeAdded, direction == .response ? .warning : .info, direction,
                       operation: operation, pointer: here, old: oldParent, new: media.location,
                       "\(subject) now also comes as \(media.contentType)")
                continue
            }
            if let oldSchema = previous.schema, let newSchema = media.schema {
                compareSchema(oldSchema, newSchema, direction: direction, operation: operation, pointer: here + "/schema",
                              subject: subject)
            }
        }
    }

    // MARK: - Responses

    private func compareResponses(_ oldOperation: Operation, _ newOperation: Operation, operation: String, pointer: String) {
        // The same status first, then in any case (`2xx` is `2XX`).
        let pairs = pairOneToOne(oldOperation.responses, newOperation.responses, by: [
            PairingRule { $0.status },
            PairingRule { $0.status.uppercased() },
        ])
        let paired = Set(pairs.values)
        for (index, response) in oldOperation.responses.enumerated() where !paired.contains(index) {
            let success = response.isSuccess
            report(success ? .successResponseRemoved : .responseStatusRemoved, success ? .breaking : .warning,
                   .response, operation: operation, pointer: pointer + "/" + response.status,
                   old: response.location, new: newOperation.location,
                   "the \(response.status) response was removed")
        }
        for (index, response) in newOperation.responses.enumerated() {
            let here = pointer + "/" + response.status
            guard let previous = pairs[index].map({ oldOperation.responses[$0] }) else {
                report(.responseStatusAdded, response.isSuccess ? .warning : .info, .response, operation: operation,
                       pointer: here, old: oldOperation.location, new: response.location,
                       "a \(response.status) response was added")
                continue
            }
            if options.includeDocs {
                compareText(previous.description, response.description, operation: operation, pointer: here + "/description",
                            old: previous.location, new: response.location)
            }
            compareContent(previous.content, response.content, direction: .response, operation: operation,
                           pointer: here + "/content", oldParent: previous.location, newParent: response.location,
                           subject: "the \(response.status) response")
        }
    }
}
