import CodeGen
import Foundation
import SpecParser
import Testing

/// Reference output, in the style of swift-protobuf's `Reference/`: each
/// spec in Tests/Reference/Specs has its generated module checked in beside
/// it, with the generator's warnings. A change to the generator shows up as
/// a diff of those files; `scripts/update-references` rewrites them.
@Suite struct ReferenceOutputTests {
    static let folder = Paths.packageRoot + "/Tests/Reference"

    /// `features.yml` → `Features`, as scripts/update-references names them.
    static let specs: [(file: String, name: String)] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/Specs")) ?? []
        return files.filter { $0.hasSuffix(".yml") }.sorted().map { file in
            let stem = String(file.dropLast(4))
            return (file, stem.prefix(1).uppercased() + stem.dropFirst())
        }
    }()

    func generated(_ spec: (file: String, name: String)) throws -> Generator.Output {
        let text = try String(contentsOfFile: Self.folder + "/Specs/" + spec.file, encoding: .utf8)
        return Generator(
            options: .init(clientName: Naming.clientName(forModule: spec.name)),
            loader: SpecLoader(source: InMemorySource([spec.file: text]))
        )
        .generate(specPath: spec.file)
    }

    @Test func everyReferenceSpecHasItsOutput() {
        #expect(Self.specs.map(\.name) == ["Features", "Jobs", "Nullable", "Outcomes", "Pages", "Security", "Streams"])
    }

    @Test(arguments: specs.map(\.name))
    func outputMatchesTheReference(name: String) throws {
        let spec = try #require(Self.specs.first { $0.name == name })
        let output = try generated(spec)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        // The runtime is left out of the references: it depends on nothing but
        // the client's name, and the Ideogram client's is checked in and drift-tested.
        let specific = output.files.filter { !$0.path.hasPrefix("Runtime/") }
        #expect(specific.count < output.files.count)
        let differences = OutputDirectory(path: Self.folder + "/" + name).differences(from: specific)
        #expect(
            differences.isEmpty,
            """
            Tests/Reference/\(name) differs from what Tests/Reference/Specs/\(spec.file) generates:
            \(differences.map { "  " + $0.description }.joined(separator: "\n"))
            Review the change, then rewrite the references with scripts/update-references.
            """)
        let warnings = try String(contentsOfFile: Self.folder + "/\(name).diagnostics.txt", encoding: .utf8)
        // In the order the tool prints them (`Diagnostics.sorted`), as the file was written.
        let printed = output.diagnostics.sorted.map { $0.description + "\n" }.joined()
        #expect(printed == warnings)
    }

    @Test(arguments: specs.map(\.name))
    func referenceOutputCompiles(name: String) async throws {
        let spec = try #require(Self.specs.first { $0.name == name })
        let result = try await compile(try generated(spec).files, moduleName: name, throughSIL: true)
        #expect(result.succeeded, "\(result.output)")
    }
}
