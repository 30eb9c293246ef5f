import SpecParser

/// `multipart/form-data` bodies: a request type of their own, with a typed
/// field per property and how each is encoded as parts.
extension TranslationContext {
    func multipartBody(_ media: MediaType, body: RequestBody, operation: Operation, typeName name: String)
        -> MultipartBody
    {
        let typeName = Naming.unique(name) { isTopLevelName($0) }
        addTopLevelName(typeName)
        // Component schemas named after a property of this body live here.
        var nested: [TypeDeclaration] = pendingNested.removeValue(forKey: typeName) ?? []
        var fields: [MultipartField] = []
        guard let schema = media.schema.map(objectSchema) else {
            diagnostics.warning(
                "the multipart body of \(display(operation)) has no schema; it is sent without fields",
                at: media.location)
            return MultipartBody(
                typeName: typeName, documentation: Documentation(details: body.description),
                fields: [], nested: [])
        }
        var collected = schema.mergedObject(in: schemas)
        let alternatives = schema.oneOf.count + schema.anyOf.count
        if collected.properties.isEmpty && alternatives > 0 {
            collected = schema.mergedAlternatives(in: schemas)
            diagnostics.warning(
                "the multipart body of \(display(operation)) is one of \(alternatives) forms; their fields are "
                    + "merged into one type, in which a field is required only when every form requires it",
                at: media.location)
        }
        if collected.properties.isEmpty {
            diagnostics.warning(
                "the multipart body of \(display(operation)) declares no properties; it is sent without fields",
                at: media.location)
        }
        let names = Naming.uniqued(
            collected.properties.map { overridden(\.properties, typeName + "." + $0.name) ?? Naming.member($0.name) })
        for (index, property) in collected.properties.enumerated() {
            let explicitType = media.encoding.first(where: { $0.name == property.name })?.encoding.contentType
            let resolved = objectSchema(property.schema)
            // One file or several (OpenAI's image edit: `anyOf` a binary and
            // an array of binaries) is sent as file parts: one file is a list of one.
            var type =
                isFileOrFiles(property.schema)
                ? .array(.file)
                : usage(
                    property.schema, suggestedName: Naming.type(property.name, reserved: []),
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
            fields.append(
                MultipartField(
                    name: names[index], wireName: property.name, type: type, encoding: encoding,
                    isRequired: collected.required.contains(property.name), contentType: explicitType,
                    documentation: propertyDocumentation(property.schema)))
        }
        return MultipartBody(
            typeName: typeName, documentation: Documentation(details: body.description),
            fields: fields, nested: nested)
    }

    /// A union whose every variant is file content or an array of it.
    func isFileOrFiles(_ schema: Schema) -> Bool {
        let resolved = objectSchema(schema)
        let variants = nonNullVariants(resolved.oneOf.isEmpty ? resolved.anyOf : resolved.oneOf)
        guard variants.count > 1 else { return false }
        return variants.allSatisfy { variant in
            let variant = objectSchema(variant)
            if isBinary(variant) { return true }
            guard let items = variant.items?.value else { return false }
            return isBinary(objectSchema(items))
        }
    }

    private func isBinary(_ schema: Schema) -> Bool {
        guard schema.types.isEmpty || schema.types == [.string] else { return false }
        return schema.format?.lowercased() == "binary" || schema.contentEncoding?.lowercased() == "binary"
            || schema.contentMediaType != nil
    }
}
