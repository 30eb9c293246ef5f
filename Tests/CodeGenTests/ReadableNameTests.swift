@testable import CodeGen
import Testing

/// Names a person would choose where the spec's are machine-made: pointer
/// names of schemas, versions in front, enum cases that repeat their type.
struct ReadableNameTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths:
          /v1/render/transparent:
            post:
              operationId: post-v-1-render-transparent
              requestBody:
                content:
                  multipart/form-data:
                    schema:
                      type: object
                      properties:
                        speed: {$ref: '#/components/schemas/V1RenderTransparentPostRequestBodyContentMultipartFormDataSchemaSpeed'}
                        quality: {$ref: '#/components/schemas/V1RenderTransparentPostRequestBodyContentMultipartFormDataSchemaQuality'}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/V2RenderResult'}
          /models:
            get:
              operationId: list-models
              parameters:
                - {name: scope, in: query, schema: {$ref: '#/components/schemas/ModelsGetParametersScope'}}
                - {name: size, in: query, schema: {$ref: '#/components/schemas/Resolution'}}
                - {name: ratio, in: query, schema: {$ref: '#/components/schemas/AspectRatio'}}
                - {name: color, in: query, schema: {$ref: '#/components/schemas/Color'}}
                - {name: status, in: query, schema: {$ref: '#/components/schemas/Status'}}
              responses: {'204': {description: none}}
        components:
          schemas:
            V1RenderTransparentPostRequestBodyContentMultipartFormDataSchemaSpeed:
              type: string
              enum: [SLOW, FAST]
            Quality:
              type: string
              enum: [LOW, HIGH]
            V1RenderTransparentPostRequestBodyContentMultipartFormDataSchemaQuality:
              type: string
              enum: [LOW, HIGH]
            V2RenderResult:
              type: object
              properties:
                url: {type: string}
            ModelsGetParametersScope:
              type: string
              enum: [owned, shared]
            Resolution:
              type: string
              enum: [RESOLUTION_512_1536, RESOLUTION_1024_1024]
            AspectRatio:
              type: string
              enum: [ASPECT_16_9, ASPECT_1_1]
            Color:
              type: string
              enum: [COLOR_RED, COLOR_LIGHT_BLUE]
            Status:
              type: string
              enum: [STATUS_ON, status_on, OFF]
        """

    @Test func machineMadeNamesBecomeReadable() async throws {
        let output = generate(Self.spec, clientName: "Names")
        #expect(output.diagnostics.all.isEmpty, "\(output.diagnostics.all)")
        #expect(output.files.map(\.path).filter { $0.hasPrefix("Types/") || $0.hasPrefix("Operations/") } == [
            "Operations/ListModels.swift", "Operations/RenderTransparentV1.swift",
            "Types/AspectRatio.swift", "Types/Color.swift", "Types/ModelScope.swift", "Types/Quality.swift",
            "Types/RenderResultV2.swift", "Types/Resolution.swift", "Types/Status.swift",
        ])
        let render = contents(output, "Operations/RenderTransparentV1.swift")
        // The version goes to the end, so the name starts with its verb.
        #expect(render.contains("""
                @concurrent public func renderTransparentV1(
                    _ request: RenderTransparentV1Request
                ) async throws(NamesError) -> RenderResultV2 {
            """))
        // A pointer name of a body property: nested in the request type...
        #expect(render.contains("public var speed: RenderTransparentV1Request.Speed?"))
        #expect(render.contains("    public enum Speed: RawRepresentable"))
        // ...or, with the same values as the schema named like it, that schema.
        #expect(render.contains("public var quality: Quality?"))
        // A pointer name of a parameter: the resource and the parameter.
        #expect(contents(output, "Operations/ListModels.swift").contains("scope: ModelScope? = nil"))
        // Cases do not repeat their type's first word; two numbers read as a size.
        #expect(contents(output, "Types/Resolution.swift").contains("case _512x1536\n"))
        #expect(contents(output, "Types/AspectRatio.swift").contains("case _16x9\n"))
        #expect(contents(output, "Types/Color.swift").contains("case lightBlue\n"))
        // Where leaving the word out would make two cases one, or a value lacks it, the rule does not apply.
        #expect(contents(output, "Types/Status.swift").contains("case statusOn\n"))
        #expect(try await compile(output.files, moduleName: "Names").succeeded)
    }

    @Test func caseWordsApplyOnlyWhereEveryValueSharesTheTypeWord() {
        #expect(Naming.enumCaseWords(["SIZE_S", "SIZE_XL"], typeName: "Size") == ["S", "XL"])
        #expect(Naming.enumCaseWords(["SIZE_S", "LARGE"], typeName: "Size") == nil)
        #expect(Naming.enumCaseWords(["ASPECT_3_2"], typeName: "Outer.AspectRatio") == ["3x2"])
        #expect(Naming.enumCaseWords(["SIZE", "SIZE_S"], typeName: "Size") == nil)
    }
}

/// Names chosen in the spec itself: `x-swift-name` on a component schema,
/// an operation, a property's schema or a parameter, and `x-enum-varnames`
/// (OpenAPI Generator's extension) for enum cases. What is not a Swift
/// identifier is ignored with a located warning.
struct SpecChosenNameTests {
    @Test func xSwiftNameAndXEnumVarnames() async throws {
        let output = generate("""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /v2/things:
                get:
                  operationId: get_v2_things_list
                  x-swift-name: listThings
                  parameters:
                    - {name: q_str, in: query, x-swift-name: query, schema: {type: string}}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/thing_v2_obj'}
            components:
              schemas:
                thing_v2_obj:
                  type: object
                  x-swift-name: Thing
                  properties:
                    nm: {type: string, x-swift-name: name}
                    lvl: {$ref: '#/components/schemas/Lvl'}
                Lvl:
                  type: integer
                  enum: [1, 2, 3]
                  x-enum-varnames: [low, medium, high]
                Bad:
                  type: string
                  x-swift-name: 'Not Valid'
            """)
        #expect(output.diagnostics.all.map(\.description) == [
            "test.yml:30:21: warning: 'Not Valid' is not a Swift identifier (ASCII letters, digits and _); the name is ignored",
        ])
        let operation = contents(output, "Operations/ListThings.swift")
        #expect(operation.contains("public func listThings(query: String? = nil) async throws(ClientError) -> Thing"))
        #expect(operation.contains(#"builder.addQuery("q_str", query)"#))
        let thing = contents(output, "Types/Thing.swift")
        #expect(thing.contains("public var name: String?"))
        #expect(thing.contains(#"forKey: "nm""#))
        let level = contents(output, "Types/Lvl.swift")
        #expect(level.contains("case low\n") && level.contains("case medium\n") && level.contains("case high\n"))
        #expect(try await compile(output.files, moduleName: "Chosen").succeeded)
    }
}
