/// One rule of `diff`: a kind of API change, with its stable id, how much
/// it can hurt, on which side, and why it is graded so. Every change
/// ``SpecComparer`` reports is made under one of ``all``, which
/// `ideogram-codegen diff --list-rules` prints and the README tables.
///
/// The grading follows the contract as API reviewers grade it: what makes a
/// caller that followed the old description fail is breaking, what may
/// surprise one is a warning, what nothing depends on is info. A request
/// that accepts more, or a response that promises less to decode, is
/// therefore graded the other way round from the same change on the other
/// side. The policies of a review (`x-stability-level`, severity overrides,
/// accepted changes) apply on top of this grading, in ``DiffPolicy`` and
/// ``SpecComparer``, and each says so in the change's note.
public struct DiffRule: Hashable, Sendable {
    /// Where a rule's changes are.
    public enum Side: String, Sendable, Hashable {
        /// What a caller sends.
        case request
        /// What a caller receives.
        case response
        /// The whole operation or document.
        case both
        /// A schema, wherever it is used; its severity depends on the side.
        case either
    }

    /// The stable identifier in reports (`request-property-became-required`).
    public let id: String
    /// The severities its changes can have, worst first; more than one when
    /// the change or its side decides (``reasoning`` says how).
    public let severities: [SpecChange.Severity]
    /// Where its changes are.
    public let side: Side
    /// What the rule reports, in a sentence.
    public let summary: String
    /// Why each of its severities, in a sentence or two.
    public let reasoning: String

    init(_ id: String, _ severities: [SpecChange.Severity], _ side: Side, _ summary: String, why reasoning: String) {
        self.id = id
        self.severities = severities
        self.side = side
        self.summary = summary
        self.reasoning = reasoning
    }

    /// Whether its changes name an element that is gone from NEW (an
    /// operation, a property, a media type), rather than one that changed
    /// (an enum that lost a value, a requirement list that lost an entry).
    public var removesItsElement: Bool {
        id.hasSuffix("-removed") && !Self.removalsOfAPart.contains(id)
    }

    private static let removalsOfAPart: Set<String> = [
        "enum-value-removed", "enum-constraint-removed", "security-requirement-removed", "security-scope-removed",
        "discriminator-removed", "oauth-scope-removed",
    ]

    /// The rule with `id`, if there is one.
    public static func named(_ id: String) -> DiffRule? {
        byID[id]
    }

    private static let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
}

extension DiffRule {
    // MARK: Document
    static let schemaRenamed = DiffRule(
        "schema-renamed", [.warning], .both, "A component schema has a new name (same content).",
        why: "The wire is the same, but the generated type is renamed: code that names it no longer compiles.")
    static let schemaRemoved = DiffRule(
        "schema-removed", [.warning], .both, "A component schema was removed.",
        why:
            "What the operations that used it lost is reported on its own; code that names the generated type no "
            + "longer compiles."
    )
    static let schemaAdded = DiffRule(
        "schema-added", [.info], .both, "A component schema was added.",
        why: "Nothing a caller uses changes.")
    static let serverRemoved = DiffRule(
        "server-removed", [.warning], .both, "A server was removed.",
        why: "Callers set up with its URL must move; the others see nothing.")
    static let serverAdded = DiffRule(
        "server-added", [.info], .both, "A server was added.",
        why: "Nothing a caller uses changes.")
    static let defaultServerChanged = DiffRule(
        "default-server-changed", [.warning], .both, "The first server, the client's default base URL, changed.",
        why: "Clients that rely on the default now call another server, which may behave differently.")
    static let webhookRemoved = DiffRule(
        "webhook-removed", [.warning], .both, "A webhook the API sends was removed.",
        why: "A receiver stops getting it; nothing it sends fails.")
    static let webhookAdded = DiffRule(
        "webhook-added", [.info], .both, "A webhook was added.",
        why: "A receiver that does not handle it ignores it.")
    static let webhookChanged = DiffRule(
        "webhook-changed", [.warning], .both, "A webhook is sent with other methods.",
        why: "A receiver routed by method may miss it.")
    static let securitySchemeAdded = DiffRule(
        "security-scheme-added", [.info], .both, "A security scheme was added.",
        why: "A new way to authenticate; the operations that require it report their own changes.")
    static let securitySchemeRemoved = DiffRule(
        "security-scheme-removed", [.warning], .both, "A security scheme was removed.",
        why:
            "The operations that required it report their own changes; code that configures the credential must change."
    )
    static let securitySchemeChanged = DiffRule(
        "security-scheme-changed", [.breaking], .both,
        "A security scheme changed its type, key name, key location or HTTP scheme.",
        why: "Credentials sent as before are no longer where the server looks for them.")
    static let oauthURLChanged = DiffRule(
        "oauth-url-changed", [.warning], .both, "An OAuth flow's authorization, token or refresh URL changed.",
        why: "Clients that keep the URL must follow; those that read it from the description do.")
    static let oauthScopeAdded = DiffRule(
        "oauth-scope-added", [.info], .both, "An OAuth flow offers another scope.",
        why: "Nothing asks for it yet.")
    static let oauthScopeRemoved = DiffRule(
        "oauth-scope-removed", [.breaking], .both, "An OAuth flow no longer offers a scope.",
        why: "Clients that ask for it are refused a token.")

