import SpecDiff
import SpecParser
import Testing

/// What is written the same is skipped only when all it leads to is the same too.
struct UnchangedSchemaTests {
    static func components(_ leaf: String) -> String {
        """
        components:
          schemas:
            Outer: {type: object, properties: {middle: {$ref: '#/components/schemas/Middle'}}}
            Middle: {type: object, properties: {leaf: {$ref: '#/components/schemas/Leaf'}}}
            Leaf: \(leaf)

        """
    }

    /// `Outer` and `Middle` are written the same in both, but lead to `Leaf`, which changed.
    @Test func changeBehindUnchangedSchemasIsFound() throws {
        let old = responseSpec("{$ref: '#/components/schemas/Outer'}", components: Self.components("{type: string}"))
        let new = responseSpec("{$ref: '#/components/schemas/Outer'}", components: Self.components("{type: integer}"))
        #expect(try diff(old, new).rows == ["type-changed breaking response [GET /pets] /components/schemas/Leaf"])
    }

    /// A cycle of unchanged schemas through a changed one.
    @Test func changeOnACycleIsFound() throws {
        let cycle = { (kind: String) in
            """
            components:
              schemas:
                A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}, kind: {type: \(kind)}}}
                B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}

            """
        }
        let old = responseSpec("{$ref: '#/components/schemas/B'}", components: cycle("string"))
        let new = responseSpec("{$ref: '#/components/schemas/B'}", components: cycle("integer"))
        #expect(try diff(old, new).rows == ["type-changed breaking response [GET /pets] /components/schemas/A/properties/kind"])
    }

    /// Nodes hold a digest of what they hold, not of where they are.
    @Test func digestsAreOfContent() throws {
        let first = try YAMLReader.read("a: {b: [1, '2'], c: x}\n", file: "one.yml").root
        let moved = try YAMLReader.read("\n\na:\n  b: [1, '2']\n  c: x\n", file: "two.yml").root
        #expect(first.digest == moved.digest)
        for other in ["a: {b: [1, 2], c: x}\n", "a: {c: x, b: [1, '2']}\n", "a: {b: [1, '2'], c: y}\n", "a: {b: [1, '2']}\n"] {
            #expect(try YAMLReader.read(other, file: "three.yml").root.digest != first.digest, "\(other)")
        }
    }
}
