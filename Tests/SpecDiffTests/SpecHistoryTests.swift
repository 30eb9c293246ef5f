import Foundation
import SpecDiff
import SpecParser
import Testing

/// `diff` on real consecutive versions of public specs (../shared/spec-history),
/// one test per class of change the issue names; the publisher's commit
/// message says what each commit meant to do.
@Suite(.enabled(if: SpecHistory.isPresent, "../shared/spec-history is not present"))
struct SpecHistoryTests {
    /// Every pair: both versions are read (errors allowed), compared without
    /// a crash, every change is under a catalog rule at one of its levels,
    /// no two changes share an id, and each version against itself is no change.
    @Test func everyPairIsComparedByTheCatalog() throws {
        let pairs = SpecHistory.pairs()
        #expect(pairs.count >= 40)
        for pair in pairs {
            let old = try SpecHistory.load(pair.old)
            let new = try SpecHistory.load(pair.new)
            let changes = SpecComparer(options: .init(today: CalendarDate("2026-12-01"))).compare(old: old.document, new: new.document)
            for change in changes {
                let rule = try #require(DiffRule.named(change.rule), "\(pair): \(change.rule)")
                #expect(rule.severities.contains(change.severity) || change.note != nil, "\(pair): \(change.row)")
            }
            #expect(Set(changes.map(\.fingerprint)).count == changes.count, "\(pair): two changes share an id")
            var whole = SpecComparer.Options()
            whole.skipsUnchanged = false
            #expect(SpecComparer(options: whole).compare(old: new.document, new: new.document).isEmpty, "\(pair): NEW against itself")
        }
    }

    /// Commits that changed prose, examples or links only.
    @Test(arguments: [("asana", "192c9bf"), ("asana", "5b8dbff"), ("plaid", "400082b"), ("plaid", "38e4bf0"), ("resend", "6fc916c"),
                      ("resend", "4973e84"), ("resend", "5f079a0"), ("twilio", "603ec36"), ("twilio", "568f539")])
    func proseOnlyCommitsAreNoChange(provider: String, commit: String) throws {
        guard SpecHistory.has(provider, commit) else { return }  // Not in this copy of the folder.
        #expect(try SpecHistory.review(provider, commit).changes.isEmpty)
        let docs = try SpecHistory.review(provider, commit, options: .init(includeDocs: true))
        #expect(Set(docs.changes.map(\.rule)).isSubset(of: ["description-changed"]))
    }

