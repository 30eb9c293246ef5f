/// A list read page by page: the call the translator adds, beside the
/// operation's own, that returns its items as one sequence
/// (`Paginated<Item, Cursor>`), fetching the next page only when the
/// reader needs it.
public struct PaginationModel: Sendable {
    /// How a page says where the next one starts.
    public enum Strategy: Sendable, Hashable {
        /// Stripe's lists: while the boolean property `hasMore` is true, the
        /// next page starts after the last item, whose id the next call
        /// sends in the cursor parameter (`starting_after`).
        case startingAfter(hasMore: PropertyPath, lastID: LastID)
        /// A cursor property of the body (`next_cursor`, `next_page_token`),
        /// sent back in the cursor parameter; nil or empty on the last page.
        case cursor(PropertyPath)
        /// The `Link` header's `rel="next"` target (RFC 8288), called as it is.
        case nextLink
    }

    /// Where the last item's id is: the page says it (OpenAI's and
    /// Anthropic's `last_id`), or it is the last item's `id` (Stripe's).
    public enum LastID: Sendable, Hashable {
        case page(PropertyPath)
        case item(PropertyPath)
    }

    /// The call's Swift name: the operation's name + `Paginated`.
    public var methodName: String
    public var strategy: Strategy
    /// The type of an item.
    public var itemType: TypeUsage
    /// The body's property that holds the items; nil when the body is the
    /// list itself (an array).
    public var itemsProperty: PropertyPath?
    /// The Swift name of the parameter that carries the cursor (nil for
    /// `nextLink`): the call passes each page's cursor there, and the
    /// caller's value starts the list.
    public var cursorParameter: String?
    /// Where the rule came from, for the documentation: detected from the
    /// shape, or declared with `x-pagination` or in the generation config.
    public var source: Source

    public enum Source: String, Sendable, Hashable {
        case detected, specExtension, config
    }
}

/// A property a generated call reads, by its Swift name, and whether the
/// property is optional (so read through `?` or `??`).
public struct PropertyPath: Sendable, Hashable {
    public var name: String
    public var isOptional: Bool

    public init(name: String, isOptional: Bool) {
        self.name = name
        self.isOptional = isOptional
    }
}
