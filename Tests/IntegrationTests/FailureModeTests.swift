import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import IdeogramClient
import Testing

extension IntegrationSlowTests {
    /// How the client behaves when the server or the network misbehaves. The
    /// failure is chosen with the `X-Test-Failure` header, which only a server of
    /// ours understands: with `IDEOGRAM_TEST_SERVER_URL` set, these tests skip.
    @Suite(.enabled(if: ValidatingServer.externalURL == nil, "failure modes need the local validating server"))
    struct FailureModeTests {
        static let image = MultipartFile(data: Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]), filename: "p.png", contentType: "image/png")

        func client(_ failure: String?, retryPolicy: Ideogram.RetryPolicy = .never, timeout: Duration = .seconds(30)) async throws -> Ideogram {
            let server = try await ValidatingServer.shared.value
            var headers: [String: String] = [:]
            if let failure { headers["X-Test-Failure"] = failure }
            return Ideogram(configuration: .init(baseURL: server.baseURL, apiKey: "integration-secret-key", timeout: timeout,
                                                 additionalHeaders: headers, retryPolicy: retryPolicy))
        }

        func expectStatus(_ status: Int, failure: String, sourceLocation: SourceLocation = #_sourceLocation,
                          check: (IdeogramError.UnexpectedStatus) -> Void = { _ in }) async throws {
            let client = try await client(failure)
            do {
                _ = try await client.generateImageV3(.init(prompt: "x"))
                Issue.record("expected \(status)", sourceLocation: sourceLocation)
            } catch .unexpectedStatus(let error) {
                #expect(error.statusCode == status, sourceLocation: sourceLocation)
                check(error)
            } catch {
                Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
            }
        }

        @Test func documentedErrorsAreTyped() async throws {
            for status in [400, 401, 403, 404, 429] {
                try await expectStatus(status, failure: "status-\(status)") { error in
                    #expect(!error.body.isEmpty)
                    if status == 429 { #expect(error.headers.keys.contains { $0.lowercased() == "retry-after" }) }
                }
            }
        }

        @Test func theSafetyErrorIsDecoded() async throws {
            try await expectStatus(422, failure: "safety") { error in
                guard case .generateImageSafetyError(let body)? = error.documentedBody else {
                    Issue.record("no decoded safety error")
                    return
                }
                #expect(body.error.contains("safety"))
            }
        }

        @Test func anHTMLPageOrAnEmptyBodyIsATypedError() async throws {
            try await expectStatus(502, failure: "html-502") { error in
                #expect(String(decoding: error.body, as: UTF8.self).contains("<html"))
                #expect(error.documentedBody == nil)
            }
            try await expectStatus(500, failure: "empty-500") { error in #expect(error.body.isEmpty) }
        }

        @Test func truncatedJSONIsADecodingError() async throws {
            let client = try await client("truncated-json")
            do {
                _ = try await client.generateImageV3(.init(prompt: "x"))
                Issue.record("expected a decoding error")
            } catch .decoding(let failure) {
                #expect(failure.statusCode == 200)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }

        @Test func unsafeImagesExtraFieldsAndEveryDateFormDecode() async throws {
            let unsafe = try await client("unsafe-image").generateImageV3(.init(prompt: "x"))
            #expect(unsafe.data.allSatisfy { !$0.isImageSafe && $0.url == nil })
            let extra = try await client("extra-fields").generateImageV3(.init(prompt: "x"))
            #expect(!extra.data.isEmpty)
            for form in ["date-space", "date-z", "date-millis"] {
                let result = try await client(form).generateImageV3(.init(prompt: "x"))
                #expect(result.created.timeIntervalSince1970 > 0, "\(form)")
            }
        }

        /// The spec's prose: the url of an image that failed the safety check
        /// "will be empty". The safe image of the same call must survive it.
        @Test func anEmptyLinkOfAnUnsafeImageKeepsTheSafeOnes() async throws {
            let client = try await client("unsafe-image-empty")
            let two = try await client.generateImageV3(.init(prompt: "x", numImages: 2))
            #expect(two.data.count == 2)
            #expect(two.data.first?.isImageSafe == true && two.data.first?.url != nil)
            #expect(two.data.last?.isImageSafe == false && two.data.last?.url == nil)
            let legacy = try await client.generateImage(.init(imageRequest: .init(prompt: "x", numImages: 2)))
            #expect(legacy.data.map { $0.url == nil } == [false, true])
            let background = try await client.removeBackground(.init(image: Self.image))
            #expect(background.data.allSatisfy { !$0.isImageSafe && $0.url == nil })
            let edited = try await client.editImageV1(.init(prompt: "x", images: [Self.image], numImages: 2))
            #expect(edited.data.map { $0.url == nil } == [false, true])
        }

        @Test func tooManyRequestsIsRetriedUntilItSucceeds() async throws {
            let key = UUID().uuidString
            let policy = Ideogram.RetryPolicy(maximumAttempts: 4, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(50))
            let result = try await client("fail-then-ok:2:\(key)", retryPolicy: policy).generateImageV3(.init(prompt: "x"))
            #expect(!result.data.isEmpty)
        }

        @Test func aServerErrorOnPOSTIsNotRetriedByDefault() async throws {
            let key = UUID().uuidString
            let policy = Ideogram.RetryPolicy(maximumAttempts: 4, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(50))
            await #expect(throws: IdeogramError.self) {
                _ = try await client("fail503-then-ok:1:\(key)", retryPolicy: policy).generateImageV3(.init(prompt: "x"))
            }
            var optIn = policy
            optIn.retriesServerErrorsOnUnsafeMethods = true
            let other = UUID().uuidString
            _ = try await client("fail503-then-ok:1:\(other)", retryPolicy: optIn).generateImageV3(.init(prompt: "x"))
        }

        @Test func aSlowServerTimesOut() async throws {
            let client = try await client("slow:3000", timeout: .milliseconds(500))
            do {
                _ = try await client.listDatasets()
                Issue.record("expected a timeout")
            } catch .transport(let failure) {
                #expect(failure.urlErrorCode == URLError.Code.timedOut.rawValue)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }

        @Test func cancellingTheTaskCancelsTheRequest() async throws {
            let client = try await client("slow:5000")
            let started = ContinuousClock.now
            let task = Task { try await client.listDatasets() }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let result = await task.result
            guard case .failure(let error) = result, case .cancelled? = error as? IdeogramError else {
                Issue.record("expected .cancelled, got \(result)")
                return
            }
            #expect(ContinuousClock.now - started < .seconds(5))
        }

        @Test func theKeyNeverReachesLogsOrErrors() async throws {
            try await expectStatus(401, failure: "status-401") { error in
                let texts = [String(describing: error), String(reflecting: error), String(decoding: error.body, as: UTF8.self)]
                #expect(texts.allSatisfy { !$0.contains("integration-secret-key") })
            }
        }

        @Test func filenamesWithQuotesAndLineBreaksArriveAsOnePart() async throws {
            let server = try await ValidatingServer.shared.value
            let name = "my \"best\"\r\nphoto\\ünï.png"
            let file = MultipartFile(data: Data([0x89, 0x50, 0x4E, 0x47]), filename: name, contentType: "image/png")
            _ = try await client(nil).removeBackground(.init(image: file))
            let last = try await server.lastRequest()
            let parts = last["parts"] as? [[String: Any]] ?? []
            #expect(parts.count == 1)
            #expect(parts.first?["name"] as? String == "image")
            #expect(parts.first?["filename"] as? String == name)
        }

        @Test func aGatewayPrefixIsKept() async throws {
            let server = try await ValidatingServer.prefixed.value
            #expect(server.baseURL.path == "/ideogram")
            let client = Ideogram(configuration: .init(baseURL: server.baseURL, apiKey: "k"))
            _ = try await client.generateImageV3(.init(prompt: "through a gateway"))
            let last = try await server.lastRequest()
            #expect(last["path"] as? String == "/ideogram/v1/ideogram-v3/generate")
        }

        @Test func imagesDownloadThroughTheTransport() async throws {
            let server = try await ValidatingServer.shared.value
            let client = try await client(nil)
            var root = server.baseURL
            root.appendPathComponent("__health")
            let data = try await client.download(root)
            #expect(!data.isEmpty)
        }
    }
}

extension IntegrationSlowTests {
    /// The server is an independent judge only if it can say no.
    @Suite(.enabled(if: ValidatingServer.externalURL == nil, "needs the local validating server"))
    struct ServerRejectsBadRequestsTests {
        func post(_ path: String, body: Data, contentType: String, apiKey: String? = "k") async throws -> Int {
            let server = try await ValidatingServer.shared.value
            var request = URLRequest(url: server.baseURL.appendingPathComponent(path))
            request.httpMethod = "POST"
            request.httpBody = body
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
            if let apiKey { request.setValue(apiKey, forHTTPHeaderField: "Api-Key") }
            let (_, response) = try await URLSession.shared.data(for: request)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }

        func form(_ parts: [(String, String)], boundary: String = "b0undary") -> Data {
            var text = ""
            for (name, value) in parts { text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n" }
            return Data((text + "--\(boundary)--\r\n").utf8)
        }

        @Test func aValidFormIsAccepted() async throws {
            #expect(try await post("v1/ideogram-v3/generate", body: form([("prompt", "ok")]), contentType: "multipart/form-data; boundary=b0undary") == 200)
        }

        @Test func aMissingRequiredFieldIsRejected() async throws {
            #expect(try await post("v1/ideogram-v3/generate", body: form([("seed", "1")]), contentType: "multipart/form-data; boundary=b0undary") == 400)
        }

        @Test func anUnknownEnumValueIsRejected() async throws {
            #expect(try await post("v1/ideogram-v3/generate", body: form([("prompt", "x"), ("rendering_speed", "WARP")]),
                                   contentType: "multipart/form-data; boundary=b0undary") == 400)
        }

        @Test func aMissingKeyIsRejected() async throws {
            #expect(try await post("v1/ideogram-v3/generate", body: form([("prompt", "x")]),
                                   contentType: "multipart/form-data; boundary=b0undary", apiKey: nil) == 400)
        }

        @Test func aFileSentAsTextIsRejected() async throws {
            #expect(try await post("v1/remove-background", body: form([("image", "not a file")]),
                                   contentType: "multipart/form-data; boundary=b0undary") == 400)
        }
    }
}
