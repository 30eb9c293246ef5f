import SpecParser
import Testing

/// Schemas: types and null, enum/const/default, objects, arrays,
/// composition, discriminators, constraints, flags and extensions.
@Suite struct SchemaTests {
    static let components = specHeader + """
        paths: {}
        components:
          schemas:
            Single:
              type: string
              format: date-time
              title: A title
              description: A description
            Nullable31:
              type: [string, 'null']
            NullOnly:
              type: 'null'
            Multi:
              type: [integer, string, integer, null]
            Mood:
              type: string
              enum: [AUTO, ON, OFF, 'true', 3]
            NullableEnum:
              enum: [a, null]
            QuotedNullEnum:
              enum: [a, 'null']
            Fixed:
              const: ON
              default: 'x'
            WithObjectDefault:
              type: object
              default: {a: 1}
            Ordered:
              type: object
              required: [zeta, alpha]
              properties:
                zeta: {type: string}
                alpha: {type: integer}
                mid: {type: boolean}
              additionalProperties: false
            MapOfInts:
              type: object
              additionalProperties: {type: integer}
            OpenMap:
              type: object
              additionalProperties: true
            List:
              type: array
              items: {$ref: '#/components/schemas/Single'}
              minItems: 1
              maxItems: 5
              uniqueItems: true
            Combined:
              allOf:
                - $ref: '#/components/schemas/Ordered'
                - type: object
                  properties: {extra: {type: string}}
            Pet:
              oneOf:
                - $ref: '#/components/schemas/Cat'
                - $ref: '#/components/schemas/Dog'
              discriminator:
                propertyName: kind
                mapping:
                  cat: Cat
                  dog: '#/components/schemas/Dog'
            Cat: {type: object, properties: {kind: {type: string}}}
            Dog: {type: object, properties: {kind: {type: string}}}
            AnyOf:
              anyOf: [{type: string}, {type: integer}]
              not: {type: boolean}
            Bounded31:
              type: number
              minimum: 0
              maximum: 100.5
              exclusiveMinimum: 1
              exclusiveMaximum: 99
              multipleOf: 0.5
            Text:
              type: string
              minLength: 2
              maxLength: 10
              pattern: '^[a-z]+$'
            Props:
              type: object
              minProperties: 1
              maxProperties: 3
            Flags:
              type: string
              deprecated: true
              readOnly: true
              writeOnly: false
              contentEncoding: base64
              contentMediaType: image/png
              x-kind: special
              x-tags: [a, b]
            Anything:
              description: Any JSON value.
            BooleanSchemas:
              type: object
              properties:
                anything: true
                nothing: false

        """

    private func document() throws -> OpenAPIDocument {
        try loadDocument(Self.components)
    }

