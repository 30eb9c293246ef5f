import SpecParser

/// Pagination: an operation whose answer is one page of a list gets a call
/// that returns the list's items as one sequence. Three shapes are
/// unambiguous enough to detect on GET operations: Stripe's (`has_more`,
/// a list, and `starting_after` or `after` to send the last id back), a
/// cursor property (`next_cursor`, `next_page_token`) with its parameter
/// (`cursor`, `page_token`), and a documented `Link` header beside a list.
/// `x-pagination` or the generation config declares the others, or turns
/// detection off.
extension TranslationContext {
    /// The response properties that hold the next page's cursor, each with
    /// the query parameters that take it back.
    private static let cursorPairs: [(property: String, parameters: [String])] = [
        ("next_cursor", ["cursor", "next_cursor"]), ("nextCursor", ["cursor", "nextCursor"]),
        ("next_page_token", ["page_token", "next_page_token"]), ("nextPageToken", ["pageToken", "nextPageToken"]),
        ("next_token", ["next_token", "token"]), ("nextToken", ["nextToken", "token"]),
    ]
    /// The query parameters that take the last id of a Stripe-shaped page.
    private static let afterParameters = ["starting_after", "after", "after_id"]

    func paginate(_ operations: inout [OperationModel]) {
        var configured = options.pagination
        for index in operations.indices {
            let spec = specOperations[index]
            var rule: PaginationRule?
            var source = PaginationModel.Source.detected
            if let chosen = configured.removeValue(forKey: operations[index].operationId) {
                rule = chosen
                source = .config
            } else if let node = spec.extensions["x-pagination"] {
                rule = PaginationRule.read(node) { message, location in
                    diagnostics.warning("x-pagination: \(message); it is ignored", at: location)
                }
                source = .specExtension
                if rule == nil { continue }
            }
            if let rule {
                guard rule.style != nil else { continue }
                if let model = declaredPagination(rule, operations[index], source: source) {
                    operations[index].pagination = model
                } else {
                    diagnostics.warning(
                        "the pagination declared for \(display(spec)) does not fit its parameters and answer; the "
                            + "operation gets no paginated call",
                        at: rule.location)
                }
            } else if spec.method == .get {
                operations[index].pagination = detectedPagination(operations[index])
            }
        }
        for (operationId, rule) in configured.sorted(by: { $0.key < $1.key }) {
            diagnostics.warning(
                "the generation config declares pagination for '\(operationId)', which no operation has",
                at: rule.location)
        }
    }

    /// The names of the calls the translator adds beside the operations'
    /// own (`…Stream`, `…Paginated`), unique among all methods.
    func nameAddedCalls(_ operations: inout [OperationModel]) {
        var taken = Set(operations.map(\.name))
        taken.formUnion(["configuration", "transport", "send"])
        for index in operations.indices {
            if let stream = operations[index].eventStream {
                let name =
                    stream.hasBufferedCall
                    ? Naming.unique(stream.methodName) { taken.contains($0) } : stream.methodName
                taken.insert(name)
                operations[index].eventStream?.methodName = name
            }
            if operations[index].pagination != nil {
                let name = Naming.unique(operations[index].name + "Paginated") { taken.contains($0) }
                taken.insert(name)
                operations[index].pagination?.methodName = name
            }
        }
    }

    // MARK: - Shapes

    /// The page's type, when the call returns one JSON body: its struct, or
    /// the item type of a body that is a list itself.
    private enum PageShape {
        case structure(StructDeclaration)
        case list(TypeUsage)
    }

    private func pageShape(_ operation: OperationModel) -> PageShape? {
        guard operation.hasBufferedCall, case .body(.json(let type)) = operation.output else { return nil }
        switch resolvedAlias(type) {
        case .array(let item): return .list(item)
        case .named(let name):
            if case .structure(let structure)? = declarationIndex[name] { return .structure(structure) }
            return nil
        default: return nil
        }
    }

    /// A readable property of the page (not deprecated, not write-only).
    /// The property sent back as `wire` whose type is `type` once aliases
    /// are followed (text for a cursor or an id, a boolean for `has_more`);
    /// nil when there is none, or it is deprecated or only sent.
    private func property(_ structure: StructDeclaration, wire: String, of type: TypeUsage) -> PropertyModel? {
        structure.properties.first {
            $0.wireName == wire && !$0.documentation.deprecated && $0.direction != .writeOnly
                && resolvedAlias($0.type) == type
        }
    }

    private func path(_ property: PropertyModel) -> PropertyPath {
        PropertyPath(name: property.name, isOptional: property.isOptional)
    }