    // MARK: Operations
    static let pathRemoved = DiffRule(
        "path-removed", [.breaking, .info], .both, "A path and its operations were removed.",
        why:
            "Breaking: callers get 404. Info when each of its operations was deprecated first and its x-sunset, if "
            + "any, has passed."
    )
    static let pathAdded = DiffRule(
        "path-added", [.info], .both, "A path was added.",
        why: "Nothing a caller uses changes.")
    static let operationRemoved = DiffRule(
        "operation-removed", [.breaking, .info], .both, "An operation was removed.",
        why:
            "Breaking: callers fail, and the client method goes. Info when it was deprecated first and its x-sunset, "
            + "if any, has passed: callers were told."
    )
    static let operationAdded = DiffRule(
        "operation-added", [.info], .both, "An operation was added.",
        why: "Nothing a caller uses changes.")
    static let operationIDChanged = DiffRule(
        "operation-id-changed", [.breaking], .both, "An operationId changed, and with it the generated method's name.",
        why: "The wire is the same, but code that calls the generated method no longer compiles.")
    static let operationDeprecated = DiffRule(
        "operation-deprecated", [.info], .both, "An operation became deprecated.",
        why: "A deprecation warns; nothing fails until the operation is removed.")
    static let sunsetChanged = DiffRule(
        "sunset-changed", [.breaking, .info], .both,
        "The x-sunset date of a deprecated operation or parameter changed.",
        why: "Earlier is breaking: callers get less time than they were promised. Set or later is info.")
    static let deprecationPeriodTooShort = DiffRule(
        "deprecation-period-too-short", [.breaking], .both,
        "With --deprecation-days N: something was deprecated without an x-sunset, or with one fewer than N days away.",
        why: "The policy promises callers N days of notice; a shorter one breaks it.")
    static let stabilityDecreased = DiffRule(
        "stability-decreased", [.breaking], .both,
        "An operation's x-stability-level went down (stable to beta, beta to alpha...).",
        why: "Callers built on the stronger promise lose it.")
    static let descriptionChanged = DiffRule(
        "description-changed", [.info], .both, "A description or summary changed (reported with --include-docs).",
        why: "Prose changes no behaviour.")
    static let securityRequirementAdded = DiffRule(
        "security-requirement-added", [.breaking, .info], .request,
        "An operation accepts a new credential: breaking when it needed none before.",
        why:
            "An operation that was open now refuses callers without a credential; another alternative for one that "
            + "had some takes nothing away."
    )
    static let securityRequirementRemoved = DiffRule(
        "security-requirement-removed", [.breaking, .info], .request,
        "An operation no longer accepts a credential: info when it now needs none.",
        why: "Callers who authenticate that way are refused; when the operation is open now, nobody is.")
    static let securityScopeAdded = DiffRule(
        "security-scope-added", [.breaking], .request, "An operation needs another OAuth scope.",
        why: "Tokens granted without it are refused.")
    static let securityScopeRemoved = DiffRule(
        "security-scope-removed", [.info], .request, "An operation needs one OAuth scope fewer.",
        why: "Tokens that have it still work.")

