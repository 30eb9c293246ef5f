import CodeGen
import Foundation
import SpecParser
import Testing

/// Generated modules compile on their own, with zero warnings in Swift 6 mode.
@Suite(.serialized)
struct CompileTests {
    /// A spec that tries to break the generator: keywords, digits, empty and
    /// colliding names, and text that would end a comment or a literal.
    static let hostileSpec = #"""
        openapi: 3.1.0
        info:
          title: "Hostile */ \"\"\" \\ #"
          version: '1'
        servers:
          - url: https://example.com/api
        paths:
          /things/{default}:
            get:
              operationId: "get-thing\"); exit(1); //"
              summary: "Ends */ and \"\"\" and \\(x) and \r\n injected() "
              parameters:
                - {name: default, in: path, required: true, schema: {type: string}}
                - {name: 'class', in: query, schema: {type: integer}}
                - {name: 'X-Api-Key', in: header, schema: {type: string}}
                - {name: 'sort[by]', in: query, schema: {type: array, items: {type: string, enum: [a, b]}}}
              responses:
                '200':
                  description: "ok\u2028injected()"
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/self'}
                default:
                  description: error
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Error'}
          /upload:
            put:
              operationId: put-upload
              requestBody:
                content:
                  multipart/form-data:
                    schema:
                      type: object
                      properties:
                        "file\"": {type: string, format: binary}
                        "": {type: string}
                        protocol: {type: string}
              responses:
                '204': {description: none}
        components:
          schemas:
            self:
              type: object
              description: "*/ public func injected() {} /*"
              properties:
                Type: {type: object, properties: {kind: {type: string}}}
                Self: {type: object, properties: {kind: {type: integer}}}
                Protocol: {type: object, properties: {kind: {type: boolean}}}
                type: {type: string, enum: ["", "\"", "\\", "a b", "A-B", "a_b", "init", "self", "default", "1", "🙂"]}
                '123': {type: integer}
                init: {type: boolean}
                description: {type: string}
                "x\"y": {type: string, description: "\"\"\"\n}\nfunc evil() {}\n/*"}
                nested: {type: object, properties: {CodingKeys: {type: string}}}
                codingKeys: {type: object, properties: {anyCodingKey: {type: object, properties: {key: {type: string}}}}}
            Error:
              type: object
              properties:
                message: {type: string}
            Protocol:
              type: integer
              enum: [-1, 0, 1]
            Codable: {type: string}
            Data: {type: string}
            String: {type: string}
            AnyCodingKey: {type: string}
        """#

    @Test func hostileSpecCompilesAndInjectsNothing() async throws {
        let output = generate(Self.hostileSpec)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        let all = output.files.map(\.contents).joined()
        // The operationId's `"); exit(1); //` only ever appears escaped inside a literal.
        #expect(all.contains(#"get-thing\"); exit(1); //"#))
        let code = all.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
        #expect(code.components(separatedBy: "exit(1)").count == code.components(separatedBy: #"\"); exit(1)"#).count)
        let result = try await compile(output.files)
        #expect(result.succeeded, "\(result.output)")
        // Every declaration the spec tried to smuggle in stays text: no such symbol is declared.
        #expect(!all.contains("\nfunc evil"))
        #expect(!all.contains("\npublic func injected"))
        // Keys are literals of the runtime's `AnyCodingKey`: a spec type may be called
        // `CodingKeys`, and none may take the runtime's name, nested or not.
        #expect(all.contains("public struct CodingKeys: Codable"))
        #expect(all.components(separatedBy: "struct AnyCodingKey:").count + all.components(separatedBy: "enum AnyCodingKey:").count == 3)
    }

    /// Names that only differ by case or punctuation, non-ASCII, keywords,
    /// digits and the empty name: the generated code compiles, and a value
    /// decoded and encoded again carries exactly the keys and enum values the
    /// spec wrote. The program prints the round trip; the test compares it
    /// with the spec's own values.
    @Test func hostileNamesRoundTripExactly() async throws {
        let keys = ["a-b", "a_b", "a.b", "A B", "ab", "AB", "café", "名前", "", "123", "class", "self", "Self",
                    "x\"y\\z", "*/", "#", "init", "CodingKeys", "🙂"]
        let values = ["", "\"", "\\", "a b", "A-B", "a_b", "a.b", "init", "self", "1", "🙂", "é", "*/", "\r\n", "\"\"\"",
                      "3DS_CARDS_NOT_SUPPORTED", "3ds_cards_not_supported", "Type", "type", "Self"]
        func quoted(_ text: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self).dropFirst().dropLast().description
        }
        let properties = keys.map { "        \(quoted($0)): {type: integer}" }.joined(separator: "\n")
        let spec = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Names:
                  type: object
                  required: [\(keys.map(quoted).joined(separator: ", "))]
                  properties:
            \(properties)
                Values:
                  type: string
                  enum: [\(values.map(quoted).joined(separator: ", "))]
                foo-bar: {type: string}
                foo_bar: {type: integer}
                Foo Bar: {type: boolean}
                3D: {type: number}
            """
        let output = generate(spec)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        // Four schemas whose names collide once camel-cased get four distinct types.
        let aliases = output.files.filter { $0.path.hasPrefix("Types/") && $0.contents.contains("public typealias") }.map(\.path).sorted()
        #expect(aliases.count == 4, "\(aliases)")

