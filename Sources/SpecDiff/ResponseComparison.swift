import SpecParser

/// Responses: statuses removed and added, and their content.
extension ComparisonRun {
    func compareResponses(_ oldOperation: Operation, _ newOperation: Operation, operation: String, pointer: String) {
        // The same status first, then in any case (`2xx` is `2XX`).
        let pairs = pairOneToOne(oldOperation.responses, newOperation.responses, by: [
            PairingRule { $0.status },
            PairingRule { $0.status.uppercased() },
        ])
        let paired = Set(pairs.values)
        for (index, response) in oldOperation.responses.enumerated() where !paired.contains(index) {
            let success = response.isSuccess
            report(success ? .successResponseRemoved : .responseStatusRemoved, success ? .breaking : .warning,
                   .response, operation: operation, pointer: pointer + "/" + response.status,
                   old: response.location, new: newOperation.location,
                   "the \(response.status) response was removed")
        }
        for (index, response) in newOperation.responses.enumerated() {
            let here = pointer + "/" + response.status
            guard let previous = pairs[index].map({ oldOperation.responses[$0] }) else {
                report(.responseStatusAdded, response.isSuccess ? .warning : .info, .response, operation: operation,
                       pointer: here, old: oldOperation.location, new: response.location,
                       "a \(response.status) response was added")
                continue
            }
            if options.includeDocs {
                compareText(previous.description, response.description, operation: operation, pointer: here + "/description",
                            old: previous.location, new: response.location)
            }
            compareContent(previous.content, response.content, direction: .response, operation: operation,
                           pointer: here + "/content", oldParent: previous.location, newParent: response.location,
                           subject: "the \(response.status) response")
        }
    }
}
