@testable import CodeGen
import Foundation
import SpecParser
import TestCommands
import Testing

/// The type names a schema may not take, as the compiler sees them, in the
/// manner of swift-protobuf's collision tests (`generated_swift_names_*`):
///
/// - every type the runtime declares at its top level (a schema of that
///   name would be declared twice), and
/// - every name that a lookup in the runtime's code, or in the code the
///   renderer writes (the reference modules of Tests/Reference, one spec of
///   each feature), reached the module's top level with, and that names a
///   type there (a schema of that name would shadow it).
///
/// Both come from the compiler: the dependency records it writes for
/// incremental builds list, per file, each name it provides and each name a
/// lookup reached the top level with; a type-check of a `typealias` per
/// name tells the types from the rest (generic parameters, associated types,
/// nested types found as members, precedence groups). The result is checked
/// in (`Sources/CodeGen/Naming/ReservedTypeNames.swift`): this test fails
/// when it is stale, and `scripts/update-references` rewrites it.
@Suite struct ReservedNamesTests {
    static let listFile = Paths.packageRoot + "/Sources/CodeGen/Naming/ReservedTypeNames.swift"

    @Test func theCheckedInListsAreWhatTheCompilerSays() async throws {
        // About a minute of compiling, on a thread of its own (``offThePool(_:)``).
        let derived = try await offThePool { try Self.derive() }
        if ProcessInfo.processInfo.environment["UPDATE_RESERVED_NAMES"] == "1" {
            try Self.listSource(derived).write(toFile: Self.listFile, atomically: true, encoding: .utf8)
            return
        }
        for (name, fresh, checkedIn) in [("reservedTypeNames", derived.reserved, Naming.reservedTypeNames),
                                         ("clientMemberTypeNames", derived.clientMembers, Naming.clientMemberTypeNames)] {
            #expect(fresh == checkedIn, """
                Naming.\(name) (Sources/CodeGen/Naming/ReservedTypeNames.swift) is stale; rewrite it with scripts/update-references.
                missing: \(fresh.subtracting(checkedIn).sorted())
                no longer needed: \(checkedIn.subtracting(fresh).sorted())
                """)
        }
    }

    /// Every way the renderer spells a standard type is reserved, so the
    /// reference specs, which the list is derived from, spell them all.
    @Test func everyTypeTheRendererSpellsIsReserved() {
        let spelled: [TypeUsage] = [.string, .integer(bits: nil), .integer(bits: 32), .double, .float, .bool, .date, .url,
                                    .uuid, .base64, .file, .json]
        for type in spelled {
            for name in [TypeSpelling.spell(type), TypeSpelling.spell(type, fileAs: "Data")] {
                #expect(Naming.reservedTypeNames.contains(name), "\(name)")
            }
        }
    }

    /// The names, derived afresh: the reserved ones, and the types the
    /// runtime nests in the client.
    static func derive() throws -> (reserved: Set<String>, clientMembers: Set<String>) {
        let runtime = try runtimeFiles()
        let runtimeNames = try CompilerLookups.topLevelNames(of: runtime, moduleName: "ClientRuntime",
                                                             defines: RuntimePart.allCases.map(\.conditionName))
        let clientMembers = Set(runtimeNames.values.flatMap { $0.members["13ClientRuntime9APIClientV", default: []] })
            .filter { $0.first?.isUppercase == true }
        var declared = Set(runtimeNames.values.flatMap(\.provided))
        declared.subtract(["APIClient", "APIClientError"])  // the stand-ins: each module's own names
        var lookedUp = Set(runtimeNames.values.flatMap(\.lookedUp))
        for spec in ReferenceOutputTests.specs {
            let output = try ReferenceOutputTests().generated(spec)
            let names = try CompilerLookups.topLevelNames(of: output.files.map { ($0.path, $0.contents) },
                                                          moduleName: spec.name, defines: [])
            // What the module declares from the spec is the spec's, not reserved.
            let fromSpec = names.filter { !$0.key.hasPrefix("Runtime/") && $0.key != "DocumentedErrorBody.swift" }
                .values.flatMap(\.provided)
            lookedUp.formUnion(Set(names.values.flatMap(\.lookedUp)).subtracting(fromSpec))
        }
        lookedUp.subtract(["APIClient", "APIClientError"])
        let candidates = lookedUp.subtracting(declared).filter { $0.first?.isUppercase == true }
        let types = try CompilerLookups.typeNames(among: candidates, visibleFrom: runtime, moduleName: "ClientRuntime",
                                                  defines: RuntimePart.allCases.map(\.conditionName))
        return (declared.filter { $0.first?.isUppercase == true }.union(types), clientMembers)
    }

    static func runtimeFiles() throws -> [(path: String, contents: String)] {
        let root = Paths.packageRoot + "/Sources/ClientRuntime"
        let paths = try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".swift") }.sorted()
        return try paths.map { ($0, try String(contentsOfFile: root + "/" + $0, encoding: .utf8)) }
    }

    static func listSource(_ names: (reserved: Set<String>, clientMembers: Set<String>)) -> String {
        func lines(_ names: Set<String>) -> String { names.sorted().map { "        \"\($0)\"," }.joined(separator: "\n") }
        return """
            // Written by scripts/update-references from what the compiler says (Tests/CodeGenTests/ReservedNamesTests.swift).
            // Do not edit.

            extension Naming {
                /// The type names a schema may not take: every type the runtime
                /// declares, and every type a lookup in the runtime's code or in the
                /// code the renderer writes reaches at the top level of the module
                /// (`String`, `URL`, `Codable`…), which a schema's type of the same
                /// name would shadow.
                public static let reservedTypeNames: Set<String> = [
            \(lines(names.reserved))
                ]

                /// The types the runtime declares inside the client (`Configuration`,
                /// `HTTPRequest`…): a client is not named like one of them.
                public static let clientMemberTypeNames: Set<String> = [
            \(lines(names.clientMembers))
                ]
            }

            """
    }
}

/// Asks the compiler which names code looks up and declares at its module's top level.
enum CompilerLookups {
    struct TopLevelNames {
        /// Names a lookup reached the module's top level with.
        var lookedUp: Set<String> = []
        /// Names the files declare at the top level.
        var provided: Set<String> = []
        /// Names the files declare as members, by the mangled name of their type.
        var members: [String: Set<String>] = [:]
    }

    /// Compiles `files` as one module, with the dependency records of an
    /// incremental build, and reads those records: the names of each file, by its path.
    /// Batch mode gives each file its records from two compiler processes,
    /// not one process a file.
    static func topLevelNames(of files: [(path: String, contents: String)], moduleName: String,
                              defines: [String]) throws -> [String: TopLevelNames] {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = try write(files, into: folder)
        var map: [String: [String: String]] = ["": ["swift-dependencies": folder + "/module.swiftdeps"]]
        for (index, path) in paths.enumerated() {
            map[path] = ["object": folder + "/\(index).o", "swift-dependencies": folder + "/\(index).swiftdeps"]
        }
        try JSONSerialization.data(withJSONObject: map).write(to: URL(fileURLWithPath: folder + "/map.json"))
        let compile = try runCommandBlocking(
            ["swiftc", "-c", "-incremental", "-output-file-map", folder + "/map.json", "-module-name", moduleName,
             "-parse-as-library", "-enable-batch-mode", "-j", "2"] + defines.flatMap { ["-D", $0] } + paths)
        guard compile.status == 0 else { throw CompileFailure(output: compile.output) }
        var result: [String: TopLevelNames] = [:]
        let tool = try dependencyTool()
        for index in paths.indices {
            var names = TopLevelNames()
            let yaml = folder + "/\(index).yaml"
            let convert = try runCommandBlocking([tool, "--to-yaml", "--input-filename=\(folder)/\(index).swiftdeps", "--output-filename=\(yaml)"])
            guard convert.status == 0 else { throw CompileFailure(output: convert.output) }
            for entry in try records(in: String(contentsOfFile: yaml, encoding: .utf8)) {
                switch (entry.kind, entry.isProvides) {
                case ("topLevel", true): names.provided.insert(entry.name)
                case ("topLevel", false): names.lookedUp.insert(entry.name)
                case ("member", true): names.members[entry.context, default: []].insert(entry.name)
                default: break
                }
            }
            result[files[index].path] = names
        }
        return result
    }

    /// The names of `candidates` that name a type at the top level of a
    /// module of `files`: a `typealias` of each is type-checked beside them.
    static func typeNames(among candidates: Set<String>, visibleFrom files: [(path: String, contents: String)],
                          moduleName: String, defines: [String]) throws -> Set<String> {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ordered = candidates.sorted()
        let header = "import Foundation\n#if canImport(FoundationNetworking)\nimport FoundationNetworking\n#endif\n"
        let probe = header + ordered.enumerated().map { "typealias __Reserved\($0.offset) = \($0.element)\n" }.joined()
        let paths = try write(files + [("__Probe.swift", probe)], into: folder)
        let check = try runCommandBlocking(
            ["swiftc", "-typecheck", "-wmo", "-module-name", moduleName, "-parse-as-library"]
                + defines.flatMap { ["-D", $0] } + paths)
        // Each error in the probe is on the line of a name that is no type there.
        let headerLines = header.split(separator: "\n").count
        var rejected = Set<Int>()
        for line in check.output.split(separator: "\n") {
            guard let range = line.range(of: "__Probe.swift:"), line.contains(": error:") else { continue }
            let number = line[range.upperBound...].prefix { $0.isNumber }
            if let lineNumber = Int(number) { rejected.insert(lineNumber - headerLines - 1) }
        }
        if check.status != 0 && rejected.isEmpty { throw CompileFailure(output: check.output) }
        return Set(ordered.enumerated().filter { !rejected.contains($0.offset) }.map(\.element))
    }

    /// One record of a `.swiftdeps` file, as `swift-dependency-tool --to-yaml` prints it.
    struct Record {
        var kind = ""
        var context = ""
        var name = ""
        var isProvides = false
    }

    static func records(in yaml: String) throws -> [Record] {
        var records: [Record] = []
        var current: Record?
        for line in yaml.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("- key:") {
                if let current { records.append(current) }
                current = Record()
            } else if text.hasPrefix("kind:") {
                current?.kind = value(text)
            } else if text.hasPrefix("context:") {
                current?.context = value(text)
            } else if text.hasPrefix("name:") {
                current?.name = value(text)
            } else if text.hasPrefix("isProvides:") {
                current?.isProvides = value(text) == "true"
            }
        }
        if let current { records.append(current) }
        guard !records.isEmpty else { throw CompileFailure(output: "no dependency records in: \(yaml.prefix(300))") }
        return records
    }

    private static func value(_ line: String) -> String {
        let raw = line.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
        return raw.count >= 2 && raw.hasPrefix("'") && raw.hasSuffix("'") ? String(raw.dropFirst().dropLast()) : raw
    }

    /// `swift-dependency-tool`, which converts dependency records to YAML: a
    /// name the toolchain's `swift-frontend` answers to.
    static func dependencyTool() throws -> String {
        let frontend: String
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/xcrun") {
            frontend = try runCommandBlocking(["xcrun", "--find", "swift-frontend"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            let swiftc = try runCommandBlocking(["which", "swiftc"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
            let resolved = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath()
            frontend = resolved.deletingLastPathComponent().appendingPathComponent("swift-frontend").path
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("swift-dependency-tool-\(getpid())").path
        let link = folder + "/swift-dependency-tool"
        if !FileManager.default.fileExists(atPath: link) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: frontend)
        }
        return link
    }

    private static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lookups-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    private static func write(_ files: [(path: String, contents: String)], into folder: String) throws -> [String] {
        try files.enumerated().map { index, file in
            // Flattened, numbered: the module's files may share names across folders.
            let path = folder + "/\(index)-" + (file.path.split(separator: "/").last.map(String.init) ?? file.path)
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }
}