        let main = #"""
            import Foundation
            let input = FileHandle.standardInput.readDataToEndOfFile()
            let names = try JSONDecoder().decode(Names.self, from: input)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(names), as: UTF8.self))
            print(String(decoding: try encoder.encode(Values.allCases.map(\.rawValue)), as: UTF8.self))
            let decodedValues = try JSONDecoder().decode([Values].self, from: try encoder.encode(Values.allCases))
            print(decodedValues == Values.allCases)
            """#
        var object: [String: Int] = [:]
        for (index, key) in keys.enumerated() { object[key] = index }
        let input = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let printed = try await compileAndRun(output.files, main: main, input: input).split(separator: "\n").map(String.init)
        try #require(printed.count == 3, "\(printed)")
        let roundTripped = try JSONSerialization.jsonObject(with: Data(printed[0].utf8)) as? [String: Int]
        #expect(roundTripped == object)
        let enumValues = try JSONSerialization.jsonObject(with: Data(printed[1].utf8)) as? [String]
        #expect(enumValues == values)
        #expect(printed[2] == "true")
    }

    /// Stripe-style `deepObject` query parameters and form fields travel as
    /// `name[key]=value` pairs (arrays by index), through a generated client
    /// that is built and run; other structured form fields stay JSON text.
    @Test func deepObjectQueryAndFormFieldsAreSentAsBracketedPairs() async throws {
        let output = generate("""
            openapi: 3.0.0
            info: {title: T, version: '1'}
            servers: [{url: 'https://example.com'}]
            paths:
              /v1/charges:
                get:
                  operationId: listCharges
                  parameters:
                    - name: created
                      in: query
                      style: deepObject
                      explode: true
                      schema:
                        anyOf:
                          - {type: object, title: range, properties: {gt: {type: integer}, lte: {type: integer}}}
                          - {type: integer}
                    - name: expand
                      in: query
                      style: deepObject
                      explode: true
                      schema: {type: array, items: {type: string}}
                  responses: {'200': {description: ok}}
                post:
                  operationId: createCharge
                  requestBody:
                    content:
                      application/x-www-form-urlencoded:
                        encoding:
                          metadata: {style: deepObject, explode: true}
                        schema:
                          type: object
                          properties:
                            amount: {type: integer}
                            metadata: {type: object, additionalProperties: {type: string}}
                            shipping: {type: object, properties: {name: {type: string}}}
                  responses: {'200': {description: ok}}
            """, clientName: "Deep")
        #expect(output.diagnostics.all.map(\.description) == [
            "test.yml:17:11: warning: parameter 'expand' of GET /v1/charges asks for the 'deepObject' style, which OpenAPI defines only for objects; it is sent as 'name[0]=value' pairs",
        ])
        let main = capturingClientPrelude("Deep") + #"""
            try await client.listCharges(created: .range(.init(gt: 1, lte: 5)), expand: ["a", "b c"])
            try await client.listCharges(created: .integer(7))
            try await client.createCharge(.init(amount: 5, metadata: ["order": "6", "a b": "x&y"], shipping: .init(name: "N")))
            for request in capture.requests {
                print(request.url.query ?? String(decoding: request.body ?? Data(), as: UTF8.self))
            }
            """#
        let printed = try await compileAndRun(output.files, main: main, input: "").split(separator: "\n").map { $0.removingPercentEncoding ?? String($0) }
        #expect(printed == [
            "created[gt]=1&created[lte]=5&expand[0]=a&expand[1]=b c",
            "created=7",
            #"amount=5&metadata[a b]=x&y&metadata[order]=6&shipping={"name":"N"}"#,
        ])
    }

    /// Whether a parameter's values have a spelling in its style is worked out
    /// once per type: unions of unions, each naming the one below six times,
    /// used to be walked once per path through them (6^20 here). A deep union
    /// of text is spelled in its style at any depth; one that contains itself
    /// is sent as JSON text.
    @Test func unionsOfUnionsAreJudgedOncePerType() throws {
        var schemas = "    U0: {type: string}\n"
        for level in 1...20 {
            let reference = "{$ref: '#/components/schemas/U\(level - 1)'}"
            schemas += "    U\(level): {oneOf: [\(Array(repeating: reference, count: 6).joined(separator: ", "))]}\n"
        }
        schemas += "    Loop: {oneOf: [{type: string}, {$ref: '#/components/schemas/Loop'}]}\n"
        let output = generate("""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: a
                  parameters:
                    - {name: deep, in: query, schema: {$ref: '#/components/schemas/U20'}}
                    - {name: loop, in: query, schema: {$ref: '#/components/schemas/Loop'}}
                  responses: {'204': {description: ok}}
            components:
              schemas:

            """ + schemas)
        #expect(output.diagnostics.warnings.map(\.description).filter { $0.contains("nested deeper") } == [
            "test.yml:9:11: warning: parameter 'loop' of GET /a can hold values nested deeper than its style can spell; those are sent as JSON text",
        ])
    }

    /// Parameters whose type is not text (unions, objects) follow OpenAPI's
    /// styles: `form` in a query or cookie (exploded unless `explode: false`),
    /// `simple` in a header; only a value nested deeper than a style can spell
    /// goes as JSON text, and the generator warns where that can happen.
    @Test func structuredParametersAreSentInTheirStyle() async throws {
        let output = generate("""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            servers: [{url: 'https://example.com'}]
            paths:
              /search:
                get:
                  operationId: search
                  parameters:
                    - name: tag
                      in: query
                      schema:
                        oneOf:
                          - {type: string}
                          - {type: array, items: {type: string}}
                    - name: color
                      in: query
                      schema: {type: object, properties: {r: {type: integer}, g: {type: integer}}}
                    - name: size
                      in: query
                      explode: false
                      schema: {type: object, properties: {w: {type: integer}, h: {type: integer}}}
                    - name: filter
                      in: query
                      schema: {type: object, properties: {range: {type: object, properties: {gt: {type: integer}}}}}
                    - name: X-Ids
                      in: header
                      schema:
                        oneOf:
                          - {type: integer}
                          - {type: array, items: {type: integer}}
                    - name: prefs
                      in: cookie
                      schema: {type: object, properties: {theme: {type: string}}}
                  responses: {'200': {description: ok}}
            """, clientName: "Styles")
        #expect(output.diagnostics.all.map(\.description) == [
            "test.yml:22:11: warning: parameter 'filter' of GET /search can hold values nested deeper than its style can spell; those are sent as JSON text",
        ])
        let main = capturingClientPrelude("Styles") + #"""
            try await client.search(tag: .string("a b"), xIDs: .integer(7))
            try await client.search(tag: .stringList(["x", "y"]), color: .init(r: 1, g: 2), size: .init(w: 3, h: 4),
                                    filter: .init(range: .init(gt: 5)), xIDs: .integerList([1, 2]), prefs: .init(theme: "dark"))
            for request in capture.requests {
                let headers = request.headers.filter { $0.name == "X-Ids" || $0.name == "Cookie" }.map { "\($0.name): \($0.value)" }
                print(([request.url.query ?? ""] + headers).joined(separator: " | "))
            }
            """#
        let printed = try await compileAndRun(output.files, main: main, input: "").split(separator: "\n").map { $0.removingPercentEncoding ?? String($0) }
        #expect(printed == [
            "tag=a b | X-Ids: 7",
            // Objects in their declared order; a value nested deeper than the style as JSON text.
            #"tag=x&tag=y&r=1&g=2&size=w,3,h,4&range={"gt":5} | X-Ids: 1,2 | Cookie: theme=dark"#,
        ])
    }

    /// Swift rejects two files of one name in a module, even in different
    /// folders, and case-insensitive file systems merge names that differ by case.
    @Test func fileNamesAreUniqueInTheModule() async throws {
        let output = generate("""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /ask:
                post:
                  operationId: AiAsk
                  requestBody:
                    content: {application/json: {schema: {$ref: '#/components/schemas/AiAsk'}}}
                  responses: {'200': {description: ok}}
              /transport:
                get:
                  operationId: transport
                  responses: {'200': {description: ok}}
            components:
              schemas:
                AiAsk: {type: object, properties: {prompt: {type: string}}}
                Dates: {type: string}
                JSON: {type: integer}
                Client: {type: boolean}
            """)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        let stems = output.files.map { $0.path.split(separator: "/").last!.lowercased() }
        #expect(Set(stems).count == stems.count, "\(output.files.map(\.path))")
        let paths = Set(output.files.map(\.path))
        for expected in ["Client.swift", "Runtime/Configuration.swift", "Runtime/JSON.swift", "Runtime/Transport.swift",
                         "Types/AiAsk.swift", "Types/DatesType.swift",
                         "Operations/AiAskOperation.swift"] {
            #expect(paths.contains(expected), "\(expected) in \(paths.sorted())")
        }
        let result = try await compile(output.files)
        #expect(result.succeeded, "\(result.output)")
    }

    /// A multipart body given as a component holds binary fields: the Codable
    /// component carries `Data`, the request type a `MultipartFile`.
    @Test func binaryFieldsOfAComponentBodyCompile() async throws {
        let output = generate("""
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              /upscale:
                post:
                  operationId: upscale
                  requestBody:
                    content:
                      multipart/form-data:
                        schema: {$ref: '#/components/schemas/UpscaleBody'}
                  responses: {'200': {description: ok}}
            components:
              schemas:
                InitImage: {type: string, format: binary}
                UpscaleBody:
                  type: object
                  required: [image]
                  properties:
                    image: {$ref: '#/components/schemas/InitImage'}
                    extra: {type: array, items: {type: string, format: binary}}
            """)
        #expect(contents(output, "Types/UpscaleBody.swift").contains("public var image: InitImage"))
        #expect(contents(output, "Types/InitImage.swift").contains("public typealias InitImage = Data"))
        #expect(contents(output, "Operations/Upscale.swift").contains("public var image: MultipartFile"))
        let result = try await compile(output.files)
        #expect(result.succeeded, "\(result.output)")
    }

    @Test func ideogramSpecCompilesWithoutWarnings() async throws {
        let output = Generator(options: .init(clientName: "Ideogram")).generate(specPath: Paths.spec)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        let result = try await compile(output.files, moduleName: "IdeogramClient")
        #expect(result.succeeded, "\(result.output)")
    }

    /// The Ideogram client, an app's own actor transport in a file of its
    /// own, and a `main.swift` that uses it and both stub transports, built
    /// whole-module into one executable (as a release build of an app target
    /// holding the generated files is), then run. While `HTTPTransport` was
    /// written `nonisolated`, Swift 6.3 gave that to each actor conforming to
    /// it, and rejected the module.
    @Test func actorTransportsBuildInAModuleWithAMainFile() async throws {
        let output = Generator(options: .init(clientName: "Ideogram")).generate(specPath: Paths.spec)
        let transport = GeneratedFile(
            path: "App/CountingTransport.swift",
            contents: """
                import Foundation
                actor CountingTransport: Ideogram.HTTPTransport {
                    var count = 0
                    init() {}
                    func send(_ request: Ideogram.HTTPRequest) async throws -> Ideogram.HTTPResponse {
                        count += 1
                        return .json("{}")
                    }
                }
                """)
        let main = """
            import Foundation
            let stub = Ideogram.StubTransport { _ in .json("{}") }
            let streaming = Ideogram.StreamingStubTransport { _, _ in
                Ideogram.StreamingResponse(statusCode: 204, headers: [:], body: Ideogram.ByteChunks(AsyncThrowingStream { $0.finish() }))
            }
            let counting = CountingTransport()
            let client = Ideogram(configuration: .init(baseURL: URL(string: "https://example.com")!), transport: counting)
            print(type(of: client), await stub.requests.count, await streaming.requests.count, await counting.count)
            """
        #expect(try await compileAndRun(output.files + [transport], main: main, input: "") == "Ideogram 0 0 0\n")
    }

    @Test(.enabled(if: Paths.hasUpstream, "../shared/upstream is not present"))
    func upstreamSpecAsPublishedCompiles() async throws {
        let output = Generator(options: .init(clientName: "Ideogram")).generate(specPath: Paths.upstreamSpec)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        #expect(output.model?.operations.count == 23)
        let result = try await compile(output.files, moduleName: "IdeogramClient")
        #expect(result.succeeded, "\(result.output)")
    }

    @Test func generationIsDeterministic() {
        let first = Generator(options: .init(clientName: "Ideogram")).generate(specPath: Paths.spec).files
        let second = Generator(options: .init(clientName: "Ideogram")).generate(specPath: Paths.spec).files
        #expect(!first.isEmpty)
        #expect(first == second)
        let hostile = generate(Self.hostileSpec).files
        #expect(hostile == generate(Self.hostileSpec).files)
    }

    @Test func badSpecsGetLocatedDiagnosticsAndNoOutput() {
        let output = generate("""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a/{id}:
                get:
                  parameters:
                    - {name: q, in: body}
                  responses: {'200': {description: ok}}
            """)
        #expect(output.files.isEmpty)
        let descriptions = output.diagnostics.sorted.map(\.description)
        #expect(descriptions.contains("test.yml:7:25: error: parameter 'q' has 'in: body'; it must be path, query, header or cookie"))
        #expect(descriptions.contains("test.yml:6:7: warning: path '/a/{id}' uses '{id}' but no path parameter of that name is declared; GET /a/{id} is left out"))
    }
}
