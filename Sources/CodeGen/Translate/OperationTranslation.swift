import SpecParser

extension TranslationContext {
    // MARK: - Names

    /// Method names for every operation, unique and in operation order.
    func operationMethodNames() -> [String] {
        let raw = document.operations.map(methodName)
        let unique = Naming.uniqued(raw, taken: ["configuration", "transport", "send"])
        for (index, operation) in document.operations.enumerated() where unique[index] != raw[index] {
            diagnostics.warning(
                "operation '\(operation.operationId ?? "\(operation.method.uppercased) \(operation.path)")' is named '\(unique[index])' because '\(raw[index])' is already taken",
                at: operation.location)
        }
        return unique
    }

    private func methodName(_ operation: Operation) -> String {
        if let id = operation.operationId, let chosen = overridden(\.operations, id) { return chosen }
        if let chosen = operation.swiftName { return chosen }
        return Naming.methodName(operationId: operation.operationId, method: operation.method.rawValue, path: operation.path)
    }

    private func operationDisplay(_ operation: Operation) -> String {
        "\(operation.method.uppercased) \(operation.path)"
    }

    // MARK: - Operations

    func translate(_ operation: Operation, name: String, errorBodies: inout [ErrorBodyCase]) -> OperationModel {
        let typePrefix = Naming.type(name, reserved: reserved)
        var parameters: [ParameterModel] = []
        var nested: [TypeDeclaration] = []
        let kept = operation.parameters.filter { !($0.location == .header && credentialHeaders.contains($0.name.lowercased())) }
        let rawNames = kept.map { $0.swiftName ?? Naming.member($0.name) }
        let names = Naming.uniqued(rawNames, taken: ["request", "builder", "response"])
        for (index, parameter) in kept.enumerated() where names[index] != rawNames[index] {
            diagnostics.warning(
                "parameter '\(parameter.name)' of \(operationDisplay(operation)) is named '\(names[index])' because '\(rawNames[index])' is already taken",
                at: parameter.sourceLocation)
        }
        for (index, parameter) in kept.enumerated() {
            var type: TypeUsage = .string
            if let schema = parameter.schema ?? parameter.content.first?.schema {
                type = usage(schema, suggestedName: typePrefix + Naming.type(parameter.name, reserved: []),
                             qualifier: nil, nested: &nested)
            }
            // An alias of an array is sent as the array it stands for.
            if case .array = resolvedAlias(type) { type = resolvedAlias(type) }
            let isText: Bool
            if case .array(let element) = type { isText = isTextual(element) } else { isText = isTextual(type) }
            let (style, explode) = parameterStyle(parameter, type: type, operation: operation)
            if !isText && style != .deepObject && !hasStyleSpelling(type) {
                diagnostics.warning(
                    "parameter '\(parameter.name)' of \(operationDisplay(operation)) can hold values nested deeper than its style can spell; those are sent as JSON text",
                    at: parameter.sourceLocation)
            }
            parameters.append(ParameterModel(
                name: names[index], wireName: parameter.name,
                location: ParameterModel.Location(rawValue: parameter.location.rawValue)!,
                type: type, isRequired: parameter.required,
                documentation: Documentation(details: parameter.description, deprecated: parameter.deprecated),
                style: style, explode: explode, isText: isText,
                allowReserved: parameter.allowReserved && parameter.location == .query))
        }
        let body = operation.requestBody.flatMap { translateBody($0, operation: operation, typePrefix: typePrefix) }
        var success: ResponseModel?
        var errors: [ResponseModel] = []
        let ordered = operation.responses.sorted { responseOrder($0.status) < responseOrder($1.status) }
        for response in ordered {
            if response.isSuccess {
                guard success == nil else { continue }
                success = ResponseModel(
                    status: response.status,
                    body: responseBody(response, suggestedName: typePrefix + "Response"),
                    documentation: Documentation(details: response.description))
            } else {
                var model = ResponseModel(
                    status: response.status,
                    body: responseBody(response, suggestedName: typePrefix + Naming.type("error " + response.status, reserved: [])),
                    documentation: Documentation(details: response.description))
                if let type = model.body {
                    model.errorCase = errorCase(for: type, in: &errorBodies)
                }
                errors.append(model)
            }
        }
        return OperationModel(
            name: name, operationId: operation.operationId ?? name, method: operation.method.uppercased,
            path: operation.path,
            documentation: Documentation(summary: operation.summary, details: operation.description,
                                         deprecated: operation.deprecated),
            parameters: parameters, body: body, success: success, errors: errors, tags: operation.tags)
    }