    // MARK: Parameters and bodies
    static let parameterRemoved = DiffRule(
        "parameter-removed", [.breaking, .info], .request, "A parameter was removed.",
        why:
            "Breaking: callers that send it may be refused or misread, and the generated argument goes. Info when it "
            + "was deprecated first and its x-sunset, if any, has passed."
    )
    static let parameterAdded = DiffRule(
        "parameter-added", [.breaking, .info], .request, "A parameter was added: breaking when required.",
        why: "Callers do not send a new required parameter; an optional one they may leave out.")
    static let parameterLocationChanged = DiffRule(
        "parameter-location-changed", [.breaking], .request, "A parameter moved (query, header, path, cookie).",
        why: "Callers send it where the server no longer looks.")
    static let parameterBecameRequired = DiffRule(
        "parameter-became-required", [.breaking], .request, "A parameter became required.",
        why: "Callers that leave it out are refused.")
    static let parameterBecameOptional = DiffRule(
        "parameter-became-optional", [.info], .request, "A parameter became optional.",
        why: "Callers that send it are unaffected.")
    static let parameterDeprecated = DiffRule(
        "parameter-deprecated", [.info], .request, "A parameter became deprecated.",
        why: "A deprecation warns; nothing fails until the parameter is removed.")
    static let requestBodyRemoved = DiffRule(
        "request-body-removed", [.breaking], .request, "An operation no longer takes a body.",
        why: "Callers that send one may be refused, and the generated argument goes.")
    static let requestBodyAdded = DiffRule(
        "request-body-added", [.breaking, .info], .request, "An operation takes a body: breaking when required.",
        why: "Callers do not send a new required body; an optional one they may leave out.")
    static let requestBodyBecameRequired = DiffRule(
        "request-body-became-required", [.breaking], .request, "A request body became required.",
        why: "Callers that leave it out are refused.")
    static let requestBodyBecameOptional = DiffRule(
        "request-body-became-optional", [.info], .request, "A request body became optional.",
        why: "Callers that send it are unaffected.")
    static let requestMediaTypeRemoved = DiffRule(
        "request-media-type-removed", [.breaking], .request, "A request body no longer accepts a media type.",
        why: "Callers that send it are refused.")
    static let requestMediaTypeAdded = DiffRule(
        "request-media-type-added", [.info], .request, "A request body accepts another media type.",
        why: "Callers may keep sending what they sent.")

    // MARK: Responses
    static let responseMediaTypeRemoved = DiffRule(
        "response-media-type-removed", [.breaking], .response, "A response no longer comes as a media type.",
        why: "Callers that ask for it or decode it get something else.")
    static let responseMediaTypeAdded = DiffRule(
        "response-media-type-added", [.warning], .response, "A response may come as another media type.",
        why: "A caller that does not ask for a type may get one it cannot decode.")
    static let successResponseRemoved = DiffRule(
        "success-response-removed", [.breaking], .response, "A 2xx response was removed.",
        why: "The success callers decode is no longer what comes.")
    static let responseStatusRemoved = DiffRule(
        "response-status-removed", [.warning], .response, "An error response was removed.",
        why: "Error handling for it is dead code; the error may now come in another shape.")
    static let responseStatusAdded = DiffRule(
        "response-status-added", [.warning, .info], .response,
        "A response status was added: a warning for a 2xx, which callers must now handle.",
        why:
            "A new success is a result callers do not decode yet; a new error is one more failure they already "
            + "handle as a failure."
    )
    static let responseHeaderRemoved = DiffRule(
        "response-header-removed", [.breaking, .warning], .response, "A response header was removed.",
        why:
            "Breaking when it was required: callers read it. A warning when it was optional: a client may not depend "
            + "on it."
    )
    static let responseHeaderAdded = DiffRule(
        "response-header-added", [.info], .response, "A response header was added.",
        why: "Callers that do not read it see nothing.")
    static let responseHeaderBecameOptional = DiffRule(
        "response-header-became-optional", [.breaking], .response, "A response header became optional.",
        why: "Callers that read it may find nothing.")
    static let responseHeaderBecameRequired = DiffRule(
        "response-header-became-required", [.info], .response, "A response header became required.",
        why: "It comes every time now; nothing fails.")

