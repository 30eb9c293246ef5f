/// One rule of `diff`: a kind of API change, with its stable id, how much
/// it can hurt and on which side. Every change ``SpecComparer`` reports is
/// made under one of ``all``, which `ideogram-codegen diff --list-rules`
/// prints and the README lists.
public struct DiffRule: Hashable, Sendable {
    /// Where a rule's changes are.
    public enum Side: String, Sendable, Hashable {
        case request, response
        /// The whole operation or document.
        case both
        /// A schema, wherever it is used; its severity depends on the side.
        case either
    }

    /// The stable identifier in reports (`request-property-became-required`).
    public let id: String
    /// The severities its changes can have, worst first; more than one when
    /// the change or its side decides (`summary` says how).
    public let severities: [SpecChange.Severity]
    public let side: Side
    /// What the rule reports, in a sentence.
    public let summary: String

    init(_ id: String, _ severities: [SpecChange.Severity], _ side: Side, _ summary: String) {
        self.id = id
        self.severities = severities
        self.side = side
        self.summary = summary
    }

    /// The rule with `id`, if there is one.
    public static func named(_ id: String) -> DiffRule? {
        all.first { $0.id == id }
    }
}

extension DiffRule {
    // MARK: Document
    static let schemaRenamed = DiffRule("schema-renamed", [.warning], .both, "A component schema has a new name (same content).")
    static let schemaRemoved = DiffRule("schema-removed", [.warning], .both, "A component schema was removed.")
    static let schemaAdded = DiffRule("schema-added", [.info], .both, "A component schema was added.")
    static let serverRemoved = DiffRule("server-removed", [.warning], .both, "A server was removed.")
    static let serverAdded = DiffRule("server-added", [.info], .both, "A server was added.")
    static let defaultServerChanged = DiffRule("default-server-changed", [.warning], .both, "The first server, the client's default base URL, changed.")
    static let webhookRemoved = DiffRule("webhook-removed", [.warning], .both, "A webhook the API sends was removed.")
    static let webhookAdded = DiffRule("webhook-added", [.info], .both, "A webhook was added.")
    static let webhookChanged = DiffRule("webhook-changed", [.warning], .both, "A webhook is sent with other methods.")

    // MARK: Operations
    static let pathRemoved = DiffRule("path-removed", [.breaking], .both, "A path and its operations were removed.")
    static let pathAdded = DiffRule("path-added", [.info], .both, "A path was added.")
    static let operationRemoved = DiffRule("operation-removed", [.breaking], .both, "An operation was removed.")
    static let operationAdded = DiffRule("operation-added", [.info], .both, "An operation was added.")
    static let operationIDChanged = DiffRule("operation-id-changed", [.breaking], .both, "An operationId changed, and with it the generated method's name.")
    static let operationDeprecated = DiffRule("operation-deprecated", [.warning], .both, "An operation became deprecated.")
    static let descriptionChanged = DiffRule("description-changed", [.info], .both, "A description or summary changed (reported with --include-docs).")
    static let securityRequirementAdded = DiffRule("security-requirement-added", [.breaking, .info], .request,
                                                   "An operation accepts a new credential: breaking when it needed none before.")
    static let securityRequirementRemoved = DiffRule("security-requirement-removed", [.breaking, .info], .request,
                                                     "An operation no longer accepts a credential: info when it now needs none.")

    // MARK: Parameters and bodies
    static let parameterRemoved = DiffRule("parameter-removed", [.breaking], .request, "A parameter was removed.")
    static let parameterAdded = DiffRule("parameter-added", [.breaking, .info], .request, "A parameter was added: breaking when required.")
    static let parameterLocationChanged = DiffRule("parameter-location-changed", [.breaking], .request, "A parameter moved (query, header, path, cookie).")
    static let parameterBecameRequired = DiffRule("parameter-became-required", [.breaking], .request, "A parameter became required.")
    static let parameterBecameOptional = DiffRule("parameter-became-optional", [.info], .request, "A parameter became optional.")
    static let requestBodyRemoved = DiffRule("request-body-removed", [.breaking], .request, "An operation no longer takes a body.")
    static let requestBodyAdded = DiffRule("request-body-added", [.breaking, .info], .request, "An operation takes a body: breaking when required.")
    static let requestBodyBecameRequired = DiffRule("request-body-became-required", [.breaking], .request, "A request body became required.")
    static let requestMediaTypeRemoved = DiffRule("request-media-type-removed", [.breaking], .request, "A request body no longer accepts a media type.")
    static let requestMediaTypeAdded = DiffRule("request-media-type-added", [.info], .request, "A request body accepts another media type.")

    // MARK: Responses
    static let responseMediaTypeRemoved = DiffRule("response-media-type-removed", [.breaking], .response, "A response no longer comes as a media type.")
    static let responseMediaTypeAdded = DiffRule("response-media-type-added", [.warning], .response, "A response may come as another media type.")
    static let successResponseRemoved = DiffRule("success-response-removed", [.breaking], .response, "A 2xx response was removed.")
    static let responseStatusRemoved = DiffRule("response-status-removed", [.warning], .response, "An error response was removed.")
    static let responseStatusAdded = DiffRule("response-status-added", [.warning, .info], .response,
                                              "A response status was added: a warning for a 2xx, which callers must now handle.")

