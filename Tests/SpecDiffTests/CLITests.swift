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
            try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
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
        #expect(files == ["DocumentedErrorBody.swift", "Ideogram.swift", "Operations.swift", "Runtime.swift", "Types.swift"])

        let wrong = try Self.run(["generate", "spec.yml", "--output", "Out", "--layout", "folders"], in: folder)
        #expect(wrong.status == 2)
        #expect(wrong.errors.contains("--layout must be split or grouped"))
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
