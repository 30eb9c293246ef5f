import SpecDiff
import SpecParser
import Testing

/// A review's policy: accepted changes (ignore files) and severities per
/// rule (`.specdiff.yml`), applied over the comparison.
struct PolicyTests {
    /// Two changes of `GET /pets` and `GET /owners` (one shared schema), and one of the document.
    static let old = spec("""
        servers:
          - url: https://api.example.com
        paths:
          /pets:
            get:
              parameters:
                - {name: limit, in: query, schema: {type: integer}}
              responses:
                '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}}
          /owners:
            get:
              responses:
                '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}}
        components:
          schemas:
            Page: {type: object, properties: {next: {type: string}}}

        """)
    static let new = old
        .replacingOccurrences(of: "{name: limit, in: query, schema:", with: "{name: limit, in: query, required: true, schema:")
        .replacingOccurrences(of: "next: {type: string}", with: "next: {type: string, nullable: true}")
        .replacingOccurrences(of: "openapi: 3.1.0", with: "openapi: 3.0.3")
        .replacingOccurrences(of: "https://api.example.com", with: "https://api.example.org")

    static func outcome() throws -> DiffOutcome {
        let old = try load(Self.old.replacingOccurrences(of: "openapi: 3.1.0", with: "openapi: 3.0.3"), file: "old.yml")
        return SpecComparer().review(old: old, new: try load(Self.new, file: "new.yml"))
    }

    @Test func theComparisonToReview() throws {
        #expect(try Self.outcome().changes.rows == [
            "server-added info both [] /servers",
            "server-removed warning both [] /servers",
            "schema-became-nullable breaking response [GET /owners, GET /pets] /components/schemas/Page/properties/next",
            "parameter-became-required breaking request [GET /pets] /paths/~1pets/get/parameters/query/limit",
        ])
    }

    @Test func ignoreFileEntriesOfEachKind() throws {
        let outcome = try Self.outcome()
        let nullable = try #require(outcome.changes.first { $0.rule == "schema-became-nullable" })
        let text = """
            # Reviewed in PR 12.
            \(nullable.fingerprint)  callers treat an empty page as the last
            server-added the EU region
            GET /pets/{id} parameter-removed   no such operation; accepts nothing

            get /pets parameter-became-required\tlimit was always sent by the SDK
            """
        let (list, diagnostics) = IgnoreList.read(text, file: "accepted.txt")
        #expect(diagnostics.all.isEmpty)
        #expect(list.entries.map(\.reason) == ["callers treat an empty page as the last", "the EU region",
                                               "no such operation; accepts nothing", "limit was always sent by the SDK"])
        let (reviewed, unused) = DiffPolicy(ignore: list).apply(to: outcome)
        #expect(reviewed.changes.rows == ["server-removed warning both [] /servers"])
        #expect(reviewed.accepted.map { "\($0.change.rule) \($0.acceptedAt) \($0.reason)" } == [
            "server-added accepted.txt:3:1 the EU region",
            "schema-became-nullable accepted.txt:2:1 callers treat an empty page as the last",
            "parameter-became-required accepted.txt:6:1 limit was always sent by the SDK",
        ])
        #expect(unused.all.map(\.description)
                == ["accepted.txt:4:1: warning: this entry accepts no change of this comparison; the change may be gone, or changed (and with it its id)"])
    }

    /// An entry for one operation accepts a shared change for that operation only.
    @Test func operationEntryAcceptsForThatOperation() throws {
        let (list, _) = IgnoreList.read("GET /owners schema-became-nullable owners handle null", file: "i.txt")
        let (reviewed, _) = DiffPolicy(ignore: list).apply(to: try Self.outcome())
        #expect(reviewed.changes.first { $0.rule == "schema-became-nullable" }?.operations == ["GET /pets"])
        #expect(reviewed.accepted.map(\.change.operations) == [["GET /owners"]])
    }

    @Test func badLinesAreLocatedErrors() {
        let (_, diagnostics) = IgnoreList.read("""
            server-added fine
              no-such-rule reason
            POST /pets
            abcdef12345  eleven digits
            """, file: "i.txt")
        #expect(diagnostics.all.map(\.description) == [
            "i.txt:2:3: error: 'no-such-rule' is not a change id (12 hex digits), a rule id (diff --list-rules) or an operation (METHOD /path)",
            "i.txt:3:6: error: after the operation 'POST /pets', name a rule id or a change id (12 hex digits)",
            "i.txt:4:1: error: 'abcdef12345' is not a change id (12 hex digits), a rule id (diff --list-rules) or an operation (METHOD /path)",
        ])
    }

    @Test func severityOverridesAndOff() throws {
        let policy = DiffPolicy(levels: ["server-removed": .severity(.breaking), "server-added": .off], levelsSource: ".specdiff.yml")
        let (reviewed, _) = policy.apply(to: try Self.outcome())
        #expect(reviewed.changes.map(\.rule) == ["server-removed", "schema-became-nullable", "parameter-became-required"])
        let removed = try #require(reviewed.changes.first)
        #expect(removed.severity == .breaking)
        #expect(removed.note == "severity set by .specdiff.yml")
    }

    @Test func configFile() throws {
        let (config, diagnostics) = DiffConfig.read("""
            severity:
              response-status-removed: breaking
              description-changed: off
            ignore: spec/accepted.txt
            deprecation-days: 90
            fail-on: warning
            """, path: ".specdiff.yml")
        #expect(diagnostics.all.isEmpty)
        let read = try #require(config)
        #expect(read.levels == ["response-status-removed": .severity(.breaking), "description-changed": .off])
        #expect(read.ignoreFile == "spec/accepted.txt")
        #expect(read.deprecationDays == 90)
        #expect(read.failOn == .warning)
    }

    @Test func configOfCommentsAloneIsEmpty() throws {
        let (config, diagnostics) = DiffConfig.read("# nothing to set yet\n\n", path: ".specdiff.yml")
        #expect(diagnostics.all.isEmpty)
        #expect(try #require(config).levels.isEmpty)
    }

    @Test func configErrorsAreLocated() {
        let (config, diagnostics) = DiffConfig.read("""
            severity:
              no-such-rule: info
              path-removed: fatal
            deprecation-days: soon
            fail_on: warning
            """, path: ".specdiff.yml")
        #expect(config == nil)
        #expect(diagnostics.all.map(\.description) == [
            ".specdiff.yml:2:3: error: 'no-such-rule' is not a rule id; diff --list-rules lists them",
            ".specdiff.yml:3:17: error: the level of 'path-removed' must be breaking, warning, info or off",
            ".specdiff.yml:4:19: error: 'deprecation-days' must be a whole number of days, 0 or more",
            ".specdiff.yml:5:1: error: unknown key 'fail_on'; .specdiff.yml has 'severity', 'ignore', 'deprecation-days' and 'fail-on'",
        ])
    }
}
