import CodeGen
import Foundation
import SpecParser
import Testing

/// Issue 24 in the generator: which operations get a streaming call, a
/// paginated call, a download to a file, an upload from one and an
/// idempotency key, read from small specs; then the reference specs'
/// clients built and run against stub transports.
struct StreamsAndPagesTests {
    /// A spec of one `GET /things` whose 200 answer is `response`, with
    /// `parameters` (YAML list items) and `extra` operation keys.
    static func listSpec(response: String, parameters: String = "", extra: String = "", schemas: String = "") -> String
    {
        """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths:
          /things:
            get:
              operationId: listThings
        \(extra.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
              parameters:
                - {name: limit, in: query, schema: {type: integer}}
        \(parameters.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n"))
              responses:
                '200':
                  description: A page.
        \(response.split(separator: "\n").map { "          " + $0 }.joined(separator: "\n"))
        components:
          schemas:
            Thing:
              type: object
              required: [id]
              properties:
                id: {type: string}
        \(schemas.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    static func operation(_ output: Generator.Output, _ id: String) throws -> OperationModel {
        try #require(output.model?.operations.first { $0.operationId == id }, "\(output.diagnostics.all)")
    }

    static let listBody = """
        content:
          application/json:
            schema:
              type: object
              properties:
                data: {type: array, items: {$ref: '#/components/schemas/Thing'}}
                has_more: {type: boolean}
                last_id: {type: string}
                next_cursor: {type: string}
        """

    // MARK: - Pagination

    @Test func stripesShapeIsDetectedWithTheLastItemsID() throws {
        let spec = Self.listSpec(
            response: """
                content:
                  application/json:
                    schema:
                      type: object
                      required: [data, has_more]
                      properties:
                        object: {type: string, enum: [list]}
                        data: {type: array, items: {$ref: '#/components/schemas/Thing'}}
                        has_more: {type: boolean}
                """,
            parameters: "- {name: starting_after, in: query, schema: {type: string}}")
        let pagination = try #require(try Self.operation(generate(spec), "listThings").pagination)
        #expect(pagination.methodName == "listThingsPaginated")
        #expect(
            pagination.strategy
                == .startingAfter(
                    hasMore: PropertyPath(name: "hasMore", isOptional: false),
                    lastID: .item(PropertyPath(name: "id", isOptional: false))))
        #expect(pagination.cursorParameter == "startingAfter")
        #expect(pagination.itemType == .named("Thing"))
        #expect(pagination.source == .detected)
    }

    /// OpenAI's and Anthropic's lists say their last id themselves (`last_id`, sent back as `after`).
    @Test func aPagesOwnLastIDWinsOverTheLastItems() throws {
        let spec = Self.listSpec(
            response: Self.listBody, parameters: "- {name: after, in: query, schema: {type: string}}")
        let pagination = try #require(try Self.operation(generate(spec), "listThings").pagination)
        guard case .startingAfter(_, .page(let last)) = pagination.strategy else {
            Issue.record("\(pagination.strategy)")
            return
        }
        #expect(last.name == "lastID" && last.isOptional)
        #expect(pagination.cursorParameter == "after")
    }

    @Test func aCursorPropertyWithItsParameterIsDetected() throws {
        let spec = Self.listSpec(
            response: Self.listBody, parameters: "- {name: cursor, in: query, schema: {type: string}}")
        let pagination = try #require(try Self.operation(generate(spec), "listThings").pagination)
        #expect(pagination.strategy == .cursor(PropertyPath(name: "nextCursor", isOptional: true)))
        #expect(pagination.cursorParameter == "cursor")
        #expect(pagination.itemsProperty == PropertyPath(name: "data", isOptional: true))
    }

    @Test func aLinkHeaderBesideAListIsDetected() throws {
        let spec = Self.listSpec(
            response: """
                headers:
                  Link: {schema: {type: string}}
                content:
                  application/json:
                    schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}
                """)
        let pagination = try #require(try Self.operation(generate(spec), "listThings").pagination)
        #expect(pagination.strategy == .nextLink)
        #expect(pagination.itemsProperty == nil && pagination.cursorParameter == nil)
    }

    /// Without a parameter to send the cursor back, or a required one, nothing is guessed.
    @Test func shapesWithoutTheirParameterAreNotPaginated() throws {
        for parameters in ["", "- {name: cursor, in: query, required: true, schema: {type: string}}"] {
            let spec = Self.listSpec(response: Self.listBody, parameters: parameters)
            #expect(try Self.operation(generate(spec), "listThings").pagination == nil)
        }
    }

    @Test func xPaginationDeclaresATurnsOffAndIsCheckedWithLocatedWarnings() throws {
        let declared = Self.listSpec(
            response: Self.listBody,
            parameters: "- {name: from, in: query, schema: {type: string}}",
            extra: "x-pagination: {style: cursor, cursor: next_cursor, parameter: from}")
        let pagination = try #require(try Self.operation(generate(declared), "listThings").pagination)
        #expect(pagination.source == .specExtension && pagination.cursorParameter == "from")

        let off = Self.listSpec(
            response: Self.listBody, parameters: "- {name: cursor, in: query, schema: {type: string}}",
            extra: "x-pagination: false")
        #expect(try Self.operation(generate(off), "listThings").pagination == nil)

        let wrong = Self.listSpec(response: Self.listBody, extra: "x-pagination: {style: pages}")
        let output = generate(wrong)
        #expect(try Self.operation(output, "listThings").pagination == nil)
        let warning = try #require(output.diagnostics.all.first { $0.message.contains("x-pagination") })
        #expect(warning.message.contains("'pages' is not one of 'cursor', 'startingAfter', 'link'"))
        #expect(warning.location?.line == 7)

        let unfit = Self.listSpec(
            response: Self.listBody, extra: "x-pagination: {style: cursor, cursor: nope, parameter: x}")
        let unfitOutput = generate(unfit)
        #expect(unfitOutput.diagnostics.all.contains { $0.message.contains("does not fit its parameters and answer") })
    }

    @Test func theConfigDeclaresPaginationAndIdempotencyKeys() throws {
        let text = """
            clients:
              - spec: shop.yml
                output: Sources/Shop
                idempotencyKey: Idempotency-Key
                pagination:
                  listThings: {style: cursor, cursor: next_cursor, parameter: from}
                  missing: {style: link}
            """
        let read = GenerationConfig.read(text, path: "openapi-clients.yml")
        let client = try #require(read.config?.clients.first, "\(read.diagnostics.all)")
        #expect(client.idempotencyKeyHeader == "Idempotency-Key")
        #expect(client.pagination["listThings"]?.style == .cursor)
        let spec =
            Self.listSpec(
                response: Self.listBody, parameters: "- {name: from, in: query, schema: {type: string}}") + """

