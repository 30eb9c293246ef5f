import SpecDiff
import SpecParser
import Testing

/// Rewrites that keep the meaning: none of them is an API change.
struct EquivalenceTests {
    /// One way of writing a nullable string property, with the `openapi` version it needs.
    struct NullableSpelling: CustomTestStringConvertible, Sendable {
        var name: String
        var openapi: String
        var schema: String
        var testDescription: String { name }
    }

    static let spellings = [
        NullableSpelling(name: "nullable: true", openapi: "3.0.3", schema: "{type: string, nullable: true}"),
        NullableSpelling(name: "type: [string, 'null']", openapi: "3.1.0", schema: "{type: [string, 'null']}"),
        NullableSpelling(name: "oneOf with null", openapi: "3.1.0", schema: "{oneOf: [{type: string}, {type: 'null'}]}"),
        NullableSpelling(name: "anyOf with null", openapi: "3.1.0", schema: "{anyOf: [{type: 'null'}, {type: string}]}"),
    ]

    static var spellingPairs: [(NullableSpelling, NullableSpelling)] {
        spellings.flatMap { a in spellings.filter { $0.name != a.name }.map { (a, $0) } }
    }

    static func nullableSpec(_ spelling: NullableSpelling, response: Bool) -> String {
        let schema = "{type: object, properties: {name: \(spelling.schema)}, required: [name]}"
        let text = response ? responseSpec(schema) : requestSpec(schema)
        return text.replacingOccurrences(of: "openapi: 3.1.0", with: "openapi: \(spelling.openapi)")
    }

    @Test(arguments: spellingPairs)
    func nullableSpellingsAreTheSame(old: NullableSpelling, new: NullableSpelling) throws {
        #expect(try diff(Self.nullableSpec(old, response: true), Self.nullableSpec(new, response: true)).rows == [])
        #expect(try diff(Self.nullableSpec(old, response: false), Self.nullableSpec(new, response: false)).rows == [])
    }

