import SpecParser
import Testing

/// `$ref`: JSON pointers, escapes, other files, missing targets, cycles.
@Suite struct ReferenceTests {
    // MARK: - JSON pointers

    @Test func pointerEscapes() {
        #expect(JSONPointer.escape("a/b") == "a~1b")
        #expect(JSONPointer.escape("a~b") == "a~0b")
        #expect(JSONPointer.escape("~/") == "~0~1")
        #expect(JSONPointer.unescape("a~1b") == "a/b")
        #expect(JSONPointer.unescape("a~0b") == "a~b")
        // `~01` is an escaped `~` followed by `1`, not a `/`.
        #expect(JSONPointer.unescape("~01") == "~1")
        #expect(JSONPointer.tokens("") == [])
        #expect(JSONPointer.tokens("/") == [""])
        #expect(JSONPointer.tokens("/components/schemas/a~1b") == ["components", "schemas", "a/b"])
        #expect(JSONPointer.tokens("/a~0b/0") == ["a~b", "0"])
        // Non-ASCII tokens, empty ones, and text that does not start with `/`
        // (its first character is dropped, whatever its length in bytes).
        #expect(JSONPointer.tokens("//é/ü~1ö/") == ["", "é", "ü/ö", ""])
        #expect(JSONPointer.tokens("éa/b") == ["a", "b"])
        #expect(JSONPointer.tokens("x") == [""])
        #expect(JSONPointer.escape("plain") == "plain")
        #expect(JSONPointer.escape("é/~") == "é~1~0")
        #expect(JSONPointer.unescape("é~1") == "é/")
    }

    /// The byte-level escapes against the simple twin they replaced (`replacing`, in RFC 6901's
    /// order), on random text made of the characters that matter around a few others.
    @Test func pointerEscapesMatchTheirSimpleTwin() {
        let alphabet: [Character] = ["~", "/", "0", "1", "a", "é", "~", "/"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<4000 {
            let length = Int.random(in: 0...10, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(JSONPointer.escape(text) == text.replacing("~", with: "~0").replacing("/", with: "~1"))
            #expect(JSONPointer.unescape(text) == text.replacing("~1", with: "/").replacing("~0", with: "~"))
            #expect(JSONPointer.unescape(JSONPointer.escape(text)) == text)
        }
    }

    @Test func schemaKeys() {
        let key = SchemaKey(file: "spec.yml", pointer: "/components/schemas/a~1b")
        #expect(key.lastToken == "a/b")
        #expect(key.description == "spec.yml#/components/schemas/a~1b")
        #expect(SchemaKey(file: "types.yml", pointer: "").lastToken == "")
        #expect(SchemaKey(file: "a.yml", pointer: "/z") < SchemaKey(file: "b.yml", pointer: "/a"))
        #expect(SchemaKey(file: "a.yml", pointer: "/a") < SchemaKey(file: "a.yml", pointer: "/b"))
    }

    @Test func localReferencesWithEscapesAndPercentEncoding() throws {
        let document = try loadDocument(
            specHeader + """
                paths: {}
                components:
                  schemas:
                    a/b: {type: string}
                    a~b: {type: integer}
                    My Pet: {type: boolean}
                    Holder:
                      type: object
                      properties:
                        slash: {$ref: '#/components/schemas/a~1b'}
                        tilde: {$ref: '#/components/schemas/a~0b'}
                        space: {$ref: '#/components/schemas/My%20Pet'}
                        encodedSlash: {$ref: '#/components/schemas/a%7E1b'}
                        inner: {$ref: '#/components/schemas/Holder/properties/slash'}

                """)
        let holder = try #require(document.schema("Holder"))
        #expect(
            holder.properties.map(\.schema.reference) == [
                document.componentKey("a/b"), document.componentKey("a~b"), document.componentKey("My Pet"),
                document.componentKey("a/b"),
                SchemaKey(file: "spec.yml", pointer: "/components/schemas/Holder/properties/slash"),
            ])
        // The escaped references reach the components themselves: nothing else is registered
        // but the schema inside Holder, named by the last token of its pointer.
        #expect(document.schemas.map(\.name) == ["a/b", "a~b", "My Pet", "Holder", "slash"])
        #expect(document.schemas.map(\.isComponent) == [true, true, true, true, false])
        #expect(document.schema("slash")?.reference == document.componentKey("a/b"))
        #expect(document.schema("slash")?.location == location(14, 16))
    }

    @Test func pointersIntoSequencesAndOtherPlaces() throws {
        let result = loadSpec(
            specHeader + """
                paths: {}
                x-shared:
                  - {type: string}
                  - {type: integer}
                components:
                  schemas:
                    Second: {$ref: '#/x-shared/1'}
                    OutOfRange: {$ref: '#/x-shared/5'}
                    IntoScalar: {$ref: '#/info/title/x'}
                    NotAPointer: {$ref: '#Pet'}
                    Missing: {$ref: '#/components/schemas/Nope'}

                """)
        #expect(
            result.diagnostics.errorDescriptions == [
                "spec.yml:12:24: error: cannot resolve '#/x-shared/5': '5' is not an index of the sequence",
                "spec.yml:13:24: error: cannot resolve '#/info/title/x': the path runs into a scalar",
                "spec.yml:14:25: error: cannot resolve '#Pet': no schema declares '$anchor: Pet'",
                "spec.yml:15:21: error: cannot resolve '#/components/schemas/Nope': there is no 'Nope' in spec.yml",
            ])
        let document = try #require(result.document)
        let second = try #require(document.schema("Second"))
        let key = SchemaKey(file: "spec.yml", pointer: "/x-shared/1")
        #expect(second.reference == key)
        let target = try #require(document.schemas.first { $0.key == key })
        #expect(target.name == "1")
        #expect(!target.isComponent)
        #expect(target.schema.types == [.integer])
        #expect(document.schema("Missing")?.reference == nil)
    }

