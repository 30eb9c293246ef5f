import Foundation
import Testing

/// `diff --swift-api` and `generate --check`, run as a process: what a spec
/// change does to the generated client's Swift API, and the version bump,
/// in each format.
@Suite(.enabled(if: Paths.hasCodegen, ".build/debug/ideogram-codegen is not built"))
struct SwiftAPICLITests {
    static let old = """
        openapi: 3.1.0
        info: {title: Pets, version: '1'}
        servers: [{url: 'https://example.com'}]
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - {name: limit, in: query, schema: {type: integer}}
              responses:
                '200':
                  description: ok
                  content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}
        components:
          schemas:
            Pet:
              type: object
              required: [id, name]
              properties:
                id: {type: integer}
                name: {type: string}
                kind: {$ref: '#/components/schemas/Kind'}
            Kind: {type: string, enum: [cat, dog]}

        """

    /// A required query parameter, an enum value, an optional response property.
    static let new =
        old
        .replacingOccurrences(of: "enum: [cat, dog]", with: "enum: [cat, dog, bird]")
        .replacingOccurrences(
            of: "        - {name: limit, in: query, schema: {type: integer}}",
            with: "        - {name: limit, in: query, schema: {type: integer}}\n"
                + "        - {name: owner, in: query, required: true, schema: {type: string}}"
        )
        .replacingOccurrences(
            of: "        name: {type: string}\n", with: "        name: {type: string}\n        tag: {type: string}\n")

    static func pair() throws -> URL { try CLITests.folder(["old.yml": old, "new.yml": new]) }