    /// 200 before 201 before 2XX before 4xx…, `default` last.
    private func responseOrder(_ status: String) -> Int {
        if let code = Int(status) { return code * 10 }
        if let first = status.first?.wholeNumberValue { return first * 1000 + 999 }
        return 100_000
    }

    private func errorCase(for type: TypeUsage, in cases: inout [ErrorBodyCase]) -> String {
        if let existing = cases.first(where: { $0.type == type }) { return existing.name }
        let base: String
        switch type {
        case .named(let name): base = Naming.errorBodyCase(typeName: name)
        case .json: base = "json"
        default: base = "value"
        }
        let name = Naming.uniqued([base], taken: Set(cases.map(\.name)))[0]
        cases.append(ErrorBodyCase(name: name, type: type))
        return name
    }

    private func responseBody(_ response: Response, suggestedName: String) -> TypeUsage? {
        guard !response.content.isEmpty else { return nil }
        var nested: [TypeDeclaration] = []
        if let media = response.content.first(where: { isJSON($0.contentType) }) {
            guard let schema = media.schema else { return .json }
            return usage(schema, suggestedName: suggestedName, qualifier: nil, nested: &nested)
        }
        if let media = response.content.first(where: { $0.contentType.hasPrefix("text/") }),
           media.schema.map({ usage($0, suggestedName: suggestedName, qualifier: nil, nested: &nested) }) == .string {
            return .string
        }
        return .file
    }

    /// The styles OpenAPI defines for each location; the first is the default.
    private static let definedStyles: [Parameter.Location: [ParameterModel.Style]] = [
        .path: [.simple, .label, .matrix], .query: [.form, .spaceDelimited, .pipeDelimited, .deepObject],
        .header: [.simple], .cookie: [.form],
    ]

    /// The style and explode a parameter is sent with: what the spec says
    /// where OpenAPI defines it for the value's shape; elsewhere the nearest
    /// defined reading, with a located warning that says which.
    private func parameterStyle(_ parameter: Parameter, type: TypeUsage, operation: Operation) -> (ParameterModel.Style, Bool) {
        let name = "parameter '\(parameter.name)' of \(operationDisplay(operation))"
        let defined = Self.definedStyles[parameter.location] ?? [.simple]
        var style = defined[0]
        if let written = parameter.style {
            if let known = ParameterModel.Style(rawValue: written), defined.contains(known) {
                style = known
            } else {
                diagnostics.warning("\(name) asks for the '\(written)' style, which OpenAPI does not define for \(parameter.location.rawValue) parameters; it is sent in the '\(style.rawValue)' style",
                                    at: parameter.sourceLocation)
            }
        }
        var explode = parameter.explode ?? (style == .form)
        let shape = resolvedAlias(type)
        let isList: Bool = if case .array = shape { true } else { false }
        let isObject = !isList && !isScalar(type)
        switch style {
        case .spaceDelimited, .pipeDelimited:
            if !isList && !isObject {
                diagnostics.warning("\(name) asks for the '\(style.rawValue)' style, which OpenAPI defines only for arrays and objects; its single value is sent as 'name=value'",
                                    at: parameter.sourceLocation)
                style = .form
            } else if explode {
                diagnostics.warning("\(name) asks for the '\(style.rawValue)' style exploded, which OpenAPI does not define; it is sent without exploding",
                                    at: parameter.sourceLocation)
                explode = false
            }
        case .deepObject:
            if !isObject {
                diagnostics.warning("\(name) asks for the 'deepObject' style, which OpenAPI defines only for objects; it is sent as \(isList ? "'name[0]=value' pairs" : "'name=value'")",
                                    at: parameter.sourceLocation)
            } else if parameter.explode == false {
                diagnostics.warning("\(name) asks for the 'deepObject' style without exploding, which OpenAPI does not define; it is sent exploded ('name[key]=value')",
                                    at: parameter.sourceLocation)
            }
            explode = true
        case .form where parameter.location == .cookie && isList:
            if explode {
                diagnostics.warning("\(name) is a list in a cookie, exploded, which OpenAPI does not define (a cookie holds one value); it is sent as one cookie, 'name=a,b'",
                                    at: parameter.sourceLocation)
            }
            explode = false
        default:
            break
        }
        if parameter.allowReserved && parameter.location != .query {
            diagnostics.warning("\(name) sets 'allowReserved', which applies only to query parameters; it is ignored",
                                at: parameter.sourceLocation)
        }
        return (style, explode)
    }

