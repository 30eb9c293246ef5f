import Foundation
import SpecDiff
import SpecParser
import Testing

/// The formats a review is read in besides the table: GitHub annotations, a
/// Markdown changelog, and the accepted changes and spec warnings in each.
struct ReviewFormatTests {
    static let changes = ReportTests.changes
    static var removed: SpecChange {
        SpecChange(rule: "parameter-removed", severity: .breaking, direction: .request, operations: ["GET /pets"],
                   pointer: "/paths/~1pets/get/parameters/query/limit", oldLocation: at("HEAD~1:spec/api.yml", 12, 11),
                   newLocation: at("spec/api.yml", 10, 7), message: "query parameter 'limit' was removed")
    }

    static var outcome: DiffOutcome {
        DiffOutcome(
            changes: changes + [removed],
            accepted: [AcceptedChange(change: ReportTests.serverAdded, reason: "the EU region", acceptedAt: at("accepted.txt", 2, 1))],
            specWarnings: [Diagnostic(.warning, "path '/pets/{id}' uses '{id}' but no path parameter of that name is declared",
                                      at: at("old.yml", 40, 5))])
    }

    /// One command per change, on NEW's line, or OLD's (by its repository path) for a removal.
    @Test func githubAnnotations() {
        let tag = ReportTests.tagRequired
        let kind = ReportTests.kindGained
        #expect(DiffReport.render(Self.outcome, format: .github) == """
            ::notice file=new.yml,line=7,col=5,title=server-added::server https://eu.example.com was added [\(ReportTests.serverAdded.fingerprint)]
            ::error file=new.yml,line=19,col=19,title=request-property-became-required (POST /pets)::property 'tag' became required [\(tag.fingerprint)]
            ::warning file=new.yml,line=31,col=7,title=enum-value-added (GET /pets%2C POST /pets)::schema Kind gained the value 'a|b' [\(kind.fingerprint)]
            ::error file=spec/api.yml,line=12,col=11,title=parameter-removed (GET /pets)::query parameter 'limit' was removed [\(Self.removed.fingerprint)]
            ::warning file=old.yml,line=40,col=5,title=spec warning::path '/pets/{id}' uses '{id}' but no path parameter of that name is declared
            API changes: 2 breaking, 1 warning, 1 info (1 accepted)

            """)
    }

    @Test func githubEscapesWhatEndsACommand() {
        var change = ReportTests.tagRequired
        change.message = "50% of\nthe: values"
        let line = DiffReport.render([change], format: .github)
        #expect(line.hasPrefix("::error file=new.yml,line=19,col=19,title=request-property-became-required (POST /pets)::50%25 of%0Athe: values ["))
    }

    /// Operations with breaking changes first, breaking first within each.
    @Test func changelog() {
        #expect(DiffReport.render(Self.outcome, format: .changelog) == """
            ## API changes

            **2 breaking, 1 warning, 1 info, 1 accepted**

            ### `GET /pets`

            - 🔴 **Breaking:** query parameter 'limit' was removed (request) <sub>`parameter-removed` · `\(Self.removed.fingerprint)`</sub>
            - 🟡 Warning: schema Kind gained the value 'a\\|b' (response) <sub>`enum-value-added` · `\(ReportTests.kindGained.fingerprint)`</sub>

            ### `POST /pets`

            - 🔴 **Breaking:** property 'tag' became required (request) <sub>`request-property-became-required` · `\(ReportTests.tagRequired.fingerprint)`</sub>
            - 🟡 Warning: schema Kind gained the value 'a\\|b' (response) <sub>`enum-value-added` · `\(ReportTests.kindGained.fingerprint)`</sub>

            ### The whole API

            - 🔵 server https://eu.example.com was added <sub>`server-added` · `\(ReportTests.serverAdded.fingerprint)`</sub>

            <details><summary>Accepted changes (1)</summary>

            - server https://eu.example.com was added: the EU region <sub>`server-added` · `\(ReportTests.serverAdded.fingerprint)`</sub>

            </details>

            ### Compared despite these problems in the specs

            - `old.yml:40:5: warning: path '/pets/{id}' uses '{id}' but no path parameter of that name is declared`

            """)
        #expect(DiffReport.render([], format: .changelog) == "## API changes\n\nNo API changes.\n")
    }

    @Test func textShowsAcceptedChangesAndSpecWarnings() {
        let outcome = DiffOutcome(changes: [], accepted: Self.outcome.accepted, specWarnings: Self.outcome.specWarnings)
        #expect(DiffReport.render(outcome, format: .text) == """
            No API changes.

            Accepted (1):
              info     both     server https://eu.example.com was added [server-added]
                       /servers  (old old.yml:6:5, new new.yml:7:5)  id \(ReportTests.serverAdded.fingerprint)
                       accepted at accepted.txt:2:1: the EU region

            Compared despite these problems in the specs:
              old.yml:40:5: warning: path '/pets/{id}' uses '{id}' but no path parameter of that name is declared

            """)
    }

    @Test func jsonHasAcceptedChangesAndSpecWarnings() throws {
        let text = DiffReport.render(Self.outcome, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["summary"] as? [String: Int])?["accepted"] == 1)
        let accepted = try #require(object["accepted"] as? [[String: Any]])
        #expect(accepted.first?["reason"] as? String == "the EU region")
        #expect((accepted.first?["acceptedAt"] as? [String: Any])?["file"] as? String == "accepted.txt")
        let warnings = try #require(object["specWarnings"] as? [[String: Any]])
        #expect(warnings.first?["severity"] as? String == "warning")
        #expect((warnings.first?["location"] as? [String: Any])?["line"] as? Int == 40)
    }
}