    // MARK: - Other files

    static let multiFile: [String: String] = [
        "specs/root.yml": """
        openapi: 3.1.0
        info: {title: Multi, version: '1'}
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - $ref: 'common/params.yml#/Limit'
              responses:
                '200':
                  $ref: 'common/responses.yml#/PetList'
        components:
          schemas:
            Owner:
              $ref: './common/types.yml#/Owner'

        """,
        "specs/common/responses.yml": """
        PetList:
          description: Pets
          content:
            application/json:
              schema:
                type: array
                items: {$ref: 'types.yml#/Pet'}

        """,
        "specs/common/types.yml": """
        Pet:
          type: object
          properties:
            tag: {$ref: '#/Tag'}
            owner: {$ref: '../root.yml#/components/schemas/Owner'}
            base: {$ref: '../shared/base.yml'}
        Tag: {type: string}
        Owner:
          type: object
          properties:
            name: {type: string}

        """,
        "specs/common/params.yml": """
        Limit:
          name: limit
          in: query
          schema: {$ref: 'types.yml#/Tag'}

        """,
        "specs/shared/base.yml": """
        type: object
        properties:
          id: {type: integer}

        """,
    ]

    @Test func referencesIntoOtherFilesAreRelativeToTheReferringFile() throws {
        let result = SpecLoader(source: InMemorySource(Self.multiFile)).load(path: "specs/root.yml")
        #expect(result.diagnostics.all.map(\.description) == [])
        let document = try #require(result.document)

        let rootOwner = SchemaKey(file: "specs/root.yml", pointer: "/components/schemas/Owner")
        let types = "specs/common/types.yml"
        let tag = SchemaKey(file: types, pointer: "/Tag")
        let pet = SchemaKey(file: types, pointer: "/Pet")
        let owner = SchemaKey(file: types, pointer: "/Owner")
        let base = SchemaKey(file: "specs/shared/base.yml", pointer: "")
        #expect(document.schemas.map(\.key) == [rootOwner, tag, pet, owner, base])
        #expect(document.schemas.map(\.name) == ["Owner", "Tag", "Pet", "Owner", "base"])
        #expect(document.schemas.map(\.isComponent) == [true, false, false, false, false])

        func schema(_ key: SchemaKey) -> Schema? { document.schemas.first { $0.key == key }?.schema }
        #expect(schema(rootOwner)?.reference == owner)
        #expect(schema(owner)?.properties.map(\.name) == ["name"])
        let petSchema = try #require(schema(pet))
        #expect(petSchema.location == location(types, 2, 3))
        #expect(petSchema.property("tag")?.reference == tag)
        #expect(petSchema.property("owner")?.reference == rootOwner)
        #expect(petSchema.property("base")?.reference == base)
        #expect(schema(base)?.property("id")?.types == [.integer])
        #expect(schema(tag)?.types == [.string])

        let operation = try #require(document.operation("listPets"))
        let limit = try #require(operation.parameters.first)
        #expect(limit.name == "limit")
        #expect(limit.sourceLocation == location("specs/common/params.yml", 2, 3))
        #expect(limit.schema?.reference == tag)
        let response = try #require(operation.responses.first)
        #expect(response.description == "Pets")
        #expect(response.location.file == "specs/common/responses.yml")
        #expect(response.content.first?.schema?.items?.value.reference == pet)
    }

