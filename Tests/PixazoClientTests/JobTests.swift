import Foundation
import PixazoClient
import Testing

/// The background-removal job of the Pixazo client, run against canned
/// answers: submit, then poll the `polling_url` the answer gave until the
/// job ends. The same flow over real HTTP, against the project's Pixazo
/// server, is in IntegrationTests.
struct JobTests {
    static let base = URL(string: "https://gateway.pixazo.ai")!
    static let pollingURL = "https://gateway.pixazo.ai/v2/requests/status/ideogram-remove-background_42"
    // A long deadline: other suites running beside this one may hold the threads for a while.
    static let fast = JobPolling(interval: .milliseconds(5), deadline: .seconds(600))

    static func submitted(pollingURL: String = pollingURL) -> Pixazo.HTTPResponse {
        .json(#"{"request_id": "ideogram-remove-background_42", "status": "QUEUED", "polling_url": "\#(pollingURL)"}"#)
    }

    static func status(_ stage: String, extra: String = "") -> Pixazo.HTTPResponse {
        .json(#"{"request_id": "ideogram-remove-background_42", "status": "\#(stage)"\#(extra)}"#)
    }

    static let completed = status("COMPLETED", extra: #", "output": {"media_url": ["https://cdn.pixazo.ai/out.png"], "media_type": "image/png"}"#)

    static func client(_ transport: Pixazo.StubTransport, base: URL = base) -> Pixazo {
        Pixazo(apiKey: "secret-key", baseURL: base, transport: transport)
    }

    static let request = RemoveBackgroundRequest(imageURL: URL(string: "https://example.com/cat.jpg")!)

    @Test func waitsThroughQueuedAndProcessingForTheResult() async throws {
        let stub = Pixazo.StubTransport(responses: [Self.submitted(), Self.status("QUEUED"), Self.status("PROCESSING"), Self.completed])
        let result = try await Self.client(stub).removeBackground(request: Self.request, polling: Self.fast)
        #expect(result.status == .completed)
        #expect(result.output?.mediaURL == [URL(string: "https://cdn.pixazo.ai/out.png")!])
        #expect(result.output?.mediaType == "image/png")
        let requests = await stub.requests
        #expect(requests.count == 4)
        #expect(requests[0].method == "POST")
        #expect(requests[0].url.absoluteString == "https://gateway.pixazo.ai/ideogram-remove-background/v1/ideogram-remove-background-request")
        // Every poll goes to the polling URL as given, with the key.
        for poll in requests.dropFirst() {
            #expect(poll.method == "GET")
            #expect(poll.url.absoluteString == Self.pollingURL)
            #expect(poll.value(forHeader: "Ocp-Apim-Subscription-Key") == "secret-key")
            #expect(poll.body == nil)
        }
    }

    @Test func failedAndErrorAreTypedErrorsThatSayWhich() async throws {
        for (stage, message) in [("FAILED", "The image could not be read."), ("ERROR", "Platform error; this job is not charged.")] {
            let stub = Pixazo.StubTransport(responses: [Self.submitted(), Self.status("PROCESSING"), Self.status(stage, extra: #", "error": "\#(message)""#)])
            do {
                _ = try await Self.client(stub).removeBackground(request: Self.request, polling: Self.fast)
                Issue.record("\(stage) did not throw")
            } catch .jobFailed(let failure) {
                #expect(failure.stage == stage)
                #expect(failure.message == message)
                #expect(failure.polls == 2)
                #expect(failure.operationID == "get-remove-background-status")
                let error = PixazoError.jobFailed(failure)
                #expect(error.localizedDescription == "The job ended as \(stage): \(message)")
                #expect(!error.description.contains("secret-key"))
            } catch {
                Issue.record("\(stage): unexpected \(error)")
            }
        }
    }

    @Test func aDeadlineThatPassesEndsTheWait() async throws {
        let stub = Pixazo.StubTransport(responses: [Self.submitted(), Self.status("PROCESSING")])
        do {
            _ = try await Self.client(stub).removeBackground(
                request: Self.request, polling: JobPolling(interval: .milliseconds(20), deadline: .milliseconds(150)))
            Issue.record("the wait did not end")
        } catch .jobTimedOut(let timeout) {
            #expect(timeout.lastStage == "PROCESSING")
            #expect(timeout.polls >= 1)
            #expect(timeout.deadline == .milliseconds(150))
            #expect(await stub.requests.count == timeout.polls + 1)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aRateLimitedPollWaitsAndGoesOn() async throws {
        let limited = Pixazo.HTTPResponse.json(#"{"error": "Too many requests", "message": "Slow down"}"#, statusCode: 429, headers: ["Retry-After": "0"])
        let stub = Pixazo.StubTransport(responses: [Self.submitted(), limited, limited, limited, Self.completed])
        let result = try await Self.client(stub).removeBackground(request: Self.request, polling: Self.fast)
        #expect(result.status == .completed)
        #expect(await stub.requests.count == 5)
    }

    @Test func anErrorStatusOnAPollThatIsNotTransientIsThrownAsItIs() async throws {
        let stub = Pixazo.StubTransport(responses: [Self.submitted(), .json(#"{"error": "Not found", "message": "No such job"}"#, statusCode: 404)])
        do {
            _ = try await Self.client(stub).removeBackground(request: Self.request, polling: Self.fast)
            Issue.record("a 404 did not throw")
        } catch .unexpectedStatus(let failure) {
            #expect(failure.statusCode == 404)
            #expect(failure.operationID == "get-remove-background-status")
            guard case .errorResponse(let body)? = failure.documentedBody else {
                Issue.record("the 404 body was not decoded as documented")
                return
            }
            #expect(body.message == "No such job")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aPollingURLOnAnotherHostIsNeverCalled() async throws {
        for other in ["https://evil.example/v2/requests/status/x", "https://gateway.pixazo.ai:8443/v2/requests/status/x",
                      "http://gateway.pixazo.ai/v2/requests/status/x", "ftp://gateway.pixazo.ai/x"] {
            let stub = Pixazo.StubTransport(responses: [Self.submitted(pollingURL: other), Self.completed])
            do {
                _ = try await Self.client(stub).removeBackground(request: Self.request, polling: Self.fast)
                Issue.record("\(other) was polled")
            } catch .invalidRequest(let reason) {
                #expect(reason.contains("it is not called, so that the API key stays with gateway.pixazo.ai"), "\(reason)")
                #expect(!reason.contains("secret-key"))
            } catch {
                Issue.record("\(other): unexpected \(error)")
            }
            // Only the submission went out.
            #expect(await stub.requests.count == 1)
        }
    }

    @Test func plainHTTPPollingFollowsTheBaseURLsRule() async throws {
        // A loopback server over http (a test server) is polled.
        let local = URL(string: "http://127.0.0.1:8080")!
        let stub = Pixazo.StubTransport(responses: [Self.submitted(pollingURL: "http://127.0.0.1:8080/v2/requests/status/x"), Self.completed])
        _ = try await Self.client(stub, base: local).removeBackground(request: Self.request, polling: Self.fast)
        #expect(await stub.requests.count == 2)
        // Another machine over http is refused before anything is sent.
        let remote = Pixazo.StubTransport(responses: [Self.submitted(pollingURL: "http://gateway.example/x"), Self.completed])
        do {
            _ = try await Self.client(remote, base: URL(string: "http://gateway.example")!).removeBackground(request: Self.request, polling: Self.fast)
            Issue.record("the key went out over plain http")
        } catch .invalidRequest(let reason) {
            #expect(reason.contains("unencrypted"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(await remote.requests.isEmpty)
    }

    @Test func twoNamesOfThisMachineAreOneHostButAnotherPortIsNot() async throws {
        let local = URL(string: "http://127.0.0.1:8080")!
        let alias = Pixazo.StubTransport(responses: [Self.submitted(pollingURL: "http://localhost:8080/v2/requests/status/x"), Self.completed])
        _ = try await Self.client(alias, base: local).removeBackground(request: Self.request, polling: Self.fast)
        #expect(await alias.requests.last?.url.host == "localhost")
        let otherPort = Pixazo.StubTransport(responses: [Self.submitted(pollingURL: "http://localhost:9090/v2/requests/status/x"), Self.completed])
        do {
            _ = try await Self.client(otherPort, base: local).removeBackground(request: Self.request, polling: Self.fast)
            Issue.record("another port was polled")
        } catch .invalidRequest(let reason) {
            #expect(reason.contains("localhost:9090"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(await otherPort.requests.count == 1)
    }

    @Test func cancellingTheTaskStopsThePolling() async throws {
        let stub = Pixazo.StubTransport(responses: [Self.submitted(), Self.status("PROCESSING")])
        let client = Self.client(stub)
        let task = Task {
            try await client.removeBackground(request: Self.request, polling: JobPolling(interval: .seconds(600), deadline: .seconds(3600)))
        }
        // Wait for the first poll, then cancel while the client sleeps before the next.
        while await stub.requests.count < 2 { await Task.yield() }
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result, let typed = error as? PixazoError, case .cancelled = typed else {
            Issue.record("expected .cancelled, got \(result)")
            return
        }
        #expect(await stub.requests.count == 2)
    }

    @Test func stepByStepSubmitThenStatusThenWait() async throws {
        let stub = Pixazo.StubTransport(responses: [Self.submitted(), Self.status("PROCESSING"), Self.completed])
        let client = Self.client(stub)
        let submission = try await client.submitRemoveBackground(request: Self.request)
        guard case .removeBackgroundJob(let job) = submission else {
            Issue.record("the submission is not a job: \(submission)")
            return
        }
        #expect(job.pollingURL?.absoluteString == Self.pollingURL)
        #expect(try await client.status(of: job).status == .processing)
        #expect(try await client.wait(for: job, polling: Self.fast).status == .completed)
    }

    @Test func aJobWithoutAPollingURLIsAskedForThroughTheStatusOperation() async throws {
        let stub = Pixazo.StubTransport(responses: [
            .json(#"{"request_id": "ideogram-remove-background_42", "status": "QUEUED", "polling_url": ""}"#), Self.completed,
        ])
        _ = try await Self.client(stub).removeBackground(request: Self.request, polling: Self.fast)
        let poll = try #require(await stub.requests.last)
        #expect(poll.url.absoluteString == "https://gateway.pixazo.ai/v2/requests/status/ideogram-remove-background_42")
    }

    @Test func anInlineAnswerIsNotAJob() async throws {
        let inline = Pixazo.HTTPResponse.json(#"{"images": [{"url": "data:image/png;base64,iVBORw0KGgo=", "content_type": "image/png"}]}"#)
        let stub = Pixazo.StubTransport(responses: [inline])
        do {
            _ = try await Self.client(stub).removeBackground(request: RemoveBackgroundRequest(imageURL: URL(string: "https://example.com/cat.jpg")!, syncMode: true),
                                                             polling: Self.fast)
            Issue.record("an inline answer was waited on")
        } catch .invalidRequest(let reason) {
            #expect(reason.contains("answered with a result, not a job"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        let submission = try await Self.client(Pixazo.StubTransport(responses: [inline])).submitRemoveBackground(request: Self.request)
        guard case .inlineImageResult(let result) = submission else {
            Issue.record("the inline answer did not decode as one: \(submission)")
            return
        }
        #expect(result.images.first?.contentType == "image/png")
    }
}
