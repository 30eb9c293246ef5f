/// Turns the node tree of an OpenAPI file into an ``OpenAPIDocument``.
///
/// The decoder never stops at the first problem: a malformed part is reported
/// with its location and skipped, and the rest is still read, so one run
/// shows every diagnostic. Unknown keys are ignored, `x-` keys kept.
final class DocumentDecoder {
    let loader: SpecLoader
    let resolver: ReferenceResolver
    private var ownDiagnostics = Diagnostics()
    private var rootFile = ""

    /// Named schemas by key, and the order they were found in.
    private var schemas: [SchemaKey: NamedSchema] = [:]
    private var schemaOrder: [SchemaKey] = []
    /// `$ref` targets found but not decoded yet; decoded in a loop, not by
    /// recursion, so that long chains of references cannot overflow the stack.
    private var pendingSchemas: [(key: SchemaKey, node: Node)] = []
    /// While a named schema is decoded, the references found in it.
    private var referencesFound: [SchemaKey]?

    init(loader: SpecLoader) {
        self.loader = loader
        self.resolver = ReferenceResolver(loader: loader)
    }

    var diagnostics: Diagnostics {
        var all = resolver.diagnostics
        all.append(contentsOf: ownDiagnostics)
        return all
    }

    private func error(_ message: String, at location: SourceLocation) {
        ownDiagnostics.error(message, at: location)
    }

    private func warning(_ message: String, at location: SourceLocation) {
        ownDiagnostics.warning(message, at: location)
    }

    /// OpenAPI forbids two paths that differ only in their parameters' names
    /// (`/pets/{id}` and `/pets/{petId}`): a server cannot tell them apart.
    /// Each still gets its methods, so this is a warning.
    private func reportPathsOfTheSameHierarchy(_ paths: [PathItem]) {
        var first: [String: PathItem] = [:]
        for item in paths {
            let hierarchy = PathItem.hierarchy(of: item.path)
            guard let earlier = first[hierarchy] else {
                first[hierarchy] = item
                continue
            }
            warning(
                "path '\(item.path)' is '\(earlier.path)' with its parameters renamed; OpenAPI counts them as one path",
                at: item.location)
        }
    }

    // MARK: - Document

    func decodeRoot(path: String) -> OpenAPIDocument? {
        rootFile = path
        guard let root = resolver.root(of: path, requestedAt: nil) else { return nil }
        guard root.isMapping else {
            error("an OpenAPI document must be a mapping, but this is \(root.kindName)", at: root.location)
            return nil
        }
        let start = root.location
        var version = ""
        if let node = root["openapi"] {
            version = string(node, "openapi") ?? ""
            if !(version.hasPrefix("3.0") || version.hasPrefix("3.1") || version.hasPrefix("3.2")) {
                error("OpenAPI version '\(version)' is not supported; use 3.0.x or 3.1.x", at: node.location)
                return nil
            }
        } else if let swagger = root["swagger"] {
            error(
                "Swagger \(swagger.text ?? "2.0") documents are not supported; convert the document to "
                    + "OpenAPI 3",
                at: swagger.location)
            return nil
        } else {
            error("the document has no 'openapi' version field; is this an OpenAPI document?", at: start)
            return nil
        }

        // Component schemas first, so that their keys are known before any $ref.
        if let schemaNodes = root["components"]?["schemas"] {
            for (name, node) in entries(schemaNodes, "components.schemas") {
                let key = SchemaKey(file: path, pointer: "/components/schemas/" + JSONPointer.escape(name))
                register(key, name: name, isComponent: true, node: node)
            }
        }

        let info = decodeInfo(root["info"], documentLocation: start)
        let servers = root["servers"].map { sequence($0, "servers").compactMap(decodeServer) } ?? []
        var paths: [PathItem] = []
        if let pathsNode = root["paths"] {
            for (path, node) in entries(pathsNode, "paths") {
                if let item = decodePathItem(path: path, node: node, depth: 0) { paths.append(item) }
            }
        } else if root["webhooks"] == nil && root["components"] == nil {
            error("the document has no 'paths'", at: start)
        }
        reportPathsOfTheSameHierarchy(paths)
        var webhooks: [PathItem] = []
        if let webhooksNode = root["webhooks"] {
            for (name, node) in entries(webhooksNode, "webhooks") {
                if let item = decodePathItem(path: name, node: node, depth: 0, isWebhook: true) {
                    webhooks.append(item)
                }
            }
        }
        let schemes =
            root["components"]?["securitySchemes"].map { node in
                entries(node, "securitySchemes").compactMap { decodeSecurityScheme(key: $0.0, node: $0.1) }
            } ?? []
        let security = root["security"].map(decodeSecurity)

        drainPendingSchemas()
        reportReferenceCycles()
        var document = OpenAPIDocument(
            version: version, info: info, servers: servers, paths: paths,
            schemas: schemaOrder.compactMap { schemas[$0] }, securitySchemes: schemes,
            security: security, location: start)
        document.webhooks = webhooks
        return document
    }