    // MARK: Schemas
    static let typeChanged = DiffRule(
        "type-changed", [.breaking, .info], .either, "A value's JSON type changed.",
        why:
            "Breaking, unless the types only widen in a request (integer to number, or one more type accepted) or "
            + "narrow in a response: then every value that worked still does."
    )
    static let formatChanged = DiffRule(
        "format-changed", [.breaking], .either, "A value's format changed (date-time, uuid, int64...).",
        why: "Values written or parsed in the old format no longer fit the new one.")
    static let becameNullable = DiffRule(
        "schema-became-nullable", [.breaking, .info], .either, "A value may be null: breaking in a response.",
        why: "A response value callers decode may now be null; a request that may now send null loses nothing.")
    static let becameNonNullable = DiffRule(
        "schema-became-non-nullable", [.breaking, .info], .either,
        "A value may no longer be null: breaking in a request.",
        why: "Callers that send null are refused; a response that never holds null any more is easier to decode.")
    static let enumValueAdded = DiffRule(
        "enum-value-added", [.warning, .info], .either,
        "An enum gained a value: a warning in a response (a closed enum fails to decode it).",
        why: "A client that decodes responses into a closed enum may fail on the new value; a request accepts one more."
    )
    static let enumValueRemoved = DiffRule(
        "enum-value-removed", [.breaking, .info], .either, "An enum lost a value: breaking in a request.",
        why: "Callers that send it are refused; a response that no longer holds it decodes as before.")
    static let enumConstraintAdded = DiffRule(
        "enum-constraint-added", [.breaking, .info], .either,
        "A value became limited to a list: breaking in a request.",
        why: "Callers that send other values are refused; a response holding fewer values decodes as before.")
    static let enumConstraintRemoved = DiffRule(
        "enum-constraint-removed", [.warning, .info], .either,
        "A value is no longer limited to a list: a warning in a response.",
        why: "A response may hold values a closed enum cannot decode; a request accepts more.")
    static let constChanged = DiffRule(
        "const-changed", [.breaking, .warning, .info], .either, "A const value was set, changed or dropped.",
        why:
            "A changed const breaks both sides. Set, it breaks requests that sent other values (info in a response); "
            + "dropped, a response may hold other values (a warning; info in a request)."
    )
    static let defaultChanged = DiffRule(
        "default-changed", [.warning], .either, "A default value changed.",
        why: "Callers that leave the value out get other behaviour.")
    static let jobStatusChanged = DiffRule(
        "job-status-changed", [.warning], .either,
        "The x-job-status of a schema changed: which field and values end a job.",
        why: "Generated polling ends on other values.")
    static let constraintChanged = DiffRule(
        "constraint-changed", [.breaking, .warning, .info], .either,
        "A bound, length, pattern or count changed: tighter breaks requests, looser warns in responses.",
        why:
            "A tighter constraint refuses requests that passed (breaking; info in a response); a looser one lets "
            + "responses hold values callers did not expect (a warning; info in a request); another pattern or "
            + "multipleOf is both."
    )
    static let additionalPropertiesChanged = DiffRule(
        "additional-properties-changed", [.breaking, .warning, .info], .either,
        "Which extra properties an object admits changed (additionalProperties).",
        why:
            "Fewer admitted breaks requests that sent them (info in a response); more admitted lets responses hold "
            + "what callers did not expect (a warning; info in a request)."
    )
    static let patternPropertiesChanged = DiffRule(
        "pattern-properties-changed", [.breaking, .warning, .info], .either,
        "A patternProperties pattern was added or removed.",
        why:
            "A new pattern constrains properties that were free (breaking in a request, info in a response); a "
            + "removed one frees them (a warning in a response, info in a request)."
    )
    static let prefixItemsChanged = DiffRule(
        "prefix-items-changed", [.breaking, .warning], .either,
        "An array's prefixItems gained or lost a position.",
        why:
            "The positions of a tuple are its meaning: a request shaped for the old one is refused (breaking), a "
            + "response no longer has the shape callers decode (a warning)."
    )
    static let requestPropertyRemoved = DiffRule(
        "request-property-removed", [.breaking, .warning, .info], .request, "A property of a request was removed.",
        why:
            "A warning: the server ignores or refuses what callers still send, and the generated field goes. Info "
            + "when it was deprecated first and its x-sunset, if any, has passed; breaking before that date."
    )
    static let requestPropertyAdded = DiffRule(
        "request-property-added", [.breaking, .info], .request,
        "A property of a request was added: breaking when required.",
        why: "Callers do not send a new required property; an optional one they may leave out.")
    static let requestPropertyBecameRequired = DiffRule(
        "request-property-became-required", [.breaking], .request, "A property of a request became required.",
        why: "Callers that leave it out are refused.")
    static let requestPropertyBecameOptional = DiffRule(
        "request-property-became-optional", [.info], .request, "A property of a request became optional.",
        why: "Callers that send it are unaffected.")
    static let responsePropertyRemoved = DiffRule(
        "response-property-removed", [.breaking, .warning, .info], .response, "A property of a response was removed.",
        why:
            "Breaking when it was required: callers rely on it. A warning when it was optional: a client may not "
            + "depend on it. Info when it was deprecated first and its x-sunset, if any, has passed; breaking "
            + "before that date."
    )
    static let responsePropertyAdded = DiffRule(
        "response-property-added", [.info], .response, "A property of a response was added.",
        why: "Decoders ignore what they do not know.")
    static let responsePropertyBecameRequired = DiffRule(
        "response-property-became-required", [.info], .response, "A property of a response became required.",
        why: "It comes every time now; nothing fails.")
    static let responsePropertyBecameOptional = DiffRule(
        "response-property-became-optional", [.breaking], .response,
        "A property of a response became optional: callers that rely on it may fail.",
        why: "Callers that read it may find nothing, and the generated field becomes optional.")
    static let propertyDeprecated = DiffRule(
        "property-deprecated", [.info], .either, "A property (or the schema it names) became deprecated.",
        why: "A deprecation warns; nothing fails until the property is removed.")
    static let propertyBecameReadOnly = DiffRule(
        "property-became-read-only", [.breaking], .request, "A property of a request became readOnly.",
        why:
            "Callers that send it are ignored or refused, and the generated request field goes. (readOnly changes "
            + "nothing in a response.)"
    )
    static let propertyBecameWriteOnly = DiffRule(
        "property-became-write-only", [.breaking], .response, "A property of a response became writeOnly.",
        why: "Callers no longer get it. (writeOnly changes nothing in a request.)")
    static let propertyNoLongerReadOnly = DiffRule(
        "property-no-longer-read-only", [.breaking, .info], .request,
        "A property of a request is no longer readOnly.",
        why: "It is now part of what callers send: breaking when it is required, info otherwise.")
    static let propertyNoLongerWriteOnly = DiffRule(
        "property-no-longer-write-only", [.info], .response, "A property of a response is no longer writeOnly.",
        why: "Responses now carry it; decoders ignore what they do not know.")
    static let discriminatorAdded = DiffRule(
        "discriminator-added", [.info], .either, "A oneOf or anyOf gained a discriminator.",
        why: "The values are the same; the property now names the branch.")
    static let discriminatorRemoved = DiffRule(
        "discriminator-removed", [.warning], .either, "A oneOf or anyOf lost its discriminator.",
        why: "Clients now pick the branch by trying each, and a value that fits several may decode as another.")
    static let discriminatorPropertyChanged = DiffRule(
        "discriminator-property-changed", [.breaking], .either,
        "A discriminator names the branch with another property.",
        why: "Values that name their branch the old way are read as another branch, or none.")
    static let discriminatorMappingAdded = DiffRule(
        "discriminator-mapping-added", [.warning, .info], .either,
        "A discriminator maps another value.",
        why: "A response may name a branch callers do not know (a warning); a request accepts one more.")
    static let discriminatorMappingRemoved = DiffRule(
        "discriminator-mapping-removed", [.breaking, .info], .either,
        "A discriminator no longer maps a value.",
        why: "Requests that send it are refused (breaking); a response that no longer sends it decodes as before.")
    static let discriminatorMappingChanged = DiffRule(
        "discriminator-mapping-changed", [.breaking], .either,
        "A discriminator value now names another schema.",
        why: "The same value is read as another branch on both sides.")
    static let allOfMemberAdded = DiffRule(
        "allof-member-added", [.warning, .info], .either, "An allOf gained a member.",
        why:
            "A request must now also match it (a warning; the properties it requires are reported on their own); a "
            + "response only gains."
    )
    static let allOfMemberRemoved = DiffRule(
        "allof-member-removed", [.warning, .info], .either, "An allOf lost a member.",
        why:
            "A response no longer promises what it held (a warning; the properties it took away are reported on "
            + "their own); a request only loosens."
    )
    static let oneOfBranchAdded = DiffRule(
        "oneof-branch-added", [.warning, .info], .either, "A oneOf gained a branch: a warning in a response.",
        why: "A response may hold a kind of value callers do not decode; a request accepts one more.")
    static let oneOfBranchRemoved = DiffRule(
        "oneof-branch-removed", [.breaking, .info], .either, "A oneOf lost a branch: breaking in a request.",
        why: "Callers that send that kind of value are refused; a response that no longer holds it decodes as before.")
    static let anyOfBranchAdded = DiffRule(
        "anyof-branch-added", [.warning, .info], .either, "An anyOf gained a branch: a warning in a response.",
        why: "A response may hold a kind of value callers do not decode; a request accepts one more.")
    static let anyOfBranchRemoved = DiffRule(
        "anyof-branch-removed", [.breaking, .info], .either, "An anyOf lost a branch: breaking in a request.",
        why: "Callers that send that kind of value are refused; a response that no longer holds it decodes as before.")

