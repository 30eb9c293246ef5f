import SpecParser

/// The clients a package generates, read from its `openapi-clients.yml`:
/// for each, the spec, the output folder, the module and client names, the
/// layout, and name overrides where the spec's own names are machine-made.
///
/// ```yaml
/// clients:
///   - module: IdeogramClient
///     spec: spec/ideogram-openapi.yml
///     output: Sources/GeneratedClient
///     names:
///       operations:
///         post-edit-image: editImage
/// ```
///
/// A client may also select what to generate (`operations: [listCustomers]`,
/// `tags: [Invoices]`, `paths: ['/v1/customers*']`; the union of them, with
/// the types those operations reach) and set the access level of the
/// generated declarations (`access: public`, `package` or `internal`).
///
/// Paths are relative to the folder that holds the file. Every mistake is
/// an error at its line and column; nothing unknown is skipped in silence.
public struct GenerationConfig: Sendable {
    /// The file's conventional name, at a package's root.
    public static let fileName = "openapi-clients.yml"

    public struct Client: Sendable {
        /// The module's name, which also selects the client (`--client`).
        public var module: String
        /// The spec, relative to the config file's folder.
        public var spec: String
        /// The module's source folder, relative to the config file's folder.
        public var output: String
        /// The client type's name.
        public var clientName: String
        public var layout: Renderer.Layout
        /// Whether a copy of the spec is written beside the module (for API diffs on drift).
        public var snapshot: Bool
        public var names: NameOverrides
        /// The operations to generate (all when empty).
        public var selection: OperationSelection
        /// The access level of the generated declarations.
        public var access: AccessLevel
        /// Pagination rules by operationId, for lists the spec does not
        /// mark (`pagination:`).
        public var pagination: [String: PaginationRule] = [:]
        /// The header that carries an idempotency key on every POST and
        /// PATCH (`idempotencyKey: Idempotency-Key`), for an API that
        /// accepts one without declaring it.
        public var idempotencyKeyHeader: String?
        /// Where the entry is in the config file.
        public var location: SourceLocation
    }

    public var clients: [Client]

    /// Reads the config at `path` (its text is `text`). Paths in it stay as
    /// written; ``resolve(_:relativeTo:)`` joins them with the file's folder.
    public static func read(_ text: String, path: String) -> (config: GenerationConfig?, diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        let root: YAMLNode
        do {
            let read = try YAMLReader.read(text, file: path)
            for warning in read.warnings { diagnostics.warning(warning.message, at: warning.location) }
            root = read.root
        } catch {
            diagnostics.error(error.message, at: error.location)
            return (nil, diagnostics)
        }
        var reader = Reader(diagnostics: diagnostics)
        let config = reader.config(root)
        return (reader.diagnostics.hasErrors ? nil : config, reader.diagnostics)
    }

    /// `path` joined with the folder of `configPath`, unless it is absolute.
    public static func resolve(_ path: String, relativeTo configPath: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        guard let slash = configPath.lastIndex(of: "/") else { return path }
        return String(configPath[...slash]) + path
    }

    /// The clients `selected` names (all when it is empty); an unknown name is an error.
    public func clients(named selected: [String]) -> Result<[Client], ConfigError> {
        guard !selected.isEmpty else { return .success(clients) }
        var chosen: [Client] = []
        for name in selected {
            guard let client = clients.first(where: { $0.module == name }) else {
                return .failure(
                    ConfigError(
                        message:
                            "no client '\(name)' in the config; it lists "
                            + "\(clients.map { "'\($0.module)'" }.joined(separator: ", "))"
                    ))
            }
            chosen.append(client)
        }
        return .success(chosen)
    }

    public struct ConfigError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}

/// Swift names chosen by hand for what no naming rule gets right, by what
/// the spec calls them.
public struct NameOverrides: Sendable, Hashable {
    /// operationId → method name.
    public var operations: [String: String] = [:]
    /// Schema name in `components.schemas` → type name.
    public var types: [String: String] = [:]
    /// `Type.wire_name` (the Swift type, the key on the wire) → property name.
    public var properties: [String: String] = [:]
    /// `Type.VALUE` (the Swift enum, the value on the wire) → case name.
    public var cases: [String: String] = [:]
    /// Where the overrides are written, for warnings about unused ones.
    public var location: SourceLocation?

