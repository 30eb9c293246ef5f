import SpecDiff
import SpecParser
import Testing

/// Change ids: the same change keeps its id from one commit to the next.
struct FingerprintTests {
    /// The algorithm is fixed: an id in an ignore file must keep matching
    /// after an upgrade of the tool.
    @Test func idOfAKnownChange() {
        let change = SpecChange(rule: "enum-value-added", severity: .warning, direction: .response, operations: ["GET /pets"],
                                pointer: "/components/schemas/Kind", oldLocation: at("old.yml", 3, 5), newLocation: at("new.yml", 4, 5),
                                message: "schema Kind gained the value 'c'")
        #expect(change.fingerprint == "45f406d97b5a")
        #expect(change.fingerprint.count == 12)
    }

    /// Lines, operations, severities and notes do not change an id; what the change is does.
    @Test func idIgnoresWhereAndHowMuch() throws {
        let old = requestSpec("{type: object, properties: {kind: {type: string, enum: [cat, dog]}}}")
        let new = old.replacingOccurrences(of: "enum: [cat, dog]", with: "enum: [cat]")
        let id = try #require(try diff(old, new).first?.fingerprint)
        // Shifted lines and another operation that uses the schema.
        let shifted = { (text: String) in text.replacingOccurrences(of: "paths:\n", with: "servers:\n  - url: https://example.com\npaths:\n") }
        #expect(try diff(shifted(old), shifted(new)).first?.fingerprint == id)
        var regraded = try #require(try diff(old, new).first)
        regraded.severity = .info
        regraded.note = "severity set by .specdiff.yml"
        regraded.operations = ["GET /other"]
        #expect(regraded.fingerprint == id)
        // Another value removed is another change.
        let otherValue = old.replacingOccurrences(of: "enum: [cat, dog]", with: "enum: [dog]")
        #expect(try diff(old, otherValue).first?.fingerprint != id)
    }

    /// Every format carries the id.
    @Test func everyFormatShowsIt() throws {
        let old = requestSpec("{type: object, properties: {kind: {type: string, enum: [cat, dog]}}}")
        let changes = try diff(old, old.replacingOccurrences(of: "enum: [cat, dog]", with: "enum: [cat]"))
        let id = try #require(changes.first?.fingerprint)
        for format in DiffReport.Format.allCases {
            #expect(DiffReport.render(changes, format: format).contains(id), "\(format)")
        }
    }
}
