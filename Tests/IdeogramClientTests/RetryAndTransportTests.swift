import Foundation
import IdeogramClient
import Testing

/// A transport that plays a script: each request takes the next step.
final class ScriptedTransport: Ideogram.HTTPTransport, @unchecked Sendable {
    enum Step {
        case respond(Int, [String: String], String)
        case fail(URLError.Code)
        case hang
    }

    private let lock = NSLock()
    private var steps: [Step]
    private var sent: [Ideogram.HTTPRequest] = []

    init(_ steps: [Step]) {
        self.steps = steps
    }

    var requests: [Ideogram.HTTPRequest] { lock.withLock { sent } }

    private func next(_ request: Ideogram.HTTPRequest) -> Step {
        lock.withLock {
            sent.append(request)
            return steps.isEmpty ? .respond(500, [:], "script exhausted") : steps.removeFirst()
        }
    }

    func send(_ request: Ideogram.HTTPRequest) async throws -> Ideogram.HTTPResponse {
        switch next(request) {
        case .respond(let status, let headers, let body):
            return Ideogram.HTTPResponse(statusCode: status, headers: headers, body: Data(body.utf8))
        case .fail(let code):
            throw URLError(code)
        case .hang:
            try await Task.sleep(for: .seconds(30))
            throw URLError(.timedOut)
        }
    }
}

