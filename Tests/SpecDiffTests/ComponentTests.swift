import SpecDiff
import SpecParser
import Testing

/// Component schemas: each is a type of the generated client.
struct ComponentTests {
    static func petSpec(_ name: String, extra: String = "") -> String {
        spec("""
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses:
                    '200':
                      description: OK
                      content:
                        application/json:
                          schema:
                            type: array
                            items:
                              $ref: '#/components/schemas/\(name)'
                post:
                  operationId: createPet
                  requestBody:
                    content:
                      application/json:
                        schema:
                          $ref: '#/components/schemas/\(name)'
                  responses:
                    '201':
                      description: Created
            components:
              schemas:
                \(name):
                  type: object
                  properties:
                    name:
                      type: string
                    kind:
                      type: string
                      enum: [cat, dog]
                  required: [name]
            \(extra)
            """)
    }

    @Test func renamedComponentIsOneChange() throws {
        let changes = try diff(Self.petSpec("Pet"), Self.petSpec("Animal"))
        #expect(changes.rows == ["schema-renamed warning both [] /components/schemas/Animal"])
        let change = try changes.only("schema-renamed")
        #expect(change.oldLocation == at("old.yml", 31, 7))
        #expect(change.newLocation == at("new.yml", 31, 7))
        #expect(change.message == "schema Pet was renamed to Animal (same structure); the generated type is renamed")
    }

    @Test func renamedComponentUsedAsABranchIsOneChange() throws {
        let old = requestSpec("{oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]}", components: """
            components:
              schemas:
                Cat: {type: object, properties: {meows: {type: boolean}}}
                Dog: {type: object, properties: {barks: {type: boolean}}}

            """)
        let new = old.replacingOccurrences(of: "Dog", with: "Hound")
        #expect(try diff(old, new).rows == ["schema-renamed warning both [] /components/schemas/Hound"])
    }

    @Test func componentRenamedAndChangedIsRemovedAndAdded() throws {
        let new = Self.petSpec("Animal").replacingOccurrences(of: "required: [name]", with: "required: [name, kind]")
        let changes = try diff(Self.petSpec("Pet"), new)
        #expect(changes.filter { $0.operations.isEmpty }.rows == [
            "schema-added info both [] /components/schemas/Animal",
            "schema-removed warning both [] /components/schemas/Pet",
        ])
        #expect(!changes.contains { $0.rule == "schema-renamed" })
    }

    @Test func unusedComponentsComeAndGo() throws {
        let extra = """
                Owner:
                  type: object
                  properties:
                    name:
                      type: string
            """
        #expect(try diff(Self.petSpec("Pet"), Self.petSpec("Pet", extra: extra)).rows
            == ["schema-added info both [] /components/schemas/Owner"])
        let removed = try diff(Self.petSpec("Pet", extra: extra), Self.petSpec("Pet"))
        #expect(removed.rows == ["schema-removed warning both [] /components/schemas/Owner"])
        #expect(try removed.only("schema-removed").oldLocation == at("old.yml", 40, 7))
    }
}
