import SpecDiff
import SpecParser
import Testing

/// Parameters, matched by name: added, removed, required or not, moved, retyped.
struct ParameterTests {
    static let base = spec("""
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - name: limit
                  in: query
                  required: false
                  schema:
                    type: integer
              responses:
                '200':
                  description: OK

        """)

    static let limitPointer = "/paths/~1pets/get/parameters/query/limit"

    static func adding(_ parameter: String) -> String {
        base.replacingOccurrences(of: "      responses:", with: parameter + "      responses:")
    }

    @Test func addedRequiredParameterIsBreaking() throws {
        let new = Self.adding("""
                    - name: owner
                      in: query
                      required: true
                      schema:
                        type: string

            """)
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["parameter-added breaking request [GET /pets] /paths/~1pets/get/parameters/query/owner"])
        let change = try changes.only("parameter-added")
        #expect(change.oldLocation == at("old.yml", 8, 7))
        #expect(change.newLocation == at("new.yml", 15, 11))
        #expect(change.message == "required query parameter 'owner' was added")
    }

    @Test func addedOptionalParameterIsInfo() throws {
        let new = Self.adding("""
                    - name: X-Trace
                      in: header
                      schema:
                        type: string

            """)
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["parameter-added info request [GET /pets] /paths/~1pets/get/parameters/header/X-Trace"])
    }

    @Test func removedParameterIsBreaking() throws {
        let changes = try diff(Self.adding("""
                    - name: owner
                      in: query
                      schema:
                        type: string

            """), Self.base)
        #expect(changes.rows == ["parameter-removed breaking request [GET /pets] /paths/~1pets/get/parameters/query/owner"])
        let change = try changes.only("parameter-removed")
        #expect(change.oldLocation == at("old.yml", 15, 11))
        #expect(change.newLocation == at("new.yml", 8, 7))
    }

    @Test func parameterThatBecameRequiredIsBreaking() throws {
        let new = Self.base.replacingOccurrences(of: "required: false", with: "required: true")
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["parameter-became-required breaking request [GET /pets] \(Self.limitPointer)"])
        let change = try changes.only("parameter-became-required")
        #expect(change.oldLocation == at("old.yml", 10, 11))
        #expect(change.newLocation == at("new.yml", 10, 11))
    }

    @Test func parameterThatBecameOptionalIsInfo() throws {
        let required = Self.base.replacingOccurrences(of: "required: false", with: "required: true")
        let changes = try diff(required, Self.base)
        #expect(changes.rows == ["parameter-became-optional info request [GET /pets] \(Self.limitPointer)"])
    }

    @Test func parameterMovedFromQueryToHeaderIsBreaking() throws {
        let new = Self.base.replacingOccurrences(of: "in: query", with: "in: header")
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["parameter-location-changed breaking request [GET /pets] /paths/~1pets/get/parameters/header/limit"])
        #expect(try changes.only("parameter-location-changed").message == "parameter 'limit' moved from query to header")
    }

    @Test func parameterTypeChangeIsReportedOnItsSchema() throws {
        let new = Self.base.replacingOccurrences(of: "type: integer", with: "type: string")
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["type-changed breaking request [GET /pets] \(Self.limitPointer)/schema"])
        let change = try changes.only("type-changed")
        #expect(change.oldLocation == at("old.yml", 14, 13))
        #expect(change.newLocation == at("new.yml", 14, 13))
        #expect(change.message == "parameter 'limit' changed type from integer to string")
    }

    @Test func parameterNamesMatchCaseInsensitively() throws {
        let old = Self.adding("""
                    - name: api-key
                      in: header
                      required: true
                      schema:
                        type: string

            """)
        let new = old.replacingOccurrences(of: "name: api-key", with: "name: Api-Key")
        #expect(try diff(old, new).isEmpty)
    }

    /// Two headers whose names differ only in case (a spec the fuzzer made):
    /// each is paired with itself, not the first with both.
    @Test func headersDifferingOnlyInCaseArePairedWithThemselves() throws {
        let old = Self.adding("""
                    - {name: x-api-key, in: header, description: lower, schema: {type: string}}
                    - {name: X-Api-Key, in: header, description: upper, schema: {type: integer}}

            """)
        #expect(try diff(old, old, options: .init(includeDocs: true)).isEmpty)
        let new = old.replacingOccurrences(of: "description: upper", with: "description: changed")
        #expect(try diff(old, new, options: .init(includeDocs: true)).rows == [
            "description-changed info both [GET /pets] /paths/~1pets/get/parameters/header/X-Api-Key/description",
        ])
    }

    /// Query names are case-sensitive: a query parameter renamed only in case
    /// is another parameter to the server.
    @Test func queryParameterRenamedInCaseIsRemovedAndAdded() throws {
        let new = Self.base.replacingOccurrences(of: "name: limit", with: "name: Limit")
        #expect(try diff(Self.base, new).rows == [
            "parameter-added info request [GET /pets] /paths/~1pets/get/parameters/query/Limit",
            "parameter-removed breaking request [GET /pets] /paths/~1pets/get/parameters/query/limit",
        ])
    }

    @Test func pathLevelParametersCountForEveryOperation() throws {
        let old = spec("""
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses:
                    '200':
                      description: OK
                delete:
                  operationId: deletePets
                  responses:
                    '204':
                      description: Deleted

            """)
        let new = old + """
                parameters:
                  - name: tenant
                    in: header
                    required: true
                    schema:
                      type: string

            """
        let changes = try diff(old, new)
        #expect(changes.rows == [
            "parameter-added breaking request [DELETE /pets] /paths/~1pets/delete/parameters/header/tenant",
            "parameter-added breaking request [GET /pets] /paths/~1pets/get/parameters/header/tenant",
        ])
    }
}