struct RetryAndTransportTests {
    static let quick = Ideogram.RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(1), maximumDelay: .milliseconds(5))
    static let ok = ScriptedTransport.Step.respond(200, [:], #"{"datasets": []}"#)
    static let generated = ScriptedTransport.Step.respond(200, [:], Fixtures.imagesV3)

    @Test func tooManyRequestsIsRetriedAfterRetryAfter() async throws {
        let transport = ScriptedTransport([.respond(429, ["Retry-After": "0"], "{}"), .respond(429, ["retry-after": "0"], "{}"), Self.generated])
        let result = try await Fixtures.client(transport, retryPolicy: Self.quick).generateImageV3(.init(prompt: "x"))
        #expect(transport.requests.count == 3)
        #expect(result.data.count == 1)
        #expect(transport.requests.allSatisfy { $0.body == transport.requests[0].body })
    }

    @Test func retriesStopAtTheMaximum() async {
        let transport = ScriptedTransport(Array(repeating: .respond(429, ["Retry-After": "0"], "{}"), count: 5))
        do {
            _ = try await Fixtures.client(transport, retryPolicy: Self.quick).listDatasets()
            Issue.record("expected an error")
        } catch .unexpectedStatus(let failure) {
            #expect(failure.statusCode == 429)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(transport.requests.count == 3)
    }

    @Test func aServerErrorOnPOSTIsNotRetriedUnlessTheCallerOptsIn() async throws {
        let once = ScriptedTransport([.respond(503, [:], ""), Self.generated])
        await #expect(throws: IdeogramError.self) {
            _ = try await Fixtures.client(once, retryPolicy: Self.quick).generateImageV3(.init(prompt: "x"))
        }
        #expect(once.requests.count == 1)

        var optIn = Self.quick
        optIn.retriesServerErrorsOnUnsafeMethods = true
        let twice = ScriptedTransport([.respond(503, [:], ""), Self.generated])
        _ = try await Fixtures.client(twice, retryPolicy: optIn).generateImageV3(.init(prompt: "x"))
        #expect(twice.requests.count == 2)
    }

    @Test func aServerErrorOnGETIsRetried() async throws {
        let transport = ScriptedTransport([.respond(502, [:], "<html>bad gateway</html>"), Self.ok])
        _ = try await Fixtures.client(transport, retryPolicy: Self.quick).listDatasets()
        #expect(transport.requests.count == 2)
    }

    @Test func connectionFailuresBeforeSendingAreRetriedEvenForPOST() async throws {
        let transport = ScriptedTransport([.fail(.cannotConnectToHost), .fail(.cannotFindHost), Self.generated])
        _ = try await Fixtures.client(transport, retryPolicy: Self.quick).generateImageV3(.init(prompt: "x"))
        #expect(transport.requests.count == 3)
    }

    @Test func aTimeoutOnPOSTIsNotRetried() async {
        let transport = ScriptedTransport([.fail(.timedOut), Self.generated])
        do {
            _ = try await Fixtures.client(transport, retryPolicy: Self.quick).generateImageV3(.init(prompt: "x"))
            Issue.record("expected an error")
        } catch .transport(let failure) {
            #expect(failure.urlErrorCode == URLError.Code.timedOut.rawValue)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(transport.requests.count == 1)
    }

    @Test func cancellingTheTaskCancelsTheCall() async throws {
        let transport = ScriptedTransport([.hang])
        let client = Fixtures.client(transport)
        let task = Task { try await client.listDatasets() }
        while transport.requests.isEmpty { await Task.yield() }
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result, let typed = error as? IdeogramError, case .cancelled = typed else {
            Issue.record("expected .cancelled, got \(result)")
            return
        }
    }

    @Test func cancellingDuringABackoffStopsRetrying() async throws {
        let transport = ScriptedTransport([.respond(429, ["Retry-After": "20"], "{}"), Self.ok])
        let slow = Ideogram.RetryPolicy(maximumAttempts: 3, initialDelay: .seconds(20), maximumDelay: .seconds(20))
        let client = Fixtures.client(transport, retryPolicy: slow)
        let task = Task { try await client.listDatasets() }
        while transport.requests.isEmpty { await Task.yield() }
        task.cancel()
        if case .success = await task.result { Issue.record("expected cancellation") }
        #expect(transport.requests.count == 1)
    }

    @Test func theKeyIsNotSentOverPlainHTTPToAnotherHost() async {
        let transport = ScriptedTransport([Self.ok, Self.ok, Self.ok])
        do {
            _ = try await Fixtures.client(transport, baseURL: "http://gateway.example.com/ideogram").listDatasets()
            Issue.record("expected an error")
        } catch .invalidRequest(let reason) {
            #expect(reason.contains("http://"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(transport.requests.isEmpty)
        _ = try? await Fixtures.client(transport, baseURL: "http://127.0.0.1:8080").listDatasets()
        #expect(transport.requests.count == 1)
        let optedIn = Ideogram(
            configuration: .init(baseURL: URL(string: "http://gateway.example.com")!, apiKey: "k", allowsInsecureHTTP: true),
            transport: transport)
        _ = try? await optedIn.listDatasets()
        #expect(transport.requests.count == 2)
    }

    @Test func downloadsGoThroughTheTransportWithoutTheKey() async throws {
        let transport = ScriptedTransport([.respond(200, [:], "PNGDATA"), .respond(200, [:], "OTHER")])
        let client = Fixtures.client(transport)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("downloads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try await client.download(
            [URL(string: "https://ideogram.ai/api/images/ephemeral/a.png")!, URL(string: "https://ideogram.ai/b.png")!], into: folder)
        #expect(files.map(\.lastPathComponent) == ["a.png", "b.png"])
        #expect(try Data(contentsOf: files[0]) == Data("PNGDATA".utf8))
        #expect(transport.requests.allSatisfy { $0.value(forHeader: "Api-Key") == nil })
    }

    @Test func retryAfterIsReadAsSecondsOrAnHTTPDate() {
        let policy = Ideogram.RetryPolicy(maximumDelay: .seconds(60))
        #expect(policy.delay(retryAfter: "7") == .seconds(7))
        #expect(policy.delay(retryAfter: "600") == .seconds(60))
        #expect(policy.delay(retryAfter: "soon") == nil)
        let now = Date(timeIntervalSince1970: 784_111_767)
        #expect(policy.delay(retryAfter: "Sun, 06 Nov 1994 08:49:47 GMT", now: now) == .seconds(20))
    }

    @Test func backoffGrowsExponentiallyWithJitterAndACap() {
        let policy = Ideogram.RetryPolicy(maximumAttempts: 10, initialDelay: .milliseconds(100), maximumDelay: .seconds(1))
        for attempt in 1...8 {
            let ceiling = min(Duration.milliseconds(100) * (1 << (attempt - 1)), .seconds(1))
            let delays = (0..<20).map { _ in policy.backoff(after: attempt) }
            #expect(delays.allSatisfy { $0 >= .zero && $0 <= ceiling })
            #expect(Set(delays).count > 1, "jitter spreads the delays")
        }
    }
}