    public init(
        operations: [String: String] = [:], types: [String: String] = [:],
        properties: [String: String] = [:], cases: [String: String] = [:]
    ) {
        self.operations = operations
        self.types = types
        self.properties = properties
        self.cases = cases
    }

    public var isEmpty: Bool { operations.isEmpty && types.isEmpty && properties.isEmpty && cases.isEmpty }
}

/// Reads the YAML tree, collecting located errors.
private struct Reader {
    var diagnostics: Diagnostics

    mutating func config(_ root: YAMLNode) -> GenerationConfig {
        guard let pairs = mapping(root, "the config") else { return GenerationConfig(clients: []) }
        var clients: [GenerationConfig.Client] = []
        for pair in pairs {
            guard let key = pair.key.scalar?.text else { continue }
            switch key {
            case "clients":
                guard let items = pair.value.sequence else {
                    diagnostics.error(
                        "'clients' must be a list of clients, but it is \(pair.value.kindName)", at: pair.value.location
                    )
                    continue
                }
                for item in items {
                    if let client = client(item) { clients.append(client) }
                }
            default:
                diagnostics.error("unknown key '\(key)'; the config has only 'clients'", at: pair.key.location)
            }
        }
        if clients.isEmpty && !diagnostics.hasErrors {
            diagnostics.error("the config lists no client under 'clients'", at: root.location)
        }
        var seen: [String: SourceLocation] = [:]
        for client in clients {
            if let first = seen[client.module] {
                diagnostics.error(
                    "a second client is named '\(client.module)' (the first is at \(first))", at: client.location)
            }
            seen[client.module] = client.location
        }
        return GenerationConfig(clients: clients)
    }

    private static let clientKeys = [
        "module", "spec", "output", "client", "layout", "snapshot", "names", "operations", "tags", "paths", "access",
        "pagination", "idempotencyKey",
    ]

