import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import IdeogramClient
import Testing

/// What an app developer meets first: images that failed the safety check,
/// errors shown in an alert, files in and out, tests without the network.
@Suite struct AppDeveloperTests {
    static let created = #""created": "2024-11-01T10:06:14Z""#

    func client(_ transport: some Ideogram.HTTPTransport, baseURL: String = "https://api.ideogram.ai",
                configure: (inout Ideogram.Configuration) -> Void = { _ in }) -> Ideogram {
        var configuration = Ideogram.Configuration(baseURL: URL(string: baseURL)!, apiKey: Fixtures.apiKey,
                                                   retryPolicy: .never, makeBoundary: { Fixtures.boundary })
        configure(&configuration)
        return Ideogram(configuration: configuration, transport: transport)
    }

    // MARK: - An empty link is no link

    @Test func aSafetyFailedImageWithAnEmptyURLKeepsTheSafeOnesInEveryImageType() async throws {
        let v3 = Ideogram.StubTransport(always: .json("""
            {\(Self.created), "data": [
              {"url": "https://ideogram.ai/a.png", "prompt": "p", "resolution": "1024x1024", "is_image_safe": true, "seed": 1},
              {"url": "", "prompt": "p", "resolution": "1024x1024", "is_image_safe": false, "seed": 2}]}
            """))
        let generated = try await client(v3).generateImageV3(.init(prompt: "p"))
        #expect(generated.data.map(\.url) == [URL(string: "https://ideogram.ai/a.png"), nil])

        let legacy = Ideogram.StubTransport(always: .json("""
            {\(Self.created), "data": [{"url": "", "prompt": "p", "resolution": "1024x1024", "is_image_safe": false, "seed": 2},
              {"url": "https://ideogram.ai/b.png", "prompt": "p", "resolution": "1024x1024", "is_image_safe": true, "seed": 3}]}
            """))
        let remixed = try await client(legacy).generateImage(.init(imageRequest: .init(prompt: "p")))
        #expect(remixed.data.map(\.url) == [nil, URL(string: "https://ideogram.ai/b.png")])

        let background = Ideogram.StubTransport(always: .json(#"{\#(Self.created), "data": [{"url": "", "is_image_safe": false}]}"#))
        let removed = try await client(background).removeBackground(.init(image: Fixtures.image))
        #expect(removed.data.first?.url == nil && removed.data.first?.isImageSafe == false)

        let edit = Ideogram.StubTransport(always: .json("""
            {\(Self.created), "data": [{"url": "", "prompt": "p", "resolution": "1024x1024", "is_image_safe": false, "seed": 4}]}
            """))
        let edited = try await client(edit).editImageV1(.init(prompt: "p", images: [Fixtures.image]))
        #expect(edited.data.first?.url == nil)

        // Layerize requires its base image link; an empty one still decodes.
        let layerize = Ideogram.StubTransport(always: .json(#"{"base_image_url": "", "original_image_url": "", "seed": 5}"#))
        let layers = try await client(layerize).layerizeTextV3(.init(image: Fixtures.image))
        #expect(layers.baseImageURL == nil && layers.originalImageURL == nil && layers.seed == 5)
    }

    @Test func aLinkThatIsNotAURLIsStillADecodingErrorThatNamesTheField() async throws {
        let stub = Ideogram.StubTransport(always: .json(#"{\#(Self.created), "data": [{"url": "http://[bad", "is_image_safe": true}]}"#))
        do {
            _ = try await client(stub).removeBackground(.init(image: Fixtures.image))
            Issue.record("expected a decoding error")
        } catch .decoding(let failure) {
            #expect(failure.message.contains("data[0].url"), "\(failure.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    // MARK: - Plain http

    @Test func onlyRealLoopbackAddressesMayReceiveTheKeyOverPlainHTTP() async throws {
        for host in ["127.0.0.1.example.com", "127.attacker.example", "127.0.0.1.", "localhost.example.com", "127.0.0.256",
                     "1270.0.0.1", "127.0.0", "0x7f.0.0.1", "10.0.0.1", "[::2]"] {
            let stub = Ideogram.StubTransport(always: .json("{}"))
            do {
                _ = try await client(stub, baseURL: "http://\(host):8080").listDatasets()
                Issue.record("the key went to \(host)")
            } catch .invalidRequest(let reason) {
                #expect(reason.contains("http://"))
                #expect(!reason.contains(Fixtures.apiKey))
            } catch {
                Issue.record("\(host): \(error)")
            }
            #expect(await stub.requests.isEmpty, "\(host)")
        }
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "[::1]"] {
            let stub = Ideogram.StubTransport(always: .json(#"{"datasets": []}"#))
            _ = try? await client(stub, baseURL: "http://\(host):8080").listDatasets()
            #expect(await stub.requests.count == 1, "\(host)")
        }
        #expect(Ideogram.isLoopback("127.0.0.1") && Ideogram.isLoopback("::1") && !Ideogram.isLoopback("127.0.0.1.example.com"))
    }

    @Test func aCredentialInAdditionalHeadersIsGuardedAndRedactedLikeTheAPIKey() async throws {
        for header in ["Ocp-Apim-Subscription-Key", "Authorization", "X-Gateway-Token", "My-Secret-Thing"] {
            let stub = Ideogram.StubTransport(always: .json("{}"))
            let gateway = Ideogram(configuration: .init(baseURL: URL(string: "http://gateway.example.com")!,
                                                        additionalHeaders: [header: "gateway-secret-123"], retryPolicy: .never),
                                   transport: stub)
            await #expect(throws: IdeogramError.self) { _ = try await gateway.listDatasets() }
            #expect(await stub.requests.isEmpty, "\(header)")
            #expect(!"\(gateway.configuration)".contains("gateway-secret-123"))
        }
        // A header the user marks sensitive, under a name no rule knows.
        let stub = Ideogram.StubTransport(always: .json("{}"))
        let marked = Ideogram(configuration: .init(baseURL: URL(string: "http://gateway.example.com")!,
                                                   additionalHeaders: ["X-Pass": "hunter2"], sensitiveHeaders: ["x-pass"],
                                                   retryPolicy: .never), transport: stub)
        await #expect(throws: IdeogramError.self) { _ = try await marked.listDatasets() }
        #expect(await stub.requests.isEmpty)
        // Without a key, a call the spec requires one for fails before anything is sent, naming the scheme.
        let plain = Ideogram(configuration: .init(baseURL: URL(string: "http://gateway.example.com")!,
                                                  additionalHeaders: ["X-Client": "demo"], retryPolicy: .never), transport: stub)
        do {
            _ = try await plain.listDatasets()
            Issue.record("a call without its required credential was sent")
        } catch .invalidRequest(let reason) {
            #expect(reason.contains("`ApiKeyAuth`"), "\(reason)")
        } catch {
            Issue.record("expected invalidRequest, got \(error)")
        }
        #expect(await stub.requests.isEmpty)
    }

    // MARK: - Printing never shows a secret

    @Test func requestsResponsesAndConfigurationsRedactEveryCredential() async throws {
        let stub = Ideogram.StubTransport(always: .json(#"{"datasets": []}"#, headers: ["Set-Cookie": "session=server-secret"]))
        let ideogram = client(stub) {
            $0.additionalHeaders = ["Ocp-Apim-Subscription-Key": "gateway-secret-123", "X-Pass": "marked-secret",
                                    "User-Agent": "demo/1"]
            $0.sensitiveHeaders = ["X-Pass"]
        }
        let (_, response) = try await ideogram.withResponse { try await $0.listDatasets() }
        let request = try #require(await stub.requests.first)
        #expect(request.value(forHeader: "api-key") == Fixtures.apiKey)
        var dumped = ""
        dump(request, to: &dumped)
        var dumpedResponse = ""
        dump(response, to: &dumpedResponse)
        var dumpedConfiguration = ""
        dump(ideogram.configuration, to: &dumpedConfiguration)
        let printed = [request.description, request.debugDescription, "\(request)", String(reflecting: request), dumped,
                       response.description, String(reflecting: response), dumpedResponse,
                       "\(ideogram.configuration)", String(reflecting: ideogram.configuration), dumpedConfiguration]
        for text in printed {
            for secret in [Fixtures.apiKey, "gateway-secret-123", "marked-secret", "server-secret"] {
                #expect(!text.contains(secret), "\(secret) in \(text)")
            }
        }
        // A header on its own knows the standard credential names, not the ones a configuration marks.
        let headers = request.headers.map(\.description).joined()
        #expect(!headers.contains(Fixtures.apiKey) && !headers.contains("gateway-secret-123"))
        #expect(request.description.contains("Api-Key: <redacted>"))
        #expect(request.description.contains("User-Agent: demo/1"))
        #expect(dumpedConfiguration.contains("demo/1"))
    }

    // MARK: - Errors a person can read

    @Test func errorsSaySomethingAnAlertCanShow() async throws {
        let limited = Ideogram.StubTransport(always: .json(#"{"error": "Slow down, please"}"#, statusCode: 429, headers: ["retry-after": "7"]))
        do {
            _ = try await client(limited).generateImageV3(.init(prompt: "p"))
            Issue.record("expected 429")
        } catch {
            #expect(error.isRateLimited && !error.isUnauthorized)
            #expect(error.retryAfter == .seconds(7))
            #expect(error.serverMessage == "Slow down, please")
            #expect(error.localizedDescription == "Too many requests: Slow down, please. Try again in 7 seconds.")
            guard case .unexpectedStatus(let failure) = error else { return }
            #expect(failure.value(forHeader: "Retry-After") == "7")
            #expect(failure.attempts == 1)
        }

        let safety = Ideogram.StubTransport(always: .json(#"{"error": "Prompt failed the safety check."}"#, statusCode: 422))
        for operation in ["generate", "remove-background"] {
            do {
                if operation == "generate" {
                    _ = try await client(safety).generateImageV3(.init(prompt: "p"))
                } else {
                    _ = try await client(safety).removeBackground(.init(image: Fixtures.image))
                }
                Issue.record("expected 422")
            } catch {
                #expect(error.isRejected, "\(operation)")
                #expect(error.localizedDescription == "The request was refused: Prompt failed the safety check.")
            }
        }

        let unauthorized = Ideogram.StubTransport(always: .json(#"{"detail": {"message": "Invalid API key"}}"#, statusCode: 401))
        do {
            _ = try await client(unauthorized).listDatasets()
        } catch {
            #expect(error.isUnauthorized)
            #expect(error.localizedDescription == "The API key was not accepted: Invalid API key")
            #expect(!error.localizedDescription.contains(Fixtures.apiKey) && !"\(error)".contains(Fixtures.apiKey))
        }

        let html = Ideogram.StubTransport(always: Ideogram.HTTPResponse(statusCode: 502, headers: ["Content-Type": "text/html"], body: Data("<html>".utf8)))
        do {
            _ = try await client(html).listDatasets()
        } catch {
            #expect(error.serverMessage == nil)
            #expect(error.localizedDescription == "The service had a problem (HTTP 502).")
        }
    }

    @Test func aTimeoutIsToldApartAndAttemptsAreCounted() async throws {
        let slow = Ideogram.StubTransport { _ in throw URLError(.timedOut) }
        do {
            _ = try await client(slow) { $0.retryPolicy = Ideogram.RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(1)) }.listDatasets()
            Issue.record("expected a timeout")
        } catch {
            #expect(error.isTimeout)
            #expect(error.attempts == 3)
            #expect(error.localizedDescription == "The server took too long to answer.")
        }
        let refused = Ideogram.StubTransport { _ in throw URLError(.cannotConnectToHost) }
        do {
            _ = try await client(refused).listDatasets()
        } catch {
            #expect(!error.isTimeout)
            #expect(error.localizedDescription.hasPrefix("The server could not be reached"))
        }
        #expect(IdeogramError.invalidRequest(reason: "prompt is empty").localizedDescription == "The request could not be made: prompt is empty")
    }

    @Test func errorsAndFailuresCanBeBuiltForTests() {
        let status = IdeogramError.unexpectedStatus(.init(operationID: "op", statusCode: 404, body: Data(#"{"message": "gone"}"#.utf8)))
        #expect(status.localizedDescription == "The server could not find what was asked for: gone")
        let transport = IdeogramError.transport(.init(operationID: "op", message: "offline"))
        #expect(transport.attempts == 1 && !transport.isTimeout)
        let decoding = IdeogramError.decoding(.init(operationID: "op", statusCode: 200, message: "data is missing"))
        #expect(decoding.statusCode == 200 && decoding.localizedDescription == "The server's answer could not be read.")
    }

    // MARK: - Timeouts

    @Test func theDefaultTimeoutLetsSlowGenerationsFinishAndOneCallCanShortenIt() async throws {
        let stub = Ideogram.StubTransport(always: .json(#"{\#(Self.created), "data": []}"#))
        let ideogram = Ideogram(apiKey: "k", transport: stub)
        #expect(ideogram.configuration.timeout == .seconds(300))
        #expect(Ideogram.Configuration(baseURL: Ideogram.servers[0]).timeout == .seconds(300))
        _ = try await ideogram.configured { $0.timeout = .seconds(10) }.generateImageV3(.init(prompt: "p"))
        _ = try await ideogram.generateImageV3(.init(prompt: "p"))
        #expect(await stub.requests.map(\.timeout) == [.seconds(10), .seconds(300)])
    }

    // MARK: - Files in

    @Test func aFileFromPlainDataGetsItsTypeFromItsBytes() throws {
        let webp = Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)
        let cases: [(Data, String, String)] = [
            (Fixtures.png, "image/png", "file.png"), (Fixtures.jpeg, "image/jpeg", "file.jpg"), (webp, "image/webp", "file.webp"),
            (Data("GIF89a....".utf8), "image/gif", "file.gif"),
        ]
        for (bytes, type, name) in cases {
            let file = MultipartFile(data: bytes)
            #expect(file.contentType == type && file.filename == name)
        }
        #expect(MultipartFile(data: Fixtures.png, filename: "photo").contentType == "image/png")
        #expect(MultipartFile(data: Data([1, 2, 3]), filename: "photo.jpeg").contentType == "image/jpeg")
        #expect(MultipartFile(data: Data([1, 2, 3])).contentType == "application/octet-stream")
        #expect(MultipartFile(data: Fixtures.png, contentType: "image/x-custom").contentType == "image/x-custom")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let onDisk = folder.appendingPathComponent("upload.bin")
        try Fixtures.jpeg.write(to: onDisk)
        let read = try MultipartFile(contentsOf: onDisk)
        #expect(read.contentType == "image/jpeg" && read.filename == "upload.bin" && read.data == Fixtures.jpeg)
    }

    // MARK: - Images out

    @Test func savingImagesNamesThemByTypeSkipsMissingLinksRetriesAndSendsNoKey() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("old".utf8).write(to: folder.appendingPathComponent("8YEpAbc.png"))
        let failures = Counter()
        let stub = Ideogram.StubTransport { request in
            switch request.url.path {
            case "/images/direct/8YEpAbc":
                return Ideogram.HTTPResponse(statusCode: 200, headers: ["Content-Type": "image/png"], body: Fixtures.png)
            case "/images/flaky":
                if await failures.next() == 1 { return Ideogram.HTTPResponse(statusCode: 503) }
                return Ideogram.HTTPResponse(statusCode: 200, headers: ["content-type": "image/jpeg; charset=binary"], body: Fixtures.jpeg)
            default:
                return Ideogram.HTTPResponse(statusCode: 200, headers: ["Content-Type": "application/octet-stream"], body: Fixtures.png)
            }
        }
        let ideogram = client(stub) {
            $0.retryPolicy = Ideogram.RetryPolicy(maximumAttempts: 2, initialDelay: .milliseconds(1))
            $0.additionalHeaders = ["X-Gateway-Key": "gateway-secret-123"]
        }
        let links: [URL?] = [URL(string: "https://cdn.example.com/images/direct/8YEpAbc"), nil,
                             URL(string: "https://cdn.example.com/images/flaky"),
                             URL(string: "https://cdn.example.com/images/direct/8YEpAbc"),
                             URL(string: "https://cdn.example.com/a%20b/")]
        let saved = try await ideogram.save(links, into: folder)
        // The last link's name is not a plain file name, and its server sends no image type: the bytes tell.
        #expect(saved.map { $0?.lastPathComponent } == ["8YEpAbc-2.png", nil, "flaky.jpg", "8YEpAbc-3.png", "image-5.png"],
                "\(saved)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("8YEpAbc.png")) == Data("old".utf8))
        #expect(try Data(contentsOf: try #require(saved[2])) == Fixtures.jpeg)
        let requests = await stub.requests
        #expect(requests.count == 5)
        for request in requests {
            #expect(request.value(forHeader: "Api-Key") == nil && request.value(forHeader: "X-Gateway-Key") == nil)
        }
    }

    // MARK: - Tests without the network

    @Test func aStubAnswersInTurnAndTheResponseComesBesideTheValue() async throws {
        let stub = Ideogram.StubTransport(responses: [
            .json(#"{"error": "busy"}"#, statusCode: 503),
            .json(#"{"datasets": []}"#, headers: ["X-Request-Id": "req-42", "X-RateLimit-Remaining": "9"]),
        ])
        let ideogram = client(stub) { $0.retryPolicy = Ideogram.RetryPolicy(maximumAttempts: 2, initialDelay: .milliseconds(1)) }
        let (value, response) = try await ideogram.withResponse { try await $0.listDatasets() }
        #expect(value.datasets.isEmpty)
        #expect(response.statusCode == 200 && response.value(forHeader: "x-request-id") == "req-42")
        #expect(await stub.requests.count == 2)
        let encoded = try Ideogram.HTTPResponse.json(encoding: ListDatasetsResponse(datasets: []))
        #expect(encoded.value(forHeader: "content-type") == "application/json")
        await #expect(throws: IdeogramError.self) { _ = try await ideogram.withResponse { _ in 1 } }
    }
}

/// Counts calls across tasks.
actor Counter {
    private var count = 0

    func next() -> Int {
        count += 1
        return count
    }
}
