import CodeGen
import SpecParser
import Testing

/// Specs that are as deep or as long as the reader allows still go through
/// the whole generator: no stack overflow, no quadratic blow-up, and either a
/// module or located errors.
@Suite struct LimitTests {
    /// `levels` objects, each the only property `inner` of the one around it.
    private func nestedObjects(_ levels: Int) -> String {
        var schema = "{type: string}"
        for _ in 0..<levels {
            schema = "{type: object, properties: {inner: \(schema)}}"
        }
        return schema
    }

    private func spec(schemas: String) -> String {
        """
        openapi: 3.1.0
        info: {title: Deep, version: '1'}
        paths:
          /deep:
            get:
              operationId: getDeep
              responses:
                '200':
                  description: ok
                  content: {application/json: {schema: {$ref: '#/components/schemas/Root'}}}
        components:
          schemas:
        \(schemas)
        """
    }

    @Test func objectsNestedToTheDepthLimitGenerate() throws {
        // Each level is two YAML levels (the schema and its `properties`); the
        // spec's own structure takes 4, so 120 levels stay under the limit of 256.
        let output = generate(spec(schemas: "    Root: " + nestedObjects(120)))
        #expect(output.diagnostics.errors.isEmpty, "\(output.diagnostics.all)")
        let text = contents(output, "Types/Root.swift")
        // The innermost struct is 120 levels down; it keeps a name of its own.
        #expect(text.components(separatedBy: "public struct ").count - 1 == 120)
        #expect(text.contains("public var inner: String?"))

        // One level more than the YAML reader allows is a located error, not a crash.
        let tooDeep = generate(spec(schemas: "    Root: " + nestedObjects(130)))
        #expect(tooDeep.files.isEmpty)
        #expect(tooDeep.diagnostics.errors.map(\.message) == ["nesting is deeper than the limit of 256 levels"])
        #expect(tooDeep.diagnostics.errors.first?.location?.line == 13)
    }

    @Test func moderatelyNestedObjectsCompile() async throws {
        let output = generate(spec(schemas: "    Root: " + nestedObjects(24)))
        let result = try await compile(output.files)
        #expect(result.succeeded, "\(result.output)")
    }

    @Test func arraysNestedToTheDepthLimitGenerate() throws {
        var schema = "{type: integer}"
        for _ in 0..<240 { schema = "{type: array, items: \(schema)}" }
        let output = generate(spec(schemas: "    Root: {type: object, properties: {grid: " + schema + "}}"))
        #expect(output.diagnostics.errors.isEmpty, "\(output.diagnostics.all)")
        let text = contents(output, "Types/Root.swift")
        let type = String(repeating: "[", count: 240) + "Int" + String(repeating: "]", count: 240)
        #expect(text.contains("public var grid: \(type)?"))
    }

    @Test func longAllOfChainsUpToTheReferenceLimitGenerate() throws {
        // Root extends S0, which extends S1, ... S59: each adds one property.
        var schemas = "    Root: {allOf: [{$ref: '#/components/schemas/S0'}, {type: object, properties: {root: {type: string}}}]}\n"
        for index in 0..<60 {
            let next = index < 59 ? "{$ref: '#/components/schemas/S\(index + 1)'}, " : ""
            schemas += "    S\(index): {allOf: [\(next){type: object, properties: {p\(index): {type: integer}}}]}\n"
        }
        let output = generate(spec(schemas: schemas))
        #expect(output.diagnostics.errors.isEmpty, "\(output.diagnostics.all)")
        let text = contents(output, "Types/Root.swift")
        // Every ancestor's property is flattened into Root.
        for index in 0..<60 { #expect(text.contains("public var p\(index): Int?")) }
        #expect(text.contains("public var root: String?"))
    }

    @Test func manyOperationsAndSchemasStayDistinct() throws {
        // 2,000 schemas whose names collide after camel-casing in pairs.
        var schemas = ""
        for index in 0..<1_000 {
            schemas += "    item_\(index): {type: object, properties: {v: {type: integer}}}\n"
            schemas += "    Item\(index): {type: object, properties: {w: {type: integer}}}\n"
        }
        let output = generate(spec(schemas: "    Root: {type: string}\n" + schemas))
        #expect(output.diagnostics.errors.isEmpty)
        let typeFiles = output.files.filter { $0.path.hasPrefix("Types/") }
        #expect(typeFiles.count == 2_001)
        #expect(Set(typeFiles.map { $0.path.lowercased() }).count == 2_001)
    }
}