    /// "Update resend.yaml to support string or array for email fields":
    /// strings that became `oneOf: [string, array]` accept more (info); the
    /// array that `to` was gained bounds (breaking). No type changed.
    @Test(.enabled(if: SpecHistory.has("resend", "3a6e2e7")))
    func unionsThatWiden() throws {
        #expect(try SpecHistory.review("resend", "3a6e2e7").verdicts == [
            "constraint-changed breaking request a branch of property 'to': maxItems changed from none to 50",
            "constraint-changed breaking request a branch of property 'to': minItems changed from none to 1",
            "oneof-branch-added info request property 'bcc' gained the oneOf branch array",
            "oneof-branch-added info request property 'cc' gained the oneOf branch array",
            "oneof-branch-added info request property 'reply_to' gained the oneOf branch array",
            "oneof-branch-added info request property 'to' gained the oneOf branch string",
        ])
    }

    /// "create and send broadcasts on the same request": `audience_id` deprecated for `segment_id`.
    @Test(.enabled(if: SpecHistory.has("resend", "f254d02")))
    func propertyDeprecated() throws {
        #expect(try SpecHistory.review("resend", "f254d02").verdicts == [
            "property-deprecated info request property 'audience_id' is now deprecated",
            "request-property-added breaking request required property 'segment_id' was added",
            "request-property-added info request optional property 'scheduled_at' was added",
            "request-property-added info request optional property 'send' was added",
            "request-property-became-optional info request property 'audience_id' became optional",
        ])
    }

    /// "deprecate audiences in favor of segments": the audience operations are
    /// deprecated (info); the nested contact operations are removed without a
    /// deprecation first (breaking).
    @Test(.enabled(if: SpecHistory.has("resend", "ccaa01e")))
    func operationsDeprecatedAndOthersRemoved() throws {
        let changes = try SpecHistory.review("resend", "ccaa01e").changes
        let deprecated = changes.filter { $0.rule == "operation-deprecated" }
        #expect(deprecated.flatMap(\.operations).sorted() == ["DELETE /audiences/{id}", "GET /audiences", "GET /audiences/{id}", "POST /audiences"])
        #expect(deprecated.allSatisfy { $0.severity == .info })
        let removed = changes.filter { $0.rule == "operation-removed" }
        #expect(removed.count == 13)
        #expect(removed.allSatisfy { $0.severity == .breaking && $0.note == nil })
        #expect(changes.contains { $0.rule == "property-deprecated" && $0.operations.contains("GET /segments") })
    }

    /// A component schema that became deprecated, used as a property (plaid,
    /// 2022-02); and required response properties removed (breaking).
    @Test(.enabled(if: SpecHistory.has("plaid", "40dd355")))
    func deprecatedSchemaAndRequiredResponsePropertiesRemoved() throws {
        #expect(try SpecHistory.review("plaid", "40dd355").verdicts == [
            "enum-value-added warning response property 'subtype' gained the value 'adjustment'; clients without open enums may fail to decode it",
            "property-deprecated info request property 'idempotency_key' is now deprecated",
            "request-property-became-optional info request property 'idempotency_key' became optional",
            "response-property-removed breaking response property 'optional_product_access' was removed",
            "response-property-removed breaking response property 'required_product_access' was removed",
        ])
    }

    /// "remove contact import on_error option": a request property removed is a warning.
    @Test(.enabled(if: SpecHistory.has("resend", "615da33")))
    func requestPropertyRemovedIsAWarning() throws {
        #expect(try SpecHistory.review("resend", "615da33").verdicts == ["request-property-removed warning request property 'on_error' was removed"])
    }

    /// An optional property removed from requests and responses alike (asana, 2023-02): warnings.
    @Test(.enabled(if: SpecHistory.has("asana", "6709613")))
    func optionalPropertyRemovedFromBothSides() throws {
        #expect(try SpecHistory.review("asana", "6709613").verdicts == [
            "request-property-removed warning request property 'is_template' was removed",
            "response-property-added info response optional property 'requested_roles' was added",
            "response-property-removed warning response property 'is_template' was removed",
            "schema-added info both schema TemplateRole was added",
        ])
    }

    /// "added correct responses for create domain and apikey": 200 became 201.
    @Test(.enabled(if: SpecHistory.has("resend", "15c56fd")))
    func successStatusChanged() throws {
        #expect(try SpecHistory.review("resend", "15c56fd").verdicts == [
            "response-status-added warning response a 201 response was added",
            "response-status-added warning response a 201 response was added",
            "success-response-removed breaking response the 200 response was removed",
            "success-response-removed breaking response the 200 response was removed",
        ])
    }

    /// "Nullable Page URLs": response values that may be null break decoders.
    @Test(.enabled(if: SpecHistory.has("twilio", "268b6d1")))
    func responseValuesThatBecameNullable() throws {
        let outcome = try SpecHistory.review("twilio", "268b6d1")
        #expect(Set(outcome.verdicts) == [
            "schema-became-nullable breaking response property 'next_page_url' may now be null",
            "schema-became-nullable breaking response property 'previous_page_url' may now be null",
        ])
    }

    /// Request bodies that became required, a media type removed and an operationId changed (plaid, 2021-05).
    @Test(.enabled(if: SpecHistory.has("plaid", "8d81399")))
    func requestBodiesAndOperationIDs() throws {
        let changes = try SpecHistory.review("plaid", "8d81399").changes
        #expect(changes.filter { $0.rule == "request-body-became-required" }.flatMap(\.operations).count == 6)
        #expect(changes.contains { $0.row == "request-media-type-removed breaking request [POST /institutions/get] /paths/~1institutions~1get/post/requestBody/content/application~1xml" })
        #expect(changes.contains { $0.rule == "operation-id-changed" && $0.operations == ["POST /income/verification/create"] })
    }

    /// "feat: add Page and PageToken parameters to read operations": optional parameters are info.
    @Test(.enabled(if: SpecHistory.has("twilio", "62e42a6")))
    func optionalParametersAdded() throws {
        let changes = try SpecHistory.review("twilio", "62e42a6").changes
        #expect(changes.count == 16)
        #expect(Set(changes.map(\.operations.first)).count == 8)
        #expect(changes.allSatisfy { $0.rule == "parameter-added" && $0.severity == .info })
    }

    /// "Revert docs: add broadcast metrics endpoint": an operation removed
    /// without deprecation, with its path and the schemas only it used.
    @Test(.enabled(if: SpecHistory.has("resend", "cb0e611")))
    func operationRemovedWithoutDeprecation() throws {
        #expect(try SpecHistory.review("resend", "cb0e611").verdicts == [
            "operation-removed breaking both operation GET /broadcasts/{id}/metrics was removed",
            "path-removed breaking both path /broadcasts/{id}/metrics was removed",
            "schema-removed warning both schema BroadcastMetricCounter was removed",
            "schema-removed warning both schema GetBroadcastMetricsResponseSuccess was removed",
        ])
    }

    /// Specs with errors that do not stop reading are compared: a type
    /// `int` (asana, 2023-02) and a reference to a schema that is not there
    /// (asana, 2023-03). Both used to end with "nothing was compared".
    @Test(.enabled(if: SpecHistory.has("asana", "9f837a4") && SpecHistory.has("asana", "77f4b79")))
    func specsWithErrorsAreCompared() throws {
        let typo = try #require(SpecHistory.pair("asana", "9f837a4"))
        #expect(try SpecHistory.load(typo.old).errors.map(\.message)
                == ["'int' is not a JSON Schema type (string, integer, number, boolean, array, object, null)"])
        #expect(try SpecHistory.review("asana", "9f837a4").verdicts == [
            "operation-added info both operation PUT /memberships was added",
            "type-changed breaking request parameter 'limit' changed type from any to integer",
        ])
        let dangling = try #require(SpecHistory.pair("asana", "77f4b79"))
        #expect(try SpecHistory.load(dangling.old).errors.count == 1)
        #expect(try SpecHistory.review("asana", "77f4b79").verdicts == [
            "response-property-removed warning response property 'new_task_template' was removed",
        ])
    }

    /// Changes a reviewer may meet in these specs but their histories do
    /// not hold, made by editing a real version: a property of a shared
    /// resource that is no longer readOnly, and an OAuth scope withdrawn.
    @Test(.enabled(if: SpecHistory.has("asana", "2c8e4dd")))
    func editsOfARealSpec() throws {
        let pair = try #require(SpecHistory.pair("asana", "2c8e4dd"))
        let text = try String(contentsOfFile: pair.new, encoding: .utf8)
        let readOnlyType = "          description: The base type of this resource.\n          type: string\n          readOnly: true\n"
        try #require(text.contains(readOnlyType))
        let writable = text.replacingOccurrences(of: readOnlyType, with: "          description: The base type of this resource.\n          type: string\n")
        let withoutOpenID = text.replacingOccurrences(of: "            openid: >-\n", with: "            x-openid: >-\n")
        let old = try #require(SpecLoader.load(text: text, file: "asana.yaml").document)
        let readable = try #require(SpecLoader.load(text: writable, file: "asana.yaml").document)
        let changes = SpecComparer().compare(old: old, new: readable)
        // Once, where the property is declared, for every operation that sends an object built on it.
        #expect(changes.map { "\($0.rule) \($0.severity.rawValue) \($0.direction.rawValue) \($0.pointer)" }
                == ["property-no-longer-read-only info request /components/schemas/AsanaResource/properties/resource_type"])
        #expect(changes.first.map(\.operations.count) ?? 0 > 10)
        let scopes = SpecComparer().compare(old: old, new: try #require(SpecLoader.load(text: withoutOpenID, file: "asana.yaml").document))
        #expect(scopes.map(\.row).contains("oauth-scope-removed breaking both [] /components/securitySchemes/oauth2/flows/authorizationCode/scopes/openid"))
    }
}

