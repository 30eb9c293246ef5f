import SpecParser

/// Request bodies: the media type a call sends, and whether it must.
extension TranslationContext {
    func translateBody(_ body: RequestBody, operation: Operation, typePrefix: String) -> RequestBodyModel? {
        let documentation = Documentation(details: body.description)
        func model(_ content: RequestContent, isRequired: Bool = body.required) -> RequestBodyModel {
            RequestBodyModel(isRequired: isRequired, documentation: documentation, contents: [content])
        }
        if let media = body.content.first(where: { isJSON($0.contentType) }) {
            var nested: [TypeDeclaration] = []
            let type =
                media.schema.map { usage($0, suggestedName: typePrefix + "Request", qualifier: nil, nested: &nested) }
                ?? .json
            return model(
                .json(JSONBody(type: type, contentType: media.contentType)),
                isRequired: bodyIsRequired(body, media: media, operation: operation))
        }
        if let media = body.content.first(where: { $0.contentType.lowercased().hasPrefix("multipart/form-data") }) {
            return model(
                .multipart(multipartBody(media, body: body, operation: operation, typeName: typePrefix + "Request")))
        }
        if let media = body.content.first(where: {
            $0.contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
        }) {
            var nested: [TypeDeclaration] = []
            let type =
                media.schema.map { usage($0, suggestedName: typePrefix + "Request", qualifier: nil, nested: &nested) }
                ?? .json
            let deepObjectFields = media.encoding.filter { $0.encoding.style == "deepObject" }.map(\.name)
            return model(
                .formURLEncoded(
                    FormBody(type: type, contentType: media.contentType, deepObjectFields: deepObjectFields)))
        }
        if let media = body.content.first {
            return model(.binary(contentType: media.contentType))
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
        guard
            let first = merged.properties.first(where: { merged.required.contains($0.name) })?.name
                ?? merged.required.sorted().first
        else { return false }
        diagnostics.warning(
            "the request body of \(display(operation)) is optional, but its schema requires '\(first)'; the "
                + "generated method requires the body",
            at: media.location)
        return true
    }

    /// The object schema behind a body, through references.
    func objectSchema(_ schema: Schema) -> Schema {
        var current = schema
        var seen = Set<SchemaKey>()
        while let key = current.reference, isPlainReference(current), seen.insert(key).inserted,
            let target = schemas[key]?.schema
        {
            current = target
        }
        return current
    }
}
