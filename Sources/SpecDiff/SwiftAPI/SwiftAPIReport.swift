import SpecParser

/// The "Swift API" section of a review, in each format: what the changes do
/// to the generated client module's public declarations and the version bump
/// that follows. Each report calls the function of its format; a review
/// without the section (``DiffOutcome/swiftAPI`` nil) renders as before.
enum SwiftAPIReport {
    /// The spec changes of the review by id, reported or accepted, to name the rule an effect comes from.
    private static func changesByID(_ outcome: DiffOutcome) -> [String: SpecChange] {
        var result: [String: SpecChange] = [:]
        for change in outcome.changes + outcome.accepted.map(\.change) { result[change.fingerprint] = change }
        return result
    }

    /// `rule id` for each linked change that the review holds.
    private static func sources(_ effect: SwiftAPIEffect, in changes: [String: SpecChange]) -> [String] {
        effect.changes.map { id in changes[id].map { "\($0.rule) \(id)" } ?? id }
    }

    /// The changes without a Swift effect that the review reports or accepted.
    private static func withoutEffect(_ review: SwiftAPIReview, _ outcome: DiffOutcome) -> [SpecChange] {
        let byID = changesByID(outcome)
        return review.changesWithoutEffect.compactMap { byID[$0] }
    }

    /// `Swift API: major (2 source-breaking effects); 2 major, 1 minor, 0 patch`.
    static func summary(_ review: SwiftAPIReview) -> String {
        if let reason = review.unavailable { return "Swift API: not compared: \(reason)" }
        return "Swift API: \(review.verdict); \(review.counts)"
    }

    // MARK: - text

    /// `--format text`: each effect with its declarations and the changes it
    /// comes from (once for consecutive effects on the same declaration),
    /// the changes with no effect, then the bump.
    static func text(_ review: SwiftAPIReview, _ outcome: DiffOutcome) -> [String] {
        guard review.unavailable == nil else { return [summary(review)] }
        var lines: [String] = []
        let byID = changesByID(outcome)
        if !review.effects.isEmpty {
            lines.append("Swift API of the generated module (\(review.clientName)):")
            var previous: SwiftAPIEffect?
            for effect in review.effects {
                lines.append(
                    "  \(padded(effect.bump.rawValue, to: 5)) \(padded(effect.kind.rawValue, to: 19)) \(effect.message)"
                )
                // Effects on one declaration (each argument of an initializer) show it, and their sources, once.
                let sameDeclaration = previous.map { $0.old == effect.old && $0.new == effect.new } ?? false
                let sameSources = previous.map { $0.changes == effect.changes } ?? false
                previous = effect
                if !sameDeclaration {
                    if let old = effect.old { lines.append("           was  \(old)") }
                    if let new = effect.new { lines.append("           now  \(new)") }
                }
                let from = sources(effect, in: byID)
                if !from.isEmpty && !(sameDeclaration && sameSources) {
                    lines.append("           from \(from.joined(separator: ", "))")
                }
            }
        }
        let unaffected = withoutEffect(review, outcome)
        if !unaffected.isEmpty {
            lines.append("No Swift API effect (\(unaffected.count)):")
            for change in unaffected { lines.append("  \(change.rule) \(change.fingerprint)  \(change.message)") }
        }
        lines.append(summary(review))
        return lines
    }

    // MARK: - markdown

