import SpecParser
import Testing

/// `load(paths:)` reads several specs at once, each on a thread of its own,
/// and gives what reading them one by one gives; named schemas list what
/// they refer to.
struct SideBySideLoadTests {
    static let files = [
        "a.yml": specHeader + """
            paths:
              /pets:
                get:
                  responses:
                    '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
            components:
              schemas:
                Pet: {type: object, properties: {owner: {$ref: '#/components/schemas/Owner'}, kind: {$ref: '#/components/schemas/Kind'}}}
                Owner: {type: object, properties: {pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}
                Kind: {type: string, enum: [cat, dog]}

            """,
        "b.yml": specHeader + "paths: {}\nfoo: [\n",
        "c.yml": specHeader + "paths:\n  /x:\n    get:\n      responses: {'200': {description: OK}}\n"
            + "components: {schemas: {Bad: {type: whatever}}}\n",
    ]

    @Test func sameAsOneByOne() {
        let loader = SpecLoader(source: InMemorySource(Self.files))
        let paths = ["a.yml", "b.yml", "c.yml", "missing.yml"]
        let together = loader.load(paths: paths)
        #expect(together.count == paths.count)
        for (path, result) in zip(paths, together) {
            let alone = loader.load(path: path)
            #expect(result.diagnostics.sorted == alone.diagnostics.sorted, "\(path)")
            #expect(result.document?.operations.map(\.path) == alone.document?.operations.map(\.path), "\(path)")
            #expect(result.document?.schemas.map(\.name) == alone.document?.schemas.map(\.name), "\(path)")
        }
        #expect(together[1].document == nil)
        #expect(together[2].diagnostics.hasErrors && together[2].document != nil)
    }

    @Test func namedSchemasListTheirReferences() throws {
        let document = try #require(SpecLoader(source: InMemorySource(Self.files)).load(path: "a.yml").document)
        let references = Dictionary(uniqueKeysWithValues: document.schemas.map { ($0.name, $0.references.map(\.lastToken)) })
        #expect(references == ["Pet": ["Owner", "Kind"], "Owner": ["Pet"], "Kind": []])
        // The digest of what a schema was read from: the same text, the same digest.
        let pet = try #require(document.schemas.first { $0.name == "Pet" })
        let again = try #require(SpecLoader.load(text: "\n\n" + Self.files["a.yml"]!, file: "moved.yml").document?.schemas.first { $0.name == "Pet" })
        #expect(pet.schema.sourceDigest != 0 && pet.schema.sourceDigest == again.schema.sourceDigest)
    }
}
