import SpecDiff
import SpecParser
import Testing

/// Responses: statuses, media types and what a caller decodes.
struct ResponseTests {
    static let base = spec("""
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
                        type: object
                        properties:
                          id:
                            type: integer
                          name:
                            type: string
                        required: [id, name]
                '404':
                  description: Not found

        """)

    static let responses = "/paths/~1pets/get/responses"
    static let schema = responses + "/200/content/application~1json/schema"

    static func edit(_ old: String, _ new: String) throws -> String {
        let result = base.replacingOccurrences(of: old, with: new)
        try #require(result != base, "'\(old)' is not in the spec")
        return result
    }

    static let notFound = """
                '404':
                  description: Not found

        """

    @Test func addedErrorStatusIsInfo() throws {
        let new = try Self.edit(Self.notFound, Self.notFound + """
                    '500':
                      description: Server error

            """)
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["response-status-added info response [GET /pets] \(Self.responses)/500"])
        let change = try changes.only("response-status-added")
        #expect(change.oldLocation == at("old.yml", 8, 7))
        #expect(change.newLocation == at("new.yml", 25, 11))
    }

    @Test func addedSuccessStatusIsAWarning() throws {
        let new = try Self.edit(Self.notFound, Self.notFound + """
                    '203':
                      description: Cached

            """)
        #expect(try diff(Self.base, new).rows == ["response-status-added warning response [GET /pets] \(Self.responses)/203"])
    }

    @Test func removedErrorStatusIsAWarning() throws {
        let changes = try diff(Self.base, try Self.edit(Self.notFound, ""))
        #expect(changes.rows == ["response-status-removed warning response [GET /pets] \(Self.responses)/404"])
        let change = try changes.only("response-status-removed")
        #expect(change.oldLocation == at("old.yml", 23, 11))
        #expect(change.newLocation == at("new.yml", 8, 7))
    }

    @Test func removedSuccessStatusIsBreaking() throws {
        let new = spec("""
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses:
                    '404':
                      description: Not found

            """)
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["success-response-removed breaking response [GET /pets] \(Self.responses)/200"])
        #expect(try changes.only("success-response-removed").message == "the 200 response was removed")
    }

    /// `2XX` and `2xx` side by side are each paired with themselves.
    @Test func statusesDifferingOnlyInCaseArePairedWithThemselves() throws {
        let old = try Self.edit("        '404':", "        '2XX': {description: Some, content: {text/plain: {schema: {type: string}}}}\n"
                                + "        '2xx': {description: Other, content: {text/plain: {schema: {type: integer}}}}\n        '404':")
        #expect(try diff(old, old, options: .init(includeDocs: true)).isEmpty)
        let new = old.replacingOccurrences(of: "schema: {type: integer}", with: "schema: {type: boolean}")
        #expect(try diff(old, new).rows == [
            "type-changed breaking response [GET /pets] \(Self.responses)/2xx/content/text~1plain/schema",
        ])
    }

    @Test func responseMediaTypes() throws {
        let xml = try Self.edit("            application/json:", "            application/xml:")
        #expect(try diff(Self.base, xml).rows == [
            "response-media-type-removed breaking response [GET /pets] \(Self.responses)/200/content/application~1json",
            "response-media-type-added warning response [GET /pets] \(Self.responses)/200/content/application~1xml",
        ])
    }

    @Test func removedPropertyIsBreaking() throws {
        let new = try Self.edit("""
                                  name:
                                    type: string

                """, "").replacingOccurrences(of: "required: [id, name]", with: "required: [id]")
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["response-property-removed breaking response [GET /pets] \(Self.schema)/properties/name"])
        let change = try changes.only("response-property-removed")
        #expect(change.oldLocation == at("old.yml", 20, 21))
        #expect(change.newLocation == at("new.yml", 15, 17))
        #expect(change.message == "property 'name' was removed")
    }

    @Test func propertyThatBecameOptionalIsBreaking() throws {
        let changes = try diff(Self.base, try Self.edit("required: [id, name]", "required: [id]"))
        #expect(changes.rows == ["response-property-became-optional breaking response [GET /pets] \(Self.schema)/properties/name"])
    }

    @Test func propertyThatBecameRequiredIsInfo() throws {
        let changes = try diff(try Self.edit("required: [id, name]", "required: [id]"), Self.base)
        #expect(changes.rows == ["response-property-became-required info response [GET /pets] \(Self.schema)/properties/name"])
    }

    @Test func addedPropertyIsInfo() throws {
        let new = try Self.edit("""
                                  name:
                                    type: string
                """, """
                                  name:
                                    type: string
                                  age:
                                    type: integer
                """).replacingOccurrences(of: "required: [id, name]", with: "required: [id, name, age]")
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["response-property-added info response [GET /pets] \(Self.schema)/properties/age"])
    }

    @Test func nullabilityIsDirectionAware() throws {
        let nullable = "{type: object, properties: {name: {type: [string, 'null']}}}"
        let plain = "{type: object, properties: {name: {type: string}}}"
        #expect(try diff(responseSpec(plain), responseSpec(nullable)).rows
            == ["schema-became-nullable breaking response [GET /pets] \(responseSchema)/properties/name"])
        #expect(try diff(requestSpec(plain), requestSpec(nullable)).rows
            == ["schema-became-nullable info request [POST /pets] \(requestSchema)/properties/name"])
        #expect(try diff(responseSpec(nullable), responseSpec(plain)).rows
            == ["schema-became-non-nullable info response [GET /pets] \(responseSchema)/properties/name"])
        #expect(try diff(requestSpec(nullable), requestSpec(plain)).rows
            == ["schema-became-non-nullable breaking request [POST /pets] \(requestSchema)/properties/name"])
        #expect(try diff(responseSpec(plain), responseSpec(nullable)).first?.message == "property 'name' may now be null")
    }

    @Test func itemsOfArraysAreCompared() throws {
        let changes = try diff(responseSpec("{type: array, items: {type: object, properties: {id: {type: integer}}}}"),
                               responseSpec("{type: array, items: {type: object, properties: {id: {type: string}}}}"))
        #expect(changes.rows == ["type-changed breaking response [GET /pets] \(responseSchema)/items/properties/id"])
    }

    @Test func additionalPropertiesValuesAreCompared() throws {
        let changes = try diff(responseSpec("{type: object, additionalProperties: {type: integer}}"),
                               responseSpec("{type: object, additionalProperties: {type: number}}"))
        #expect(changes.rows == ["type-changed breaking response [GET /pets] \(responseSchema)/additionalProperties"])
    }
}