                """
        var options = Generator.Options(client)
        options.clientName = "Client"
        let output = Generator(options: options, loader: SpecLoader(source: InMemorySource(["shop.yml": spec])))
            .generate(specPath: "shop.yml")
        let pagination = try #require(try Self.operation(output, "listThings").pagination)
        #expect(pagination.source == .config)
        let unused = try #require(output.diagnostics.all.first { $0.message.contains("'missing'") })
        #expect(unused.location?.file == "openapi-clients.yml" && unused.location?.line == 7)

        let mistakes = GenerationConfig.read(
            """
            clients:
              - spec: a.yml
                output: Sources/A
                idempotencyKey: 'Idempotency Key'
                pagination:
                  list: {style: cursor}
            """, path: "openapi-clients.yml")
        let messages = mistakes.diagnostics.all.filter { $0.severity == .error }.map(\.description)
        #expect(mistakes.config == nil)
        #expect(messages.contains { $0.contains(":4:") && $0.contains("'idempotencyKey' must be a header name") })
        #expect(messages.contains { $0.contains(":6:") && $0.contains("needs 'cursor'") })
    }

    // MARK: - Idempotency keys

    @Test func aDeclaredIdempotencyKeyHeaderOrTheConfigsGivesAKey() throws {
        let spec = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /charges:
                post:
                  operationId: createCharge
                  parameters:
                    - {name: idempotency-key, in: header, schema: {type: string}}
                  responses: {'204': {description: ok}}
                get:
                  operationId: listCharges
                  responses: {'204': {description: ok}}
              /refunds:
                post:
                  operationId: createRefund
                  responses: {'204': {description: ok}}
            """
        let output = generate(spec)
        let declared = try #require(try Self.operation(output, "createCharge").idempotencyKey)
        #expect(
            declared
                == IdempotencyKeyModel(header: "idempotency-key", parameterName: "idempotencyKey", isDeclared: true))
        #expect(try Self.operation(output, "createRefund").idempotencyKey == nil)
        #expect(output.model?.runtimeParts.contains(.idempotencyKeys) == true)
        #expect(
            contents(output, "Operations/CreateCharge.swift").contains(
                #"builder.setIdempotencyKey(idempotencyKey, header: "idempotency-key")"#))

        var options = Generator.Options(clientName: "Client")
        options.idempotencyKeyHeader = "Idempotency-Key"
        let configured = Generator(options: options, loader: SpecLoader(source: InMemorySource(["t.yml": spec])))
            .generate(specPath: "t.yml")
        let refund = try #require(try Self.operation(configured, "createRefund").idempotencyKey)
        #expect(
            refund == IdempotencyKeyModel(header: "Idempotency-Key", parameterName: "idempotencyKey", isDeclared: false)
        )
        #expect(try Self.operation(configured, "listCharges").idempotencyKey == nil)
        #expect(
            contents(configured, "Operations/CreateRefund.swift").contains(
                "public func createRefund(idempotencyKey: String? = nil)"))
    }

    // MARK: - Streams

    @Test func aStreamBesideJSONGetsItsOwnCallThatSetsTheStreamSwitch() throws {
        let output = try generate(
            String(contentsOfFile: Paths.packageRoot + "/Tests/Reference/Specs/streams.yml", encoding: .utf8))
        let completion = try #require(try Self.operation(output, "createCompletion").eventStream)
        #expect(completion.methodName == "createCompletionStream" && completion.hasBufferedCall)
        #expect(completion.format == .serverSentEvents && completion.endMarker == "[DONE]")
        #expect(completion.streamFlag == StreamFlag(propertyName: "stream", bodyIsOptional: false))
        #expect(completion.event == .json(.named("CompletionChunk"), named: []))
        let message = try #require(try Self.operation(output, "streamMessage").eventStream)
        #expect(message.methodName == "streamMessage" && !message.hasBufferedCall)
        guard case .json(.named("MessageEvent"), let named) = message.event else {
            Issue.record("\(message.event)")
            return
        }
        #expect(named.map(\.eventName) == ["message_start", "text_delta", "message_stop"])
        #expect(try Self.operation(output, "watchTicks").eventStream?.event == .raw)
        #expect(try Self.operation(output, "exportLines").eventStream?.format == .jsonLines)
        #expect(try Self.operation(output, "exportRecords").eventStream?.format == .jsonSequence)
        #expect(output.model?.runtimeParts.isSuperset(of: [.eventStreams, .streamingTransport]) == true)
        #expect(output.diagnostics.all.isEmpty, "\(output.diagnostics.all)")
    }

    /// Anthropic's batch results: bytes whose lines `x-line-schema` types;
    /// a multipart body's `stream` field is the switch too (OpenAI's image edits).
    @Test func lineSchemasAndMultipartStreamFields() throws {
        let output = generate(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /results:
                get:
                  operationId: results
                  responses:
                    '200':
                      description: Lines.
                      content:
                        application/x-jsonl:
                          schema:
                            type: string
                            format: binary
                            x-line-schema: {$ref: '#/components/schemas/BatchResult'}
              /edits:
                post:
                  operationId: edit
                  requestBody:
                    required: true
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          properties:
                            image: {type: string, format: binary}
                            stream: {type: boolean}
                  responses:
                    '200':
                      description: The edit.
                      content:
                        application/json: {schema: {$ref: '#/components/schemas/BatchResult'}}
                        text/event-stream: {schema: {$ref: '#/components/schemas/BatchResult'}}
            components:
              schemas:
                BatchResult:
                  type: object
                  properties:
                    id: {type: string}
            """)
        #expect(try Self.operation(output, "results").eventStream?.event == .json(.named("BatchResult"), named: []))
        let edit = try #require(try Self.operation(output, "edit").eventStream)
        #expect(edit.streamFlag == StreamFlag(propertyName: "stream", bodyIsOptional: false))
        let text = contents(output, "Operations/Edit.swift")
        #expect(text.contains("request.stream = false") && text.contains("request.stream = true"))
        #expect(output.model?.runtimeParts.contains(.largeBodies) == true, "a multipart file part can come from disk")
    }

    // MARK: - Built and run

    /// The streams reference client against a stub that serves chunks of
    /// server-sent events: the events decode as they arrive, `[DONE]` ends
    /// the sequence, named events pick their case, and the request asked
    /// for a stream.
    @Test func theStreamingCallsRun() async throws {
        let output = try generate(
            String(contentsOfFile: Paths.packageRoot + "/Tests/Reference/Specs/streams.yml", encoding: .utf8),
            clientName: "Streams")
        let main = #"""
            import Foundation
            let chunks = [
                ": keep-alive\n\ndata: {\"id\":\"c1\",\"delta\":\"Hel\"}\r\n\r\ndata: {\"id\":\"c1\",",
                "\"delta\":\"lo\"}\n\ndata: [DONE]\n\ndata: {\"id\":\"late\",\"delta\":\"!\"}\n\n",
            ]
            let named = "event: message_start\ndata: {\"type\":\"message_start\",\"id\":\"m1\"}\n\nevent: text_delta\ndata: {\"type\":\"text_delta\",\"text\":\"hi\"}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
            let transport = Streams.StreamingStubTransport { request, body in
                let (stream, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
                for chunk in request.url.path.hasSuffix("messages") ? [named] : chunks {
                    continuation.yield(Data(chunk.utf8))
                }
                continuation.finish()
                return Streams.StreamingResponse(
                    statusCode: 200, headers: ["Content-Type": "text/event-stream"], body: Streams.ByteChunks(stream))
            }
            let client = Streams(configuration: .init(baseURL: URL(string: "https://example.com")!), transport: transport)
            for try await chunk in try await client.createCompletionStream(CompletionRequest(prompt: "hi")) {
                print("chunk", chunk.id, chunk.delta)
            }
            for try await event in try await client.streamMessage(CompletionRequest(prompt: "hi")) {
                switch event {
                case .messageStart(let start): print("start", start.id)
                case .textDelta(let delta): print("delta", delta.text)
                case .messageStop: print("stop")
                case .undocumented: print("undocumented")
                }
            }
            let request = await transport.requests[0]
            print("accept", request.headers.first { $0.name == "Accept" }?.value ?? "-")
            print("body", String(decoding: request.body ?? Data(), as: UTF8.self))
            """#
        let printed = try await compileAndRun(output.files, main: main, input: "").split(separator: "\n").map(String.init)
        #expect(
            printed == [
                "chunk c1 Hel", "chunk c1 lo", "start m1", "delta hi", "stop", "accept text/event-stream",
                #"body {"prompt":"hi","stream":true}"#,
            ])
    }

    /// The pages reference client against a stub: Stripe's pages walked by
    /// `starting_after`, `Link` headers followed, a download written to a file.
    @Test func thePaginatedCallsAndDownloadsRun() async throws {
        let output = try generate(
            String(contentsOfFile: Paths.packageRoot + "/Tests/Reference/Specs/pages.yml", encoding: .utf8),
            clientName: "Pages")
        let main = #"""
            import Foundation
            let transport = Pages.StubTransport { request in
                let url = request.url.absoluteString
                if url.contains("/customers") {
                    let after = URLComponents(string: url)?.queryItems?.first { $0.name == "starting_after" }?.value
                    let page = after == nil ? #"{"object":"list","data":[{"id":"a"},{"id":"b"}],"has_more":true}"#
                        : #"{"object":"list","data":[{"id":"c"}],"has_more":false}"#
                    return Pages.HTTPResponse(statusCode: 200, headers: ["Content-Type": "application/json"], body: Data(page.utf8))
                }
                if url.contains("/items") {
                    let second = url.contains("page=2")
                    return Pages.HTTPResponse(
                        statusCode: 200,
                        headers: second ? [:] : ["Link": #"</v1/items?page=2>; rel="next""#],
                        body: Data((second ? "[3]" : "[1,2]").utf8))
                }
                return Pages.HTTPResponse(statusCode: 200, headers: [:], body: Data("file bytes".utf8))
            }
            let client = Pages(configuration: .init(baseURL: URL(string: "https://example.com/v1")!), transport: transport)
            var ids: [String] = []
            for try await customer in client.listCustomersPaginated(limit: 2) { ids.append(customer.id) }
            print("customers", ids.joined(separator: ","))
            var items: [Int] = []
            for try await item in client.listItemsPaginated() { items.append(item) }
            print("items", items.map(String.init).joined(separator: ","))
            var bounded: [String] = []
            for try await customer in client.listCustomersPaginated().limited(items: 1) { bounded.append(customer.id) }
            print("bounded", bounded.joined(separator: ","))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("pages-\(UUID().uuidString)")
            let response = try await client.downloadFile(id: "f1", to: file)
            print("download", response.statusCode, try String(contentsOf: file, encoding: .utf8))
            try? FileManager.default.removeItem(at: file)
            for request in await transport.requests { print("request", request.url.absoluteString) }
            """#
        let printed = try await compileAndRun(output.files, main: main, input: "").split(separator: "\n").map(String.init)
        #expect(
            printed == [
                "customers a,b,c", "items 1,2,3", "bounded a", "download 200 file bytes",
                "request https://example.com/v1/customers?limit=2",
                "request https://example.com/v1/customers?limit=2&starting_after=b",
                "request https://example.com/v1/items", "request https://example.com/v1/items?page=2",
                "request https://example.com/v1/customers",
                "request https://example.com/v1/files/f1/content",
            ])
    }
}