    /// The resolver remembers each `$ref` as written: the same text in files of different folders
    /// (and the same `#/...` in different files) must still lead to different targets.
    @Test func theSameReferenceTextInTwoFilesLeadsToEachFilesTarget() throws {
        let files = [
            "specs/root.yml": specHeader + """
                paths: {}
                components:
                  schemas:
                    A: {$ref: 'a/x.yml#/T'}
                    B: {$ref: 'b/x.yml#/T'}
                    C: {$ref: 'a/x.yml#/T'}

                """,
            "specs/a/x.yml": "T: {$ref: 'types.yml#/U'}\nV: {$ref: '#/W'}\nW: {type: boolean}\n",
            "specs/b/x.yml": "T: {$ref: 'types.yml#/U'}\nV: {$ref: '#/W'}\nW: {type: number}\n",
            "specs/a/types.yml": "U: {$ref: 'x.yml#/V'}\n",
            "specs/b/types.yml": "U: {$ref: 'x.yml#/V'}\n",
        ]
        let result = SpecLoader(source: InMemorySource(files)).load(path: "specs/root.yml")
        #expect(result.diagnostics.all.map(\.description) == [])
        let document = try #require(result.document)
        func target(_ file: String, _ pointer: String) -> SchemaKey? {
            document.schemas.first { $0.key == SchemaKey(file: file, pointer: pointer) }?.schema.reference
        }
        #expect(target("specs/a/x.yml", "/T") == SchemaKey(file: "specs/a/types.yml", pointer: "/U"))
        #expect(target("specs/b/x.yml", "/T") == SchemaKey(file: "specs/b/types.yml", pointer: "/U"))
        #expect(target("specs/a/types.yml", "/U") == SchemaKey(file: "specs/a/x.yml", pointer: "/V"))
        #expect(target("specs/b/types.yml", "/U") == SchemaKey(file: "specs/b/x.yml", pointer: "/V"))
        #expect(target("specs/a/x.yml", "/V") == SchemaKey(file: "specs/a/x.yml", pointer: "/W"))
        #expect(target("specs/b/x.yml", "/V") == SchemaKey(file: "specs/b/x.yml", pointer: "/W"))
        let w = document.schemas.filter { $0.key.pointer == "/W" }
        #expect(w.map(\.schema.types) == [[.boolean], [.number]])
        #expect(
            document.schemas.first { $0.name == "C" }?.schema.reference
                == SchemaKey(file: "specs/a/x.yml", pointer: "/T"))
    }

    @Test func missingFileIsOneLocatedErrorPerReference() {
        let files = [
            "specs/root.yml": specHeader + """
                paths: {}
                components:
                  schemas:
                    A: {$ref: 'common/missing.yml#/X'}
                    B: {$ref: 'common/missing.yml#/Y'}

                """
        ]
        let result = SpecLoader(source: InMemorySource(files)).load(path: "specs/root.yml")
        #expect(
            result.diagnostics.errorDescriptions == [
                "specs/root.yml:8:15: error: cannot resolve 'common/missing.yml#/X': the file 'specs/common/missing.yml' cannot be read",
                "specs/root.yml:9:15: error: cannot resolve 'common/missing.yml#/Y': the file 'specs/common/missing.yml' cannot be read",
            ])
        #expect(result.document?.schemas.map(\.name) == ["A", "B"])
    }

    @Test func missingRootFile() {
        let result = SpecLoader(source: InMemorySource([:])).load(path: "nope.yml")
        #expect(result.document == nil)
        #expect(result.diagnostics.all.map(\.description) == ["error: no such file 'nope.yml'"])
    }

    @Test func missingKeyInAnotherFileIsLocatedThere() {
        let files = [
            "specs/root.yml": specHeader + """
                paths: {}
                components:
                  schemas:
                    Pet: {$ref: 'common/types.yml#/Pet'}
                    Gone: {$ref: 'common/types.yml#/Gone'}

                """,
            "specs/common/types.yml": """
            Pet:
              type: object
              properties:
                bad: {$ref: '#/Nope'}

            """,
        ]
        let result = SpecLoader(source: InMemorySource(files)).load(path: "specs/root.yml")
        #expect(
            result.diagnostics.errorDescriptions == [
                "specs/common/types.yml:4:17: error: cannot resolve '#/Nope': there is no 'Nope' in specs/common/types.yml",
                "specs/root.yml:9:18: error: cannot resolve 'common/types.yml#/Gone': there is no 'Gone' in specs/common/types.yml",
            ])
    }

    @Test func malformedReferencedFileIsLocatedInThatFile() {
        let files = [
            "specs/root.yml": specHeader + """
                paths: {}
                components:
                  schemas:
                    Pet: {$ref: 'common/types.yml#/Pet'}

                """,
            "specs/common/types.yml": "Pet: {type: object\n",
        ]
        let result = SpecLoader(source: InMemorySource(files)).load(path: "specs/root.yml")
        #expect(
            result.diagnostics.errorDescriptions == [
                "specs/common/types.yml:2:1: error: did not find expected ',' or '}' (while parsing a flow mapping)",
                "specs/root.yml:8:17: error: cannot resolve 'common/types.yml#/Pet': the file 'specs/common/types.yml' cannot be read",
            ])
    }

    @Test func remoteReferencesAreRejected() {
        let result = loadSpec(
            specHeader + """
                paths: {}
                components:
                  schemas:
                    Remote: {$ref: 'https://example.com/schemas.yml#/Pet'}

                """)
        #expect(
            result.diagnostics.errorDescriptions == [
                "spec.yml:8:20: error: remote reference 'https://example.com/schemas.yml#/Pet' is not supported; download the file and refer to it by path"
            ])
    }

    // MARK: - Cycles

    @Test func parameterReferenceCycle() {
        let result = loadSpec(
            specHeader + """
                paths:
                  /a:
                    get:
                      operationId: a
                      parameters:
                        - $ref: '#/components/parameters/A'
                      responses:
                        default: {$ref: '#/components/responses/R'}
                components:
                  parameters:
                    A: {$ref: '#/components/parameters/B'}
                    B: {$ref: '#/components/parameters/A'}
                  responses:
                    R: {$ref: '#/components/responses/R'}

                """)
        #expect(
            result.diagnostics.errorDescriptions == [
                "spec.yml:16:15: error: reference cycle: the parameter '#/components/parameters/A' refers back to itself",
                "spec.yml:18:15: error: reference cycle: the response '#/components/responses/R' refers back to itself",
            ])
        #expect(result.document?.operation("a")?.parameters.isEmpty == true)
        #expect(result.document?.operation("a")?.responses.isEmpty == true)
    }

    @Test func schemaAliasCycleIsAnError() {
        let result = loadSpec(
            specHeader + """
                paths: {}
                components:
                  schemas:
                    A:
                      $ref: '#/components/schemas/B'
                    B:
                      $ref: '#/components/schemas/A'
                    C: {$ref: '#/components/schemas/C'}
                    D: {$ref: '#/components/schemas/A'}

                """)
        #expect(
            result.diagnostics.errorDescriptions == [
                "spec.yml:9:7: error: reference cycle: A -> B -> A never reaches a schema",
                "spec.yml:12:8: error: reference cycle: C -> C never reaches a schema",
            ])
    }

    @Test func recursiveSchemasAreFine() throws {
        let document = try loadDocument(
            specHeader + """
                paths: {}
                components:
                  schemas:
                    Node:
                      type: object
                      properties:
                        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
                        parent: {$ref: '#/components/schemas/Node'}
                    Tree:
                      $ref: '#/components/schemas/Node'
                    Expr:
                      oneOf:
                        - {type: integer}
                        - {type: object, properties: {negate: {$ref: '#/components/schemas/Expr'}}}

                """)
        let node = try #require(document.schema("Node"))
        #expect(node.property("children")?.items?.value.reference == document.componentKey("Node"))
        #expect(node.property("parent")?.reference == document.componentKey("Node"))
        #expect(document.schema("Tree")?.reference == document.componentKey("Node"))
        #expect(document.schema("Expr")?.oneOf.last?.property("negate")?.reference == document.componentKey("Expr"))
        #expect(document.schemas.map(\.name) == ["Node", "Tree", "Expr"])
    }

    // MARK: - $id and $anchor

    @Test func referencesByIdAndAnchor() throws {
        let document = try loadDocument(
            specHeader + """
                paths: {}
                components:
                  schemas:
                    Pet:
                      type: object
                      properties:
                        details: {$ref: /schemas/details}
                        detailsId: {$ref: '/schemas/details#details-id'}
                        local: {$ref: '#local-name'}
                        inner: {$ref: '/schemas/details#/properties/tag'}
                    Details:
                      $id: /schemas/details
                      properties:
                        id: {type: integer, $anchor: details-id}
                        tag: {$ref: tag}
                    Tag:
                      $id: /schemas/tag
                      type: string
                    Named:
                      $anchor: local-name
                      type: boolean
                    Example:
                      type: object
                      example: {$id: /schemas/not-a-schema}

                """)
        let pet = try #require(document.schema("Pet"))
        let detailsKey = document.componentKey("Details")
        #expect(pet.property("details")?.reference == detailsKey)
        #expect(
            pet.property("detailsId")?.reference
                == SchemaKey(file: "spec.yml", pointer: "/components/schemas/Details/properties/id"))
        #expect(pet.property("local")?.reference == document.componentKey("Named"))
        #expect(
            pet.property("inner")?.reference
                == SchemaKey(file: "spec.yml", pointer: "/components/schemas/Details/properties/tag"))
        // A `$ref` under a `$id` is read relative to that `$id`: `tag` is /schemas/tag.
        #expect(document.schema("Details")?.property("tag")?.reference == document.componentKey("Tag"))
        // The anchored schema is named after its anchor.
        #expect(document.schema("details-id")?.types == [.integer])
    }

    @Test func unknownAnchorIsLocated() {
        let result = loadSpec(
            specHeader + """
                paths: {}
                components:
                  schemas:
                    A: {$ref: '#nowhere'}
                    B: {$ref: '/schemas/none'}

                """)
        #expect(
            result.diagnostics.errorDescriptions == [
                "spec.yml:8:15: error: cannot resolve '#nowhere': no schema declares '$anchor: nowhere'",
                "spec.yml:9:15: error: cannot resolve '/schemas/none': the file '/schemas/none' cannot be read",
            ])
    }

    @Test func idsInOtherFiles() throws {
        let source = InMemorySource([
            "spec.yml": specHeader + """
                paths: {}
                components:
                  schemas:
                    Pet:
                      properties:
                        owner: {$ref: 'people.yml#/$defs/Person'}
                        friend: {$ref: 'https://example.com/person'}

                """,
            "people.yml": """
            $defs:
              Person:
                $id: https://example.com/person
                type: object

            """,
        ])
        let result = SpecLoader(source: source).load(path: "spec.yml")
        #expect(result.diagnostics.errorDescriptions == [])
        let document = try #require(result.document)
        let personKey = SchemaKey(file: "people.yml", pointer: "/$defs/Person")
        #expect(document.schema("Pet")?.property("owner")?.reference == personKey)
        // Once people.yml has been read, its `$id` is known, even though it looks remote.
        #expect(document.schema("Pet")?.property("friend")?.reference == personKey)
    }

    /// Lob's way: a `content` map given by `$ref` (OpenAPI has no such
    /// reference) is read as the media types it points to, with a warning.
    @Test func aContentMapByReferenceIsReadWithAWarning() throws {
        let source = InMemorySource([
            "spec.yml": specHeader + """
                paths:
                  /addresses:
                    post:
                      requestBody:
                        content: {$ref: 'content.yml'}
                      responses:
                        '200':
                          description: ok
                          content: {$ref: '#/components/x-content/address'}
                components:
                  x-content:
                    address:
                      application/json:
                        schema: {$ref: '#/components/schemas/Address'}
                  schemas:
                    Address: {type: object}

                """,
            "content.yml": """
                multipart/form-data:
                  schema: {$ref: 'spec.yml#/components/schemas/Address'}

                """,
        ])
        let result = SpecLoader(source: source).load(path: "spec.yml")
        #expect(result.diagnostics.errorDescriptions == [])
        let message = "warning: 'content' is a $ref, which OpenAPI does not allow here; it is read as the media types "
            + "it refers to"
        #expect(result.diagnostics.warningDescriptions == ["spec.yml:9:18: " + message, "spec.yml:13:20: " + message])
        let operation = try #require(result.document?.operations.first)
        #expect(operation.requestBody?.content.map(\.contentType) == ["multipart/form-data"])
        #expect(operation.requestBody?.content.first?.schema?.reference == SchemaKey(file: "spec.yml", pointer: "/components/schemas/Address"))
        #expect(operation.responses.first?.content.map(\.contentType) == ["application/json"])
    }

    // MARK: - Limits

    @Test func longReferenceChainsStop() {
        // A chain of 70 parameters, each a `$ref` to the next: longer than the limit of 64.
        var parameters = ""
        for index in 0..<70 {
            parameters += "    P\(index): {$ref: '#/components/parameters/P\(index + 1)'}\n"
        }
        parameters += "    P70: {name: q, in: query, schema: {type: string}}\n"
        let result = loadSpec(
            specHeader + """
                paths:
                  /a:
                    get:
                      parameters: [{$ref: '#/components/parameters/P0'}]
                      responses: {'200': {description: ok}}
                components:
                  parameters:

                """ + parameters)
        #expect(
            result.diagnostics.errorDescriptions == [
                "spec.yml:8:20: error: a chain of more than 64 $refs starts here"
            ])

        // Schema aliases: the same limit.
        var schemas = ""
        for index in 0..<70 {
            schemas += "    S\(index): {$ref: '#/components/schemas/S\(index + 1)'}\n"
        }
        schemas += "    S70: {type: string}\n"
        let schemaResult = loadSpec(specHeader + "paths: {}\ncomponents:\n  schemas:\n" + schemas)
        // S0 to S5 (on lines 8 to 13) start chains of 70 down to 65 `$ref`s; S6 starts one of 64.
        #expect(
            schemaResult.diagnostics.errorDescriptions
                == (8...13).map {
                    "spec.yml:\($0):9: error: a chain of more than 64 $refs starts here"
                })
    }
}
