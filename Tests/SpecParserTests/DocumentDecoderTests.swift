import SpecParser
import Testing

/// The document model: version, info, servers, paths, operations,
/// parameters, bodies, responses, components and security.
@Suite struct DocumentDecoderTests {
    // MARK: - Version and info

    @Test func missingVersionIsAnError() {
        let result = loadSpec("info:\n  title: T\n  version: '1'\npaths: {}\n")
        #expect(result.document == nil)
        #expect(result.diagnostics.errorDescriptions == [
            "spec.yml:1:1: error: the document has no 'openapi' version field; is this an OpenAPI document?"
        ])
    }

    @Test func swaggerIsRejectedAtItsVersion() {
        let result = loadSpec("info:\n  title: T\n  version: '1'\nswagger: '2.0'\npaths: {}\n")
        #expect(result.document == nil)
        #expect(result.diagnostics.errorDescriptions == [
            "spec.yml:4:10: error: Swagger 2.0 documents are not supported; convert the document to OpenAPI 3"
        ])
    }

    @Test func unsupportedOpenAPIVersion() {
        let result = loadSpec("openapi: 4.0.0\ninfo:\n  title: T\n  version: '1'\npaths: {}\n")
        #expect(result.document == nil)
        #expect(result.diagnostics.errorDescriptions == [
            "spec.yml:1:10: error: OpenAPI version '4.0.0' is not supported; use 3.0.x or 3.1.x"
        ])
    }

    @Test(arguments: ["3.0.3", "'3.0.0'", "3.1.0", "\"3.1.1\"", "3.1"])
    func supportedVersions(written: String) throws {
        let document = try loadDocument("openapi: \(written)\ninfo: {title: T, version: '1'}\npaths: {}\n")
        #expect(document.version == written.filter { $0 != "'" && $0 != "\"" })
    }

    /// OpenAPI Generator's own test spec writes `required: optional`. Such
    /// words are read as what they say, with a located warning; what has no
    /// safe reading is ignored, with one; the document still loads.
    @Test func misspelledBooleansAreReadOrIgnoredWithAWarning() throws {
        let result = loadSpec(specHeader + """
            paths:
              /pets:
                get:
                  operationId: listPets
                  parameters:
                    - {name: limit, in: query, required: optional, schema: {type: integer}}
                    - {name: tag, in: query, required: 'yes', deprecated: sometimes, schema: {type: string}}
                    - {name: sort, in: query, explode: [1], schema: {type: array, items: {type: string}}}
                  responses: {'204': {description: none}}

            """)
        #expect(result.diagnostics.errorDescriptions == [])
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:10:46: warning: 'required' must be true or false; 'optional' is read as false",
            "spec.yml:11:44: warning: 'required' must be true or false; 'yes' is read as true",
            "spec.yml:11:63: warning: 'deprecated' must be true or false; 'sometimes' is ignored",
            "spec.yml:12:44: warning: 'explode' must be true or false, but it is a sequence; it is ignored",
        ])
        let parameters = try #require(result.document?.operations.first?.parameters)
        #expect(parameters.map(\.required) == [false, true, false])
        #expect(parameters.map(\.deprecated) == [false, false, false])
    }

    @Test func rootMustBeAMapping() {
        let result = loadSpec("- openapi: 3.1.0\n")
        #expect(result.document == nil)
        #expect(result.diagnostics.errorDescriptions == [
            "spec.yml:1:1: error: an OpenAPI document must be a mapping, but this is a sequence"
        ])
    }

    @Test func infoIsRead() throws {
        let document = try loadDocument("""
            openapi: 3.1.0
            info:
              title: Pet Store
              summary: Pets
              description: |
                All the pets.
              version: 2.0.1
            paths: {}

            """)
        #expect(document.info.title == "Pet Store")
        #expect(document.info.summary == "Pets")
        #expect(document.info.description == "All the pets.\n")
        #expect(document.info.version == "2.0.1")
        #expect(document.location == location(1, 1))
        #expect(document.paths.isEmpty)
    }

    @Test func missingInfoIsAnError() throws {
        let result = loadSpec("openapi: 3.1.0\npaths: {}\n")
        #expect(result.diagnostics.errorDescriptions == ["spec.yml:1:1: error: the document has no 'info'"])
        // The rest of the document is still read.
        #expect(result.document?.info.title == "API")
    }

    @Test func infoWithoutTitleIsAnError() {
        let result = loadSpec("openapi: 3.1.0\ninfo:\n  version: '1'\npaths: {}\n")
        #expect(result.diagnostics.errorDescriptions == ["spec.yml:3:3: error: 'info' has no 'title'"])
    }

    @Test func missingPathsIsAnErrorUnlessComponentsOrWebhooks() throws {
        let result = loadSpec(specHeader)
        #expect(result.diagnostics.errorDescriptions == ["spec.yml:1:1: error: the document has no 'paths'"])

        let components = try loadDocument(specHeader + "components:\n  schemas:\n    A: {type: string}\n")
        #expect(components.schemas.map(\.name) == ["A"])
    }

    // MARK: - Servers

    @Test func serversWithVariables() throws {
        let document = try loadDocument(specHeader + """
            servers:
              - url: https://{region}.example.com/{version}
                description: Main
                variables:
                  region:
                    default: eu
                    enum: [eu, us]
                  version:
                    default: v1
              - url: /relative
            paths: {}

            """)
        #expect(document.servers.count == 2)
        let main = document.servers[0]
        #expect(main.url == "https://{region}.example.com/{version}")
        #expect(main.description == "Main")
        #expect(main.variables.map(\.name) == ["region", "version"])
        #expect(main.variables.map(\.defaultValue) == ["eu", "v1"])
        #expect(main.location == location(6, 5))
        #expect(document.servers[1].url == "/relative")
        #expect(document.servers[1].variables.isEmpty)
        #expect(document.servers[1].description == nil)
    }

    @Test func serverErrors() {
        let result = loadSpec(specHeader + """
            servers:
              - description: no url
              - url: https://{host}
                variables:
                  host:
                    enum: [a]
            paths: {}

            """)
        #expect(result.diagnostics.errorDescriptions == [
            "spec.yml:6:5: error: a server needs a 'url'",
            "spec.yml:10:9: error: server variable 'host' needs a 'default'",
        ])
        #expect(result.document?.servers.map(\.url) == ["https://{host}"])
    }

    // MARK: - Paths and operations

    /// The parser reports what the document says, webhooks and callbacks
    /// included; what a client leaves out is the translator's to decide
    /// (and warn about), so that `diff` still sees them.
    @Test func webhooksAndCallbacksAreRead() throws {
        let webhooks = loadSpec(specHeader + """
            webhooks:
              newPet:
                post: {operationId: newPet}

            """)
        #expect(!webhooks.diagnostics.hasErrors)
        #expect(webhooks.document?.paths.isEmpty == true)
        #expect(webhooks.document?.webhooks.map(\.path) == ["newPet"])
        #expect(webhooks.document?.webhooks.first?.operations.map(\.operationId) == ["newPet"])
        #expect(webhooks.diagnostics.warningDescriptions == [])

        let callbacks = loadSpec(specHeader + """
            paths:
              a:
                post:
                  operationId: a
                  callbacks:
                    onEvent: {}

            """)
        #expect(!callbacks.diagnostics.hasErrors)
        #expect(callbacks.document?.operation("a")?.path == "a")
        #expect(callbacks.document?.operation("a")?.callbacks.map(\.name) == ["onEvent"])
        #expect(callbacks.diagnostics.warningDescriptions == [
            "spec.yml:7:5: warning: path 'a' does not start with '/'",
        ])
    }

    @Test func pathsDifferingOnlyInParameterNamesWarn() throws {
        let result = loadSpec(specHeader + """
            paths:
              /pets/{id}:
                parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                get: {operationId: getPet}
              /pets/{id}/toys: {}
              /pets/{petId}:
                parameters: [{name: petId, in: path, required: true, schema: {type: string}}]
                delete: {operationId: deletePet}

            """)
        #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics.errors)")
        #expect(result.document?.paths.map(\.path) == ["/pets/{id}", "/pets/{id}/toys", "/pets/{petId}"])
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:11:5: warning: path '/pets/{petId}' is '/pets/{id}' with its parameters renamed; OpenAPI counts them as one path",
        ])
    }

    @Test(arguments: [
        ("/pets/{id}", "/pets/{}"), ("/a/{x}/b/{y}.json", "/a/{}/b/{}.json"), ("/plain", "/plain"),
        ("/café/{ünïcode}/x", "/café/{}/x"), ("", ""),
    ])
    func pathHierarchyLeavesOutParameterNames(path: String, hierarchy: String) {
        #expect(PathItem.hierarchy(of: path) == hierarchy)
    }

    @Test func everyMethodInDocumentOrder() throws {
        let document = try loadDocument(specHeader + """
            paths:
              /all:
                summary: Everything
                description: All methods
                trace: {operationId: t}
                get: {operationId: g}
                put: {operationId: pu}
                post: {operationId: po}
                delete: {operationId: d}
                options: {operationId: o}
                head: {operationId: h}
                patch: {operationId: pa}
              /second:
                get:
                  operationId: second
                  summary: Second
                  description: The second path
                  tags: [a, b]
                  deprecated: true
                  x-internal: true

            """)
        #expect(document.paths.map(\.path) == ["/all", "/second"])
        let all = document.paths[0]
        #expect(all.summary == "Everything")
        #expect(all.description == "All methods")
        #expect(all.location == location(7, 5))
        #expect(all.operations.map(\.method) == [.trace, .get, .put, .post, .delete, .options, .head, .patch])
        #expect(all.operations.map(\.operationId) == ["t", "g", "pu", "po", "d", "o", "h", "pa"])
        #expect(all.operations.allSatisfy { $0.path == "/all" && !$0.deprecated && $0.tags.isEmpty })
        #expect(all.operations[1].location == location(10, 10))
        #expect(document.operations.count == 9)

        let second = try #require(document.operation("second"))
        #expect(second.method == .get)
        #expect(second.method.uppercased == "GET")
        #expect(second.summary == "Second")
        #expect(second.description == "The second path")
        #expect(second.tags == ["a", "b"])
        #expect(second.deprecated)
        #expect(second.security == nil)
        #expect(second.extensions.keys.sorted() == ["x-internal"])
        #expect(second.extensions["x-internal"]?.scalar?.coreValue == .bool(true))
    }

    @Test func upperCaseMethodKeysWarn() throws {
        let result = loadSpec(specHeader + "paths:\n  /a:\n    GET: {operationId: a}\n")
        #expect(!result.diagnostics.hasErrors)
        #expect(result.document?.operations.isEmpty == true)
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:7:5: warning: 'GET' is not a method key; OpenAPI method keys are lower case"
        ])
    }

    @Test func pathLevelParametersMergeWithOperationParameters() throws {
        let document = try loadDocument(specHeader + """
            paths:
              /items/{id}:
                parameters:
                  - name: id
                    in: path
                    required: true
                    schema: {type: string}
                  - name: limit
                    in: query
                    description: path-level
                    schema: {type: integer}
                get:
                  operationId: getItem
                  parameters:
                    - name: limit
                      in: query
                      description: operation-level
                      required: true
                      schema: {type: integer, maximum: 50}
                    - name: limit
                      in: header
                      schema: {type: string}
                    - name: X-Trace
                      in: header
                      deprecated: true
                      schema: {type: string}
                    - name: session
                      in: cookie
                      style: form
                      explode: false
                      schema: {type: string}
                delete:
                  operationId: deleteItem

            """)
        let get = try #require(document.operation("getItem"))
        #expect(get.parameters.map(\.name) == ["id", "limit", "limit", "X-Trace", "session"])
        #expect(get.parameters.map(\.location) == [.path, .query, .header, .header, .cookie])
        #expect(get.parameters[0].required)
        #expect(get.parameters[0].schema?.types == [.string])
        #expect(get.parameters[1].description == "operation-level")
        #expect(get.parameters[1].required)
        #expect(get.parameters[1].schema?.constraints.maximum == 50)
        #expect(get.parameters[1].sourceLocation == location(19, 11))
        #expect(get.parameters[3].deprecated)
        #expect(!get.parameters[2].deprecated)
        #expect(get.parameters[4].style == "form")
        #expect(get.parameters[4].explode == false)
        #expect(get.parameters[3].style == nil)
        #expect(get.parameters[3].explode == nil)

        let delete = try #require(document.operation("deleteItem"))
        #expect(delete.parameters.map(\.name) == ["id", "limit"])
        #expect(delete.parameters[1].description == "path-level")
        #expect(!delete.parameters[1].required)
    }

    @Test func pathTemplateNeedsPathParameters() {
        let result = loadSpec(specHeader + """
            paths:
              /things/{thingId}/parts/{partId}:
                get:
                  operationId: getPart
                  parameters:
                    - {name: partId, in: path, required: true, schema: {type: string}}
                    - {name: thingId, in: query, schema: {type: string}}

            """)
        // One operation that cannot be called as written is left out; the rest of the spec is read.
        #expect(result.diagnostics.errorDescriptions == [])
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:8:7: warning: path '/things/{thingId}/parts/{partId}' uses '{thingId}' but no path parameter of "
                + "that name is declared (it is declared in query); GET /things/{thingId}/parts/{partId} is left out"
        ])
        #expect(result.document?.operations.isEmpty == true)
    }

    /// DigitalOcean's way: each operation is a `$ref` to a file of its own.
    @Test func anOperationByReferenceIsFollowedWithAWarning() throws {
        let result = loadSpec(specHeader + """
            paths:
              /d:
                get: {$ref: '#/components/x-operations/getD'}
            components:
              x-operations:
                getD:
                  operationId: getD
                  responses: {'204': {description: ok}}

            """)
        #expect(result.diagnostics.errorDescriptions == [])
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:7:10: warning: operation GET /d is a $ref, which OpenAPI does not allow here; it is read as "
                + "the operation it refers to"
        ])
        let operation = try #require(result.document?.operation("getD"))
        #expect(operation.path == "/d" && operation.method == .get)
        #expect(operation.responses.map(\.status) == ["204"])
    }

    /// PagerDuty's: one mapping value whose schema does not exist is left
    /// out; the other values and the spec are read.
    @Test func aDiscriminatorMappingThatLeadsNowhereIsLeftOut() throws {
        let result = loadSpec(specHeader + """
            paths: {}
            components:
              schemas:
                Cat: {type: object}
                Pet:
                  oneOf: [{$ref: '#/components/schemas/Cat'}]
                  discriminator: {propertyName: kind, mapping: {cat: Cat, dog: '#/components/schemas/Dog'}}

            """)
        #expect(result.diagnostics.errorDescriptions == [])
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:11:68: warning: cannot resolve '#/components/schemas/Dog': there is no 'Dog' in spec.yml; the "
                + "discriminator value 'dog' is left out of the mapping"
        ])
        let mapping = try #require(result.document?.schema("Pet")?.discriminator?.mapping)
        #expect(mapping.map(\.value) == ["cat"])
    }

    @Test func parameterProblems() {
        let result = loadSpec(specHeader + """
            paths:
              /a/{id}:
                get:
                  parameters:
                    - {name: id, in: path, schema: {type: string}}
                    - {name: body, in: body, schema: {type: string}}
                    - {in: query}
                    - {name: q}
                    - {name: extra, in: path, required: true, schema: {type: string}}
                    - {name: bare, in: query}

            """)
        #expect(result.diagnostics.errorDescriptions == [
            "spec.yml:10:28: error: parameter 'body' has 'in: body'; it must be path, query, header or cookie",
            "spec.yml:11:11: error: a parameter needs a 'name'",
            "spec.yml:12:11: error: parameter 'q' needs 'in' (path, query, header or cookie)",
        ])
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:9:11: warning: path parameter 'id' must be required; it is treated as required",
            "spec.yml:13:11: warning: path parameter 'extra' does not appear in '/a/{id}'",
            "spec.yml:14:11: warning: parameter 'bare' has neither 'schema' nor 'content'; it is read as a string",
        ])
        let parameters = result.document?.operations.first?.parameters ?? []
        #expect(parameters.map(\.name) == ["id", "extra", "bare"])
        #expect(parameters.first?.required == true)
    }

    @Test func parameterWithContent() throws {
        let document = try loadDocument(specHeader + """
            paths:
              /search:
                get:
                  operationId: search
                  parameters:
                    - name: filter
                      in: query
                      content:
                        application/json:
                          schema: {type: object}

            """)
        let filter = try #require(document.operation("search")?.parameters.first)
        #expect(filter.schema == nil)
        #expect(filter.content.map(\.contentType) == ["application/json"])
        #expect(filter.content.first?.schema?.types == [.object])
    }

    // MARK: - Bodies and responses

    @Test func requestBodyWithMultipartEncoding() throws {
        let document = try loadDocument(specHeader + """
            paths:
              /upload:
                post:
                  operationId: upload
                  requestBody:
                    required: true
                    description: Upload an image
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          properties:
                            image: {type: string, format: binary}
                            meta: {type: object}
                        encoding:
                          image:
                            contentType: image/png, image/jpeg
                          meta:
                            contentType: application/json
                            style: form
                            explode: true
                            headers:
                              X-Rate:
                                required: true
                                schema: {type: integer}
                      application/json:
                        schema: {type: object}

            """)
        let body = try #require(document.operation("upload")?.requestBody)
        #expect(body.required)
        #expect(body.description == "Upload an image")
        #expect(body.location == location(10, 9))
        #expect(body.content.map(\.contentType) == ["multipart/form-data", "application/json"])
        let multipart = body.content[0]
        #expect(multipart.schema?.properties.map(\.name) == ["image", "meta"])
        #expect(multipart.schema?.property("image")?.format == "binary")
        #expect(multipart.encoding.map(\.name) == ["image", "meta"])
        #expect(multipart.encoding.map(\.encoding.contentType) == ["image/png, image/jpeg", "application/json"])
        let meta = multipart.encoding[1].encoding
        #expect(meta.style == "form")
        #expect(meta.explode == true)
        #expect(meta.headers.map(\.name) == ["X-Rate"])
        #expect(meta.headers.first?.required == true)
        #expect(meta.headers.first?.schema?.types == [.integer])
        #expect(multipart.encoding[0].encoding.headers.isEmpty)
        #expect(body.content[1].encoding.isEmpty)
    }

    @Test func responsesByStatus() throws {
        let result = loadSpec(specHeader + """
            paths:
              /items:
                get:
                  operationId: list
                  responses:
                    '200':
                      description: OK
                      headers:
                        X-Rate-Limit:
                          description: the limit
                          required: true
                          schema: {type: integer}
                        X-Other:
                          schema: {type: string}
                      content:
                        application/json:
                          schema: {type: array, items: {type: string}}
                    2XX:
                      description: Other success
                    404:
                      description: Not found
                    default:
                      description: Error
                      content:
                        application/problem+json:
                          schema: {type: object}
                    '99':
                      description: not a status
                    x-note: ignored

            """)
        #expect(!result.diagnostics.hasErrors)
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:32:11: warning: '99' is not a status code, a range like 2XX, or 'default'; the response is ignored"
        ])
        let responses = try #require(result.document?.operation("list")?.responses)
        #expect(responses.map(\.status) == ["200", "2XX", "404", "default"])
        #expect(responses.map(\.code) == [200, nil, 404, nil])
        #expect(responses.map(\.isSuccess) == [true, true, false, false])
        #expect(responses.map(\.description) == ["OK", "Other success", "Not found", "Error"])
        let ok = responses[0]
        #expect(ok.location == location(11, 11))
        #expect(ok.headers.map(\.name) == ["X-Rate-Limit", "X-Other"])
        #expect(ok.headers.map(\.required) == [true, false])
        #expect(ok.headers[0].description == "the limit")
        #expect(ok.headers[0].schema?.types == [.integer])
        #expect(ok.content.first?.contentType == "application/json")
        #expect(ok.content.first?.schema?.items?.value.types == [.string])
        #expect(responses[3].content.map(\.contentType) == ["application/problem+json"])
        #expect(responses[1].headers.isEmpty && responses[1].content.isEmpty)
    }

    // MARK: - Components through $ref

    @Test func componentsAreResolvedThroughReferences() throws {
        let document = try loadDocument(specHeader + """
            paths:
              /items/{id}:
                parameters:
                  - $ref: '#/components/parameters/Id'
                put:
                  operationId: putItem
                  parameters:
                    - $ref: '#/components/parameters/Limit'
                  requestBody:
                    $ref: '#/components/requestBodies/ItemBody'
                  responses:
                    '200':
                      $ref: '#/components/responses/Item'
                    '404':
                      $ref: '#/components/responses/NotFound'
            components:
              parameters:
                Id: {name: id, in: path, required: true, schema: {type: string, format: uuid}}
                Limit:
                  $ref: '#/components/parameters/RealLimit'
                RealLimit: {name: limit, in: query, schema: {type: integer, minimum: 1}}
              requestBodies:
                ItemBody:
                  description: An item
                  required: true
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Item'}
              responses:
                Item:
                  description: The item
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Item'}
                NotFound:
                  description: Not found
                  headers:
                    X-Request-Id:
                      $ref: '#/components/headers/RequestId'
              headers:
                RequestId:
                  description: Request id
                  required: true
                  schema: {type: string}
              schemas:
                Item: {type: object}

            """)
        let put = try #require(document.operation("putItem"))
        #expect(put.parameters.map(\.name) == ["id", "limit"])
        #expect(put.parameters.map(\.location) == [.path, .query])
        #expect(put.parameters[0].schema?.format == "uuid")
        #expect(put.parameters[1].schema?.constraints.minimum == 1)
        // A resolved object is located where it is defined.
        #expect(put.parameters[1].sourceLocation == location(25, 16))

        let body = try #require(put.requestBody)
        #expect(body.description == "An item")
        #expect(body.required)
        #expect(body.content.first?.schema?.reference == document.componentKey("Item"))

        #expect(put.responses.map(\.status) == ["200", "404"])
        #expect(put.responses[0].description == "The item")
        #expect(put.responses[0].content.first?.schema?.reference == document.componentKey("Item"))
        let header = try #require(put.responses[1].headers.first)
        #expect(header.name == "X-Request-Id")
        #expect(header.description == "Request id")
        #expect(header.required)
        #expect(header.schema?.types == [.string])
        #expect(document.schemas.map(\.name) == ["Item"])
    }

    // MARK: - Security

    @Test func securitySchemesAndRequirements() throws {
        let result = loadSpec(specHeader + """
            security:
              - ApiKey: []
            paths:
              /a:
                get:
                  operationId: inherits
                post:
                  operationId: own
                  security:
                    - Bearer: []
                      OAuth: [read, write]
                    - {}
                put:
                  operationId: none
                  security: []
            components:
              securitySchemes:
                ApiKey: {type: apiKey, name: Api-Key, in: header, description: The key}
                Bearer: {type: http, scheme: bearer, bearerFormat: JWT}
                OAuth: {type: oauth2, flows: {}}
                Cookie: {type: apiKey, name: sid, in: cookie}
                Broken: {type: apiKey}
                Odd: {type: magic}

            """)
        #expect(result.diagnostics.errorDescriptions == [
            "spec.yml:26:13: error: apiKey security scheme 'Broken' needs 'name' and 'in'"
        ])
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:27:17: warning: security scheme 'Odd' has an unknown type 'magic'"
        ])
        let document = try #require(result.document)
        let schemes = document.securitySchemes
        #expect(schemes.map(\.key) == ["ApiKey", "Bearer", "OAuth", "Cookie", "Broken"])
        #expect(schemes.map(\.kind) == [.apiKey, .http, .oauth2, .apiKey, .apiKey])
        #expect(schemes[0].name == "Api-Key")
        #expect(schemes[0].location == .header)
        #expect(schemes[0].description == "The key")
        #expect(schemes[0].sourceLocation == location(22, 13))
        #expect(schemes[1].scheme == "bearer")
        #expect(schemes[1].bearerFormat == "JWT")
        #expect(schemes[3].location == .cookie)

        #expect(document.security?.map { $0.schemes.map(\.name) } == [["ApiKey"]])
        #expect(document.security?.first?.schemes.first?.scopes == [])
        #expect(document.operation("inherits")?.security == nil)
        let own = try #require(document.operation("own")?.security)
        #expect(own.count == 2)
        #expect(own[0].schemes.map(\.name) == ["Bearer", "OAuth"])
        #expect(own[0].schemes.map(\.scopes) == [[], ["read", "write"]])
        #expect(own[1].schemes.isEmpty)
        #expect(document.operation("none")?.security == [])
    }

    // MARK: - JSON

    @Test func aSpecWrittenAsJSON() throws {
        let json = """
            {
              "openapi": "3.0.3",
              "info": {"title": "JSON API", "version": "1"},
              "paths": {
                "/pets/{id}": {
                  "get": {
                    "operationId": "getPet",
                    "parameters": [
                      {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "format": "int64"}}
                    ],
                    "responses": {
                      "200": {
                        "description": "A pet",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}
                      }
                    }
                  }
                }
              },
              "components": {
                "schemas": {
                  "Pet": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                      "id": {"type": "integer"},
                      "mood": {"type": "string", "enum": ["ON", "OFF"], "nullable": true}
                    }
                  }
                }
              }
            }

            """
        let document = try loadDocument(json, file: "spec.json")
        #expect(document.version == "3.0.3")
        #expect(document.info.title == "JSON API")
        let get = try #require(document.operation("getPet"))
        #expect(get.path == "/pets/{id}")
        #expect(get.parameters.first?.schema?.format == "int64")
        #expect(get.responses.first?.status == "200")
        #expect(get.responses.first?.content.first?.schema?.reference == document.componentKey("Pet", file: "spec.json"))
        let pet = try #require(document.schema("Pet"))
        #expect(pet.required == ["id"])
        #expect(pet.properties.map(\.name) == ["id", "mood"])
        #expect(pet.property("mood")?.enumValues == [.string("ON"), .string("OFF")])
        #expect(pet.property("mood")?.allowsNull == true)
        #expect(pet.location == location("spec.json", 22, 14))
    }
}
