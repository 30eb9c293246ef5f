import CodeGen
import Foundation
import SpecDiff
import SpecParser
import Testing

/// The checked-in client is exactly what spec/ generates: editing the spec
/// without regenerating, or editing the output by hand, fails here, with the
/// stale files, the API changes since the last generation, and the fix.
struct DriftTests {
    @Test func checkedInClientMatchesTheSpec() {
        let output = Generator(options: .init(clientName: "Ideogram", includeSpecSnapshot: true)).generate(specPath: Paths.spec)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        let differences = OutputDirectory(path: Paths.generatedClient).differences(from: output.files)
        #expect(differences.isEmpty, """
            Sources/GeneratedClient has drifted from spec/ideogram-openapi.yml:
            \(differences.map { "  " + $0.description }.joined(separator: "\n"))
            \(Self.apiChangesSinceGeneration())
            Regenerate it with:
              swift package --allow-writing-to-package-directory generate-client
            """)
    }

    /// The API diff from the spec the client was generated from to spec/.
    static func apiChangesSinceGeneration() -> String {
        let snapshot = Paths.generatedClient + "/" + Generator.Options.snapshotFileName
        guard let old = SpecLoader().load(path: snapshot).document, let new = SpecLoader().load(path: Paths.spec).document else {
            return "(no readable spec snapshot to compare with)"
        }
        return "API changes since the client was generated:\n" + DiffReport.render(SpecComparer().compare(old: old, new: new), format: .text)
    }
}
