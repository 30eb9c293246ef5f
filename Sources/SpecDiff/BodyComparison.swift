import SpecParser

/// Request bodies and the media types of any content, request or response.
extension ComparisonRun {
    func compareRequestBodies(
        _ oldBody: RequestBody?, _ newBody: RequestBody?, operation: String, pointer: String,
        oldParent: SourceLocation, newParent: SourceLocation
    ) {
        switch (oldBody, newBody) {
        case (nil, nil):
            return
        case (let previous?, nil):
            report(
                .requestBodyRemoved, .breaking, .request, operation: operation, pointer: pointer,
                old: previous.location, new: newParent, "the request body was removed")
        case (nil, let body?):
            report(
                .requestBodyAdded, body.required ? .breaking : .info, .request, operation: operation, pointer: pointer,
                old: oldParent, new: body.location,
                "a\(body.required ? " required" : "n optional") request body was added")
        case (let previous?, let body?):
            if !previous.required && body.required {
                report(
                    .requestBodyBecameRequired, .breaking, .request, operation: operation,
                    pointer: pointer + "/required",
                    old: previous.location, new: body.location, "the request body became required")
            } else if previous.required && !body.required {
                report(
                    .requestBodyBecameOptional, .info, .request, operation: operation, pointer: pointer + "/required",
                    old: previous.location, new: body.location, "the request body became optional")
            }
            if options.includeDocs {
                compareText(
                    previous.description, body.description, operation: operation, pointer: pointer + "/description",
                    old: previous.location, new: body.location)
            }
            compareContent(
                previous.content, body.content, direction: .request, operation: operation,
                pointer: pointer + "/content", oldParent: previous.location, newParent: body.location,
                subject: "the request body")
        }
    }

    func compareContent(
        _ oldContent: [MediaType], _ newContent: [MediaType], direction: SpecChange.Direction,
        operation: String, pointer: String, oldParent: SourceLocation, newParent: SourceLocation,
        subject: String
    ) {
        // The same media type first, then the same without its parameters
        // (`application/json; charset=utf-8` is `application/json`).
        let pairs = pairOneToOne(
            oldContent, newContent,
            by: [
                PairingRule { $0.contentType },
                PairingRule { MediaType.essence(of: $0.contentType) },
            ])
        let paired = Set(pairs.values)
        for (index, media) in oldContent.enumerated() where !paired.contains(index) {
            report(
                direction == .response ? .responseMediaTypeRemoved : .requestMediaTypeRemoved, .breaking, direction,
                operation: operation, pointer: pointer + "/" + JSONPointer.escape(media.contentType),
                old: media.location, new: newParent, "\(subject) no longer accepts \(media.contentType)")
        }
        for (index, media) in newContent.enumerated() {
            let here = pointer + "/" + JSONPointer.escape(media.contentType)
            guard let previous = pairs[index].map({ oldContent[$0] }) else {
                report(
                    direction == .response ? .responseMediaTypeAdded : .requestMediaTypeAdded,
                    direction == .response ? .warning : .info, direction,
                    operation: operation, pointer: here, old: oldParent, new: media.location,
                    "\(subject) now also comes as \(media.contentType)")
                continue
            }
            if let oldSchema = previous.schema, let newSchema = media.schema {
                compareSchema(
                    oldSchema, newSchema, direction: direction, operation: operation, pointer: here + "/schema",
                    subject: subject)
            }
        }
    }
}