    /// Every rule, in the order `--list-rules` prints them.
    public static let all: [DiffRule] = [
        schemaRenamed, schemaRemoved, schemaAdded, serverRemoved, serverAdded, defaultServerChanged,
        webhookRemoved, webhookAdded, webhookChanged,
        securitySchemeAdded, securitySchemeRemoved, securitySchemeChanged, oauthURLChanged, oauthScopeAdded,
        oauthScopeRemoved,
        pathRemoved, pathAdded, operationRemoved, operationAdded, operationIDChanged, operationDeprecated,
        sunsetChanged, deprecationPeriodTooShort, stabilityDecreased, descriptionChanged,
        securityRequirementAdded, securityRequirementRemoved, securityScopeAdded, securityScopeRemoved,
        parameterRemoved, parameterAdded, parameterLocationChanged, parameterBecameRequired, parameterBecameOptional,
        parameterDeprecated,
        requestBodyRemoved, requestBodyAdded, requestBodyBecameRequired, requestBodyBecameOptional,
        requestMediaTypeRemoved, requestMediaTypeAdded,
        responseMediaTypeRemoved, responseMediaTypeAdded, successResponseRemoved, responseStatusRemoved,
        responseStatusAdded,
        responseHeaderRemoved, responseHeaderAdded, responseHeaderBecameOptional, responseHeaderBecameRequired,
        typeChanged, formatChanged, becameNullable, becameNonNullable, enumValueAdded, enumValueRemoved,
        enumConstraintAdded, enumConstraintRemoved, constChanged, defaultChanged, jobStatusChanged, constraintChanged,
        additionalPropertiesChanged, patternPropertiesChanged, prefixItemsChanged,
        requestPropertyRemoved, requestPropertyAdded, requestPropertyBecameRequired, requestPropertyBecameOptional,
        responsePropertyRemoved, responsePropertyAdded, responsePropertyBecameRequired, responsePropertyBecameOptional,
        propertyDeprecated, propertyBecameReadOnly, propertyBecameWriteOnly, propertyNoLongerReadOnly,
        propertyNoLongerWriteOnly,
        discriminatorAdded, discriminatorRemoved, discriminatorPropertyChanged,
        discriminatorMappingAdded, discriminatorMappingRemoved, discriminatorMappingChanged,
        allOfMemberAdded, allOfMemberRemoved,
        oneOfBranchAdded, oneOfBranchRemoved, anyOfBranchAdded, anyOfBranchRemoved,
    ]
}
