import Foundation
import SpecDiff
import SpecParser
import Testing

/// The three renderings of a change list, exactly.
struct ReportTests {
    static let serverAdded = SpecChange(
        rule: "server-added", severity: .info, direction: .both, operations: [], pointer: "/servers",
        oldLocation: at("old.yml", 6, 5), newLocation: at("new.yml", 7, 5), message: "server https://eu.example.com was added")

    static let tagRequired = SpecChange(
        rule: "request-property-became-required", severity: .breaking, direction: .request, operations: ["POST /pets"],
        pointer: "/paths/~1pets/post/requestBody/content/application~1json/schema/properties/tag",
        oldLocation: at("old.yml", 19, 19), newLocation: at("new.yml", 19, 19), message: "property 'tag' became required")

    static let kindGained = SpecChange(
        rule: "enum-value-added", severity: .warning, direction: .response, operations: ["GET /pets", "POST /pets"],
        pointer: "/components/schemas/Kind", oldLocation: at("old.yml", 30, 7), newLocation: at("new.yml", 31, 7),
        message: "schema Kind gained the value 'a|b'")

    static let changes = [serverAdded, tagRequired, kindGained]

    @Test func textGroupsByOperation() {
        #expect(DiffReport.render(Self.changes, format: .text) == """
            (document)
              info     both     server https://eu.example.com was added [server-added]
                       /servers  (old old.yml:6:5, new new.yml:7:5)  id \(Self.serverAdded.fingerprint)

            GET /pets
              warning  response schema Kind gained the value 'a|b' [enum-value-added]
                       /components/schemas/Kind  (old old.yml:30:7, new new.yml:31:7)  id \(Self.kindGained.fingerprint)

            POST /pets
              breaking request  property 'tag' became required [request-property-became-required]
                       /paths/~1pets/post/requestBody/content/application~1json/schema/properties/tag  (old old.yml:19:19, new new.yml:19:19)  id \(Self.tagRequired.fingerprint)
              warning  response schema Kind gained the value 'a|b' [enum-value-added]
                       /components/schemas/Kind  (old old.yml:30:7, new new.yml:31:7)  id \(Self.kindGained.fingerprint)

            API changes: 1 breaking, 1 warning, 1 info

            """)
    }

    @Test func textOfNoChanges() {
        #expect(DiffReport.render([], format: .text) == "No API changes.\n")
    }

    @Test func textOfAnAddition() {
        var added = Self.serverAdded
        added.oldLocation = nil
        #expect(DiffReport.render([added], format: .text).contains("/servers  (new new.yml:7:5)  id \(added.fingerprint)\n"))
    }

    @Test func markdownIsASummaryAndATable() {
        #expect(DiffReport.render(Self.changes, format: .markdown) == """
            **API changes:** 1 breaking, 1 warning, 1 info

            | Severity | Operation | Direction | Change | Rule | Where |
            | --- | --- | --- | --- | --- | --- |
            | 🔴 breaking | `POST /pets` | request | property 'tag' became required | `request-property-became-required` `\(Self.tagRequired.fingerprint)` | `/paths/~1pets/post/requestBody/content/application~1json/schema/properties/tag`<br>old old.yml:19:19, new new.yml:19:19 |
            | 🟡 warning | `GET /pets`<br>`POST /pets` | response | schema Kind gained the value 'a\\|b' | `enum-value-added` `\(Self.kindGained.fingerprint)` | `/components/schemas/Kind`<br>old old.yml:30:7, new new.yml:31:7 |
            | 🔵 info | (document) | both | server https://eu.example.com was added | `server-added` `\(Self.serverAdded.fingerprint)` | `/servers`<br>old old.yml:6:5, new new.yml:7:5 |

            """)
    }

    @Test func markdownOfNoChanges() {
        #expect(DiffReport.render([], format: .markdown) == "**API changes:** 0 breaking, 0 warning, 0 info\n\n")
    }

    @Test func markdownKeepsEveryRowOnOneLine() {
        var change = Self.tagRequired
        change.message = "two\nlines | and a pipe"
        let table = DiffReport.render([change], format: .markdown)
        #expect(table.contains("| two lines \\| and a pipe |"))
        #expect(table.split(separator: "\n").count == 4)
    }

    @Test func jsonIsStable() {
        var added = Self.tagRequired
        added.oldLocation = nil
        #expect(DiffReport.render([added], format: .json) == """
            {
              "accepted" : [

              ],
              "changes" : [
                {
                  "direction" : "request",
                  "id" : "\(added.fingerprint)",
                  "message" : "property 'tag' became required",
                  "new" : {
                    "column" : 19,
                    "file" : "new.yml",
                    "line" : 19
                  },
                  "note" : null,
                  "old" : null,
                  "operations" : [
                    "POST /pets"
                  ],
                  "pointer" : "/paths/~1pets/post/requestBody/content/application~1json/schema/properties/tag",
                  "rule" : "request-property-became-required",
                  "severity" : "breaking"
                }
              ],
              "specWarnings" : [

              ],
              "summary" : {
                "accepted" : 0,
                "breaking" : 1,
                "info" : 0,
                "warning" : 0
              },
              "version" : 1
            }

            """)
    }

    @Test func jsonParsesWithEveryKey() throws {
        let text = DiffReport.render(Self.changes, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        #expect(object["summary"] as? [String: Int] == ["breaking": 1, "warning": 1, "info": 1, "accepted": 0])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == 3)
        for change in changes {
            #expect(Set(change.keys) == ["id", "rule", "severity", "direction", "operations", "pointer", "message", "note", "old", "new"])
        }
        let kind = try #require(changes.first { $0["rule"] as? String == "enum-value-added" })
        #expect(kind["severity"] as? String == "warning")
        #expect(kind["direction"] as? String == "response")
        #expect(kind["operations"] as? [String] == ["GET /pets", "POST /pets"])
        #expect(kind["pointer"] as? String == "/components/schemas/Kind")
        #expect(kind["message"] as? String == "schema Kind gained the value 'a|b'")
        let old = try #require(kind["old"] as? [String: Any])
        #expect(old["file"] as? String == "old.yml")
        #expect(old["line"] as? Int == 30)
        #expect(old["column"] as? Int == 7)
    }

    @Test func jsonOfNoChanges() throws {
        let text = DiffReport.render([], format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["changes"] as? [Any])?.isEmpty == true)
        #expect(object["summary"] as? [String: Int] == ["breaking": 0, "warning": 0, "info": 0, "accepted": 0])
    }

    @Test func reportOfARealDiff() throws {
        let old = requestSpec("{type: object, properties: {name: {type: string}, tag: {type: string}}, required: [name]}")
        let new = old.replacingOccurrences(of: "required: [name]", with: "required: [name, tag]")
        let changes = try diff(old, new)
        #expect(DiffReport.render(changes, format: .text) == """
            POST /pets
              breaking request  property 'tag' became required [request-property-became-required]
                       \(requestSchema)/properties/tag  (old old.yml:12:76, new new.yml:12:76)  id \(changes[0].fingerprint)

            API changes: 1 breaking, 0 warning, 0 info

            """)
    }
}
