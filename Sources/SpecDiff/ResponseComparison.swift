import SpecParser

/// Responses: statuses removed and added, their headers and their content.
extension ComparisonRun {
    func compareResponses(_ oldOperation: Operation, _ newOperation: Operation, operation: String, pointer: String) {
        // The same status first, then in any case (`2xx` is `2XX`).
        let pairs = pairOneToOne(
            oldOperation.responses, newOperation.responses,
            by: [
                PairingRule { $0.status },
                PairingRule { $0.status.uppercased() },
            ])
        let paired = Set(pairs.values)
        for (index, response) in oldOperation.responses.enumerated() where !paired.contains(index) {
            let success = response.isSuccess
            report(
                success ? .successResponseRemoved : .responseStatusRemoved, success ? .breaking : .warning,
                .response, operation: operation, pointer: pointer + "/" + response.status,
                old: response.location, new: newOperation.location,
                "the \(response.status) response was removed")
        }
        for (index, response) in newOperation.responses.enumerated() {
            let here = pointer + "/" + response.status
            guard let previous = pairs[index].map({ oldOperation.responses[$0] }) else {
                report(
                    .responseStatusAdded, response.isSuccess ? .warning : .info, .response, operation: operation,
                    pointer: here, old: oldOperation.location, new: response.location,
                    "a \(response.status) response was added")
                continue
            }
            if options.includeDocs {
                compareText(
                    previous.description, response.description, operation: operation, pointer: here + "/description",
                    old: previous.location, new: response.location)
            }
            compareHeaders(previous, response, operation: operation, pointer: here + "/headers")
            compareContent(
                previous.content, response.content, direction: .response, operation: operation,
                pointer: here + "/content", oldParent: previous.location, newParent: response.location,
                subject: "the \(response.status) response")
        }
    }

    /// Response headers: known by their name in any case (RFC 9110), as
    /// callers read them; each header's schema compared as a response value.
    func compareHeaders(_ oldResponse: Response, _ newResponse: Response, operation: String, pointer: String) {
        let pairs = pairOneToOne(
            oldResponse.headers, newResponse.headers,
            by: [
                PairingRule { $0.name },
                PairingRule { $0.name.lowercased() },
            ])
        let paired = Set(pairs.values)
        for (index, header) in oldResponse.headers.enumerated() where !paired.contains(index) {
            report(
                .responseHeaderRemoved, header.required ? .breaking : .warning, .response, operation: operation,
                pointer: pointer + "/" + JSONPointer.escape(header.name), old: header.location,
                new: newResponse.location,
                "the \(header.required ? "required" : "optional") header '\(header.name)' of the "
                    + "\(oldResponse.status) response was removed"
            )
        }
        for (index, header) in newResponse.headers.enumerated() {
            let here = pointer + "/" + JSONPointer.escape(header.name)
            guard let previous = pairs[index].map({ oldResponse.headers[$0] }) else {
                report(
                    .responseHeaderAdded, .info, .response, operation: operation, pointer: here,
                    old: oldResponse.location, new: header.location,
                    "the \(newResponse.status) response has a new \(header.required ? "required" : "optional") "
                        + "header '\(header.name)'"
                )
                continue
            }
            if previous.required && !header.required {
                report(
                    .responseHeaderBecameOptional, .breaking, .response, operation: operation, pointer: here,
                    old: previous.location, new: header.location,
                    "the header '\(header.name)' of the \(newResponse.status) response became optional")
            } else if !previous.required && header.required {
                report(
                    .responseHeaderBecameRequired, .info, .response, operation: operation, pointer: here,
                    old: previous.location, new: header.location,
                    "the header '\(header.name)' of the \(newResponse.status) response became required")
            }
            if let oldSchema = previous.schema, let newSchema = header.schema {
                compareSchema(
                    oldSchema, newSchema, direction: .response, operation: operation, pointer: here + "/schema",
                    subject: "header '\(header.name)'")
            }
        }
    }
}