    func isJSON(_ contentType: String) -> Bool {
        let type = MediaType.essence(of: contentType)
        return type == "application/json" || type.hasSuffix("+json")
    }

    // MARK: - Request bodies

    private func translateBody(_ body: RequestBody, operation: Operation, typePrefix: String) -> BodyModel? {
        let documentation = Documentation(details: body.description)
        if let media = body.content.first(where: { isJSON($0.contentType) }) {
            var nested: [TypeDeclaration] = []
            let type = media.schema.map { usage($0, suggestedName: typePrefix + "Request", qualifier: nil, nested: &nested) } ?? .json
            return .json(JSONBody(type: type, contentType: media.contentType,
                                  isRequired: bodyIsRequired(body, media: media, operation: operation), documentation: documentation))
        }
        if let media = body.content.first(where: { $0.contentType.lowercased().hasPrefix("multipart/form-data") }) {
            return .multipart(multipartBody(media, body: body, operation: operation, typeName: typePrefix + "Request"))
        }
        if let media = body.content.first(where: { $0.contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") }) {
            var nested: [TypeDeclaration] = []
            let type = media.schema.map { usage($0, suggestedName: typePrefix + "Request", qualifier: nil, nested: &nested) } ?? .json
            let deepObjectFields = media.encoding.filter { $0.encoding.style == "deepObject" }.map(\.name)
            return .formURLEncoded(JSONBody(type: type, contentType: media.contentType, isRequired: body.required,
                                            documentation: documentation, deepObjectFields: deepObjectFields))
        }
        if let media = body.content.first {
            return .binary(contentType: media.contentType, isRequired: body.required, documentation: documentation)
        }
        return nil
    }

    /// Whether the caller must pass the body. A body the spec leaves optional
    /// whose schema has required properties is required all the same, with a
    /// warning: sent without one, the request could only fail, and an
    /// argument that may be left out reads as if the call needed none.
    private func bodyIsRequired(_ body: RequestBody, media: MediaType, operation: Operation) -> Bool {
        guard !body.required, let schema = media.schema else { return body.required }
        let merged = objectSchema(schema).mergedObject(in: schemas)
        guard let first = merged.properties.first(where: { merged.required.contains($0.name) })?.name
            ?? merged.required.sorted().first else { return false }
        diagnostics.warning(
            "the request body of \(operationDisplay(operation)) is optional, but its schema requires '\(first)'; the generated method requires the body",
            at: media.location)
        return true
    }

    /// The object schema behind a body, through references.
    func objectSchema(_ schema: Schema) -> Schema {
        var current = schema
        var seen = Set<SchemaKey>()
        while let key = current.reference, isPlainReference(current), seen.insert(key).inserted,
              let target = schemas[key]?.schema {
            current = target
        }
        return current
    }

    private func multipartBody(_ media: MediaType, body: RequestBody, operation: Operation, typeName name: String) -> MultipartBody {
        let typeName = Naming.unique(name) { topLevelNames.contains($0) }
        topLevelNames.insert(typeName)
        // Component schemas named after a property of this body live here.
        var nested: [TypeDeclaration] = pendingNested.removeValue(forKey: typeName) ?? []
        var fields: [MultipartField] = []
        guard let schema = media.schema.map(objectSchema) else {
            diagnostics.warning("the multipart body of \(operationDisplay(operation)) has no schema; it is sent without fields", at: media.location)
            return MultipartBody(typeName: typeName, documentation: Documentation(details: body.description),
                                 fields: [], isRequired: body.required, nested: [])
        }
        var collected = schema.mergedObject(in: schemas)
        let alternatives = schema.oneOf.count + schema.anyOf.count
        if collected.properties.isEmpty && alternatives > 0 {
            collected = schema.mergedAlternatives(in: schemas)
            diagnostics.warning(
                "the multipart body of \(operationDisplay(operation)) is one of \(alternatives) forms; their fields are merged into one type, in which a field is required only when every form requires it",
                at: media.location)
        }
        if collected.properties.isEmpty {
            diagnostics.warning("the multipart body of \(operationDisplay(operation)) declares no properties; it is sent without fields", at: media.location)
        }
        let names = Naming.uniqued(collected.properties.map { overridden(\.properties, typeName + "." + $0.name) ?? Naming.member($0.name) })
        for (index, property) in collected.properties.enumerated() {
            let explicitType = media.encoding.first(where: { $0.name == property.name })?.encoding.contentType
            let resolved = objectSchema(property.schema)
            var type = usage(property.schema, suggestedName: Naming.type(property.name, reserved: []),
                             qualifier: typeName, nested: &nested)
            // An alias of an array (`StyleCodes = [StyleCode]`) is sent as
            // the array it stands for: one part per element.
            // So is an alias of file content (`InitImage = binary`): a file part.
            if case .array = resolvedAlias(type) { type = resolvedAlias(type) }
            if resolvedAlias(type) == .file { type = .file }
            var encoding: MultipartField.Encoding
            switch type {
            case .file: encoding = .file
            case .array(.file): encoding = .repeatedFile
            case .array(let element) where isTextual(element): encoding = .repeatedText
            case .array, .dictionary, .json: encoding = .json
            case .named(let typeName) where !isTextualNamed(typeName): encoding = .json
            default: encoding = .text
            }
            if let explicitType {
                // An explicit encoding.contentType wins over the schema's kind.
                let lower = explicitType.lowercased()
                if isJSON(lower) {
                    encoding = .json
                } else if !lower.hasPrefix("text/plain"), encoding == .text || encoding == .json {
                    if resolved.types == [.string] || resolved.types.isEmpty {
                        type = .file
                        encoding = .file
                    }
                }
            }
            fields.append(MultipartField(
                name: names[index], wireName: property.name, type: type, encoding: encoding,
                isRequired: collected.required.contains(property.name), contentType: explicitType,
                documentation: propertyDocumentation(property.schema)))
        }
        return MultipartBody(typeName: typeName, documentation: Documentation(details: body.description),
                             fields: fields, isRequired: body.required, nested: nested)
    }

    /// The type an alias stands for, through chains of aliases.
    func resolvedAlias(_ type: TypeUsage) -> TypeUsage {
        var current = type
        for _ in 0..<64 {
            guard case .named(let name) = current, case .alias(let alias)? = findDeclaration(name) else { break }
            current = alias.type
        }
        return current
    }

    private func isTextual(_ type: TypeUsage) -> Bool {
        switch type {
        case .string, .integer, .double, .float, .bool, .date, .url, .uuid, .base64: return true
        case .named(let name): return isTextualNamed(name)
        default: return false
        }
    }

    /// Whether every value of a parameter's type has a spelling in the `form`
    /// and `simple` styles: a scalar, or an array, dictionary or object of
    /// scalars, or a union of those. Anything that may nest deeper is sent as
    /// JSON text (see the runtime's `StyleValue.text`).
    ///
    /// Each named type is worked out once (``styleSpellings``): unions whose
    /// variants are unions, each named several times, would otherwise be
    /// walked once per path through them, exponentially many.
    private func hasStyleSpelling(_ type: TypeUsage) -> Bool {
        switch resolvedAlias(type) {
        case .array(let element), .dictionary(let element): return isScalar(element)
        case .named(let name):
            if let known = styleSpellings[name] { return known }
            // Met again before it is worked out, a union contains itself: its
            // values nest without bound, and so do those of every type on the way.
            styleSpellings[name] = false
            let answer: Bool
            switch findDeclaration(name) {
            case .structure(let declaration)?:
                answer = declaration.properties.allSatisfy { isScalar($0.type) }
                    && (declaration.additionalProperties.map(isScalar) ?? true)
            case .union(let declaration)?:
                answer = declaration.variants.allSatisfy { hasStyleSpelling($0.type) }
            default:
                answer = isTextual(type)
            }
            styleSpellings[name] = answer
            return answer
        case let other: return isTextual(other)
        }
    }

    /// Whether every value of a type is a JSON scalar: text types, and unions of them.
    private func isScalar(_ type: TypeUsage) -> Bool {
        if isTextual(type) { return true }
        guard case .named(let name) = resolvedAlias(type), case .union(let declaration)? = findDeclaration(name) else { return false }
        return declaration.variants.allSatisfy { isTextual($0.type) }
    }

    /// Whether a named type is sent as text: enums, and aliases of text types.
    private func isTextualNamed(_ name: String) -> Bool {
        var current = name
        for _ in 0..<64 {
            guard let declaration = findDeclaration(current) else { return false }
            switch declaration {
            case .enumeration: return true
            case .alias(let alias):
                guard case .named(let next) = alias.type else { return isTextual(alias.type) }
                current = next
            default: return false
            }
        }
        return false
    }

    private func findDeclaration(_ qualified: String) -> TypeDeclaration? {
        declarationIndex[qualified]
    }
}