    @Test func textReportsEachEffectAndTheBump() throws {
        let folder = try Self.pair()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLITests.run(["diff", "old.yml", "new.yml", "--swift-api"], in: folder)
        #expect(run.status == 1, "a breaking spec change fails the run, as without --swift-api: \(run.errors)")
        let section = try #require(run.output.components(separatedBy: "\n\nSwift API of the generated module").last)
        #expect(
            section == """
                 (Client):
                  major argument-added      method Client.listPets(limit:owner:) has a new required argument owner: String: every call must pass it
                           was  @concurrent public func listPets(limit: Int? = nil) async throws(ClientError) -> [Pet]
                           now  @concurrent public func listPets(limit: Int? = nil, owner: String) async throws(ClientError) -> [Pet]
                           from parameter-added \(try Self.id("parameter-added", in: folder))
                  major case-added          enum Kind gained the case bird: a switch over Kind that lists every case without a default no longer compiles
                           now  case bird
                           from enum-value-added \(try Self.id("enum-value-added", in: folder))
                  minor argument-added      initializer Pet.init(id:name:tag:kind:) has a new argument tag: String? = nil, which calls may leave out
                           was  public init(id: Int, name: String, kind: Kind? = nil)
                           now  public init(id: Int, name: String, tag: String? = nil, kind: Kind? = nil)
                           from response-property-added \(try Self.id("response-property-added", in: folder))
                  minor added               property Pet.tag was added
                           now  public var tag: String?
                           from response-property-added \(try Self.id("response-property-added", in: folder))
                Swift API: major (2 source-breaking effects); 2 major, 2 minor, 0 patch

                """)
        // Without the flag, the report is what it was.
        let plain = try CLITests.run(["diff", "old.yml", "new.yml"], in: folder)
        #expect(!plain.output.contains("Swift API"))
    }

    /// The id of the one change of `rule` in the pair's JSON report.
    static func id(_ rule: String, in folder: URL) throws -> String {
        let object = try json(["diff", "old.yml", "new.yml", "--format", "json"], in: folder)
        let changes = try #require(object["changes"] as? [[String: Any]])
        return try #require(changes.first { $0["rule"] as? String == rule }?["id"] as? String)
    }

    static func json(_ arguments: [String], in folder: URL) throws -> [String: Any] {
        let run = try CLITests.run(arguments, in: folder)
        return try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    }

    @Test func jsonHasTheSectionOnlyWhenAsked() throws {
        let folder = try Self.pair()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.json(["diff", "old.yml", "new.yml", "--format", "json"], in: folder)["swiftAPI"] == nil)
        let object = try Self.json(["diff", "old.yml", "new.yml", "--format", "json", "--swift-api"], in: folder)
        let section = try #require(object["swiftAPI"] as? [String: Any])
        #expect(section["bump"] as? String == "major")
        #expect(section["summary"] as? [String: Int] == ["major": 2, "minor": 2, "patch": 0])
        let effects = try #require(section["effects"] as? [[String: Any]])
        #expect(effects.map { $0["symbol"] as? String } == ["Client.listPets(limit:owner:)", "Kind.bird", "Pet.init(id:name:tag:kind:)", "Pet.tag"])
        #expect(effects.first?["oldSymbol"] as? String == "Client.listPets(limit:)")
        #expect(effects.first?["argument"] as? String == "owner")
        // Every effect names the spec changes it comes from, by the ids of the report.
        let ids = Set(try #require(object["changes"] as? [[String: Any]]).compactMap { $0["id"] as? String })
        for effect in effects {
            let linked = try #require(effect["changes"] as? [String])
            #expect(!linked.isEmpty && Set(linked).isSubset(of: ids))
        }
    }

    @Test func markdownChangelogAndGitHubCarryTheSection() throws {
        let folder = try Self.pair()
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = try CLITests.run(["diff", "old.yml", "new.yml", "--swift-api", "--format", "markdown"], in: folder)
        #expect(markdown.output.contains("**Swift API (Client):** major (2 source-breaking effects); 2 major, 2 minor, 0 patch"))
        #expect(markdown.output.contains("| major | case-added | enum Kind gained the case bird:"))

        let changelog = try CLITests.run(["diff", "old.yml", "new.yml", "--swift-api", "--format", "changelog"], in: folder)
        #expect(changelog.output.contains("## Swift API\n\n**The next version of the client module (Client) is a major (2 source-breaking effects).**"))
        #expect(changelog.output.contains("### Source-breaking (major)\n\n- method Client.listPets(limit:owner:) has a new required argument"))
        #expect(changelog.output.contains("### Additions (minor)\n\n- initializer Pet.init(id:name:tag:kind:)"))

        let github = try CLITests.run(["diff", "old.yml", "new.yml", "--swift-api", "--format", "github"], in: folder)
        // On the line of NEW where the parameter is.
        #expect(github.output.contains("::error file=new.yml,line=10,col=11,title=Swift API major%3A Client.listPets(limit%3Aowner%3A)::method Client.listPets(limit:owner:) has a new required argument"))
        #expect(github.output.contains("::notice file=new.yml,"))
        #expect(github.output.hasSuffix("Swift API: major (2 source-breaking effects); 2 major, 2 minor, 0 patch\n"))
    }

    @Test func clientNameAndItsErrors() throws {
        let folder = try Self.pair()
        defer { try? FileManager.default.removeItem(at: folder) }
        let named = try CLITests.run(["diff", "old.yml", "new.yml", "--swift-api", "--client-name", "Pets"], in: folder)
        #expect(named.output.contains("method Pets.listPets(limit:owner:)"))
        #expect(named.output.contains("async throws(PetsError)"))
        let bad = try CLITests.run(["diff", "old.yml", "new.yml", "--swift-api", "--client-name", "pet store"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.errors.contains("--client-name must be a Swift type name, such as PetStore"))
        let alone = try CLITests.run(["diff", "old.yml", "new.yml", "--client-name", "Pets"], in: folder)
        #expect(alone.status == 2)
        #expect(alone.errors.contains("--client-name names the client of --swift-api"))
    }

    @Test func aDescriptionIsAPatch() throws {
        let described = Self.old.replacingOccurrences(of: "    Pet:\n", with: "    Pet:\n      description: A pet.\n")
        let folder = try CLITests.folder(["old.yml": Self.old, "new.yml": described])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLITests.run(["diff", "old.yml", "new.yml", "--swift-api"], in: folder)
        #expect(run.status == 0)
        #expect(run.output == "No API changes.\n\nSwift API: patch (no public declaration changed); 0 major, 0 minor, 0 patch\n")
    }

    /// A client generated from OLD (with its snapshot), whose spec is now NEW:
    /// `--check` lists the files and says what the change does to the Swift API.
    @Test func generateCheckShowsTheEffectsOfTheDrift() throws {
        let folder = try CLITests.folder(["spec.yml": Self.old])
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try CLITests.run(["generate", "spec.yml", "--output", "Pets", "--snapshot"], in: folder)
        #expect(generated.status == 0, "\(generated.errors)")
        #expect(try CLITests.run(["generate", "spec.yml", "--output", "Pets", "--snapshot", "--check"], in: folder).status == 0)
        try Self.new.write(to: folder.appendingPathComponent("spec.yml"), atomically: true, encoding: .utf8)
        let drifted = try CLITests.run(["generate", "spec.yml", "--output", "Pets", "--snapshot", "--check"], in: folder)
        #expect(drifted.status == 1)
        #expect(drifted.errors.contains("API changes since the client was generated:"))
        #expect(drifted.errors.contains("Swift API of the generated module (Pets):"))
        #expect(drifted.errors.contains("  major case-added          enum Kind gained the case bird"))
        #expect(drifted.errors.contains("Swift API: major (2 source-breaking effects); 2 major, 2 minor, 0 patch"))
    }
}
