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

    /// The JSON body's `stream` property, when it is a plain boolean the
    /// caller may set (not read-only, not deprecated).
    private func streamFlag(_ body: RequestBodyModel?) -> StreamFlag? {
        guard let body, case .json(let json)? = body.variants.first?.content,
            case .named(let name) = json.type, case .structure(let structure)? = declarationIndex[name],
            let property = structure.properties.first(where: { $0.wireName == "stream" }),
            resolvedAlias(property.type) == .bool, property.direction != .readOnly,
            !property.documentation.deprecated
        else { return nil }
        return StreamFlag(propertyName: property.name, bodyIsOptional: !body.isRequired)
    }
}