    private func decodeInfo(_ node: Node?, documentLocation: SourceLocation) -> Info {
        guard let node else {
            error("the document has no 'info'", at: documentLocation)
            return Info(title: "API", version: "")
        }
        let title = node["title"].flatMap { string($0, "info.title") }
        if title == nil { error("'info' has no 'title'", at: node.location) }
        return Info(
            title: title ?? "API",
            version: node["version"].flatMap { string($0, "info.version") } ?? "",
            summary: text(node["summary"]), description: text(node["description"]))
    }

    private func decodeServer(_ node: Node) -> Server? {
        guard node.isMapping else {
            error("a server must be a mapping, but this is \(node.kindName)", at: node.location)
            return nil
        }
        guard let url = node["url"].flatMap({ string($0, "url") }) else {
            error("a server needs a 'url'", at: node.location)
            return nil
        }
        var variables: [ServerVariable] = []
        if let vars = node["variables"] {
            for (name, variable) in entries(vars, "variables") {
                guard let value = variable["default"].flatMap({ string($0, "default") }) else {
                    error("server variable '\(name)' needs a 'default'", at: variable.location)
                    continue
                }
                let allowed = variable["enum"].map { sequence($0, "enum").compactMap { string($0, "enum") } } ?? []
                if !allowed.isEmpty, !allowed.contains(value) {
                    warning(
                        "the default '\(value)' of server variable '\(name)' is not one of its enum values",
                        at: variable["default"]?.location ?? variable.location)
                }
                variables.append(
                    ServerVariable(
                        name: name, defaultValue: value, allowedValues: allowed,
                        description: text(variable["description"]), location: variable.location))
            }
        }
        return Server(url: url, description: text(node["description"]), variables: variables, location: node.location)
    }

    // MARK: - Paths and operations

    private func decodePathItem(path: String, node: Node, depth: Int, isWebhook: Bool = false) -> PathItem? {
        if !path.hasPrefix("/") && !isWebhook {
            warning("path '\(path)' does not start with '/'", at: node.location)
        }
        guard let node = follow(node, "path item") else { return nil }
        guard node.isMapping else {
            error("path '\(path)' must be a mapping, but it is \(node.kindName)", at: node.location)
            return nil
        }
        let shared = node["parameters"].map { decodeParameters($0) } ?? []
        var operations: [Operation] = []
        for pair in node.pairs {
            guard let key = pair.key.text else { continue }
            if let method = HTTPMethod(rawValue: key) {
                if let operation = decodeOperation(method: method, path: path, node: pair.value, shared: shared) {
                    operations.append(operation)
                }
            } else if HTTPMethod(rawValue: key.lowercased()) != nil {
                warning("'\(key)' is not a method key; OpenAPI method keys are lower case", at: pair.key.location)
            }
        }
        return PathItem(
            path: path, summary: text(node["summary"]), description: text(node["description"]),
            operations: operations, location: node.location)
    }

    private func decodeOperation(method: HTTPMethod, path: String, node: Node, shared: [Parameter]) -> Operation? {
        var node = node
        // OpenAPI has no `$ref` for an operation, but some specs write one
        // (DigitalOcean's, for each of its operations): it is followed.
        if node["$ref"] != nil {
            warning(
                "operation \(method.uppercased) \(path) is a $ref, which OpenAPI does not allow here; it is read "
                    + "as the operation it refers to",
                at: node.location)
            guard let target = follow(node, "operation") else { return nil }
            node = target
        }
        guard node.isMapping else {
            error(
                "operation \(method.uppercased) \(path) must be a mapping, but it is \(node.kindName)",
                at: node.location)
            return nil
        }
        var parameters = shared
        for parameter in node["parameters"].map({ decodeParameters($0) }) ?? [] {
            if let index = parameters.firstIndex(where: {
                $0.name == parameter.name && $0.location == parameter.location
            }) {
                parameters[index] = parameter
            } else {
                parameters.append(parameter)
            }
        }
        // A template without its parameters cannot be called: the operation
        // is left out, and the rest of the spec generated.
        guard checkPathTemplate(path, parameters: parameters, at: node.location, method: method) else { return nil }
        var responses: [Response] = []
        if let responsesNode = node["responses"] {
            for (status, response) in entries(responsesNode, "responses") {
                if let decoded = decodeResponse(status: status, node: response) { responses.append(decoded) }
            }
        }
        var extensions: [String: YAMLNode] = [:]
        for pair in node.pairs {
            if let key = pair.key.text, key.hasPrefix("x-") { extensions[key] = pair.value.yamlNode }
        }
        let callbacks =
            node["callbacks"].map { entries($0, "callbacks").map { (name: $0.0, location: $0.1.location) } } ?? []
        var operation = Operation(
            method: method, path: path,
            operationId: node["operationId"].flatMap { string($0, "operationId") },
            summary: text(node["summary"]), description: text(node["description"]),
            tags: node["tags"].map { sequence($0, "tags").compactMap { string($0, "tag") } } ?? [],
            parameters: parameters,
            requestBody: node["requestBody"].flatMap(decodeRequestBody),
            responses: responses,
            deprecated: node["deprecated"].flatMap { bool($0, "deprecated") } ?? false,
            security: node["security"].map(decodeSecurity),
            extensions: extensions,
            location: node.location)
        operation.callbacks = callbacks
        operation.swiftName = node["x-swift-name"].flatMap { swiftName($0) }
        return operation
    }

