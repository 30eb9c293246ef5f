import SpecDiff
import SpecParser
import Testing

/// Operations and paths that come, go, or change their identity.
struct OperationTests {
    static let listPets = spec("""
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                '200':
                  description: OK

        """)

    static let listAndCreatePets = spec("""
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                '200':
                  description: OK
            post:
              operationId: createPet
              responses:
                '201':
                  description: Created

        """)

    @Test func addedOperationIsInfo() throws {
        let changes = try diff(Self.listPets, Self.listAndCreatePets)
        #expect(changes.rows == ["operation-added info both [POST /pets] /paths/~1pets/post"])
        let change = try changes.only("operation-added")
        #expect(change.oldLocation == nil)
        #expect(change.newLocation == at("new.yml", 13, 7))
        #expect(change.message == "operation POST /pets was added")
    }

    @Test func removedOperationIsBreaking() throws {
        let changes = try diff(Self.listAndCreatePets, Self.listPets)
        #expect(changes.rows == ["operation-removed breaking both [POST /pets] /paths/~1pets/post"])
        let change = try changes.only("operation-removed")
        #expect(change.oldLocation == at("old.yml", 13, 7))
        #expect(change.newLocation == nil)
    }

    static let petsAndOwners = spec("""
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                '200':
                  description: OK
          /owners:
            get:
              operationId: listOwners
              responses:
                '200':
                  description: OK

        """)

    @Test func addedPathReportsThePathAndItsOperations() throws {
        let changes = try diff(Self.listPets, Self.petsAndOwners)
        #expect(changes.rows == [
            "path-added info both [] /paths/~1owners",
            "operation-added info both [GET /owners] /paths/~1owners/get",
        ])
        #expect(try changes.only("path-added").newLocation == at("new.yml", 13, 5))
    }

    @Test func removedPathIsBreaking() throws {
        let changes = try diff(Self.petsAndOwners, Self.listPets)
        #expect(changes.rows == [
            "path-removed breaking both [] /paths/~1owners",
            "operation-removed breaking both [GET /owners] /paths/~1owners/get",
        ])
        let change = try changes.only("path-removed")
        #expect(change.oldLocation == at("old.yml", 13, 5))
        #expect(change.newLocation == nil)
    }

    @Test func changedOperationIdIsBreaking() throws {
        let new = Self.listPets.replacingOccurrences(of: "operationId: listPets", with: "operationId: getPets")
        let changes = try diff(Self.listPets, new)
        #expect(changes.rows == ["operation-id-changed breaking both [GET /pets] /paths/~1pets/get/operationId"])
        let change = try changes.only("operation-id-changed")
        #expect(change.oldLocation == at("old.yml", 8, 7))
        #expect(change.newLocation == at("new.yml", 8, 7))
        #expect(change.message == "operationId changed from 'listPets' to 'getPets', which renames the client method")
    }

    /// A deprecation warns callers; nothing fails until the operation goes
    /// (issue 25: a deprecation is info, as the ecosystem grades it).
    @Test func deprecatingAnOperationIsInfo() throws {
        let new = Self.listPets.replacingOccurrences(of: "operationId: listPets", with: "operationId: listPets\n      deprecated: true")
        let changes = try diff(Self.listPets, new)
        #expect(changes.rows == ["operation-deprecated info both [GET /pets] /paths/~1pets/get/deprecated"])
        // Deprecated already: nothing new.
        #expect(try diff(new, new).isEmpty)
    }

    static let petById = spec("""
        paths:
          /pets/{id}:
            get:
              operationId: getPet
              parameters:
                - name: id
                  in: path
                  required: true
                  schema:
                    type: string
              responses:
                '200':
                  description: OK

        """)

    /// `/pets/{id}` and `/pets/{petId}` are the same path: the operation is
    /// matched, not removed and added. The parameter itself is matched by
    /// name, so its new name reads as one parameter gone and another added
    /// (the generated method's argument label does change).
    @Test func renamedPathTemplateParameterMatchesTheSameOperation() throws {
        let new = Self.petById
            .replacingOccurrences(of: "/pets/{id}:", with: "/pets/{petId}:")
            .replacingOccurrences(of: "- name: id", with: "- name: petId")
        let changes = try diff(Self.petById, new)
        #expect(!changes.contains { $0.rule.hasPrefix("path-") || $0.rule.hasPrefix("operation-") })
        #expect(changes.rows == [
            "parameter-removed breaking request [GET /pets/{petId}] /paths/~1pets~1{petId}/get/parameters/path/id",
            "parameter-added breaking request [GET /pets/{petId}] /paths/~1pets~1{petId}/get/parameters/path/petId",
        ])
    }

    @Test func pathParameterRenamedOnlyInCaseIsNoChange() throws {
        // Declared at the path level, so both operations of the path see it; names match case-insensitively.
        let old = spec("""
            paths:
              /pets/{id}:
                get:
                  operationId: getPet
                  responses:
                    '200':
                      description: OK
                delete:
                  operationId: deletePet
                  responses:
                    '204':
                      description: Deleted
                parameters:
                  - name: id
                    in: path
                    required: true
                    schema:
                      type: string

            """)
        let new = old.replacingOccurrences(of: "/pets/{id}:", with: "/pets/{ID}:").replacingOccurrences(of: "name: id", with: "name: ID")
        try #require(new != old)
        #expect(try diff(old, new).rows == [])
    }

    /// A spec with both `/pets/{id}` and `/pets/{petId}` (which OpenAPI
    /// forbids, and the loader warns about): each operation is compared with
    /// itself, not both with the first.
    @Test func pathsOfTheSameHierarchyArePairedWithThemselves() throws {
        let old = spec("""
            paths:
              /pets/{id}:
                get:
                  operationId: getPet
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses: {'200': {description: OK}}
              /pets/{petId}:
                get:
                  operationId: getPetById
                  parameters: [{name: petId, in: path, required: true, schema: {type: integer}}]
                  responses: {'204': {description: OK}}

            """)
        #expect(try diff(old, old).isEmpty)
        let new = old.replacingOccurrences(of: "operationId: getPetById", with: "operationId: fetchPet")
        #expect(try diff(old, new).rows == [
            "operation-id-changed breaking both [GET /pets/{petId}] /paths/~1pets~1{petId}/get/operationId",
        ])
    }

    @Test func differentMethodOnTheSamePathIsADifferentOperation() throws {
        let new = Self.listPets.replacingOccurrences(of: "    get:", with: "    put:")
        let changes = try diff(Self.listPets, new)
        #expect(changes.rows == [
            "operation-removed breaking both [GET /pets] /paths/~1pets/get",
            "operation-added info both [PUT /pets] /paths/~1pets/put",
        ])
    }
}
