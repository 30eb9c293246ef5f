import SpecParser

/// The part of the document a selection of operations needs: those
/// operations, and the schemas their parameters, bodies, responses and
/// headers reach, through every reference.
extension OpenAPIDocument {
    func selecting(_ selection: OperationSelection, diagnostics: inout Diagnostics) -> OpenAPIDocument {
        guard !selection.isEmpty else { return self }
        var used = Set<OperationSelection.Entry>()
        var document = self
        document.paths = paths.compactMap { item in
            var item = item
            item.operations = item.operations.filter { operation in
                let entries = selection.matchingEntries(operation)
                used.formUnion(entries)
                return !entries.isEmpty
            }
            return item.operations.isEmpty ? nil : item
        }
        for entry in selection.operationIds + selection.tags + selection.paths where !used.contains(entry) {
            diagnostics.warning(
                "the selection '\(entry.value)' matches no operation of the spec", at: entry.location ?? location)
        }
        let reachable = reachableSchemaKeys(from: document.operations)
        document.schemas = schemas.filter { reachable.contains($0.key) }
        return document
    }

    /// Every schema key the operations refer to, directly or through other schemas.
    private func reachableSchemaKeys(from operations: [Operation]) -> Set<SchemaKey> {
        let table = schemaTable()
        var found = Set<SchemaKey>()
        var pending: [Schema] = []
        for operation in operations {
            for parameter in operation.parameters {
                pending += [parameter.schema].compactMap { $0 } + parameter.content.compactMap(\.schema)
            }
            pending += operation.requestBody?.content.compactMap(\.schema) ?? []
            for response in operation.responses {
                pending += response.content.compactMap(\.schema) + response.headers.compactMap(\.schema)
            }
        }
        while let schema = pending.popLast() {
            if let key = schema.reference, found.insert(key).inserted, let target = table[key] {
                pending.append(target.schema)
            }
            for mapping in schema.discriminator?.mapping ?? [] where found.insert(mapping.target).inserted {
                if let target = table[mapping.target] { pending.append(target.schema) }
            }
            pending += schema.properties.map(\.schema) + schema.allOf + schema.oneOf + schema.anyOf
            if let items = schema.items { pending.append(items.value) }
            if let not = schema.not { pending.append(not.value) }
            if case .schema(let values)? = schema.additionalProperties { pending.append(values.value) }
        }
        return found
    }
}
