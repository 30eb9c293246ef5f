extension PublicSurface {
    /// The public declarations of the module the renderer writes from
    /// `model`, with `clientName` and `access` as the renderer's options give
    /// them (``Renderer/Options``), in the order the module writes them.
    public init(model: APIModel, clientName: String, access: AccessLevel = .public) {
        var builder = SurfaceBuilder(options: Renderer.Options(clientName: clientName, specName: "", access: access))
        builder.addClient(model)
        builder.addErrorBodies(model)
        for declaration in model.types { builder.addType(declaration, in: nil) }
        for operation in model.operations { builder.addOperation(operation) }
        for job in model.jobs { builder.addJob(job, in: model) }
        builder.addRuntimeParts(model.runtimeParts)
        self.init(clientName: clientName, declarations: builder.uniqued())
    }

    /// The surface of the module the generator writes from `model` with `options`.
    public init(model: APIModel, options: Generator.Options) {
        self.init(model: model, clientName: options.clientName, access: options.access)
    }
}

/// Collects a module's declarations as the renderers would write them; the
/// files beside this one add each kind of declaration.
struct SurfaceBuilder {
    let options: Renderer.Options
    private(set) var declarations: [SurfaceDeclaration] = []

    init(options: Renderer.Options) {
        self.options = options
    }

    /// The modifier every declaration is written with: `public `, `package ` or nothing.
    var access: String { options.access.modifier }

    mutating func add(_ declaration: SurfaceDeclaration) {
        declarations.append(declaration)
    }

    /// `Container.name(label:label:)`, the key of a function.
    static func functionKey(_ container: String, _ name: String, _ parameters: [SurfaceParameter]) -> String {
        "\(container).\(name)(\(parameters.map { $0.label + ":" }.joined()))"
    }

    /// The named types `type` spells (`Pet` in `[String: [Pet]]`).
    static func references(_ type: TypeUsage) -> [String] {
        switch type {
        case .array(let element), .dictionary(let element): references(element)
        case .named(let name): [name]
        default: []
        }
    }

    /// The declarations with unique keys: functions that differ only in
    /// their argument types (a job's `wait(for:polling:)` for each job) add
    /// those types to their keys.
    func uniqued() -> [SurfaceDeclaration] {
        var counts: [String: Int] = [:]
        for declaration in declarations { counts[declaration.key, default: 0] += 1 }
        var seen: [String: Int] = [:]
        return declarations.map { declaration in
            guard counts[declaration.key, default: 0] > 1 else { return declaration }
            var copy = declaration
            if declaration.isFunction {
                copy.key += "[" + declaration.parameters.map(\.type).joined(separator: ", ") + "]"
            }
            seen[copy.key, default: 0] += 1
            if let count = seen[copy.key], count > 1 { copy.key += "#\(count)" }
            return copy
        }
    }
}