    /// `--format markdown`: the bump in a line, then a table of effects.
    static func markdown(_ review: SwiftAPIReview, _ outcome: DiffOutcome) -> [String] {
        guard review.unavailable == nil else { return ["**\(summary(review))**"] }
        var lines = ["**Swift API (\(MarkdownReport.cell(review.clientName))):** \(review.verdict); \(review.counts)"]
        let byID = changesByID(outcome)
        if !review.effects.isEmpty {
            lines += [
                "", "| Bump | Effect | What changes | Before | After | Spec changes |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
            for effect in review.effects {
                let from = effect.changes.map { id in
                    MarkdownReport.code(id) + (byID[id].map { " " + MarkdownReport.code($0.rule) } ?? "")
                }
                lines.append(
                    "| \(effect.bump.rawValue) | \(effect.kind.rawValue) | \(MarkdownReport.cell(effect.message)) | "
                        + "\(MarkdownReport.code(effect.old ?? "")) | \(MarkdownReport.code(effect.new ?? "")) | "
                        + "\(from.joined(separator: "<br>")) |")
            }
        }
        let unaffected = withoutEffect(review, outcome)
        if !unaffected.isEmpty {
            lines += [
                "", "<details><summary>Spec changes with no Swift API effect (\(unaffected.count))</summary>", "",
            ]
            for change in unaffected {
                lines.append(
                    "- \(MarkdownReport.cell(change.message)) \(MarkdownReport.code(change.rule)) "
                        + MarkdownReport.code(change.fingerprint))
            }
            lines += ["", "</details>"]
        }
        return lines
    }

    // MARK: - changelog

    /// `--format changelog`: the next version's bump, then the effects
    /// grouped by what they force, each with what it was and is.
    static func changelog(_ review: SwiftAPIReview, _ outcome: DiffOutcome) -> [String] {
        var lines = ["## Swift API", ""]
        guard review.unavailable == nil else { return lines + [summary(review)] }
        lines.append("**The next version of the client module (\(review.clientName)) is a \(review.verdict).**")
        let byID = changesByID(outcome)
        let groups: [(SemanticVersionBump, String)] = [
            (.major, "Source-breaking (major)"), (.minor, "Additions (minor)"),
            (.patch, "Nothing apps compile against (patch)"),
        ]
        for (level, heading) in groups {
            let effects = review.effects.filter { $0.bump == level }
            guard !effects.isEmpty else { continue }
            lines += ["", "### \(heading)", ""]
            for effect in effects {
                var item = "- \(MarkdownReport.cell(effect.message))."
                if let old = effect.old, let new = effect.new {
                    item += " Was \(MarkdownReport.code(old)), now \(MarkdownReport.code(new))."
                } else if let old = effect.old {
                    item += " Was \(MarkdownReport.code(old))."
                } else if let new = effect.new {
                    item += " Now \(MarkdownReport.code(new))."
                }
                let from = sources(effect, in: byID).map(MarkdownReport.code)
                if !from.isEmpty { item += " <sub>\(from.joined(separator: " · "))</sub>" }
                lines.append(item)
            }
        }
        return lines
    }

    // MARK: - json

    /// `--format json`: the `swiftAPI` key.
    static func json(_ review: SwiftAPIReview) -> JSONText {
        var summary: [String: JSONText] = [:]
        for level in SemanticVersionBump.allCases {
            summary[level.rawValue] = .integer(review.effects.filter { $0.bump == level }.count)
        }
        let optional: (String?) -> JSONText = { $0.map(JSONText.string) ?? .null }
        return .object([
            "clientName": .string(review.clientName),
            "bump": review.unavailable == nil ? .string(review.bump.rawValue) : .null,
            "summary": .object(summary),
            "effects": .array(
                review.effects.map { effect in
                    .object([
                        "kind": .string(effect.kind.rawValue),
                        "bump": .string(effect.bump.rawValue),
                        "symbol": .string(effect.symbol),
                        "oldSymbol": optional(effect.oldSymbol),
                        "old": optional(effect.old),
                        "new": optional(effect.new),
                        "message": .string(effect.message),
                        "argument": optional(effect.argument),
                        "operations": .array(effect.operations.map(JSONText.string)),
                        "changes": .array(effect.changes.map(JSONText.string)),
                    ])
                }),
            "changesWithoutEffect": .array(review.changesWithoutEffect.map(JSONText.string)),
            "unavailable": optional(review.unavailable),
        ])
    }

    // MARK: - github

    /// `--format github`: an `::error` for each source-breaking effect and a
    /// `::notice` for the others, on the line of the first spec change it
    /// comes from, then the bump.
    static func github(_ review: SwiftAPIReview, _ outcome: DiffOutcome) -> [String] {
        let byID = changesByID(outcome)
        var lines: [String] = []
        for effect in review.effects {
            let command = effect.bump == .major ? "error" : "notice"
            let location = effect.changes.lazy.compactMap { byID[$0]?.primaryLocation }.first
            var properties: [String] = []
            if let location {
                properties.append("file=" + GitHubReport.escapeProperty(GitHubReport.repositoryPath(location.file)))
                properties.append("line=\(location.line)")
                properties.append("col=\(location.column)")
            }
            properties.append(
                "title=" + GitHubReport.escapeProperty("Swift API \(effect.bump.rawValue): \(effect.symbol)"))
            lines.append(
                "::\(command) \(properties.joined(separator: ","))::" + GitHubReport.escapeData(effect.message))
        }
        lines.append(summary(review))
        return lines
    }

    /// `text` cut or filled with spaces to exactly `width` characters.
    private static func padded(_ text: String, to width: Int) -> String {
        let cut = text.prefix(width)
        return cut + String(repeating: " ", count: width - cut.count)
    }
}
