import SpecParser

/// How an operation's list is paged, as the spec declares it with
/// `x-pagination` or the generation config with `pagination:` (by
/// operationId), for the shapes the generator does not detect by itself:
///
/// ```yaml
/// x-pagination:
///   style: cursor          # cursor, startingAfter or link
///   items: results         # the body's list (default: its only array property)
///   cursor: next_page      # cursor: the body's property with the next cursor
///   parameter: page_token  # cursor, startingAfter: the query parameter that takes it
///   hasMore: more          # startingAfter: the boolean property (default has_more)
///   lastID: last_id        # startingAfter: the body's property with the last id
///                          #   (default: the last item's `id`)
/// ```
///
/// `x-pagination: false` turns detection off for the operation.
public struct PaginationRule: Sendable, Hashable {
    public enum Style: String, Sendable, Hashable, CaseIterable {
        case cursor, startingAfter, link
    }

    /// Nil when the rule turns pagination off.
    public var style: Style?
    public var items: String?
    public var cursor: String?
    public var parameter: String?
    public var hasMore: String?
    public var lastID: String?
    /// Where the rule is written, for the diagnostics of a rule that does
    /// not fit the operation.
    public var location: SourceLocation

    /// The rule a node holds, or nil with a message for each mistake
    /// (reported as an error by the config, as a warning by the spec).
    public static func read(_ node: YAMLNode, report: (String, SourceLocation) -> Void) -> PaginationRule? {
        if let scalar = node.scalar, case .bool(let on) = scalar.coreValue, !on {
            return PaginationRule(style: nil, location: node.location)
        }
        guard let pairs = node.mapping else {
            report("pagination must be a mapping with 'style' (or false), but it is \(node.kindName)", node.location)
            return nil
        }
        var rule = PaginationRule(style: nil, location: node.location)
        var hasStyle = false
        for pair in pairs {
            guard let key = pair.key.scalar?.text else { continue }
            guard let text = pair.value.scalar?.text, !text.isEmpty else {
                report("pagination's '\(key)' must be a name", pair.value.location)
                return nil
            }
            switch key {
            case "style":
                guard let style = Style(rawValue: text) else {
                    report(
                        "pagination style '\(text)' is not one of "
                            + Style.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "),
                        pair.value.location)
                    return nil
                }
                rule.style = style
                hasStyle = true
            case "items": rule.items = text
            case "cursor": rule.cursor = text
            case "parameter": rule.parameter = text
            case "hasMore": rule.hasMore = text
            case "lastID": rule.lastID = text
            default:
                report(
                    "unknown key '\(key)' in pagination; the keys are 'style', 'items', 'cursor', 'parameter', "
                        + "'hasMore' and 'lastID'",
                    pair.key.location)
                return nil
            }
        }
        guard hasStyle else {
            report("pagination needs a 'style': 'cursor', 'startingAfter' or 'link'", node.location)
            return nil
        }
        if rule.style == .cursor && (rule.cursor == nil || rule.parameter == nil) {
            report("a 'cursor' pagination needs 'cursor' (the body's property) and 'parameter'", node.location)
            return nil
        }
        return rule
    }
}