    @Test func nullableReferenceSpellingsAreTheSame() throws {
        let components = """
            components:
              schemas:
                Kind: {type: string, enum: [cat, dog]}

            """
        let ref = "{$ref: '#/components/schemas/Kind'}"
        let oneOf = responseSpec("{type: object, properties: {kind: {oneOf: [\(ref), {type: 'null'}]}}}", components: components)
        let anyOf = responseSpec("{type: object, properties: {kind: {anyOf: [{type: 'null'}, \(ref)]}}}", components: components)
        let allOf30 = responseSpec("{type: object, properties: {kind: {nullable: true, allOf: [\(ref)]}}}", components: components)
            .replacingOccurrences(of: "openapi: 3.1.0", with: "openapi: 3.0.3")
        let sibling30 = responseSpec("{type: object, properties: {kind: {$ref: '#/components/schemas/Kind', nullable: true}}}", components: components)
            .replacingOccurrences(of: "openapi: 3.1.0", with: "openapi: 3.0.3")
        let spellings = [oneOf, anyOf, allOf30, sibling30]
        for (i, old) in spellings.enumerated() {
            for (j, new) in spellings.enumerated() where i != j {
                #expect(try diff(old, new).rows == [], "spelling \(i) -> spelling \(j)")
            }
        }
        // And each of them is a change from the non-nullable reference.
        let plain = responseSpec("{type: object, properties: {kind: \(ref)}}", components: components)
        for (i, new) in spellings.enumerated() {
            #expect(try diff(plain, new).rows == ["schema-became-nullable breaking response [GET /pets] \(responseSchema)/properties/kind"],
                    "spelling \(i)")
        }
    }

    static let ordered = spec("""
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - {name: limit, in: query, schema: {type: integer}}
                - {name: tag, in: query, schema: {type: string}}
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          id: {type: integer, format: int64}
                          name: {type: string, enum: [AUTO, 'ON', 'OFF']}
                        required: [id, name]
                '404':
                  description: Not found
          /owners:
            get:
              operationId: listOwners
              responses:
                '200':
                  description: OK

        """)

    static let reordered = spec("""
        paths:
          /owners:
            get:
              responses:
                200:
                  description: OK
              operationId: "listOwners"
          /pets:
            get:
              responses:
                404:
                  description: Not found
                "200":
                  content:
                    "application/json":
                      schema:
                        required:
                          - name
                          - id
                        properties:
                          name:
                            enum: [OFF, AUTO, ON]
                            type: string
                          id:
                            format: int64
                            type: integer
                        type: object
                  description: OK
              parameters:
                - in: query
                  schema: {type: string}
                  name: tag
                - name: limit
                  in: query
                  schema:
                    type: integer
              operationId: listPets

        """)

    @Test func orderAndQuotingAreNoChange() throws {
        #expect(try diff(Self.ordered, Self.reordered).rows == [])
        #expect(try diff(Self.reordered, Self.ordered).rows == [])
    }

    static let reworded = spec("""
        paths:
          /pets:
            get:
              operationId: listPets
              summary: Lists every pet in the store
              description: Returns the pets, most recent first.
              parameters:
                - name: limit
                  in: query
                  description: At most this many pets.
                  example: 10
                  schema: {type: integer, description: A count., example: 5}
              responses:
                '200':
                  description: The pets were listed.
                  content:
                    application/json:
                      example: {id: 1, name: Rex}
                      schema:
                        type: object
                        description: A pet.
                        title: Pet
                        properties:
                          id: {type: integer, description: The id., examples: [1, 2]}
                          name: {type: string}

        """)

    static var rewordedAgain: String {
        reworded
            .replacingOccurrences(of: "Lists every pet in the store", with: "List pets")
            .replacingOccurrences(of: "Returns the pets, most recent first.", with: "Newest first.")
            .replacingOccurrences(of: "At most this many pets.", with: "Page size.")
            .replacingOccurrences(of: "example: 10", with: "example: 20")
            .replacingOccurrences(of: "A count., example: 5", with: "How many., example: 7")
            .replacingOccurrences(of: "The pets were listed.", with: "OK")
            .replacingOccurrences(of: "{id: 1, name: Rex}", with: "{id: 2, name: Fido}")
            .replacingOccurrences(of: "description: A pet.", with: "description: An animal of the store.")
            .replacingOccurrences(of: "title: Pet", with: "title: Animal")
            .replacingOccurrences(of: "The id., examples: [1, 2]", with: "Unique., examples: [3]")
    }

    @Test func proseAndExamplesAreNoChange() throws {
        try #require(Self.rewordedAgain.components(separatedBy: "\n").count == Self.reworded.components(separatedBy: "\n").count)
        let differentLines = zip(Self.reworded.components(separatedBy: "\n"), Self.rewordedAgain.components(separatedBy: "\n"))
            .filter { $0 != $1 }.count
        try #require(differentLines == 10)
        #expect(try diff(Self.reworded, Self.rewordedAgain).rows == [])
    }

    @Test func includeDocsReportsTextChangesAsInfo() throws {
        let changes = try diff(Self.reworded, Self.rewordedAgain, options: .init(includeDocs: true))
        let schema = "/paths/~1pets/get/responses/200/content/application~1json/schema"
        #expect(changes.rows == [
            "description-changed info both [GET /pets] /paths/~1pets/get/description",
            "description-changed info both [GET /pets] /paths/~1pets/get/parameters/query/limit/description",
            "description-changed info request [GET /pets] /paths/~1pets/get/parameters/query/limit/schema",
            "description-changed info response [GET /pets] \(schema)",
            "description-changed info response [GET /pets] \(schema)/properties/id",
            "description-changed info both [GET /pets] /paths/~1pets/get/responses/200/description",
            "description-changed info both [GET /pets] /paths/~1pets/get/summary",
        ])
        #expect(changes.allSatisfy { $0.rule == "description-changed" && $0.severity == .info })
    }
}