    /// Every `{name}` of the path template needs a path parameter, and back.
    /// False, with a warning, when the operation cannot be called as written.
    private func checkPathTemplate(
        _ path: String, parameters: [Parameter], at location: SourceLocation, method: HTTPMethod
    ) -> Bool {
        let leftOut = "\(method.uppercased) \(path) is left out"
        var names: [String] = []
        var rest = path[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                ownDiagnostics.omission("path '\(path)' has an unclosed '{'; \(leftOut)", at: location)
                return false
            }
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        var callable = true
        for name in names where !parameters.contains(where: { $0.location == .path && $0.name == name }) {
            let elsewhere = parameters.first { $0.name == name }.map { " (it is declared in \($0.location.rawValue))" }
            ownDiagnostics.omission(
                "path '\(path)' uses '{\(name)}' but no path parameter of that name is declared\(elsewhere ?? ""); "
                    + leftOut,
                at: location)
            callable = false
        }
        for parameter in parameters where parameter.location == .path && !names.contains(parameter.name) {
            warning("path parameter '\(parameter.name)' does not appear in '\(path)'", at: parameter.sourceLocation)
        }
        return callable
    }

    private func decodeParameters(_ node: Node) -> [Parameter] {
        sequence(node, "parameters").compactMap { item in
            guard let item = follow(item, "parameter") else { return nil }
            return decodeParameter(item)
        }
    }

    private func decodeParameter(_ node: Node) -> Parameter? {
        guard node.isMapping else {
            error("a parameter must be a mapping, but this is \(node.kindName)", at: node.location)
            return nil
        }
        guard let name = node["name"].flatMap({ string($0, "name") }) else {
            error("a parameter needs a 'name'", at: node.location)
            return nil
        }
        guard let inNode = node["in"], let inText = string(inNode, "in") else {
            error("parameter '\(name)' needs 'in' (path, query, header or cookie)", at: node.location)
            return nil
        }
        guard let location = Parameter.Location(rawValue: inText) else {
            error(
                "parameter '\(name)' has 'in: \(inText)'; it must be path, query, header or cookie", at: inNode.location
            )
            return nil
        }
        var required = node["required"].flatMap { bool($0, "required") } ?? false
        if location == .path && !required {
            warning("path parameter '\(name)' must be required; it is treated as required", at: node.location)
            required = true
        }
        let schema = node["schema"].map(decodeSchema)
        let content = node["content"].map(decodeContent) ?? []
        if schema == nil && content.isEmpty {
            warning("parameter '\(name)' has neither 'schema' nor 'content'; it is read as a string", at: node.location)
        }
        var parameter = Parameter(
            name: name, location: location, description: text(node["description"]), required: required,
            deprecated: node["deprecated"].flatMap { bool($0, "deprecated") } ?? false,
            schema: schema, style: node["style"].flatMap { string($0, "style") },
            explode: node["explode"].flatMap { bool($0, "explode") },
            allowReserved: node["allowReserved"].flatMap { bool($0, "allowReserved") } ?? false, content: content,
            sourceLocation: node.location)
        parameter.swiftName = node["x-swift-name"].flatMap { swiftName($0) }
        for pair in node.pairs {
            if let key = pair.key.text, key.hasPrefix("x-") { parameter.extensions[key] = pair.value.yamlNode }
        }
        return parameter
    }

    private func decodeRequestBody(_ node: Node) -> RequestBody? {
        guard let node = follow(node, "request body") else { return nil }
        guard node.isMapping else {
            error("a request body must be a mapping, but this is \(node.kindName)", at: node.location)
            return nil
        }
        let content = node["content"].map(decodeContent) ?? []
        if content.isEmpty { warning("the request body has no content", at: node.location) }
        return RequestBody(
            description: text(node["description"]),
            required: node["required"].flatMap { bool($0, "required") } ?? false,
            content: content, location: node.location)
    }

