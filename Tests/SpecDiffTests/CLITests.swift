import Foundation
import SpecDiff
import Testing

/// `ideogram-codegen diff`, run as a process on files.
@Suite(.enabled(if: Paths.hasCodegen, ".build/debug/ideogram-codegen is not built"))
struct CLITests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// A fresh folder holding `files` (name → contents).
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specdiff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, contents) in files {
            let file = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: file, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.codegen)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                   errors: String(decoding: errorData, as: UTF8.self))
    }

    static let old = requestSpec("{type: object, properties: {name: {type: string}, kind: {type: string, enum: [cat, dog]}}}")
    static let breaking = old.replacingOccurrences(of: "enum: [cat, dog]", with: "enum: [cat]")
    static let info = old.replacingOccurrences(of: "enum: [cat, dog]", with: "enum: [cat, dog, bird]")

    /// `REV:path` reads OLD through `git show`, in the folder the tool runs in.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git"), "git is not installed"))
    func oldSpecFromGitRevision() throws {
        let folder = try Self.folder(["spec.yml": Self.old])
        defer { try? FileManager.default.removeItem(at: folder) }
        for arguments in [["init", "-q"], ["add", "spec.yml"],
                          ["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "old"]] {
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            git.arguments = arguments
            git.currentDirectoryURL = folder
            try git.run()
            git.waitUntilExit()
            try #require(git.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
        }
        try Self.breaking.write(to: folder.appendingPathComponent("spec.yml"), atomically: true, encoding: .utf8)

        let changed = try Self.run(["diff", "HEAD:spec.yml", "spec.yml"], in: folder)
        #expect(changed.status == 1)
        #expect(changed.output.contains("breaking"))

        let unknown = try Self.run(["diff", "no-such-revision:spec.yml", "spec.yml"], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("cannot read 'no-such-revision:spec.yml' from git: fatal:"))
    }

    /// `generate --layout`: grouped writes one file per folder; anything else is a usage error.
    @Test func generateLayoutOption() throws {
        let folder = try Self.folder(["spec.yml": Self.old])
        defer { try? FileManager.default.removeItem(at: folder) }
        let grouped = try Self.run(["generate", "spec.yml", "--output", "Out", "--layout", "grouped"], in: folder)
        #expect(grouped.status == 0, "\(grouped.errors)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Out").path).sorted()
        // The module and its client are named after the output folder, never after Ideogram.
        #expect(files == ["DocumentedErrorBody.swift", "Operations.swift", "Out.swift", "Runtime.swift", "Types.swift"])

        let wrong = try Self.run(["generate", "spec.yml", "--output", "Out", "--layout", "folders"], in: folder)
        #expect(wrong.status == 2)
        #expect(wrong.errors.contains("--layout must be split or grouped"))
    }

    /// `generate --config`: every client of the file, or those `--client`
    /// names; `--check` fails on drift; a broken config is a located error.
    @Test func generateFromAConfig() throws {
        let config = """
            clients:
              - module: FirstClient
                spec: specs/spec.yml
                output: Sources/First
              - spec: specs/spec.yml
                output: Sources/SecondClient
                layout: grouped
                snapshot: false
            """
        let folder = try Self.folder(["specs/spec.yml": Self.old, "openapi-clients.yml": config])
        defer { try? FileManager.default.removeItem(at: folder) }
        let all = try Self.run(["generate", "--config", "openapi-clients.yml"], in: folder)
        #expect(all.status == 0, "\(all.errors)")
        let first = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Sources/First").path).sorted()
        #expect(first.contains("First.swift") && first.contains("spec-snapshot.yml") && first.contains("Types"))
        let second = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Sources/SecondClient").path).sorted()
        #expect(second == ["DocumentedErrorBody.swift", "Operations.swift", "Runtime.swift", "Second.swift", "Types.swift"])

        #expect(try Self.run(["generate", "--config", "openapi-clients.yml", "--check"], in: folder).status == 0)
        // A spec edit without regeneration: --check fails for both, naming the files and the API change.
        try Self.breaking.write(to: folder.appendingPathComponent("specs/spec.yml"), atomically: true, encoding: .utf8)
        let drifted = try Self.run(["generate", "--config", "openapi-clients.yml", "--check"], in: folder)
        #expect(drifted.status == 1)
        #expect(drifted.errors.contains("Sources/First/"))
        #expect(drifted.errors.contains("Sources/SecondClient/"))
        #expect(drifted.errors.contains("API changes since the client was generated"))
        #expect(drifted.errors.contains("2 of 2 client(s) differ from their specs"))
        // One client by name.
        let one = try Self.run(["generate", "--config", "openapi-clients.yml", "--client", "SecondClient"], in: folder)
        #expect(one.status == 0, "\(one.errors)")
        #expect(one.output.contains("Sources/SecondClient") && !one.output.contains("Sources/First"))
        let unknown = try Self.run(["generate", "--config", "openapi-clients.yml", "--client", "Third"], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("no client 'Third' in the config; it lists 'FirstClient', 'SecondClient'"))
        let mixed = try Self.run(["generate", "specs/spec.yml", "--config", "openapi-clients.yml"], in: folder)
        #expect(mixed.status == 2)

        try "clients:\n  - spec: a.yml\n    outptu: B\n".write(to: folder.appendingPathComponent("bad.yml"), atomically: true, encoding: .utf8)
        let bad = try Self.run(["generate", "--config", "bad.yml"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.errors.contains("bad.yml:3:5: error: unknown key 'outptu' in a client"))
        #expect(bad.errors.contains("bad.yml:2:5: error: a client needs 'output'"))
    }

    @Test func noChangeExitsZero() throws {
        let folder = try Self.folder(["old.yml": Self.old, "new.yml": Self.old])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["diff", "old.yml", "new.yml"], in: folder)
        #expect(run.status == 0)
        #expect(run.output == "No API changes.\n")
    }

    @Test func breakingChangeExitsOne() throws {
        let folder = try Self.folder(["old.yml": Self.old, "new.yml": Self.breaking])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["diff", "old.yml", "new.yml"], in: folder)
        #expect(run.status == 1)
        #expect(run.output.contains("[enum-value-removed]"))
        #expect(run.output.hasSuffix("API changes: 1 breaking, 0 warning, 0 info\n"))
    }

    @Test func failOnSetsTheThreshold() throws {
        let folder = try Self.folder(["old.yml": Self.old, "new.yml": Self.info])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.run(["diff", "old.yml", "new.yml"], in: folder).status == 0)
        #expect(try Self.run(["diff", "old.yml", "new.yml", "--fail-on", "warning"], in: folder).status == 0)
        #expect(try Self.run(["diff", "old.yml", "new.yml", "--fail-on", "info"], in: folder).status == 1)
    }

    @Test func missingFileExitsTwo() throws {
        let folder = try Self.folder(["old.yml": Self.old])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["diff", "old.yml", "missing.yml"], in: folder)
        #expect(run.status == 2)
        #expect(run.errors.contains("missing.yml"))
        #expect(run.output.isEmpty)
    }

    @Test func usageErrorsExitTwo() throws {
        let folder = try Self.folder(["old.yml": Self.old])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.run(["diff", "old.yml"], in: folder).status == 2)
        #expect(try Self.run(["diff", "old.yml", "old.yml", "--format", "yaml"], in: folder).status == 2)
        #expect(try Self.run(["diff", "old.yml", "old.yml", "--fail-on", "never"], in: folder).status == 2)
    }

    @Test func jsonFormatParses() throws {
        let folder = try Self.folder(["old.yml": Self.old, "new.yml": Self.breaking])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["diff", "old.yml", "new.yml", "--format", "json"], in: folder)
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.map { $0["rule"] as? String } == ["enum-value-removed"])
        #expect(changes.first?["operations"] as? [String] == ["POST /pets"])
        let new = try #require(changes.first?["new"] as? [String: Any])
        #expect(new["file"] as? String == "new.yml")
    }

    @Test func markdownFormat() throws {
        let folder = try Self.folder(["old.yml": Self.old, "new.yml": Self.info])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["diff", "old.yml", "new.yml", "--format", "markdown"], in: folder)
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("**API changes:** 0 breaking, 0 warning, 1 info\n"))
    }
}

