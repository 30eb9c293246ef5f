import SpecDiff
import SpecParser
import Testing

/// Schemas reached through references: recursive ones, ones moved into
/// components, and ones in other files.
struct ReferenceTests {
    static let tree = spec("""
        paths:
          /nodes:
            get:
              operationId: getTree
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Node'}
        components:
          schemas:
            Node:
              type: object
              properties:
                name: {type: string}
                children: {type: array, items: {$ref: '#/components/schemas/Node'}}
                parent: {$ref: '#/components/schemas/Node'}

        """)

    @Test func changeInARecursiveSchemaIsReportedOnce() throws {
        let changes = try diff(Self.tree, Self.tree.replacingOccurrences(of: "name: {type: string}", with: "name: {type: integer}"))
        #expect(changes.rows == ["type-changed breaking response [GET /nodes] /components/schemas/Node/properties/name"])
    }

    @Test func renamedRecursiveSchemaIsOneChange() throws {
        let changes = try diff(Self.tree, Self.tree.replacingOccurrences(of: "Node", with: "TreeNode"))
        #expect(changes.rows == ["schema-renamed warning both [] /components/schemas/TreeNode"])
    }

    @Test func mutuallyRecursiveSchemas() throws {
        let old = responseSpec("{$ref: '#/components/schemas/Person'}", components: """
            components:
              schemas:
                Person: {type: object, properties: {name: {type: string}, employer: {$ref: '#/components/schemas/Company'}}}
                Company: {type: object, properties: {name: {type: string}, staff: {type: array, items: {$ref: '#/components/schemas/Person'}}}}

            """)
        let new = old.replacingOccurrences(of: "Company: {type: object, properties: {name: {type: string}",
                                           with: "Company: {type: object, properties: {name: {type: string, maxLength: 100}")
        try #require(new != old)
        #expect(try diff(old, new).rows == ["constraint-changed info response [GET /pets] /components/schemas/Company/properties/name"])
        #expect(try diff(old, old).isEmpty)
    }

    @Test func inlineSchemaMovedIntoAComponentAddsOnlyTheComponent() throws {
        let pet = "{type: object, properties: {name: {type: string}, tag: {type: string}}, required: [name]}"
        let old = responseSpec(pet)
        let new = responseSpec("{$ref: '#/components/schemas/Pet'}", components: """
            components:
              schemas:
                Pet: \(pet)

            """)
        #expect(try diff(old, new).rows == ["schema-added info both [] /components/schemas/Pet"])
        #expect(try diff(new, old).rows == ["schema-removed warning both [] /components/schemas/Pet"])
    }

    /// Each document is read from its own set of files; a schema in another
    /// file is reported at `file#pointer`.
    @Test func schemaInAnotherFile() throws {
        func load(root: String, pet: String) throws -> OpenAPIDocument {
            let text = responseSpec("{$ref: 'schemas.yml#/Pet'}")
            let result = SpecLoader(source: InMemorySource([root: text, "schemas.yml": "Pet: \(pet)\n"])).load(path: root)
            #expect(result.diagnostics.errors.map(\.description) == [])
            return try #require(result.document)
        }
        let old = try load(root: "old.yml", pet: "{type: object, properties: {name: {type: string}}}")
        let new = try load(root: "new.yml", pet: "{type: object, properties: {name: {type: string}, age: {type: integer}}, required: [age]}")
        let changes = SpecComparer().compare(old: old, new: new)
        #expect(changes.rows == ["response-property-added info response [GET /pets] schemas.yml#/Pet/properties/age"])
        let change = try changes.only("response-property-added")
        #expect(change.oldLocation == at("schemas.yml", 1, 6))
        #expect(change.newLocation?.file == "schemas.yml")
    }
}