    private func decodeContent(_ node: Node) -> [MediaType] {
        // OpenAPI has no `$ref` for a content map, but some specs write one
        // (Lob's, for most of its operations): it is read as the media types
        // it points to, with a warning, rather than as a media type "$ref".
        var node = node
        if node["$ref"] != nil {
            warning(
                "'content' is a $ref, which OpenAPI does not allow here; it is read as the media types it refers to",
                at: node.location)
            guard let target = follow(node, "content") else { return [] }
            node = target
        }
        return entries(node, "content").map { contentType, media in
            var encoding: [(name: String, encoding: Encoding)] = []
            if let encodingNode = media["encoding"] {
                for (name, item) in entries(encodingNode, "encoding") {
                    encoding.append(
                        (
                            name,
                            Encoding(
                                contentType: item["contentType"].flatMap { string($0, "contentType") },
                                headers: item["headers"].map(decodeHeaders) ?? [],
                                style: item["style"].flatMap { string($0, "style") },
                                explode: item["explode"].flatMap { bool($0, "explode") },
                                location: item.location)
                        ))
                }
            }
            return MediaType(
                contentType: contentType, schema: media["schema"].map(decodeSchema),
                encoding: encoding, location: media.location)
        }
    }

    private func decodeResponse(status: String, node: Node) -> Response? {
        let valid =
            status == "default" || (status.count == 3 && (Int(status).map { (100...599).contains($0) } ?? false))
            || (status.count == 3 && status.uppercased().hasSuffix("XX") && "12345".contains(status.first!))
        if !valid && !status.hasPrefix("x-") {
            warning(
                "'\(status)' is not a status code, a range like 2XX, or 'default'; the response is ignored",
                at: node.location)
            return nil
        }
        if status.hasPrefix("x-") { return nil }
        guard let node = follow(node, "response") else { return nil }
        return Response(
            status: status, description: text(node["description"]),
            headers: node["headers"].map(decodeHeaders) ?? [],
            content: node["content"].map(decodeContent) ?? [],
            links: node["links"].map(decodeLinks) ?? [], location: node.location)
    }

    private func decodeLinks(_ node: Node) -> [Link] {
        entries(node, "links").compactMap { name, link in
            guard let link = follow(link, "link") else { return nil }
            let operationId = link["operationId"].flatMap { string($0, "operationId") }
            let operationRef = link["operationRef"].flatMap { string($0, "operationRef") }
            if operationId == nil && operationRef == nil {
                warning(
                    "link '\(name)' names no operation (neither 'operationId' nor 'operationRef'); it is ignored",
                    at: link.location)
                return nil
            }
            if operationId != nil && operationRef != nil {
                warning(
                    "link '\(name)' has both 'operationId' and 'operationRef', which OpenAPI forbids; 'operationId' "
                        + "is used",
                    at: link.location)
            }
            let parameters: [(name: String, expression: String)] =
                link["parameters"].map { parameters in
                    entries(parameters, "parameters").compactMap { key, value in
                        guard let text = value.text else {
                            warning(
                                "link parameter '\(key)' is \(value.kindName); only runtime expressions and "
                                    + "constants are read, so it is ignored",
                                at: value.location)
                            return nil
                        }
                        return (key, text)
                    }
                } ?? []
            return Link(
                name: name, operationId: operationId, operationRef: operationId == nil ? operationRef : nil,
                parameters: parameters, description: text(link["description"]),
                pollingURL: link["x-polling-url"].flatMap { string($0, "x-polling-url") }, location: link.location)
        }
    }