/// The rule catalog: unique ids, every one listed by `--list-rules` and in
/// the README, and every rule the comparer reports is one of them (the
/// comparer asserts the severity is one its entry lists).
@Suite(.enabled(if: Paths.hasCodegen, ".build/debug/ideogram-codegen is not built"))
struct RuleCatalogTests {
    @Test func idsAreUniqueAndListed() throws {
        let ids = DiffRule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        let folder = try CLITests.folder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let listed = try CLITests.run(["diff", "--list-rules"], in: folder)
        #expect(listed.status == 0)
        let first = listed.output.split(separator: "\n").map { String($0.split(separator: " ").first ?? "") }
        #expect(first == ids)
        // The README's table is the catalog's, word for word, reasoning included.
        let readme = try String(contentsOfFile: Paths.packageRoot + "/README.md", encoding: .utf8)
        #expect(readme.contains(DiffRule.markdownTable()), "the README's rule table differs from `diff --list-rules --format markdown`")
        for id in ids {
            #expect(readme.contains("| `\(id)` |"), "the README's rule table lacks \(id)")
        }
        let table = try CLITests.run(["diff", "--list-rules", "--format", "markdown"], in: folder)
        #expect(table.output == DiffRule.markdownTable())
        #expect(DiffRule.named("request-property-became-required")?.severities == [.breaking])
        #expect(DiffRule.named("no-such-rule") == nil)
    }
}