    @Test func componentSchemasInDocumentOrder() throws {
        let document = try document()
        #expect(document.schemas.map(\.name) == [
            "Single", "Nullable31", "NullOnly", "Multi", "Mood", "NullableEnum", "QuotedNullEnum", "Fixed",
            "WithObjectDefault", "Ordered", "MapOfInts", "OpenMap", "List", "Combined", "Pet", "Cat", "Dog", "AnyOf",
            "Bounded31", "Text", "Props", "Flags", "Anything", "BooleanSchemas",
        ])
        #expect(document.schemas.allSatisfy { $0.isComponent })
        #expect(document.schemas.allSatisfy { $0.key == document.componentKey($0.name) })
        #expect(document.schemas[0].key.description == "spec.yml#/components/schemas/Single")
        #expect(document.schema("Single")?.location == location(9, 7))
    }

    @Test func typesAndTexts() throws {
        let single = try #require(try document().schema("Single"))
        #expect(single.types == [.string])
        #expect(!single.allowsNull)
        #expect(single.format == "date-time")
        #expect(single.title == "A title")
        #expect(single.description == "A description")
        #expect(!single.isFreeForm)
    }

    @Test func nullInTypeArrays() throws {
        let document = try document()
        let nullable = try #require(document.schema("Nullable31"))
        #expect(nullable.types == [.string])
        #expect(nullable.allowsNull)
        let nullOnly = try #require(document.schema("NullOnly"))
        #expect(nullOnly.types == [])
        #expect(nullOnly.allowsNull)
        let multi = try #require(document.schema("Multi"))
        #expect(multi.types == [.integer, .string])
        #expect(multi.allowsNull)
    }

    @Test func nullableInOpenAPI30() throws {
        let document = try loadDocument("""
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Yes: {type: integer, nullable: true}
                No: {type: integer, nullable: false}
                Plain: {type: integer}

            """)
        #expect(document.schema("Yes")?.allowsNull == true)
        #expect(document.schema("Yes")?.types == [.integer])
        #expect(document.schema("No")?.allowsNull == false)
        #expect(document.schema("Plain")?.allowsNull == false)
    }

    /// Enum values reach later layers as typed values, YAML's quoting and
    /// core schema applied: `ON` is a string (YAML 1.2), `'true'` too, `3` an integer.
    @Test func enumValuesAreTypedValues() throws {
        let document = try document()
        let mood = try #require(document.schema("Mood")?.enumValues)
        #expect(mood == [.string("AUTO"), .string("ON"), .string("OFF"), .string("true"), .integer(3)])
        #expect(mood.map(\.text) == ["AUTO", "ON", "OFF", "true", "3"])
        #expect(document.schema("Mood")?.allowsNull == false)
        // An unquoted null among the values allows null; a quoted one is a string.
        #expect(document.schema("NullableEnum")?.allowsNull == true)
        #expect(document.schema("QuotedNullEnum")?.allowsNull == false)
        #expect(document.schema("Single")?.enumValues == nil)
    }

    @Test func constAndDefault() throws {
        let document = try document()
        let fixed = try #require(document.schema("Fixed"))
        #expect(fixed.constValue == .string("ON"))
        #expect(fixed.defaultValue == .string("x"))
        #expect(!fixed.isFreeForm)
        let objectDefault = try #require(document.schema("WithObjectDefault")?.defaultValue)
        #expect(objectDefault["a"] == .integer(1))
        #expect(objectDefault["a"]?.text == "1")
        #expect(document.schema("Single")?.constValue == nil)
        #expect(document.schema("Single")?.defaultValue == nil)
    }

    @Test func objectsKeepPropertyOrder() throws {
        let document = try document()
        let ordered = try #require(document.schema("Ordered"))
        #expect(ordered.types == [.object])
        #expect(ordered.properties.map(\.name) == ["zeta", "alpha", "mid"])
        #expect(ordered.properties.map(\.schema.types) == [[.string], [.integer], [.boolean]])
        #expect(ordered.required == ["zeta", "alpha"])
        #expect(ordered.requires("zeta"))
        #expect(!ordered.requires("mid"))
        guard case .allowed(false) = ordered.additionalProperties else {
            Issue.record("additionalProperties: false is not .allowed(false)")
            return
        }
    }

    @Test func additionalProperties() throws {
        let document = try document()
        guard case .schema(let values) = document.schema("MapOfInts")?.additionalProperties else {
            Issue.record("additionalProperties with a schema is not .schema")
            return
        }
        #expect(values.value.types == [.integer])
        guard case .allowed(true) = document.schema("OpenMap")?.additionalProperties else {
            Issue.record("additionalProperties: true is not .allowed(true)")
            return
        }
        #expect(document.schema("Single")?.additionalProperties == nil)
    }

    @Test func arrays() throws {
        let document = try document()
        let list = try #require(document.schema("List"))
        #expect(list.types == [.array])
        #expect(list.items?.value.reference == document.componentKey("Single"))
        #expect(list.constraints.minItems == 1)
        #expect(list.constraints.maxItems == 5)
        #expect(list.constraints.uniqueItems == true)
    }

    @Test func composition() throws {
        let document = try document()
        let combined = try #require(document.schema("Combined"))
        #expect(combined.allOf.count == 2)
        #expect(combined.allOf[0].reference == document.componentKey("Ordered"))
        #expect(combined.allOf[1].properties.map(\.name) == ["extra"])
        #expect(combined.oneOf.isEmpty && combined.anyOf.isEmpty)

        let anyOf = try #require(document.schema("AnyOf"))
        #expect(anyOf.anyOf.map(\.types) == [[.string], [.integer]])
        #expect(anyOf.not?.value.types == [.boolean])
    }

    @Test func discriminatorMappingByNameAndByReference() throws {
        let document = try document()
        let pet = try #require(document.schema("Pet"))
        #expect(pet.oneOf.map(\.reference) == [document.componentKey("Cat"), document.componentKey("Dog")])
        let discriminator = try #require(pet.discriminator)
        #expect(discriminator.propertyName == "kind")
        #expect(discriminator.mapping.map(\.value) == ["cat", "dog"])
        #expect(discriminator.mapping.map(\.target) == [document.componentKey("Cat"), document.componentKey("Dog")])
    }

    @Test func discriminatorProblems() {
        let result = loadSpec(specHeader + """
            paths: {}
            components:
              schemas:
                A:
                  discriminator: {mapping: {x: A}}
                B:
                  discriminator:
                    propertyName: kind
                    mapping:
                      x: Nope

            """)
        #expect(result.diagnostics.errorDescriptions == ["spec.yml:9:22: error: a discriminator needs a 'propertyName'"])
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:14:14: warning: cannot resolve '#/components/schemas/Nope': there is no 'Nope' in spec.yml; "
                + "the discriminator value 'x' is left out of the mapping"
        ])
    }

    @Test func constraintsInOpenAPI31() throws {
        let document = try document()
        let bounded = try #require(document.schema("Bounded31")?.constraints)
        #expect(bounded.minimum == 0)
        #expect(bounded.maximum == 100.5)
        #expect(bounded.exclusiveMinimum == 1)
        #expect(bounded.exclusiveMaximum == 99)
        #expect(bounded.multipleOf == 0.5)
        let text = try #require(document.schema("Text")?.constraints)
        #expect(text.minLength == 2)
        #expect(text.maxLength == 10)
        #expect(text.pattern == "^[a-z]+$")
        let props = try #require(document.schema("Props")?.constraints)
        #expect(props.minProperties == 1)
        #expect(props.maxProperties == 3)
        #expect(document.schema("Single")?.constraints == Schema.Constraints())
    }

    @Test func exclusiveBoundsInOpenAPI30() throws {
        let document = try loadDocument("""
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Bounded:
                  type: integer
                  minimum: 5
                  exclusiveMinimum: true
                  maximum: 10
                  exclusiveMaximum: false
                Upper:
                  type: number
                  maximum: 2.5
                  exclusiveMaximum: true

            """)
        let bounded = try #require(document.schema("Bounded")?.constraints)
        #expect(bounded.minimum == 5)
        #expect(bounded.exclusiveMinimum == 5)
        #expect(bounded.maximum == 10)
        #expect(bounded.exclusiveMaximum == nil)
        let upper = try #require(document.schema("Upper")?.constraints)
        #expect(upper.exclusiveMaximum == 2.5)
        #expect(upper.exclusiveMinimum == nil)
    }

    @Test func flagsAndExtensions() throws {
        let flags = try #require(try document().schema("Flags"))
        #expect(flags.deprecated)
        #expect(flags.readOnly)
        #expect(!flags.writeOnly)
        #expect(flags.contentEncoding == "base64")
        #expect(flags.contentMediaType == "image/png")
        #expect(flags.extensions.keys.sorted() == ["x-kind", "x-tags"])
        #expect(flags.extensions["x-kind"]?.text == "special")
        #expect(flags.extensions["x-tags"]?.sequence?.map(\.text) == ["a", "b"])
        let single = try #require(try document().schema("Single"))
        #expect(!single.deprecated && !single.readOnly && !single.writeOnly)
        #expect(single.extensions.isEmpty)
    }

    @Test func freeFormAndBooleanSchemas() throws {
        let document = try document()
        let anything = try #require(document.schema("Anything"))
        #expect(anything.isFreeForm)
        #expect(anything.description == "Any JSON value.")
        let booleans = try #require(document.schema("BooleanSchemas"))
        #expect(booleans.properties.map(\.name) == ["anything", "nothing"])
        #expect(booleans.properties.allSatisfy { $0.schema.isFreeForm })
    }

    @Test func schemaProblemsAreLocated() {
        let result = loadSpec(specHeader + """
            paths: {}
            components:
              schemas:
                BadType: {type: strin}
                Scalar: 42
                Tuple:
                  type: array
                  items: [{type: string}]
                Flag:
                  required: true
                  minLength: many
                  uniqueItems: maybe

            """)
        #expect(result.diagnostics.errorDescriptions == [
            "spec.yml:8:21: error: 'strin' is not a JSON Schema type (string, integer, number, boolean, array, object, null)",
            "spec.yml:9:13: error: a schema must be a mapping, but this is a scalar",
        ])
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:12:14: warning: 'items' as a list (tuple validation) is not supported; the array holds any JSON value",
            "spec.yml:14:17: warning: 'required' in a schema must list property names; a boolean here is ignored",
            "spec.yml:15:18: warning: 'minLength' must be an integer; it is ignored",
            "spec.yml:16:20: warning: 'uniqueItems' must be true or false; 'maybe' is ignored",
        ])
        #expect(result.document?.schemas.map(\.name) == ["BadType", "Scalar", "Tuple", "Flag"])
    }
}
