import CodeGen
import Testing

/// The checked-in client is exactly what spec/ generates: editing the spec
/// without regenerating, or editing the output by hand, fails here.
struct DriftTests {
    @Test func checkedInClientMatchesTheSpec() {
        let output = Generator(options: .init(clientName: "Ideogram")).generate(specPath: Paths.spec)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        let differences = OutputDirectory(path: Paths.generatedClient).differences(from: output.files)
        #expect(differences.isEmpty, """
            Sources/GeneratedClient has drifted from spec/ideogram-openapi.yml:
            \(differences.map { "  " + $0.description }.joined(separator: "\n"))
            Regenerate it with:
              swift package --allow-writing-to-package-directory generate-client
            """)
    }
}
