import SpecParser

/// Names for component schemas whose names a tool made rather than a
/// person: a JSON pointer written as one word
/// (`V1IdeogramV3GenerateTransparentPostRequestBodyContentMultipartFormDataSchemaRenderingSpeed`,
/// `ModelsGetParametersScope`), or a version in front (`V1EditImagesResponse`).
///
/// A schema that is one property of one operation's multipart body is
/// nested in that body's request type (`GenerateImageV3TransparentRequest.RenderingSpeed`),
/// or is the schema of that name when it has the same values; one that is
/// a parameter's is named after its resource (`ModelScope`); a leading
/// version moves to the end (`EditImagesResponseV1`), as in `ImageRequestV3`.
extension TranslationContext {
    /// Where a schema's type goes.
    struct PlacedName {
        /// The name to refer to it by (`Outer.Inner` when nested).
        var qualified: String
        /// The request type it is declared in; nil for a top-level type.
        var owner: String?
        /// True when it is another schema's type, with the same values, and
        /// needs no declaration of its own.
        var reusesAnother: Bool = false

        /// The name it is declared with.
        var simple: String { owner.map { String(qualified.dropFirst($0.count + 1)) } ?? qualified }
    }

    private static let methodWords: Set<String> = ["get", "post", "put", "patch", "delete", "head", "options"]

    /// The readable name of each schema whose own name is machine-made;
    /// `operationNames` are the operations' method names, in document order.
    func readableSchemaNames(operationNames: [String]) -> [SchemaKey: PlacedName] {
        var placed: [SchemaKey: PlacedName] = [:]
        let componentNames = Set(document.schemas.map(\.name))
        for named in document.schemas where options.names.types[named.name] == nil {
            let words = Naming.words(named.name)
            if let method = words.firstIndex(where: { Self.methodWords.contains($0.lowercased()) }),
                method + 1 < words.count
            {
                let after = words[(method + 1)...].map { $0.lowercased() }
                if after.starts(with: ["request", "body", "content"]),
                    let schema = words.lastIndex(where: { $0.lowercased() == "schema" }),
                    schema > method, schema + 1 < words.count
                {
                    let property = Naming.type(words[(schema + 1)...].joined(separator: " "), reserved: [])
                    if let name = bodyPropertyName(
                        named, property: property, operationNames: operationNames, componentNames: componentNames)
                    {
                        placed[named.key] = name
                    }
                    continue
                }
                if after.first == "parameters", method > 0, method + 2 < words.count {
                    let resource = words[..<method].joined(separator: " ")
                    let parameter = words[(method + 2)...].joined(separator: " ")
                    placed[named.key] = PlacedName(
                        qualified: Naming.type((Naming.singular(resource) ?? resource) + " " + parameter, reserved: []),
                        owner: nil)
                    continue
                }
            }
            // `V1EditImageObject` → `EditImageObjectV1`.
            let versionLast = Naming.versionLast(words)
            if versionLast != words {
                placed[named.key] = PlacedName(
                    qualified: Naming.type(versionLast.joined(separator: " "), reserved: []), owner: nil)
            }
        }
        return placed
    }

    /// The schema of a property of one operation's body: the schema named
    /// like the property when its values are the same; nested in the
    /// operation's multipart request type when only that body uses it;
    /// else the operation's name and the property's (`GenerateImageV3TransparentRenderingSpeed`).
    private func bodyPropertyName(
        _ named: NamedSchema, property: String, operationNames: [String],
        componentNames: Set<String>
    ) -> PlacedName? {
        if let twin = document.schemas.first(where: { $0.name == property && $0.key != named.key }),
            let values = named.schema.enumValues, !values.isEmpty, twin.schema.enumValues == values
        {
            return PlacedName(qualified: property, owner: nil, reusesAnother: true)
        }
        let users = specOperations.indices.filter { index in
            guard let body = specOperations[index].requestBody else { return false }
            return body.content.contains { media in
                guard let schema = media.schema else { return false }
                return schema.mergedObject(in: schemas).properties.contains { $0.schema.reference == named.key }
            }
        }
        guard users.count == 1, let index = users.first else { return nil }
        let operationType = Naming.type(operationNames[index], reserved: reserved)
        let isMultipart =
            specOperations[index].requestBody?.content.first.map {
                MediaType.essence(of: $0.contentType) == "multipart/form-data"
            } ?? false
        let requestType = operationType + "Request"
        if isMultipart, !componentNames.contains(requestType), !reserved.contains(requestType), property != requestType
        {
            return PlacedName(qualified: requestType + "." + property, owner: requestType)
        }
        return PlacedName(qualified: operationType + property, owner: nil)
    }
}
