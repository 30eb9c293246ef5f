import SpecParser

/// Request bodies: the media type a call sends, and whether it must.
extension TranslationContext {
    /// The body in each media type the client can send, JSON first, then
    /// multipart, form and raw bytes: the first is the call's argument,
    /// each other one a call of its own with a label (`multipart:`). A
    /// media type beyond those (a second JSON type, a second binary type)
    /// is left out with a located warning.
    func translateBody(_ body: RequestBody, operation: Operation, typePrefix: String) -> RequestBodyModel? {
        var variants: [RequestVariant] = []
        var isRequired = body.required
        var used: Set<Int> = []
        func first(_ matches: (String) -> Bool) -> (index: Int, media: MediaType)? {
            guard let index = body.content.firstIndex(where: { matches(MediaType.essence(of: $0.contentType)) })
            else { return nil }
            used.insert(index)
            return (index, body.content[index])
        }
        func typeName(_ kind: String) -> String { typePrefix + (variants.isEmpty ? "" : kind) + "Request" }
        if let (_, media) = first(isJSON) {
            var nested: [TypeDeclaration] = []
            let type =
                media.schema.map { usage($0, suggestedName: typeName("JSON"), qualifier: nil, nested: &nested) }
                ?? .json
            isRequired = bodyIsRequired(body, media: media, operation: operation)
            variants.append(
                RequestVariant(content: .json(JSONBody(type: type, contentType: media.contentType)), label: nil))
        }
        if let (_, media) = first({ $0 == "multipart/form-data" }) {
            let multipart = multipartBody(media, body: body, operation: operation, typeName: typeName("Multipart"))
            variants.append(RequestVariant(content: .multipart(multipart), label: variants.isEmpty ? nil : "multipart"))
        }
        if let (_, media) = first({ $0 == "application/x-www-form-urlencoded" }) {
            var nested: [TypeDeclaration] = []
            let type =
                media.schema.map { usage($0, suggestedName: typeName("Form"), qualifier: nil, nested: &nested) }
                ?? .json
            let deepObjectFields = media.encoding.filter { $0.encoding.style == "deepObject" }.map(\.name)
            let form = FormBody(type: type, contentType: media.contentType, deepObjectFields: deepObjectFields)
            variants.append(RequestVariant(content: .formURLEncoded(form), label: variants.isEmpty ? nil : "form"))
        }
        if let (_, media) = first({
            !isJSON($0) && !$0.hasPrefix("multipart/") && $0 != "application/x-www-form-urlencoded"
        }) {
            let label = variants.isEmpty ? nil : "data"
            variants.append(RequestVariant(content: .binary(contentType: media.contentType), label: label))
            let essence = MediaType.essence(of: media.contentType)
            if !essence.hasPrefix("text/") {
                // The same bytes read from a file as they are sent, in flat memory; a generic
                // type says nothing the file's own type does not say better.
                let generic = essence.contains("*") || essence == "application/octet-stream"
                variants.append(
                    RequestVariant(content: .file(contentType: generic ? nil : media.contentType), label: label))
            }
        }
        for (index, media) in body.content.enumerated() where !used.contains(index) {
            diagnostics.warning(
                "the request body of \(display(operation)) in '\(media.contentType)' is not generated: the client "
                    + "already sends this kind of body in another media type",
                at: media.location)
        }
        guard !variants.isEmpty else { return nil }
        return RequestBodyModel(
            isRequired: isRequired, documentation: Documentation(details: body.description),
            variants: variants)
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
