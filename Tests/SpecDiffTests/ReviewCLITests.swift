import Foundation
import SpecDiff
import Testing

/// `diff` as a reviewer runs it: with ignore files, a config it finds by
/// itself, annotations for GitHub, and specs that have errors.
@Suite(.enabled(if: Paths.hasCodegen, ".build/debug/ideogram-codegen is not built"))
struct ReviewCLITests {
    static let old = CLITests.old
    static let breaking = CLITests.breaking

    /// The id of the breaking change of the CLI tests' pair.
    static func breakingID(in folder: URL) throws -> String {
        let run = try CLITests.run(["diff", "old.yml", "new.yml", "--format", "json"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        return try #require(changes.first?["id"] as? String)
    }

    @Test func ignoreFileAcceptsAChange() throws {
        let folder = try CLITests.folder(["old.yml": Self.old, "new.yml": Self.breaking])
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = try Self.breakingID(in: folder)
        try "# reviewed\n\(id) nobody sends dog any more\n".write(to: folder.appendingPathComponent("accepted.txt"), atomically: true, encoding: .utf8)
        let run = try CLITests.run(["diff", "old.yml", "new.yml", "--ignore", "accepted.txt"], in: folder)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("No API changes.\n\nAccepted (1):\n"))
        #expect(run.output.contains("accepted for POST /pets at accepted.txt:2:1: nobody sends dog any more"))

        try "enum-value-removd typo\n".write(to: folder.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
        let bad = try CLITests.run(["diff", "old.yml", "new.yml", "--ignore", "bad.txt"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.errors.contains("bad.txt:1:1: error: 'enum-value-removd' is not a change id"))
    }

    /// `.specdiff.yml` is found in the folder the tool runs in or above it;
    /// its ignore file is relative to it; options on the command line win.
    @Test func configFoundByItself() throws {
        let config = """
            severity:
              enum-value-removed: warning
            ignore: review/accepted.txt
            fail-on: warning
            """
        let folder = try CLITests.folder(["api/old.yml": Self.old, "api/new.yml": Self.breaking, ".specdiff.yml": config,
                                          "review/accepted.txt": "# nothing yet\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let api = folder.appendingPathComponent("api")
        let run = try CLITests.run(["diff", "old.yml", "new.yml"], in: api)
        #expect(run.status == 1, "fail-on: warning")
        #expect(run.output.contains("  warning  request  property 'kind' lost the value 'dog' [enum-value-removed]"))
        #expect(run.output.contains("note: severity set by ../.specdiff.yml"))
        #expect(try CLITests.run(["diff", "old.yml", "new.yml", "--fail-on", "breaking"], in: api).status == 0)
        #expect(try CLITests.run(["diff", "old.yml", "new.yml", "--no-config"], in: api).output.contains("  breaking request"))

        try "severity:\n  enum-value-removed: never\n".write(to: folder.appendingPathComponent(".specdiff.yml"), atomically: true, encoding: .utf8)
        let bad = try CLITests.run(["diff", "old.yml", "new.yml"], in: api)
        #expect(bad.status == 2)
        #expect(bad.errors.contains("../.specdiff.yml:2:23: error: the level of 'enum-value-removed' must be breaking, warning, info or off"))
    }

    /// A spec with an error that does not stop reading (a path template
    /// naming an undeclared parameter, as a published OpenAI spec did) is
    /// compared; its error is a warning beside the changes. One that cannot
    /// be read still ends with 2.
    @Test func specWithErrorsIsCompared() throws {
        let broken = Self.breaking.replacingOccurrences(of: "  /pets:", with: "  /pets/{petId}:")
        try #require(broken != Self.breaking)
        let folder = try CLITests.folder(["old.yml": Self.old, "new.yml": broken, "bad.yml": "openapi: [\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLITests.run(["diff", "old.yml", "new.yml"], in: folder)
        #expect(run.status == 1)
        #expect(run.output.contains("Compared despite these problems in the specs:\n  new.yml:8:7: warning: path '/pets/{petId}' uses '{petId}' but no path parameter of that name is declared"))
        #expect(run.output.contains("[operation-removed]"))
        let unreadable = try CLITests.run(["diff", "old.yml", "bad.yml"], in: folder)
        #expect(unreadable.status == 2)
        #expect(unreadable.errors.contains("bad.yml cannot be read; nothing was compared"))
    }

    @Test func githubAnnotationsAndChangelog() throws {
        let folder = try CLITests.folder(["old.yml": Self.old, "new.yml": Self.breaking])
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = try Self.breakingID(in: folder)
        let github = try CLITests.run(["diff", "old.yml", "new.yml", "--format", "github"], in: folder)
        #expect(github.status == 1)
        #expect(github.output == """
            ::error file=new.yml,line=12,col=77,title=enum-value-removed (POST /pets)::property 'kind' lost the value 'dog' [\(id)]
            API changes: 1 breaking, 0 warning, 0 info

            """)
        let changelog = try CLITests.run(["diff", "old.yml", "new.yml", "--format", "changelog"], in: folder)
        #expect(changelog.output.contains("### `POST /pets`\n\n- 🔴 **Breaking:** property 'kind' lost the value 'dog' (request)"))
    }

    /// On a real commit: the annotation of a removal is on OLD's line.
    @Test(.enabled(if: SpecHistory.has("resend", "615da33")))
    func annotationOfARealRemoval() throws {
        let pair = try #require(SpecHistory.pair("resend", "615da33"))
        let run = try CLITests.run(["diff", pair.old, pair.new, "--format", "github"], in: URL(fileURLWithPath: "/"))
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("::warning file=\(pair.old),line=2969,col=11,title=request-property-removed (POST /contacts/imports)::property 'on_error' was removed ["))
    }

    @Test func policyOptionsAreChecked() throws {
        let folder = try CLITests.folder(["old.yml": Self.old])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLITests.run(["diff", "old.yml", "old.yml", "--deprecation-days", "soon"], in: folder).status == 2)
        #expect(try CLITests.run(["diff", "old.yml", "old.yml", "--today", "31/12/2025"], in: folder).status == 2)
        #expect(try CLITests.run(["diff", "old.yml", "old.yml", "--config", "x.yml", "--no-config"], in: folder).status == 2)
        #expect(try CLITests.run(["diff", "old.yml", "old.yml", "--deprecation-days", "30", "--today", "2025-12-31"], in: folder).status == 0)
    }
}