    /// `x-swift-name` (or an item of `x-enum-varnames`): a Swift identifier
    /// (ASCII letters, digits and `_`, not starting with a digit); anything
    /// else is ignored with a warning, so no text of the spec reaches the
    /// code unchecked.
    private func swiftName(_ node: Node) -> String? {
        guard let text = node.text, let first = text.utf8.first,
            first == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20),
            text.utf8.allSatisfy({
                $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            })
        else {
            warning(
                "'\(node.text ?? node.kindName)' is not a Swift identifier (ASCII letters, digits and _); "
                    + "the name is ignored",
                at: node.location)
            return nil
        }
        return text
    }

    /// `x-job-status: {field, succeeded: [...], failed: [...]}`.
    private func decodeJobStatus(_ node: Node) -> JobStatusRule? {
        guard node.isMapping else {
            warning(
                "'x-job-status' must be a mapping with 'field', 'succeeded' and 'failed'; it is ignored",
                at: node.location)
            return nil
        }
        guard let field = node["field"].flatMap({ string($0, "field") }), !field.isEmpty else {
            warning(
                "'x-job-status' needs 'field', the property that holds the job's stage; it is ignored",
                at: node.location)
            return nil
        }
        func values(_ key: String) -> [String] {
            node[key].map { sequence($0, key).compactMap { $0.text } } ?? []
        }
        let succeeded = values("succeeded")
        let failed = values("failed")
        if succeeded.isEmpty {
            warning(
                "'x-job-status' lists no 'succeeded' value, so no job would ever end well; it is ignored",
                at: node.location)
            return nil
        }
        for (key, _) in entries(node, "x-job-status") where !["field", "succeeded", "failed"].contains(key) {
            warning("'x-job-status' has no '\(key)'; it is ignored", at: node[key]?.location ?? node.location)
        }
        return JobStatusRule(field: field, succeeded: succeeded, failed: failed, location: node.location)
    }

    private func decodeHeaders(_ node: Node) -> [Header] {
        entries(node, "headers").compactMap { name, header in
            guard let header = follow(header, "header") else { return nil }
            return Header(
                name: name, description: text(header["description"]),
                required: header["required"].flatMap { bool($0, "required") } ?? false,
                schema: header["schema"].map(decodeSchema), location: header.location)
        }
    }

    private func decodeSecurityScheme(key: String, node: Node) -> SecurityScheme? {
        guard let node = follow(node, "security scheme") else { return nil }
        guard let typeNode = node["type"], let typeText = string(typeNode, "type") else {
            error("security scheme '\(key)' needs a 'type'", at: node.location)
            return nil
        }
        guard let kind = SecurityScheme.Kind(rawValue: typeText) else {
            warning("security scheme '\(key)' has an unknown type '\(typeText)'", at: typeNode.location)
            return nil
        }
        let location = node["in"].flatMap { string($0, "in") }.flatMap(Parameter.Location.init(rawValue:))
        if kind == .apiKey && (node["name"] == nil || location == nil) {
            error("apiKey security scheme '\(key)' needs 'name' and 'in'", at: node.location)
        }
        var scheme = SecurityScheme(
            key: key, kind: kind, description: text(node["description"]),
            name: node["name"].flatMap { string($0, "name") }, location: location,
            scheme: node["scheme"].flatMap { string($0, "scheme") },
            bearerFormat: node["bearerFormat"].flatMap { string($0, "bearerFormat") },
            sourceLocation: node.location)
        scheme.openIdConnectURL = node["openIdConnectUrl"]?.text
        // Flows are read for diff, not checked: a client sends a token it was given.
        if kind == .oauth2 {
            scheme.flows = (node["flows"]?.pairs ?? Node.Pairs.none).compactMap { pair in
                guard let kind = pair.key.text else { return nil }
                let flow = pair.value
                return OAuthFlow(
                    kind: kind, authorizationURL: flow["authorizationUrl"]?.text,
                    tokenURL: flow["tokenUrl"]?.text, refreshURL: flow["refreshUrl"]?.text,
                    scopes: (flow["scopes"]?.pairs ?? Node.Pairs.none).compactMap { $0.key.text },
                    location: flow.location)
            }
        }
        return scheme
    }

    private func decodeSecurity(_ node: Node) -> [SecurityRequirement] {
        sequence(node, "security").map { requirement in
            SecurityRequirement(
                schemes: entries(requirement, "security requirement").map { name, scopes in
                    SecurityRequirement.Scheme(
                        name: name, scopes: sequence(scopes, "scopes").compactMap { string($0, "scope") })
                })
        }
    }

    // MARK: - Schemas

    /// Records a named schema to decode; the first registration of a key wins.
    private func register(_ key: SchemaKey, name: String, isComponent: Bool, node: Node) {
        guard schemas[key] == nil else { return }
        schemas[key] = NamedSchema(
            key: key, name: name, isComponent: isComponent, schema: Schema(location: node.location))
        schemaOrder.append(key)
        pendingSchemas.append((key, node))
    }

    private func drainPendingSchemas() {
        var index = 0
        while index < pendingSchemas.count {
            let (key, node) = pendingSchemas[index]
            referencesFound = []
            let decoded = decodeSchema(node)
            schemas[key]?.schema = decoded
            var seen = Set<SchemaKey>()
            schemas[key]?.references = referencesFound?.filter { seen.insert($0).inserted } ?? []
            index += 1
        }
        referencesFound = nil
        pendingSchemas.removeAll()
    }

    /// A chain of schemas that are nothing but `$ref`s and come back to the
    /// start names no type at all: report it. (Recursion through properties
    /// or items is fine and not a cycle here.)
    private func reportReferenceCycles() {
        var reported = Set<SchemaKey>()
        for key in schemaOrder {
            var seen: [SchemaKey] = [key]
            var current = schemas[key]?.schema
            while let schema = current, let next = schema.reference, isPureReference(schema) {
                if let start = seen.firstIndex(of: next) {
                    let cycle = seen[start...]
                    if reported.isDisjoint(with: cycle) {
                        reported.formUnion(cycle)
                        let names = (cycle + [next]).map { schemas[$0]?.name ?? $0.description }
                        error(
                            "reference cycle: \(names.joined(separator: " -> ")) never reaches a schema",
                            at: schemas[key]!.schema.location)
                    }
                    break
                }
                if seen.count > loader.maxReferenceChain {
                    error(
                        "a chain of more than \(loader.maxReferenceChain) $refs starts here",
                        at: schemas[key]!.schema.location)
                    break
                }
                seen.append(next)
                current = schemas[next]?.schema
            }
        }
    }

    private func isPureReference(_ schema: Schema) -> Bool { schema.isFreeFormApartFromReference }

    func decodeSchema(_ node: Node) -> Schema {
        var schema = Schema(location: node.location)
        schema.sourceDigest = node.digest
        if let scalar = node.scalar {
            // JSON Schema allows `true` (anything) and `false` (nothing) as schemas.
            if case .bool = scalar.coreValue { return schema }
            error("a schema must be a mapping, but this is \(node.kindName)", at: node.location)
            return schema
        }
        guard node.isMapping else {
            error("a schema must be a mapping, but this is \(node.kindName)", at: node.location)
            return schema
        }
        for pair in node.pairs {
            guard let key = pair.key.text else { continue }
            let value = pair.value
            // Every `x-` key is kept as written; the ones read below are also read.
            if key.hasPrefix("x-") { schema.extensions[key] = value.yamlNode }
            guard let keyword = SchemaKeyword.named[key] else { continue }
            switch keyword {
            case .ref:
                if let reference = string(value, "$ref") {
                    schema.reference = schemaReference(reference, at: value.location)
                }
            case .recursiveRef, .dynamicRef:
                warning("'\(key)' is not supported; the value is read as any JSON value", at: value.location)
            case .type:
                decodeType(value, into: &schema)
            case .nullable:
                if bool(value, "nullable") == true { schema.allowsNull = true }
            case .format: schema.format = string(value, "format")
            case .title: schema.title = text(value)
            case .description: schema.description = text(value)
            case .enum:
                let values = sequence(value, "enum").map(SpecValue.init)
                schema.enumValues = values
                if values.contains(.null) { schema.allowsNull = true }
            case .const: schema.constValue = SpecValue(value)
            case .default: schema.defaultValue = SpecValue(value)
            case .properties:
                schema.properties = entries(value, "properties").map {
                    Schema.Property(name: $0.0, schema: decodeSchema($0.1))
                }
            case .required:
                if value.isScalar {
                    warning(
                        "'required' in a schema must list property names; a boolean here is ignored", at: value.location
                    )
                } else {
                    schema.required = sequence(value, "required").compactMap { string($0, "required") }
                }
            case .additionalProperties:
                if let scalar = value.scalar, case .bool(let allowed) = scalar.coreValue {
                    schema.additionalProperties = .allowed(allowed)
                } else {
                    schema.additionalProperties = .schema(Indirect(decodeSchema(value)))
                }
            case .items:
                if value.isSequence {
                    warning(
                        "'items' as a list (tuple validation) is not supported; the array holds any JSON value",
                        at: value.location)
                } else {
                    schema.items = Indirect(decodeSchema(value))
                }
            case .prefixItems:
                warning("'prefixItems' is not supported; the array's items are read from 'items'", at: value.location)
                schema.prefixItems = value.isSequence ? value.items.map(decodeSchema) : []
            case .patternProperties:
                schema.patternProperties = value.pairs.compactMap { pair in
                    pair.key.text.map { Schema.PatternProperty(pattern: $0, schema: decodeSchema(pair.value)) }
                }
            case .allOf: schema.allOf = sequence(value, "allOf").map(decodeSchema)
            case .oneOf: schema.oneOf = sequence(value, "oneOf").map(decodeSchema)
            case .anyOf: schema.anyOf = sequence(value, "anyOf").map(decodeSchema)
            case .not: schema.not = Indirect(decodeSchema(value))
            case .discriminator: schema.discriminator = decodeDiscriminator(value)
            case .minimum: schema.constraints.minimum = double(value, key)
            case .maximum: schema.constraints.maximum = double(value, key)
            case .exclusiveMinimum, .exclusiveMaximum:
                // 3.0 writes a boolean beside minimum/maximum; 3.1 writes the bound.
                let bound: Double? =
                    if let b = value.scalar.flatMap({ scalar -> Bool? in
                        if case .bool(let b) = scalar.coreValue { return b } else { return nil }
                    }) {
                        b
                            ? (key == "exclusiveMinimum" ? node["minimum"] : node["maximum"]).flatMap {
                                double($0, key)
                            } : nil
                    } else {
                        double(value, key)
                    }
                if key == "exclusiveMinimum" {
                    schema.constraints.exclusiveMinimum = bound
                } else {
                    schema.constraints.exclusiveMaximum = bound
                }
            case .multipleOf: schema.constraints.multipleOf = double(value, key)
            case .minLength: schema.constraints.minLength = integer(value, key)
            case .maxLength: schema.constraints.maxLength = integer(value, key)
            case .pattern: schema.constraints.pattern = string(value, key)
            case .minItems: schema.constraints.minItems = integer(value, key)
            case .maxItems: schema.constraints.maxItems = integer(value, key)
            case .uniqueItems: schema.constraints.uniqueItems = bool(value, key)
            case .minProperties: schema.constraints.minProperties = integer(value, key)
            case .maxProperties: schema.constraints.maxProperties = integer(value, key)
            case .deprecated: schema.deprecated = bool(value, key) ?? false
            case .readOnly: schema.readOnly = bool(value, key) ?? false
            case .writeOnly: schema.writeOnly = bool(value, key) ?? false
            case .contentEncoding: schema.contentEncoding = string(value, key)
            case .contentMediaType: schema.contentMediaType = string(value, key)
            case .jobStatus:
                schema.jobStatus = decodeJobStatus(value)
            case .swiftName:
                schema.swiftName = swiftName(value)
            case .enumVarnames:
                let names = sequence(value, key).map { swiftName($0) }
                if names.contains(nil) {
                    warning("'x-enum-varnames' must list Swift identifiers; the list is ignored", at: value.location)
                } else {
                    schema.enumCaseNames = names.compactMap { $0 }
                }
            }
        }
        return schema
    }

    private func decodeType(_ node: Node, into schema: inout Schema) {
        if node.isSequence {
            for item in node.items { decodeTypeName(item, into: &schema) }
        } else {
            decodeTypeName(node, into: &schema)
        }
    }

    private func decodeTypeName(_ item: Node, into schema: inout Schema) {
        guard let name = string(item, "type") else { return }
        guard let type = Schema.JSONType(rawValue: name) else {
            error(
                "'\(name)' is not a JSON Schema type (string, integer, number, boolean, array, object, null)",
                at: item.location)
            return
        }
        if type == .null {
            schema.allowsNull = true
        } else if !schema.types.contains(type) {
            schema.types.append(type)
        }
    }

    private func decodeDiscriminator(_ node: Node) -> Schema.Discriminator? {
        guard let propertyName = node["propertyName"].flatMap({ string($0, "propertyName") }) else {
            error("a discriminator needs a 'propertyName'", at: node.location)
            return nil
        }
        var mapping: [(value: String, target: SchemaKey)] = []
        if let mappingNode = node["mapping"] {
            for (value, targetNode) in entries(mappingNode, "mapping") {
                guard let target = string(targetNode, "mapping") else { continue }
                // A bare name means a component schema; anything else is a reference.
                let reference =
                    target.utf8.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "/") })
                        || target.hasSuffix(".yaml")
                        || target.hasSuffix(".yml") || target.hasSuffix(".json")
                    ? target : "#/components/schemas/" + JSONPointer.escape(target)
                // One mapping that leads nowhere (PagerDuty's) need not refuse the spec.
                let key = resolver.leavingOut("the discriminator value '\(value)' is left out of the mapping") {
                    schemaReference(reference, at: targetNode.location)
                }
                if let key { mapping.append((value, key)) }
            }
        }
        return Schema.Discriminator(propertyName: propertyName, mapping: mapping)
    }

    /// Resolves a schema `$ref` to the key of a named schema, registering
    /// targets outside `components.schemas` as they are found.
    private func schemaReference(_ reference: String, at location: SourceLocation) -> SchemaKey? {
        guard let target = resolver.resolve(reference, from: location.file, at: location) else { return nil }
        let key = SchemaKey(file: target.file, pointer: target.pointer)
        referencesFound?.append(key)
        if schemas[key] == nil {
            let name = target.anchor ?? (key.pointer.isEmpty ? fileStem(target.file) : key.lastToken)
            register(key, name: name, isComponent: false, node: target.node)
        }
        return key
    }

    private func fileStem(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.split(separator: ".").first.map(String.init) ?? file
    }

    // MARK: - References to other objects

    /// Follows `$ref` of a parameter, body, response or header to its target.
    private func follow(_ node: Node, _ what: String) -> Node? {
        var current = node
        var seen: [String] = []
        while let refNode = current["$ref"], let reference = string(refNode, "$ref") {
            guard let target = resolver.resolve(reference, from: refNode.location.file, at: refNode.location) else {
                return nil
            }
            let identity = "\(target.file)#\(target.pointer)"
            if seen.contains(identity) {
                error("reference cycle: the \(what) '\(reference)' refers back to itself", at: refNode.location)
                return nil
            }
            if seen.count >= loader.maxReferenceChain {
                error("a chain of more than \(loader.maxReferenceChain) $refs starts here", at: node.location)
                return nil
            }
            seen.append(identity)
            current = target.node
        }
        return current
    }

    // MARK: - Scalars and collections

    /// A mapping's entries with scalar keys; an error if the node is not a mapping.
    private func entries(_ node: Node, _ what: String) -> [(String, Node)] {
        guard node.isMapping else {
            if node.coreValue == .null { return [] }
            error("'\(what)' must be a mapping, but it is \(node.kindName)", at: node.location)
            return []
        }
        return node.pairs.compactMap { pair in
            guard let key = pair.key.text else {
                error("a key of '\(what)' must be a scalar", at: pair.key.location)
                return nil
            }
            return (key, pair.value)
        }
    }

    /// A sequence's items; none, with an error, if the node is not a sequence.
    private func sequence(_ node: Node, _ what: String) -> Node.Items {
        if node.isSequence { return node.items }
        if node.coreValue != .null {
            error("'\(what)' must be a sequence, but it is \(node.kindName)", at: node.location)
        }
        return Node.Items.none
    }

    private func string(_ node: Node, _ what: String) -> String? {
        guard let text = node.text else {
            error("'\(what)' must be a string, but it is \(node.kindName)", at: node.location)
            return nil
        }
        return text
    }

    /// Prose (descriptions, summaries): any scalar's text.
    private func text(_ node: Node?) -> String? {
        guard let node else { return nil }
        guard let text = node.text else {
            warning("expected text, but this is \(node.kindName); it is ignored", at: node.location)
            return nil
        }
        return text
    }

    /// A boolean keyword. Real specs spell some wrongly (OpenAPI Generator's
    /// own test spec says `required: optional`); where a word has one safe
    /// reading it is read so, with a warning, and anything else is ignored,
    /// with a warning, so that the keyword takes its default and the rest
    /// of the spec is still generated.
    private func bool(_ node: Node, _ what: String) -> Bool? {
        if let scalar = node.scalar, case .bool(let value) = scalar.coreValue { return value }
        if let text = node.text {
            let reading: Bool? =
                switch text.lowercased() {
                case "true", "yes", "on", "y", "1", "required": true
                case "false", "no", "off", "n", "0", "optional": false
                default: nil
                }
            if let reading {
                warning("'\(what)' must be true or false; '\(text)' is read as \(reading)", at: node.location)
                return reading
            }
            warning("'\(what)' must be true or false; '\(text)' is ignored", at: node.location)
            return nil
        }
        warning("'\(what)' must be true or false, but it is \(node.kindName); it is ignored", at: node.location)
        return nil
    }

    private func integer(_ node: Node, _ what: String) -> Int? {
        if let scalar = node.scalar {
            switch scalar.coreValue {
            case .integer(let value): return value
            case .number(let value) where value == value.rounded() && abs(value) < 1e15: return Int(value)
            default: break
            }
        }
        // Only constraints are read as integers: one that cannot be read is
        // left out, which loosens nothing a client sends.
        warning("'\(what)' must be an integer; it is ignored", at: node.location)
        return nil
    }

    private func double(_ node: Node, _ what: String) -> Double? {
        if let scalar = node.scalar {
            switch scalar.coreValue {
            case .integer(let value): return Double(value)
            case .number(let value): return value
            default: break
            }
        }
        warning("'\(what)' must be a number; it is ignored", at: node.location)
        return nil
    }
}

/// The keywords ``DocumentDecoder/decodeSchema(_:)`` reads, found by one hash
/// lookup: a `switch` over strings compares a key with each case in turn (a
/// key it does not read, such as `example`, with all of them), and reading
/// schema keys is most of what decoding a large spec does.
private enum SchemaKeyword: String, CaseIterable {
    case ref = "$ref"
    case recursiveRef = "$recursiveRef"
    case dynamicRef = "$dynamicRef"
    case type, nullable, format, title, description, `enum`, const, `default`
    case properties, required, additionalProperties, items, prefixItems, patternProperties
    case allOf, oneOf, anyOf, not, discriminator
    case minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf
    case minLength, maxLength, pattern, minItems, maxItems, uniqueItems, minProperties, maxProperties
    case deprecated, readOnly, writeOnly, contentEncoding, contentMediaType
    case jobStatus = "x-job-status"
    case swiftName = "x-swift-name"
    case enumVarnames = "x-enum-varnames"

    static let named = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
}
