import Foundation
import SpecDiff
import SpecParser
import Testing

/// The project's own spec, with the kind of edits an Ideogram release makes.
struct IdeogramSpecDiffTests {
    static func specText() throws -> String {
        try String(contentsOfFile: Paths.spec, encoding: .utf8)
    }

    /// `text` with each snippet, which must occur exactly once, replaced.
    static func applying(_ edits: [(String, String)], to text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        var result = text
        for (old, new) in edits {
            let occurrences = result.components(separatedBy: old).count - 1
            try #require(occurrences == 1, "the snippet occurs \(occurrences) times, not once:\n\(old)", sourceLocation: sourceLocation)
            let before = result
            result = result.replacingOccurrences(of: old, with: new)
            try #require(result != before, sourceLocation: sourceLocation)
        }
        return result
    }

    /// Lines, each ending in a newline: indentation that can be read exactly.
    static func block(_ lines: String...) -> String {
        lines.map { $0 + "\n" }.joined()
    }

    static let release: [(String, String)] = [
        // RenderingSpeed gains ULTRA (request only).
        (block("        - QUALITY",
               "      default: DEFAULT",
               "      description: Rendering speed for the generation."),
         block("        - QUALITY",
               "        - ULTRA",
               "      default: DEFAULT",
               "      description: Rendering speed for the generation.")),
        // StyleTypeV3 loses FICTION (sent in requests, returned in responses).
        (block("        - DESIGN",
               "        - FICTION",
               "      default: GENERAL",
               "      description: Style type used for generation."),
         block("        - DESIGN",
               "      default: GENERAL",
               "      description: Style type used for generation.")),
        // The generate-v3 body requires a seed.
        (block("              required:",
               "                - prompt",
               "  /v1/ideogram-v3/generate-transparent:"),
         block("              required:",
               "                - prompt",
               "                - seed",
               "  /v1/ideogram-v3/generate-transparent:")),
        // The v3 image object no longer returns upscaled_resolution.
        (block("          $ref: '#/components/schemas/ResolutionV3'",
               "        upscaled_resolution:",
               "          type: string",
               "          description: >-",
               "            Resolution of the output, set only when the operation changes image dimensions (for example",
               "            upscaling or cropping).",
               "        is_image_safe:"),
         block("          $ref: '#/components/schemas/ResolutionV3'",
               "        is_image_safe:")),
        // GET /models needs an organization.
        (block("              $ref: '#/components/schemas/ModelStatus'",
               "        - name: Api-Key"),
         block("              $ref: '#/components/schemas/ModelStatus'",
               "        - name: organization_id",
               "          in: query",
               "          required: true",
               "          schema:",
               "            type: string",
               "        - name: Api-Key")),
        // The v3 response's creation time becomes a date.
        (block("    ImageGenerationResponseV3:",
               "      type: object",
               "      properties:",
               "        created:",
               "          type: string",
               "          format: date-time"),
         block("    ImageGenerationResponseV3:",
               "      type: object",
               "      properties:",
               "        created:",
               "          type: string",
               "          format: date")),
    ]

    static let v3Responses = [
        "POST /v1/ideogram-v3/edit", "POST /v1/ideogram-v3/generate", "POST /v1/ideogram-v3/generate-transparent",
        "POST /v1/ideogram-v3/inpaint", "POST /v1/ideogram-v3/reframe", "POST /v1/ideogram-v3/remix",
        "POST /v1/ideogram-v3/replace-background",
    ]

    @Test func releaseWithSeveralChanges() throws {
        let old = try Self.specText()
        let new = try Self.applying(Self.release, to: old)
        let changes = try diff(old, new)
        func row(_ rule: String, _ severity: String, _ direction: String, _ operations: [String], _ pointer: String) -> String {
            "\(rule) \(severity) \(direction) [\(operations.joined(separator: ", "))] \(pointer)"
        }
        let expected = [
            row("enum-value-added", "info", "request", [
                "POST /v1/ideogram-v3/edit", "POST /v1/ideogram-v3/generate", "POST /v1/ideogram-v3/inpaint",
                "POST /v1/ideogram-v3/reframe", "POST /v1/ideogram-v3/remix", "POST /v1/ideogram-v3/replace-background",
            ], "/components/schemas/RenderingSpeed"),
            row("enum-value-removed", "breaking", "request", [
                "POST /v1/ideogram-v3/edit", "POST /v1/ideogram-v3/generate", "POST /v1/ideogram-v3/inpaint",
                "POST /v1/ideogram-v3/remix",
            ], "/components/schemas/StyleTypeV3"),
            row("enum-value-removed", "info", "response", ["POST /v1/edit"] + Self.v3Responses, "/components/schemas/StyleTypeV3"),
            row("request-property-became-required", "breaking", "request", ["POST /v1/ideogram-v3/generate"],
                "/paths/~1v1~1ideogram-v3~1generate/post/requestBody/content/multipart~1form-data/schema/properties/seed"),
            // upscaled_resolution was optional: a client may not depend on it.
            row("response-property-removed", "warning", "response", Self.v3Responses,
                "/components/schemas/ImageGenerationObjectV3/properties/upscaled_resolution"),
            row("parameter-added", "breaking", "request", ["GET /models"], "/paths/~1models/get/parameters/query/organization_id"),
            row("format-changed", "breaking", "response", Self.v3Responses,
                "/components/schemas/ImageGenerationResponseV3/properties/created"),
        ]
        #expect(changes.sortedRows == expected.sorted())
        #expect(DiffReport.render(changes, format: .text).hasSuffix("API changes: 4 breaking, 1 warning, 2 info\n"))

        // The seed property's schema: the line after the first `seed:` (the generate-v3 body's), at its keys' column.
        let seedLine = try #require(old.components(separatedBy: "\n").firstIndex(of: "                seed:")) + 2
        let seed = try changes.only("request-property-became-required")
        #expect(seed.oldLocation == at("old.yml", seedLine, 19))
        #expect(seed.newLocation == at("new.yml", seedLine, 19))
        let ultra = try changes.only("enum-value-added")
        #expect(ultra.message == "schema RenderingSpeed gained the value 'ULTRA'")
        #expect(ultra.oldLocation?.file == "old.yml" && ultra.newLocation?.file == "new.yml")
        #expect(try changes.only("format-changed").message == "property 'created' changed format from date-time to date")
    }

    @Test func specAgainstItselfIsNoChange() throws {
        let text = try Self.specText()
        #expect(try diff(text, text).rows == [])
        // The whole walk too, which the skip of what is written the same would otherwise spare.
        var whole = SpecComparer.Options(includeDocs: true)
        whole.skipsUnchanged = false
        #expect(try diff(text, text, options: whole).rows == [])
    }

    @Test(.enabled(if: Paths.hasUpstream, "../shared/upstream is not present"))
    func specAgainstUpstreamIsNoChange() throws {
        let own = try Self.specText()
        let upstream = try String(contentsOfFile: Paths.upstreamSpec, encoding: .utf8)
        #expect(try diff(upstream, own).rows == [])
        #expect(try diff(own, upstream).rows == [])
        // The two differ in their prose only.
        let docs = try diff(upstream, own, options: .init(includeDocs: true))
        #expect(!docs.isEmpty)
        #expect(Set(docs.map(\.rule)) == ["description-changed"])
    }
}
