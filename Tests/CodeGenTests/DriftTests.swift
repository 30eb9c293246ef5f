import CodeGen
import Foundation
import SpecDiff
import SpecParser
import Testing

/// Every client that openapi-clients.yml lists is exactly what its spec
/// generates: editing a spec without regenerating, or editing the output by
/// hand, fails here, with the stale files, the API changes since the last
/// generation and their Swift API effects, and the fix.
struct DriftTests {
    static let configPath = Paths.packageRoot + "/" + GenerationConfig.fileName

    static let clients: [GenerationConfig.Client] = {
        guard let text = try? String(contentsOfFile: configPath, encoding: .utf8) else { return [] }
        return GenerationConfig.read(text, path: configPath).config?.clients ?? []
    }()

    @Test func theConfigListsBothClients() throws {
        let text = try String(contentsOfFile: Self.configPath, encoding: .utf8)
        let read = GenerationConfig.read(text, path: Self.configPath)
        #expect(read.diagnostics.all.isEmpty, "\(read.diagnostics.all)")
        #expect(Self.clients.map(\.module) == ["IdeogramClient", "PixazoClient"])
        #expect(Self.clients.map(\.output) == ["Sources/GeneratedClient", "Sources/GeneratedPixazoClient"])
        #expect(Self.clients.map(\.clientName) == ["Ideogram", "Pixazo"])
    }

    @Test(arguments: clients.map(\.module))
    func checkedInClientMatchesItsSpec(module: String) throws {
        let client = try #require(Self.clients.first { $0.module == module })
        let spec = GenerationConfig.resolve(client.spec, relativeTo: Self.configPath)
        let folder = GenerationConfig.resolve(client.output, relativeTo: Self.configPath)
        let output = Generator(options: Generator.Options(client)).generate(specPath: spec)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        let differences = OutputDirectory(path: folder).differences(from: output.files)
        #expect(differences.isEmpty, """
            \(client.output) has drifted from \(client.spec):
            \(differences.map { "  " + $0.description }.joined(separator: "\n"))
            \(Self.apiChanges(folder: folder, spec: spec, options: Generator.Options(client)))
            Regenerate it with:
              swift package --allow-writing-to-package-directory generate-client
            """)
    }

    /// The API diff from the spec a client was generated from to its spec
    /// now, and what it does to the client's Swift API, as `generate --check` prints them.
    static func apiChanges(folder: String, spec: String, options: Generator.Options) -> String {
        let snapshot = folder + "/" + Generator.Options.snapshotFileName
        guard let old = SpecLoader().load(path: snapshot).document, let new = SpecLoader().load(path: spec).document else {
            return "(no readable spec snapshot to compare with)"
        }
        let outcome = SwiftAPIComparer(options: options).outcome(old: old, new: new)
        return "API changes since the client was generated:\n" + DiffReport.render(outcome, format: .text)
    }
}
