import SpecDiff
import SpecParser
import Testing

/// A component used by several operations: a change inside it is reported
/// once per direction, at the component, naming every operation it reaches.
struct SharedSchemaTests {
    static let base = spec("""
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - {name: kind, in: query, schema: {$ref: '#/components/schemas/Kind'}}
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
            post:
              operationId: createPet
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Pet'}
              responses:
                '201':
                  description: Created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
          /pets/{id}:
            put:
              operationId: updatePet
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Pet'}
              responses:
                '204':
                  description: Updated
          /kinds:
            get:
              operationId: listKinds
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Kind'}}
        components:
          schemas:
            Kind: {type: string, enum: [cat, dog, bird]}
            Pet:
              type: object
              properties:
                name: {type: string}
                kind: {$ref: '#/components/schemas/Kind'}
              required: [name]

        """)

    static func edit(_ old: String, _ new: String) throws -> String {
        let result = base.replacingOccurrences(of: old, with: new)
        try #require(result != base, "'\(old)' is not in the spec")
        return result
    }

    @Test func removedEnumValueIsBreakingForRequestsAndInfoForResponses() throws {
        let changes = try diff(Self.base, try Self.edit("enum: [cat, dog, bird]", "enum: [cat, bird]"))
        #expect(changes.rows == [
            "enum-value-removed info response [GET /kinds, GET /pets, POST /pets] /components/schemas/Kind",
            "enum-value-removed breaking request [GET /pets, POST /pets, PUT /pets/{id}] /components/schemas/Kind",
        ])
        #expect(changes.allSatisfy { $0.message == "schema Kind lost the value 'dog'" })
        #expect(changes.allSatisfy { $0.oldLocation == at("old.yml", 52, 11) && $0.newLocation == at("new.yml", 52, 11) })
    }

    @Test func addedPropertyOfASharedObject() throws {
        let changes = try diff(Self.base, try Self.edit("required: [name]", "required: [name, age]")
            .replacingOccurrences(of: "    name: {type: string}\n", with: "    name: {type: string}\n        age: {type: integer}\n"))
        #expect(changes.rows == [
            "response-property-added info response [GET /pets, POST /pets] /components/schemas/Pet/properties/age",
            "request-property-added breaking request [POST /pets, PUT /pets/{id}] /components/schemas/Pet/properties/age",
        ])
    }

    @Test func unchangedSharedSchemaIsNoChange() throws {
        #expect(try diff(Self.base, Self.base).isEmpty)
    }

    /// Null-ness belongs to the reference, not to the schema it names: one
    /// place that now allows null says nothing of the others, whichever
    /// operation is compared first.
    @Test(arguments: [false, true])
    func nullableReferenceIsReportedWhereItIs(nullableFirst: Bool) throws {
        let owner = "{$ref: '#/components/schemas/Owner'}"
        let nullableOwner = "{oneOf: [\(owner), {type: 'null'}]}"
        func document(_ a: String, _ b: String) -> String {
            spec("""
                paths:
                  /a:
                    get:
                      operationId: getA
                      responses:
                        '200':
                          description: OK
                          content:
                            application/json:
                              schema: {type: object, properties: {owner: \(a)}}
                  /b:
                    get:
                      operationId: getB
                      responses:
                        '200':
                          description: OK
                          content:
                            application/json:
                              schema: {type: object, properties: {owner: \(b)}}
                components:
                  schemas:
                    Owner: {type: object, properties: {name: {type: string}}}

                """)
        }
        let old = document(owner, owner)
        let new = nullableFirst ? document(nullableOwner, owner) : document(owner, nullableOwner)
        let path = nullableFirst ? "a" : "b"
        let changes = try diff(old, new)
        #expect(changes.rows == [
            "schema-became-nullable breaking response [GET /\(path)] /paths/~1\(path)/get/responses/200/content/application~1json/schema/properties/owner",
        ])
        #expect(changes.first?.message == "property 'owner' may now be null")
    }

    @Test func componentThatBecameNullableIsReportedAtEachUse() throws {
        let old = spec("""
            paths:
              /a:
                get:
                  operationId: getA
                  responses:
                    '200':
                      description: OK
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Owner'}
            components:
              schemas:
                Owner: {type: object, properties: {name: {type: string}}}

            """)
        let new = old.replacingOccurrences(of: "Owner: {type: object,", with: "Owner: {type: [object, 'null'],")
        #expect(try diff(old, new).rows == [
            "schema-became-nullable breaking response [GET /a] /paths/~1a/get/responses/200/content/application~1json/schema",
        ])
    }
}

