import Foundation
import SpecParser
import Testing

/// The package root: three folders up from this file (Tests/SpecParserTests/…).
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

private let projectSpecPath = packageRoot.appendingPathComponent("spec/ideogram-openapi.yml").path

/// The published spec, when a checkout of it sits beside the package.
private let upstreamSpecPath = packageRoot
    .deletingLastPathComponent()
    .appendingPathComponent("shared/upstream/ideogram-openapi.yml").path

private let upstreamSpecExists = FileManager.default.fileExists(atPath: upstreamSpecPath)

/// The project's own spec, the one the client is generated from.
@Suite struct IdeogramSpecTests {
    private func load(_ path: String) throws -> OpenAPIDocument {
        let result = SpecLoader().load(path: path)
        #expect(result.diagnostics.errorDescriptions == [])
        return try #require(result.document)
    }

    @Test func projectSpecLoads() throws {
        let document = try load(projectSpecPath)
        #expect(document.version == "3.1.0")
        #expect(document.paths.count == 22)
        #expect(document.operations.count == 23)
        #expect(document.schemas.filter(\.isComponent).count == 57)
        #expect(document.operations.allSatisfy { $0.operationId?.isEmpty == false })
        let ids = document.operations.compactMap(\.operationId)
        #expect(Set(ids).count == ids.count)

        let magicPrompt = try #require(document.schema("MagicPromptOption"))
        #expect(magicPrompt.types == [.string])
        #expect(magicPrompt.enumValues?.map(\.text) == ["AUTO", "ON", "OFF"])
        #expect(magicPrompt.enumValues == [.string("AUTO"), .string("ON"), .string("OFF")])

        let image = try #require(document.schema("ImageGenerationObjectV3"))
        let url = try #require(image.property("url"))
        #expect(url.types == [.string])
        #expect(url.allowsNull)
        #expect(url.format == "uri")

        let generate = try #require(document.operation("post-generate-image-v-3"))
        #expect(generate.method == .post)
        #expect(generate.path == "/v1/ideogram-v3/generate")
        #expect(generate.parameters.contains { $0.name == "Api-Key" && $0.location == .header && $0.required })
        #expect(generate.responses.first?.status == "200")
        #expect(generate.responses.first?.content.first?.schema?.reference
            == SchemaKey(file: projectSpecPath, pointer: "/components/schemas/ImageGenerationResponseV3"))
    }

    @Test(.enabled(if: upstreamSpecExists, "the upstream spec is not checked out beside the package"))
    func upstreamSpecMatchesTheProjectSpec() throws {
        let upstream = try load(upstreamSpecPath)
        let project = try load(projectSpecPath)
        #expect(upstream.paths.map(\.path) == project.paths.map(\.path))
        #expect(upstream.operations.map { "\($0.method.uppercased) \($0.path) \($0.operationId ?? "-")" }
            == project.operations.map { "\($0.method.uppercased) \($0.path) \($0.operationId ?? "-")" })
    }
}
