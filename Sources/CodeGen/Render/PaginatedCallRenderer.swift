/// The call that reads a paginated list as one sequence of its items
/// (`Paginated<Item, Cursor>`): each page is fetched only when the reader
/// needs it. Cursor-shaped lists fetch a page with the operation's own
/// call and its cursor argument; `Link`-header lists send the request to
/// the `rel="next"` target as it is.
extension OperationRenderer {
    func paginatedReturnType(_ pagination: PaginationModel) -> String {
        "Paginated<\(TypeSpelling.spell(pagination.itemType)), \(pagination.strategy == .nextLink ? "URL" : "String")>"
    }

    func renderPaginatedCall(
        _ operation: OperationModel, _ pagination: PaginationModel, into writer: inout SwiftWriter
    ) {
        let variant = operation.requestBody?.variants.first
        let arguments = arguments(operation, variant: variant)
        let argumentNames = Set(arguments.map(\.name))
        let names = Naming.uniqued(["pageCursor", "page"], taken: argumentNames)
        let (cursor, page) = (names[0], names[1])
        var extra = [heading(operation, ", every page of it.")]
        let parameterLines = parametersDocumentation(arguments)
        if !parameterLines.isEmpty { extra.append("") }
        extra.append(contentsOf: parameterLines)
        extra.append(
            "- Returns: The items of every page in order, as a sequence that fetches each page when the reader "
                + "needs its first item; `limited(pages:items:)` bounds it. \(howPagesAdvance(pagination)) A call "
                + "that fails ends the sequence with its error.")
        writer.documentation(operation.documentation, extra: extra)
        if operation.documentation.deprecated {
            writer.line(TypeRenderer.deprecatedAttribute)
        }
        let cursorType = pagination.strategy == .nextLink ? "URL" : "String"
        writer.block(
            "\(access)func \(Naming.escaped(pagination.methodName))", parameters: signature(arguments),
            suffix: " -> \(paginatedReturnType(pagination))"
        ) { w in
            let start = pagination.cursorParameter.map { "(startingAt: \(Naming.escaped($0)))" } ?? ""
            w.line("Paginated\(start) { [self] (\(cursor): \(cursorType)?) throws(\(options.errorName)) in")
            w.indented { w in
                if case .nextLink = pagination.strategy {
                    renderLinkedPage(operation, pagination, variant: variant, cursor: cursor, page: page, into: &w)
                } else {
                    let passed = arguments.map { argument in
                        let value = argument.name == pagination.cursorParameter ? cursor : Naming.escaped(argument.name)
                        return (argument.label == "_" ? "" : argument.label + ": ") + value
                    }
                    w.call("let \(page) = try await self.\(Naming.escaped(operation.name))", arguments: passed)
                    w.call(
                        "return Page",
                        arguments: ["items: \(items(pagination, of: page))", "next: \(next(pagination, of: page))"])
                }
            }
            w.line("}")
        }
    }

    /// How the documentation says the next page is found.
    private func howPagesAdvance(_ pagination: PaginationModel) -> String {
        switch pagination.strategy {
        case .startingAfter(let hasMore, _):
            "While `\(hasMore.name)` is true, the next page starts after the last item."
        case .cursor(let property):
            "The next page starts at `\(property.name)`; the last page has none."
        case .nextLink:
            "The next page is the `rel=\"next\"` link of the `Link` header; the last page has none."
        }
    }

    /// The expression of a page's items.
    private func items(_ pagination: PaginationModel, of page: String) -> String {
        guard let property = pagination.itemsProperty else { return page }
        let read = "\(page).\(Naming.escaped(property.name))"
        return property.isOptional ? "(\(read) ?? [])" : read
    }

    /// The expression of the next page's cursor.
    private func next(_ pagination: PaginationModel, of page: String) -> String {
        switch pagination.strategy {
        case .startingAfter(let hasMore, let lastID):
            let more = "\(page).\(Naming.escaped(hasMore.name))" + (hasMore.isOptional ? " == true" : "")
            let last =
                switch lastID {
                case .page(let property): "\(page).\(Naming.escaped(property.name))"
                case .item(let property): "\(items(pagination, of: page)).last?.\(Naming.escaped(property.name))"
                }
            return "PageAdvance.startingAfter(hasMore: \(more), lastID: \(last))"
        case .cursor(let property):
            return "PageAdvance.cursor(\(page).\(Naming.escaped(property.name)))"
        case .nextLink:
            return "nil"
        }
    }

    /// A page of a `Link`-header list: the first at the operation's URL,
    /// each next one at the link's, with the same headers and credentials.
    private func renderLinkedPage(
        _ operation: OperationModel, _ pagination: PaginationModel, variant: RequestVariant?, cursor: String,
        page: String, into writer: inout SwiftWriter
    ) {
        renderRequest(operation, variant: variant, streamFlag: false, mutable: true, into: &writer)
        writer.line("if let \(cursor) { builder.target(\(cursor)) }")
        writer.line("let response = try await self.send(builder)")
        let outcomes = operation.responses.filter { $0.status.isSuccess || $0.status.isRedirection }
        writer.block("guard \(outcomeCondition(outcomes)) else") { w in
            renderThrow(operation, into: &w)
        }
        renderMediaTypeCheck(outcomes.first, into: &writer)
        guard case .body(let body) = operation.output else { return }
        writer.line("let \(page) = \(readExpression(body))")
        writer.call(
            "return Page",
            arguments: ["items: \(items(pagination, of: page))", "next: self.nextPageLink(response)"])
    }
}