extension SharedSchemaTests {
    @Test func schemaReachedTwiceInOneOperationListsItOnce() throws {
        let old = spec("""
            paths:
              /pets:
                post:
                  operationId: createPet
                  parameters:
                    - {name: kind, in: query, schema: {$ref: '#/components/schemas/Kind'}}
                  requestBody:
                    content:
                      application/json:
                        schema: {type: object, properties: {kind: {$ref: '#/components/schemas/Kind'}, also: {$ref: '#/components/schemas/Kind'}}}
                  responses:
                    '204':
                      description: Created
            components:
              schemas:
                Kind: {type: string, enum: [cat, dog]}

            """)
        let changes = try diff(old, old.replacingOccurrences(of: "enum: [cat, dog]", with: "enum: [cat]"))
        #expect(changes.rows == ["enum-value-removed breaking request [POST /pets] /components/schemas/Kind"])
    }

    /// An inline object that merges (`allOf`) the component holding it has
    /// itself among its own properties. The walk ends where it comes round,
    /// and a change inside is reported once, where it is first met.
    @Test func inlineObjectMergingItsHolderIsComparedOnce() throws {
        let old = responseSpec("{$ref: '#/components/schemas/Tree'}", components: """
            components:
              schemas:
                Tree:
                  type: object
                  properties:
                    branch:
                      type: object
                      allOf: [{$ref: '#/components/schemas/Tree'}]
                      properties: {leaf: {type: string}}

            """)
        #expect(try diff(old, old).isEmpty)
        let changes = try diff(old, old.replacingOccurrences(of: "leaf: {type: string}", with: "leaf: {type: integer}"))
        #expect(changes.rows == [
            "type-changed breaking response [GET /pets] /components/schemas/Tree/properties/branch/properties/leaf",
        ])
    }

    /// A chain of 5,000 components, each naming the next: the walk keeps its
    /// own stack (as calls, a thousand levels overflowed the thread's), and the
    /// change at the far end is found.
    @Test func longChainsOfComponentsAreWalkedToTheEnd() throws {
        var components = "components:\n  schemas:\n"
        for level in 0..<5_000 {
            components += "    S\(level): {type: object, properties: {next: {$ref: '#/components/schemas/S\(level + 1)'}}}\n"
        }
        components += "    S5000: {type: object, properties: {leaf: {type: string}}}\n"
        let old = responseSpec("{$ref: '#/components/schemas/S0'}", components: components)
        let new = old.replacingOccurrences(of: "leaf: {type: string}", with: "leaf: {type: integer}")
        #expect(try diff(old, new).rows == [
            "type-changed breaking response [GET /pets] /components/schemas/S5000/properties/leaf",
        ])
    }

    /// A and B hold each other. GET /a walks A, then B, then meets A again
    /// while A is still being walked. GET /b, which reaches B first, still
    /// leads to the change in A, through B.
    @Test func aChangeOnACycleReachesEveryOperationThatLeadsToIt() throws {
        let old = spec("""
            paths:
              /a:
                get:
                  operationId: getA
                  responses: {'200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}
              /b:
                get:
                  operationId: getB
                  responses: {'200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/B'}}}}}
            components:
              schemas:
                A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}, x: {type: string}}}
                B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}

            """)
        let changes = try diff(old, old.replacingOccurrences(of: "x: {type: string}", with: "x: {type: integer}"))
        #expect(changes.rows == ["type-changed breaking response [GET /a, GET /b] /components/schemas/A/properties/x"])
    }
}
