import CodeGen
import Testing

/// Shapes of published specs that the conformance suite found sent or read
/// wrongly, one rule each.
struct RealSpecShapeTests {
    /// OpenAI's image edit: `image` is one file or several (`anyOf` a binary
    /// and an array of binaries). It is a list of file parts, never JSON.
    @Test func oneFileOrSeveralIsAListOfFileParts() {
        let output = generate(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /images/edits:
                post:
                  operationId: createImageEdit
                  requestBody:
                    required: true
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          required: [image]
                          properties:
                            image:
                              anyOf:
                                - {type: string, format: binary}
                                - {type: array, items: {type: string, format: binary}}
                  responses: {'204': {description: ok}}
            """)
        let text = contents(output, "Operations/CreateImageEdit.swift")
        #expect(text.contains("public var image: [MultipartFile]\n"))
        #expect(text.contains("for item in self.image { form.append(item, name: \"image\") }"))
        #expect(!text.contains("appendJSON"))
    }

    /// Anthropic's `/v1/messages/batches?beta=true`: the query written into
    /// the path key is sent as query items, not as part of the path.
    @Test func aQueryInThePathKeyIsSentAsQueryItems() {
        let output = generate(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /v1/messages/batches?beta=true&x=a%20b:
                get:
                  operationId: listBatches
                  parameters:
                    - {name: limit, in: query, schema: {type: integer}}
                  responses: {'204': {description: ok}}
            """)
        let text = contents(output, "Operations/ListBatches.swift")
        #expect(text.contains("path: \"/v1/messages/batches\""))
        #expect(
            text.contains("        builder.addQuery(\"beta\", \"true\")\n        builder.addQuery(\"x\", \"a b\")\n"))
        #expect(text.contains("builder.addQuery(\"limit\", limit)"))
    }

    /// OpenAI's moderation results: a discriminator without a mapping. The
    /// tag the API sends is the value the variant fixes for the property;
    /// the schema's name (OpenAPI's implicit tag) still selects it too.
    @Test func aVariantsFixedTagSelectsItWithoutAMapping() async throws {
        let output = generate(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Results:
                  type: object
                  properties: {type: {type: string, enum: [moderation_results]}}
                Failure:
                  type: object
                  properties: {type: {const: moderation_error}}
                Other:
                  type: object
                  properties: {type: {type: string}}
                Again:
                  type: object
                  properties: {type: {const: moderation_results}}
                Output:
                  oneOf:
                    - {$ref: '#/components/schemas/Results'}
                    - {$ref: '#/components/schemas/Failure'}
                    - {$ref: '#/components/schemas/Other'}
                    - {$ref: '#/components/schemas/Again'}
                  discriminator: {propertyName: type}
            """)
        let text = contents(output, "Types/Output.swift")
        #expect(text.contains(#"case "moderation_results", "Results": self = .results(try Results(from: decoder))"#))
        #expect(text.contains(#"case "moderation_error", "Failure": self = .failure(try Failure(from: decoder))"#))
        #expect(text.contains(#"case "Other": self = .other(try Other(from: decoder))"#))
        // A tag selects one variant: the first that fixes it keeps it (a repeated
        // case label would be a compiler warning).
        #expect(text.contains(#"case "Again": self = .again(try Again(from: decoder))"#))
        let result = try await compile(output.files, throughSIL: true)
        #expect(result.succeeded, "\(result.output)")
    }

    /// Box's revoke body requires `grant_type` without declaring it: the
    /// type cannot hold it, and the generator says so where the schema is.
    @Test func aRequiredNameWithoutAPropertyIsALocatedWarning() {
        let output = generate(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Revoke:
                  type: object
                  required: [grant_type, token]
                  properties: {token: {type: string}}
                Open:
                  type: object
                  required: [anything]
                  additionalProperties: {type: string}
            """)
        #expect(
            output.diagnostics.all.map(\.description) == [
                "test.yml:7:7: warning: Revoke requires 'grant_type', which it does not declare as a property; the type "
                    + "cannot hold it"
            ])
    }

    /// Several such names at one place come in name order, the same on every
    /// run: the required names are a set by then (Box's shield barrier
    /// restriction printed its two in either order).
    @Test func requiredNamesWithoutPropertiesAreReportedInNameOrder() {
        let missing = ["zeta", "alpha", "mu", "beta", "omega", "kappa"]
        let output = generate(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Restriction:
                  type: object
                  required: [\(missing.joined(separator: ", "))]
                  properties: {token: {type: string}}
            """)
        let named = output.diagnostics.all.compactMap {
            $0.message.split(separator: "'").dropFirst().first.map(String.init)
        }
        #expect(named == missing.sorted())
    }
}