    /// The list property: the one named, or the only array property.
    private func itemsProperty(_ structure: StructDeclaration, named: String?) -> (PropertyModel, TypeUsage)? {
        let lists = structure.properties.compactMap { property -> (PropertyModel, TypeUsage)? in
            guard !property.documentation.deprecated, property.direction != .writeOnly,
                case .array(let item) = resolvedAlias(property.type)
            else { return nil }
            return (property, item)
        }
        if let named { return lists.first { $0.0.wireName == named } }
        if let data = lists.first(where: { $0.0.wireName == "data" }) { return data }
        return lists.count == 1 ? lists[0] : nil
    }

    /// An optional query parameter of text that takes the cursor.
    private func cursorParameter(_ operation: OperationModel, wire: [String]) -> ParameterModel? {
        operation.parameters.first {
            $0.location == .query && wire.contains($0.wireName) && !$0.isRequired && resolvedAlias($0.type) == .string
        }
    }

    /// The `id` of a list item, as Stripe's lists send it back.
    private func itemID(_ item: TypeUsage) -> PropertyPath? {
        guard case .named(let name) = resolvedAlias(item), case .structure(let structure)? = declarationIndex[name],
            let id = property(structure, wire: "id", of: .string)
        else { return nil }
        return path(id)
    }

    private func hasLinkHeader(_ operation: OperationModel) -> Bool {
        operation.responses.contains { response in
            response.status.isSuccess && response.headers.contains { $0.wireName.lowercased() == "link" }
        }
    }

    private func detectedPagination(_ operation: OperationModel) -> PaginationModel? {
        guard let shape = pageShape(operation) else { return nil }
        switch shape {
        case .list(let item):
            guard hasLinkHeader(operation) else { return nil }
            return PaginationModel(
                methodName: "", strategy: .nextLink, itemType: item, itemsProperty: nil, cursorParameter: nil,
                source: .detected)
        case .structure(let page):
            if let hasMore = property(page, wire: "has_more", of: .bool),
                let (items, item) = itemsProperty(page, named: nil),
                let parameter = cursorParameter(operation, wire: Self.afterParameters)
            {
                let lastID =
                    property(page, wire: "last_id", of: .string).map { PaginationModel.LastID.page(path($0)) }
                    ?? itemID(item).map { .item($0) }
                guard let lastID else { return nil }
                return PaginationModel(
                    methodName: "", strategy: .startingAfter(hasMore: path(hasMore), lastID: lastID),
                    itemType: item, itemsProperty: path(items), cursorParameter: parameter.name, source: .detected)
            }
            for pair in Self.cursorPairs {
                guard let cursor = property(page, wire: pair.property, of: .string),
                    let parameter = cursorParameter(operation, wire: pair.parameters),
                    let (items, item) = itemsProperty(page, named: nil)
                else { continue }
                return PaginationModel(
                    methodName: "", strategy: .cursor(path(cursor)), itemType: item, itemsProperty: path(items),
                    cursorParameter: parameter.name, source: .detected)
            }
            if hasLinkHeader(operation), let (items, item) = itemsProperty(page, named: nil) {
                return PaginationModel(
                    methodName: "", strategy: .nextLink, itemType: item, itemsProperty: path(items),
                    cursorParameter: nil, source: .detected)
            }
            return nil
        }
    }

    private func declaredPagination(
        _ rule: PaginationRule, _ operation: OperationModel, source: PaginationModel.Source
    ) -> PaginationModel? {
        guard let style = rule.style, let shape = pageShape(operation) else { return nil }
        let items: (property: PropertyPath?, item: TypeUsage)
        let page: StructDeclaration?
        switch shape {
        case .list(let item):
            guard rule.items == nil else { return nil }
            items = (nil, item)
            page = nil
        case .structure(let structure):
            guard let (property, item) = itemsProperty(structure, named: rule.items) else { return nil }
            items = (path(property), item)
            page = structure
        }
        let strategy: PaginationModel.Strategy
        var parameter: ParameterModel?
        switch style {
        case .link:
            strategy = .nextLink
        case .cursor:
            guard let page, let wire = rule.cursor, let cursor = property(page, wire: wire, of: .string) else {
                return nil
            }
            parameter = cursorParameter(operation, wire: [rule.parameter ?? ""])
            strategy = .cursor(path(cursor))
        case .startingAfter:
            guard let page, let hasMore = property(page, wire: rule.hasMore ?? "has_more", of: .bool) else {
                return nil
            }
            parameter = cursorParameter(operation, wire: rule.parameter.map { [$0] } ?? Self.afterParameters)
            let lastID: PaginationModel.LastID
            if let wire = rule.lastID {
                guard let last = property(page, wire: wire, of: .string) else { return nil }
                lastID = .page(path(last))
            } else {
                guard let id = itemID(items.item) else { return nil }
                lastID = .item(id)
            }
            strategy = .startingAfter(hasMore: path(hasMore), lastID: lastID)
        }
        if style != .link && parameter == nil { return nil }
        return PaginationModel(
            methodName: "", strategy: strategy, itemType: items.item, itemsProperty: items.property,
            cursorParameter: parameter?.name, source: source)
    }
}
