import CodeGen
import Foundation
import SpecParser
import Testing

/// spec/pixazo-openapi.yml, the Pixazo gateway's API in our own words (the
/// second client of issue 16, not yet generated into a module of its own):
/// it loads with no diagnostic, declares the job-status extension, and its
/// generated module compiles with no warning.
@Suite struct PixazoSpecTests {
    static let spec = Paths.packageRoot + "/spec/pixazo-openapi.yml"

    @Test func theSpecLoadsCleanlyAndDescribesEveryDocumentedCall() throws {
        let loaded = SpecLoader().load(path: Self.spec)
        #expect(loaded.diagnostics.all.isEmpty, "\(loaded.diagnostics.all)")
        let document = try #require(loaded.document)
        let calls = Set(document.operations.map { "\($0.method.uppercased) \($0.path)" })
        for model in ["ideogramV_2", "ideogramV_2_Turbo"] {
            for action in ["generate", "describe", "edit", "remix"] {
                #expect(calls.contains("POST /\(model)/v1/\(action)"), "\(model) \(action)")
            }
        }
        #expect(calls.contains("POST /ideogram-remove-background/v1/ideogram-remove-background-request"))
        #expect(document.securitySchemes.contains { $0.name == "Ocp-Apim-Subscription-Key" })
        let text = try String(contentsOfFile: Self.spec, encoding: .utf8)
        #expect(text.contains("x-job-status:"))
    }

    @Test func itsGeneratedModuleCompiles() async throws {
        let output = Generator(options: .init(clientName: "Pixazo")).generate(specPath: Self.spec)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        let result = try await compile(output.files, moduleName: "PixazoClient")
        #expect(result.succeeded, "\(result.output)")
    }
}
