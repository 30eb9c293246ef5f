import Foundation
@testable import ClientRuntime
import Testing

/// `waitForJob`, driven as a generated job's `wait(for:)` drives it: a
/// status operation that GETs the polling URL through `send`.
struct JobPollingTests {
    /// A job's status, as a status operation decodes it.
    struct JobState: Codable, Equatable {
        var status: String?
        var error: JSONValue?
        var output: String?
    }

    static let pollingURL = URL(string: "https://api.example.com/v2/jobs/42")!
    static let quickly = JobPolling(interval: .milliseconds(1), deadline: .seconds(600))

    static func state(_ status: String, _ extra: String = "") -> ScriptedTransport.Step {
        .respond(.json(#"{"status": "\#(status)"\#(extra)}"#))
    }

    static func status(_ code: Int, _ headers: [String: String] = [:]) -> ScriptedTransport.Step {
        .respond(.json(#"{"error": "status \#(code)"}"#, statusCode: code, headers: headers))
    }

    /// One poll, as a generated status operation makes it.
    static func poll(_ client: APIClient, url: URL) async throws(APIClientError) -> JobState {
        let exchange = try await client.send(RequestBuilder(operationID: "get-job", method: "GET", url: url))
        guard (200..<300).contains(exchange.statusCode) else {
            throw client.unexpectedStatus(exchange, documentedBody: nil)
        }
        return try client.decode(JobState.self, from: exchange)
    }

    /// Waits for the job at `url` with `client`, and notes the client each poll was given.
    static func wait(_ client: APIClient, polling: JobPolling = quickly, url: URL = pollingURL,
                     seen: ((APIClient) -> Void)? = nil) async -> Result<JobState, APIClientError> {
        await outcome { () async throws(APIClientError) -> JobState in
            try await client.waitForJob(
                polling: polling, operationID: "get-job", succeeded: ["COMPLETED"], failed: ["FAILED", "ERROR"],
                poll: { (pollClient: APIClient) async throws(APIClientError) -> JobState in
                    seen?(pollClient)
                    return try await poll(pollClient, url: url)
                },
                stage: { $0.status })
        }
    }

    static func client(_ transport: ScriptedTransport, attempts: Int = 3) -> APIClient {
        Fixture.client(transport, retryPolicy: APIClient.RetryPolicy(maximumAttempts: attempts, initialDelay: .milliseconds(1)))
    }

    @Test func theDefaultAsksEveryTwoAndAHalfSecondsForTenMinutes() {
        #expect(JobPolling.default.interval == .milliseconds(2_500))
        #expect(JobPolling.default.deadline == .seconds(600))
        #expect(JobPolling() == JobPolling.default)
    }

    // MARK: - Stages

    @Test func pollsThroughItsStagesToTheResult() async throws {
        let transport = ScriptedTransport([Self.state("QUEUED"), Self.state("PROCESSING"), Self.state("RUNNING"),
                                           Self.state("COMPLETED", #", "output": "https://cdn.example.com/out.png""#)])
        let result = try await Self.wait(Self.client(transport)).get()
        #expect(result == JobState(status: "COMPLETED", output: "https://cdn.example.com/out.png"))
        #expect(transport.requests.count == 4)
        for poll in transport.requests {
            #expect(poll.method == "GET")
            #expect(poll.url == Self.pollingURL)
            #expect(poll.value(forHeader: "Api-Key") == Fixture.apiKey)
            #expect(poll.body == nil)
        }
    }

    @Test(arguments: ["FAILED", "ERROR"])
    func aFailedStageEndsTheWaitWithTheServersMessage(stage: String) async throws {
        let transport = ScriptedTransport([Self.state("PROCESSING"), Self.state(stage, #", "error": "The image could not be read.""#),
                                           Self.state("COMPLETED")])
        let error = try #require(await Self.wait(Self.client(transport)).failure)
        guard case .jobFailed(let failure) = error else {
            Issue.record("expected jobFailed, got \(error)")
            return
        }
        #expect(failure == APIClientError.JobFailure(
            operationID: "get-job", stage: stage, message: "The image could not be read.", polls: 2,
            body: Data(#"{"error":"The image could not be read.","status":"\#(stage)"}"#.utf8)))
        #expect(error.attempts == 2)
        #expect(error.description == "get-job: the job ended as \(stage): The image could not be read.")
        #expect(error.localizedDescription == "The job ended as \(stage): The image could not be read.")
        #expect(transport.requests.count == 2)
    }

    @Test func aFailedStageFindsANestedMessageOrNone() async throws {
        let nested = ScriptedTransport([Self.state("FAILED", #", "error": {"code": 7, "message": "Out of credits"}"#)])
        guard case .jobFailed(let failure)? = await Self.wait(Self.client(nested)).failure else {
            Issue.record("expected jobFailed")
            return
        }
        #expect(failure.message == "Out of credits")
        #expect(failure.body.text == #"{"error":{"code":7,"message":"Out of credits"},"status":"FAILED"}"#)
        let silent = ScriptedTransport([Self.state("ERROR")])
        let error = try #require(await Self.wait(Self.client(silent)).failure)
        guard case .jobFailed(let bare) = error else {
            Issue.record("expected jobFailed, got \(error)")
            return
        }
        #expect(bare.message == nil && bare.polls == 1)
        #expect(error.localizedDescription == "The job ended as ERROR.")
        #expect(error.description == "get-job: the job ended as ERROR")
    }

    // MARK: - The deadline

    @Test(arguments: [Duration.zero, .seconds(-1)])
    func aDeadlineThatHasPassedSendsNothing(deadline: Duration) async throws {
        let transport = ScriptedTransport([Self.state("COMPLETED")])
        let error = try #require(await Self.wait(Self.client(transport), polling: JobPolling(interval: .milliseconds(1), deadline: deadline)).failure)
        guard case .jobTimedOut(let timeout) = error else {
            Issue.record("expected jobTimedOut, got \(error)")
            return
        }
        #expect(timeout == APIClientError.JobTimeout(operationID: "get-job", lastStage: nil, polls: 0, deadline: deadline))
        #expect(transport.requests.isEmpty)
    }

    /// When the next poll would come after the deadline, the wait ends at once.
    @Test func aWaitLongerThanWhatIsLeftEndsTheWaitAtOnce() async throws {
        let transport = ScriptedTransport([Self.state("PROCESSING"), Self.state("COMPLETED")])
        let polling = JobPolling(interval: .seconds(600), deadline: .seconds(60))
        let error = try #require(await Self.wait(Self.client(transport), polling: polling).failure)
        guard case .jobTimedOut(let timeout) = error else {
            Issue.record("expected jobTimedOut, got \(error)")
            return
        }
        #expect(timeout == APIClientError.JobTimeout(operationID: "get-job", lastStage: "PROCESSING", polls: 1, deadline: .seconds(60)))
        #expect(error.attempts == 1)
        #expect(error.description == "get-job: the job had not ended after 1 polls in \(Duration.seconds(60)) (last stage: PROCESSING)")
        #expect(error.localizedDescription == "The job did not finish within 60 seconds; it was still PROCESSING.")
        #expect(transport.requests.count == 1)
    }

    @Test func aDeadlineThatPassesWhilePollingEndsTheWait() async throws {
        let transport = ScriptedTransport([Self.state("PROCESSING")])
        let polling = JobPolling(interval: .milliseconds(5), deadline: .milliseconds(100))
        let error = try #require(await Self.wait(Self.client(transport), polling: polling).failure)
        guard case .jobTimedOut(let timeout) = error else {
            Issue.record("expected jobTimedOut, got \(error)")
            return
        }
        #expect(timeout.lastStage == "PROCESSING")
        #expect(timeout.polls >= 1)
        #expect(timeout.polls == transport.requests.count)
        #expect(timeout.deadline == .milliseconds(100))
    }

    /// An answer without a stage (or with one the job does not list) goes
    /// on polling; the last stage seen is the one reported.
    @Test func anAnswerWithoutAStageKeepsTheLastOne() async throws {
        let transport = ScriptedTransport([Self.state("PROCESSING"), .respond(.json("{}")), Self.state("WARMING_UP"),
                                           .respond(.json("{}")), Self.status(429, ["Retry-After": "3600"])])
        let error = try #require(await Self.wait(Self.client(transport)).failure)
        guard case .jobTimedOut(let timeout) = error else {
            Issue.record("expected jobTimedOut, got \(error)")
            return
        }
        #expect(timeout.lastStage == "WARMING_UP")
        #expect(timeout.polls == 5)
    }

    // MARK: - Rate limits and failures

    /// A 429 asking for an hour, with ten minutes left: the wait ends now
    /// rather than polling again after the interval.
    @Test func aRateLimitWaitsAsLongAsItsRetryAfterSays() async throws {
        let transport = ScriptedTransport([Self.status(429, ["Retry-After": "3600"]), Self.state("COMPLETED")])
        let error = try #require(await Self.wait(Self.client(transport)).failure)
        guard case .jobTimedOut(let timeout) = error else {
            Issue.record("expected jobTimedOut, got \(error)")
            return
        }
        #expect(timeout.polls == 1 && timeout.lastStage == nil)
        #expect(transport.requests.count == 1)
    }

    /// Rate limits are not failures: more of them in a row than the retry
    /// policy's attempts still go on.
    @Test func rateLimitsDoNotCountAsFailures() async throws {
        let limited = Self.status(429, ["Retry-After": "0"])
        let transport = ScriptedTransport([limited, limited, limited, .respond(.status(429)), limited, Self.state("COMPLETED")])
        let result = try await Self.wait(Self.client(transport, attempts: 2)).get()
        #expect(result.status == "COMPLETED")
        #expect(transport.requests.count == 6)
    }

    @Test func transientFailuresAreAskedAgainAsManyTimesInARowAsThePolicyAllows() async throws {
        let lost = ScriptedTransport.Step.fail(URLError(.networkConnectionLost))
        let recovers = ScriptedTransport([Self.status(503), lost, Self.state("PROCESSING"), Self.status(500), Self.status(502),
                                          Self.state("COMPLETED")])
        #expect(try await Self.wait(Self.client(recovers, attempts: 3)).get().status == "COMPLETED")
        #expect(recovers.requests.count == 6)

        let keepsFailing = ScriptedTransport([Self.status(503), Self.status(503), Self.status(504, ["X-Last": "yes"]), Self.state("COMPLETED")])
        let error = try #require(await Self.wait(Self.client(keepsFailing, attempts: 3)).failure)
        let failure = try #require(error.unexpectedStatusFailure)
        #expect(failure.statusCode == 504)
        #expect(failure.value(forHeader: "x-last") == "yes")
        // Each poll is sent once: the poll's client does not retry by itself.
        #expect(failure.attempts == 1)
        #expect(keepsFailing.requests.count == 3)

        let once = ScriptedTransport([Self.status(503), Self.state("COMPLETED")])
        #expect(await Self.wait(Self.client(once, attempts: 1)).failure?.statusCode == 503)
        #expect(once.requests.count == 1)
    }

    @Test(arguments: [400, 401, 404, 422, 501])
    func anErrorThatIsNotTransientIsThrownAsItIs(status: Int) async throws {
        let transport = ScriptedTransport([Self.status(status), Self.state("COMPLETED")])
        let failure = try #require(await Self.wait(Self.client(transport)).failure?.unexpectedStatusFailure)
        #expect(failure.statusCode == status)
        #expect(failure.operationID == "get-job")
        #expect(failure.serverMessage == "status \(status)")
        #expect(transport.requests.count == 1)
    }

    @Test func aBodyThatDoesNotDecodeIsThrownAsItIs() async throws {
        let transport = ScriptedTransport([.respond(.json(#"{"status": 7}"#)), Self.state("COMPLETED")])
        let error = try #require(await Self.wait(Self.client(transport)).failure)
        guard case .decoding(let failure) = error else {
            Issue.record("expected decoding, got \(error)")
            return
        }
        #expect(failure.operationID == "get-job")
        #expect(failure.message.hasPrefix("status: "))
        #expect(transport.requests.count == 1)
    }

    /// Each poll runs on a copy of the client that does not retry and whose
    /// timeout ends with the deadline (in whole seconds, rounded up).
    @Test func eachPollHasNoRetriesAndATimeoutWithinTheDeadline() async throws {
        var seen: [APIClient] = []
        let transport = ScriptedTransport([Self.state("PROCESSING"), Self.state("COMPLETED")])
        // The client's timeout (100 s) is shorter than what is left of a
        // deadline of 10,000 s at every poll, however slowly the test runs.
        let patient = Fixture.client(transport, retryPolicy: APIClient.RetryPolicy(maximumAttempts: 3)) {
            $0.timeout = .seconds(100)
        }
        _ = try await Self.wait(patient, polling: JobPolling(interval: .milliseconds(1), deadline: .seconds(10_000)),
                                seen: { seen.append($0) }).get()
        #expect(seen.map(\.configuration.retryPolicy.maximumAttempts) == [1, 1])
        #expect(seen.map(\.configuration.timeout) == [.seconds(100), .seconds(100)])
        #expect(transport.requests.map(\.timeout) == [.seconds(100), .seconds(100)])

        let shortTimeout = ScriptedTransport([Self.state("COMPLETED")])
        let client = Fixture.client(shortTimeout) { $0.timeout = .seconds(5) }
        _ = try await Self.wait(client, polling: JobPolling(interval: .milliseconds(1), deadline: .seconds(100))).get()
        #expect(shortTimeout.requests.first?.timeout == .seconds(5))

        // A deadline shorter than the client's timeout bounds the first poll,
        // rounded up to whole seconds (the first poll goes at once: 100.999 s
        // are left, less than a second gone).
        let fraction = ScriptedTransport([Self.state("COMPLETED")])
        _ = try await Self.wait(Self.client(fraction), polling: JobPolling(interval: .milliseconds(1), deadline: .milliseconds(100_999))).get()
        #expect(fraction.requests.first?.timeout == .seconds(101))
    }

    // MARK: - Cancellation and other hosts

    @Test func aCancelledTaskPollsNothing() async throws {
        let transport = ScriptedTransport([Self.state("COMPLETED")])
        let client = Self.client(transport)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await Self.wait(client)
        }
        #expect(try #require(await task.value.failure).isCancelled)
        #expect(transport.requests.isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingBetweenPollsEndsTheWaitAtOnce() async throws {
        let transport = ScriptedTransport([Self.state("PROCESSING"), Self.state("COMPLETED")])
        let client = Self.client(transport)
        let task = Task { await Self.wait(client, polling: JobPolling(interval: .seconds(600), deadline: .seconds(3_600))) }
        await transport.waitForRequests(1)
        task.cancel()
        #expect(try #require(await task.value.failure).isCancelled)
        #expect(transport.requests.count == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingDuringAPollEndsTheWaitAtOnce() async throws {
        let transport = ScriptedTransport([.hang])
        let client = Self.client(transport)
        let task = Task { await Self.wait(client) }
        await transport.waitForRequests(1)
        task.cancel()
        #expect(try #require(await task.value.failure).isCancelled)
        #expect(transport.requests.count == 1)
    }

    @Test(arguments: ["https://evil.example/v2/jobs/42", "https://api.example.com:8443/v2/jobs/42", "http://api.example.com/v2/jobs/42",
                      "ftp://api.example.com/v2/jobs/42", "https://api.example.com.evil.example/v2/jobs/42"])
    func aPollingURLOnAnotherHostIsNeverCalled(url: String) async throws {
        let transport = ScriptedTransport([Self.state("COMPLETED")])
        let error = try #require(await Self.wait(Self.client(transport), url: URL(string: url)!).failure)
        let reason = try #require(error.invalidRequestReason, "\(error)")
        #expect(reason.hasSuffix("it is not called, so that the API key stays with api.example.com"))
        #expect(!reason.contains(Fixture.apiKey))
        #expect(transport.requests.isEmpty)
    }
}