    mutating func client(_ node: YAMLNode) -> GenerationConfig.Client? {
        guard let pairs = mapping(node, "a client") else { return nil }
        var values: [String: YAMLNode] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.text else { continue }
            guard Self.clientKeys.contains(key) else {
                diagnostics.error(
                    "unknown key '\(key)' in a client; the keys are "
                        + "\(Self.clientKeys.map { "'\($0)'" }.joined(separator: ", "))",
                    at: pair.key.location)
                continue
            }
            values[key] = pair.value
        }
        guard let spec = requiredText(values["spec"], "spec", in: node),
            let output = requiredText(values["output"], "output", in: node)
        else { return nil }
        let folder = output.split(separator: "/").last.map(String.init) ?? output
        let module = values["module"].flatMap { identifier($0, "module") } ?? Naming.type(folder, reserved: [])
        let clientName = values["client"].flatMap { identifier($0, "client") } ?? Naming.clientName(forModule: module)
        var layout = Renderer.Layout.split
        if let node = values["layout"] {
            if let text = node.scalar?.text, let value = Renderer.Layout(rawValue: text) {
                layout = value
            } else {
                diagnostics.error(
                    "'layout' must be \(Renderer.Layout.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or "))",
                    at: node.location)
            }
        }
        var snapshot = true
        if let node = values["snapshot"] {
            if let scalar = node.scalar, case .bool(let value) = scalar.coreValue {
                snapshot = value
            } else {
                diagnostics.error("'snapshot' must be true or false", at: node.location)
            }
        }
        let names = values["names"].map { overrides($0) } ?? NameOverrides()
        let selection = OperationSelection(
            operationIds: values["operations"].map { entries($0, "operations") } ?? [],
            tags: values["tags"].map { entries($0, "tags") } ?? [],
            paths: values["paths"].map { entries($0, "paths") } ?? [])
        var access = AccessLevel.public
        if let node = values["access"] {
            if let text = node.scalar?.text, let value = AccessLevel(rawValue: text) {
                access = value
            } else {
                diagnostics.error(
                    "'access' must be \(AccessLevel.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))",
                    at: node.location)
            }
        }
        var client = GenerationConfig.Client(
            module: module, spec: spec, output: output, clientName: clientName, layout: layout,
            snapshot: snapshot, names: names, selection: selection, access: access, location: node.location)
        if let node = values["pagination"], let pairs = mapping(node, "'pagination'") {
            for pair in pairs {
                guard let operationId = pair.key.scalar?.text else { continue }
                if let rule = PaginationRule.read(pair.value, report: { diagnostics.error($0, at: $1) }) {
                    client.pagination[operationId] = rule
                }
            }
        }
        if let node = values["idempotencyKey"] {
            if let text = node.scalar?.text, !text.isEmpty,
                text.utf8.allSatisfy({ $0 > 32 && $0 < 127 && !"()<>@,;:\\\"/[]?={}".utf8.contains($0) })
            {
                client.idempotencyKeyHeader = text
            } else {
                diagnostics.error("'idempotencyKey' must be a header name (a token of RFC 9110)", at: node.location)
            }
        }
        return client
    }

    /// A list of texts, each remembered with its location.
    mutating func entries(_ node: YAMLNode, _ key: String) -> [OperationSelection.Entry] {
        guard let items = node.sequence else {
            diagnostics.error("'\(key)' must be a list, but it is \(node.kindName)", at: node.location)
            return []
        }
        return items.compactMap { item in
            guard let text = item.scalar?.text, !text.isEmpty else {
                diagnostics.error("each of '\(key)' must be a text", at: item.location)
                return nil
            }
            return OperationSelection.Entry(text, location: item.location)
        }
    }

    mutating func overrides(_ node: YAMLNode) -> NameOverrides {
        var result = NameOverrides()
        result.location = node.location
        guard let pairs = mapping(node, "'names'") else { return result }
        for pair in pairs {
            guard let key = pair.key.scalar?.text else { continue }
            let entries = names(pair.value, key, typeNames: key == "types")
            switch key {
            case "operations": result.operations = entries
            case "types": result.types = entries
            case "properties": result.properties = entries
            case "cases": result.cases = entries
            default:
                diagnostics.error(
                    "unknown key '\(key)' in 'names'; the keys are 'operations', 'types', 'properties' and 'cases'",
                    at: pair.key.location)
            }
        }
        return result
    }

    /// A mapping from spec names to Swift identifiers.
    private mutating func names(_ node: YAMLNode, _ what: String, typeNames: Bool) -> [String: String] {
        guard let pairs = mapping(node, "'\(what)'") else { return [:] }
        var result: [String: String] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.text, let name = identifier(pair.value, "\(what).\(key)") else { continue }
            if ["properties", "cases"].contains(what), !key.contains(".") {
                diagnostics.error(
                    "'\(key)' in '\(what)' must be written Type.name (the Swift type, then the name on the wire)",
                    at: pair.key.location)
                continue
            }
            if typeNames, let first = name.first, !first.isUppercase {
                diagnostics.error("type name '\(name)' must start with a capital letter", at: pair.value.location)
                continue
            }
            result[key] = name
        }
        return result
    }

    private mutating func mapping(_ node: YAMLNode, _ what: String) -> [YAMLPair]? {
        guard let pairs = node.mapping else {
            diagnostics.error("\(what) must be a mapping, but it is \(node.kindName)", at: node.location)
            return nil
        }
        return pairs
    }

    private mutating func requiredText(_ node: YAMLNode?, _ key: String, in client: YAMLNode) -> String? {
        guard let node else {
            diagnostics.error("a client needs '\(key)'", at: client.location)
            return nil
        }
        guard let text = node.scalar?.text, !text.isEmpty else {
            diagnostics.error("'\(key)' must be a path", at: node.location)
            return nil
        }
        return text
    }

    /// A Swift identifier: letters, digits and `_`, not starting with a digit, not a keyword.
    private mutating func identifier(_ node: YAMLNode, _ what: String) -> String? {
        guard let text = node.scalar?.text, let first = text.unicodeScalars.first,
            first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first),
            text.unicodeScalars.allSatisfy({
                $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
            }),
            !Naming.isKeyword(text)
        else {
            diagnostics.error(
                "'\(what)' must be a Swift identifier (ASCII letters, digits and _, not a keyword)", at: node.location)
            return nil
        }
        return text
    }
}
