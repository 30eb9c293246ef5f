import SpecDiff
import SpecParser
import Testing

/// Properties of a request body: what a caller must or may send.
struct RequestPropertyTests {
    static let base = spec("""
        paths:
          /pets:
            post:
              operationId: createPet
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        name:
                          type: string
                        tag:
                          type: string
                      required: [name]
              responses:
                '201':
                  description: Created

        """)

    static let schema = "/paths/~1pets/post/requestBody/content/application~1json/schema"

    static func edit(_ old: String, _ new: String) throws -> String {
        let result = base.replacingOccurrences(of: old, with: new)
        try #require(result != base, "'\(old)' is not in the spec")
        return result
    }

    static let addingAge = """
                        tag:
                          type: string
                        age:
                          type: integer
        """

    @Test func addedRequiredPropertyIsBreaking() throws {
        let new = try Self.edit("""
                                tag:
                                  type: string
                """, Self.addingAge).replacingOccurrences(of: "required: [name]", with: "required: [name, age]")
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["request-property-added breaking request [POST /pets] \(Self.schema)/properties/age"])
        let change = try changes.only("request-property-added")
        #expect(change.oldLocation == at("old.yml", 14, 15))
        #expect(change.newLocation == at("new.yml", 21, 19))
        #expect(change.message == "required property 'age' was added")
    }

    @Test func addedOptionalPropertyIsInfo() throws {
        let new = try Self.edit("""
                                tag:
                                  type: string
                """, Self.addingAge)
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["request-property-added info request [POST /pets] \(Self.schema)/properties/age"])
        #expect(try changes.only("request-property-added").message == "optional property 'age' was added")
    }

    /// The server no longer reads what callers still send; a client may not
    /// depend on it (issue 25: a warning, as the ecosystem grades it).
    @Test func removedPropertyIsAWarning() throws {
        let new = try Self.edit("""
                                tag:
                                  type: string

                """, "")
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["request-property-removed warning request [POST /pets] \(Self.schema)/properties/tag"])
        let change = try changes.only("request-property-removed")
        #expect(change.oldLocation == at("old.yml", 19, 19))
        #expect(change.newLocation == at("new.yml", 14, 15))
    }

    @Test func propertyThatBecameRequiredIsBreaking() throws {
        let changes = try diff(Self.base, try Self.edit("required: [name]", "required: [name, tag]"))
        #expect(changes.rows == ["request-property-became-required breaking request [POST /pets] \(Self.schema)/properties/tag"])
        let change = try changes.only("request-property-became-required")
        #expect(change.oldLocation == at("old.yml", 19, 19))
        #expect(change.newLocation == at("new.yml", 19, 19))
    }

    @Test func propertyThatBecameOptionalIsInfo() throws {
        let changes = try diff(Self.base, try Self.edit("required: [name]", "required: []"))
        #expect(changes.rows == ["request-property-became-optional info request [POST /pets] \(Self.schema)/properties/name"])
    }

    @Test func changedTypeIsBreaking() throws {
        let new = try Self.edit("""
                                tag:
                                  type: string
                """, """
                                tag:
                                  type: integer
                """)
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["type-changed breaking request [POST /pets] \(Self.schema)/properties/tag"])
        #expect(try changes.only("type-changed").message == "property 'tag' changed type from string to integer")
    }

    @Test func changedFormatIsBreaking() throws {
        let new = try Self.edit("""
                                tag:
                                  type: string
                """, """
                                tag:
                                  type: string
                                  format: uuid
                """)
        let changes = try diff(Self.base, new)
        #expect(changes.rows == ["format-changed breaking request [POST /pets] \(Self.schema)/properties/tag"])
        #expect(try changes.only("format-changed").message == "property 'tag' changed format from none to uuid")
    }

    @Test func propertiesOfAllOfPartsAreMerged() throws {
        let components = """
            components:
              schemas:
                Named:
                  type: object
                  properties:
                    name: {type: string}
                  required: [name]

            """
        let old = requestSpec("{allOf: [{$ref: '#/components/schemas/Named'}, {type: object, properties: {tag: {type: string}}}]}",
                              components: components)
        let same = requestSpec("{type: object, properties: {name: {type: string}, tag: {type: string}}, required: [name]}",
                               components: components)
        #expect(try diff(old, same).isEmpty)
        let tagRequired = requestSpec(
            "{allOf: [{$ref: '#/components/schemas/Named'}, {type: object, properties: {tag: {type: string}}, required: [tag]}]}",
            components: components)
        #expect(try diff(old, tagRequired).rows == ["request-property-became-required breaking request [POST /pets] \(requestSchema)/properties/tag"])
    }
}