/// Classes of change the 43 commits do not hold, made by editing a real
/// version of resend's spec (3.1): a response header removed, an `allOf`
/// member added beside a `$ref`, and a `const` changed.
@Suite(.enabled(if: SpecHistory.has("resend", "b3697d4") && SpecHistory.has("resend", "cb0e611")))
struct EditedRealSpecTests {
    static func edited(_ provider: String, _ commit: String, _ which: KeyPath<SpecHistory.Pair, String>,
                       _ edits: [(String, String)]) throws -> (old: OpenAPIDocument, new: OpenAPIDocument) {
        let pair = try #require(SpecHistory.pair(provider, commit))
        let text = try String(contentsOfFile: pair[keyPath: which], encoding: .utf8)
        var changed = text
        for (before, after) in edits {
            try #require(changed.contains(before), "'\(before)' is not in \(pair)")
            changed = changed.replacingOccurrences(of: before, with: after)
        }
        return (try #require(SpecLoader.load(text: text, file: "resend.yaml").document),
                try #require(SpecLoader.load(text: changed, file: "resend.yaml").document))
    }

    @Test func responseHeaderRemoved() throws {
        let send = "      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/SendEmailResponse'\n"
        let withHeader = send.replacingOccurrences(of: "          description: OK\n", with: "          description: OK\n          headers:\n            X-Request-Id: {required: true, schema: {type: string}}\n")
        let (without, withIt) = try Self.edited("resend", "b3697d4", \.new, [(send, withHeader)])
        #expect(SpecComparer().compare(old: without, new: withIt).map(\.row)
                == ["response-header-added info response [POST /emails] /paths/~1emails/post/responses/200/headers/X-Request-Id"])
        #expect(SpecComparer().compare(old: withIt, new: without).map(\.row)
                == ["response-header-removed breaking response [POST /emails] /paths/~1emails/post/responses/200/headers/X-Request-Id"])
    }

    @Test func allOfMemberAddedBesideAReference() throws {
        let member = "            - description: Use a published template to send the email. If provided, do not include html or text.\n"
        let (old, new) = try Self.edited("resend", "b3697d4", \.new, [(member, member + "            - {type: object, required: [version], properties: {version: {type: integer}}}\n")])
        let rows = Set(SpecComparer().compare(old: old, new: new).map { "\($0.rule) \($0.severity.rawValue) \($0.direction.rawValue)" })
        #expect(rows == ["allof-member-added warning request", "request-property-added breaking request"])
    }

    @Test func constChanged() throws {
        let (old, new) = try Self.edited("resend", "cb0e611", \.old, [("const: broadcast_metrics", "const: broadcast_stats")])
        #expect(SpecComparer().compare(old: old, new: new).map(\.row)
                == ["const-changed breaking response [GET /broadcasts/{id}/metrics] /components/schemas/GetBroadcastMetricsResponseSuccess/properties/object"])
    }
}

/// The walk skips what both versions write the same: on every real pair,
/// in both directions, it finds exactly what the whole walk finds.
@Suite(.enabled(if: SpecHistory.isPresent, "../shared/spec-history is not present"))
struct UnchangedSkipTests {
    @Test func skippingFindsWhatTheWholeWalkFinds() throws {
        for pair in SpecHistory.pairs() {
            let old = try SpecHistory.load(pair.old).document
            let new = try SpecHistory.load(pair.new).document
            var whole = SpecComparer.Options(today: CalendarDate("2026-12-01"))
            whole.skipsUnchanged = false
            let fast = SpecComparer.Options(today: CalendarDate("2026-12-01"))
            for (a, b) in [(old, new), (new, old)] {
                let expected = SpecComparer(options: whole).compare(old: a, new: b)
                let found = SpecComparer(options: fast).compare(old: a, new: b)
                #expect(found == expected, "\(pair)")
            }
        }
    }
}
