import SpecParser

/// Streams: a success answer documented as `text/event-stream`, JSON Lines
/// or a JSON text sequence gets a call that returns its events as they
/// arrive. The event type is the media type's schema; a union chosen by a
/// discriminator also maps each `event:` name that is one of its tags to
/// that case. The request body's boolean `stream` property, when there is
/// one, is the switch between the two calls.
extension TranslationContext {
    /// The format of a streaming media type; nil for any other.
    static func streamFormat(_ contentType: String) -> EventStreamModel.Format? {
        switch MediaType.essence(of: contentType) {
        case "text/event-stream": .serverSentEvents
        case "application/jsonl", "application/x-ndjson", "application/x-jsonl", "application/x-jsonlines",
            "application/jsonlines":
            .jsonLines
        case "application/json-seq": .jsonSequence
        default: nil
        }
    }

    func translateStream(
        _ stream: (media: MediaType, hasOtherContent: Bool), name: String, typePrefix: String,
        requestBody: RequestBodyModel?
    ) -> EventStreamModel? {
        guard let format = Self.streamFormat(stream.media.contentType) else { return nil }
        var nested: [TypeDeclaration] = []
        let type = stream.media.schema.map {
            usage($0, suggestedName: typePrefix + "Event", qualifier: nil, nested: &nested)
        }
        let event: EventStreamModel.Event
        switch type.map(resolvedAlias) {
        case .file?, .base64?:
            // Bytes: a line format's lines are JSON, of the type Anthropic's
            // `x-line-schema` names when it does; server-sent events come as they are.
            if format == .serverSentEvents {
                event = .raw
            } else {
                event = .json(stream.media.schema.flatMap(lineSchema) ?? .json, named: [])
            }
        case nil where format == .serverSentEvents, .string?:
            // No schema, or text: the events as they came.
            event = .raw
        case nil:
            event = .json(.json, named: [])
        case let type?:
            event = .json(type, named: format == .serverSentEvents ? namedEvents(type) : [])
        }
        var isJSON = false
        if case .json = event { isJSON = true }
        return EventStreamModel(
            methodName: stream.hasOtherContent ? name + "Stream" : name, format: format,
            mediaType: stream.media.contentType, event: event,
            endMarker: format == .serverSentEvents && isJSON ? "[DONE]" : nil,
            hasBufferedCall: stream.hasOtherContent, streamFlag: streamFlag(requestBody))
    }

    /// The type of each line, as `x-line-schema` (a `$ref` into the same
    /// document) gives it on a binary schema.
    private func lineSchema(_ schema: Schema) -> TypeUsage? {
        guard let node = schema.extensions["x-line-schema"] else { return nil }
        guard let reference = node["$ref"]?.scalar?.text, reference.hasPrefix("#"),
            let key = schemas.keys.first(where: { $0.pointer == String(reference.dropFirst()) }),
            case .named(let name) = usage(ofReference: key)
        else {
            diagnostics.warning(
                "x-line-schema must be a $ref to a schema of this document; the lines are read as any JSON",
                at: node.location)
            return nil
        }
        return .named(name)
    }

    /// The cases of a discriminated union that an `event:` name selects.
    private func namedEvents(_ type: TypeUsage) -> [NamedEvent] {
        guard case .named(let name) = type, case .union(let union)? = declarationIndex[name],
            union.discriminator != nil
        else { return [] }
        var result: [NamedEvent] = []
        for variant in union.variants {
            for tag in variant.discriminatorValues where !result.contains(where: { $0.eventName == tag }) {
                result.append(NamedEvent(eventName: tag, caseName: variant.caseName, type: variant.type))
            }
        }
        return result
    }

    /// The body's `stream` property (of a JSON body) or field (of a
    /// multipart one), when it is a plain boolean the caller may set (not
    /// read-only, not deprecated).
    private func streamFlag(_ body: RequestBodyModel?) -> StreamFlag? {
        if let body, case .multipart(let form)? = body.variants.first?.content {
            // A multipart request type is always passed, so never optional.
            guard let field = form.fields.first(where: { $0.wireName == "stream" }),
                resolvedAlias(field.type) == .bool, field.encoding == .text, !field.documentation.deprecated
            else { return nil }
            return StreamFlag(propertyName: field.name, bodyIsOptional: false)
        }
        guard let body, case .json(let json)? = body.variants.first?.content,
            case .named(let name) = json.type, case .structure(let structure)? = declarationIndex[name],
            let property = structure.properties.first(where: { $0.wireName == "stream" }),
            resolvedAlias(property.type) == .bool, property.direction != .readOnly,
            !property.documentation.deprecated
        else { return nil }
        return StreamFlag(propertyName: property.name, bodyIsOptional: !body.isRequired)
    }
}