    // MARK: Schemas
    static let typeChanged = DiffRule("type-changed", [.breaking], .either, "A value's JSON type changed.")
    static let formatChanged = DiffRule("format-changed", [.breaking], .either, "A value's format changed (date-time, uuid, int64...).")
    static let becameNullable = DiffRule("schema-became-nullable", [.breaking, .info], .either, "A value may be null: breaking in a response.")
    static let becameNonNullable = DiffRule("schema-became-non-nullable", [.breaking, .info], .either, "A value may no longer be null: breaking in a request.")
    static let enumValueAdded = DiffRule("enum-value-added", [.warning, .info], .either,
                                         "An enum gained a value: a warning in a response (a closed enum fails to decode it).")
    static let enumValueRemoved = DiffRule("enum-value-removed", [.breaking, .info], .either, "An enum lost a value: breaking in a request.")
    static let enumConstraintAdded = DiffRule("enum-constraint-added", [.breaking, .info], .either, "A value became limited to a list: breaking in a request.")
    static let enumConstraintRemoved = DiffRule("enum-constraint-removed", [.warning, .info], .either, "A value is no longer limited to a list: a warning in a response.")
    static let defaultChanged = DiffRule("default-changed", [.warning], .either, "A default value changed.")
    static let jobStatusChanged = DiffRule("job-status-changed", [.warning], .either,
                                           "The x-job-status of a schema changed: which field and values end a job.")
    static let constraintChanged = DiffRule("constraint-changed", [.breaking, .warning, .info], .either,
                                            "A bound, length, pattern or count changed: tighter breaks requests, looser warns in responses.")
    static let requestPropertyRemoved = DiffRule("request-property-removed", [.breaking], .request, "A property of a request was removed.")
    static let requestPropertyAdded = DiffRule("request-property-added", [.breaking, .info], .request, "A property of a request was added: breaking when required.")
    static let requestPropertyBecameRequired = DiffRule("request-property-became-required", [.breaking], .request, "A property of a request became required.")
    static let requestPropertyBecameOptional = DiffRule("request-property-became-optional", [.info], .request, "A property of a request became optional.")
    static let responsePropertyRemoved = DiffRule("response-property-removed", [.breaking], .response, "A property of a response was removed.")
    static let responsePropertyAdded = DiffRule("response-property-added", [.info], .response, "A property of a response was added.")
    static let responsePropertyBecameRequired = DiffRule("response-property-became-required", [.info], .response, "A property of a response became required.")
    static let responsePropertyBecameOptional = DiffRule("response-property-became-optional", [.breaking], .response,
                                                         "A property of a response became optional: callers that rely on it may fail.")
    static let oneOfBranchAdded = DiffRule("oneof-branch-added", [.warning, .info], .either, "A oneOf gained a branch: a warning in a response.")
    static let oneOfBranchRemoved = DiffRule("oneof-branch-removed", [.breaking, .info], .either, "A oneOf lost a branch: breaking in a request.")
    static let anyOfBranchAdded = DiffRule("anyof-branch-added", [.warning, .info], .either, "An anyOf gained a branch: a warning in a response.")
    static let anyOfBranchRemoved = DiffRule("anyof-branch-removed", [.breaking, .info], .either, "An anyOf lost a branch: breaking in a request.")

    /// Every rule, in the order `--list-rules` prints them.
    public static let all: [DiffRule] = [
        schemaRenamed, schemaRemoved, schemaAdded, serverRemoved, serverAdded, defaultServerChanged,
        webhookRemoved, webhookAdded, webhookChanged,
        pathRemoved, pathAdded, operationRemoved, operationAdded, operationIDChanged, operationDeprecated, descriptionChanged,
        securityRequirementAdded, securityRequirementRemoved,
        parameterRemoved, parameterAdded, parameterLocationChanged, parameterBecameRequired, parameterBecameOptional,
        requestBodyRemoved, requestBodyAdded, requestBodyBecameRequired, requestMediaTypeRemoved, requestMediaTypeAdded,
        responseMediaTypeRemoved, responseMediaTypeAdded, successResponseRemoved, responseStatusRemoved, responseStatusAdded,
        typeChanged, formatChanged, becameNullable, becameNonNullable, enumValueAdded, enumValueRemoved,
        enumConstraintAdded, enumConstraintRemoved, defaultChanged, jobStatusChanged, constraintChanged,
        requestPropertyRemoved, requestPropertyAdded, requestPropertyBecameRequired, requestPropertyBecameOptional,
        responsePropertyRemoved, responsePropertyAdded, responsePropertyBecameRequired, responsePropertyBecameOptional,
        oneOfBranchAdded, oneOfBranchRemoved, anyOfBranchAdded, anyOfBranchRemoved,
    ]

    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// The catalog as a table: id, severities, side, summary; one line each.
    public static func listing() -> String {
        let width = all.map(\.id.count).max() ?? 0
        let severityWidth = all.map { $0.severities.map(\.rawValue).joined(separator: "/").count }.max() ?? 0
        return all.map { rule in
            let severities = rule.severities.map(\.rawValue).joined(separator: "/")
            return padded(rule.id, width) + "  " + padded(severities, severityWidth) + "  "
                + padded(rule.side.rawValue, 8) + "  " + rule.summary
        }.joined(separator: "\n") + "\n"
    }
}
