import Foundation
@testable import ClientRuntime
import Testing

/// `RetryPolicy`'s arithmetic, and the retry loop of `sendWithRetries`: which
/// answers and failures are sent again, for which methods, how attempts are
/// counted, and what cancellation does.
struct RetryPolicyTests {
    typealias RetryPolicy = APIClient.RetryPolicy

    @Test func theDefaultsAreThreeAttemptsFromHalfASecondUpToThirtySeconds() {
        #expect(RetryPolicy.default == RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(500), maximumDelay: .seconds(30),
                                                   retriesServerErrorsOnUnsafeMethods: false))
        #expect(RetryPolicy.default.maximumAttempts == 3)
        #expect(RetryPolicy.default.initialDelay == .milliseconds(500))
        #expect(RetryPolicy.default.maximumDelay == .seconds(30))
        #expect(!RetryPolicy.default.retriesServerErrorsOnUnsafeMethods)
        #expect(RetryPolicy.never.maximumAttempts == 1)
    }

    @Test(arguments: [(0, 1), (-5, 1), (1, 1), (2, 2), (10, 10)])
    func maximumAttemptsIsAtLeastOne(given: Int, kept: Int) {
        #expect(RetryPolicy(maximumAttempts: given).maximumAttempts == kept)
    }

    /// Full jitter: each backoff is a uniform draw from zero to the ceiling,
    /// and the ceiling doubles from `initialDelay` until `maximumDelay`.
    /// With 400 draws, a draw within 10% of either end is certain but for a
    /// chance of 0.9^400 (about 1e-18).
    @Test func backoffDrawsFromZeroToACeilingThatDoublesUpToTheMaximum() {
        let policy = RetryPolicy(maximumAttempts: 10, initialDelay: .milliseconds(100), maximumDelay: .milliseconds(1_000))
        let ceilings: [Int: Duration] = [
            1: .milliseconds(100), 2: .milliseconds(200), 3: .milliseconds(400), 4: .milliseconds(800),
            5: .milliseconds(1_000), 6: .milliseconds(1_000), 9: .milliseconds(1_000),
        ]
        for (attempt, ceiling) in ceilings.sorted(by: { $0.key < $1.key }) {
            let draws = (0..<400).map { _ in policy.backoff(after: attempt) }
            #expect(draws.allSatisfy { $0 >= .zero && $0 <= ceiling }, "attempt \(attempt): \(draws.max()!) above \(ceiling)")
            #expect(draws.max()! > ceiling * 0.9, "attempt \(attempt): the ceiling is \(ceiling), the largest draw \(draws.max()!)")
            #expect(draws.min()! < ceiling * 0.1, "attempt \(attempt): the smallest draw is \(draws.min()!)")
        }
    }

    @Test func theExponentStopsGrowingSoThatLateAttemptsDoNotOverflow() {
        let policy = RetryPolicy(maximumAttempts: 1_000, initialDelay: .seconds(1), maximumDelay: .seconds(30))
        for attempt in [31, 32, 64, 1_000, Int.max] {
            let draws = (0..<100).map { _ in policy.backoff(after: attempt) }
            #expect(draws.allSatisfy { $0 >= .zero && $0 <= .seconds(30) })
            #expect(draws.max()! > .seconds(15))
        }
    }

    @Test func anInitialDelayAboveTheMaximumIsCappedFromTheFirstAttempt() {
        let policy = RetryPolicy(initialDelay: .seconds(10), maximumDelay: .seconds(1))
        let draws = (0..<400).map { _ in policy.backoff(after: 1) }
        #expect(draws.allSatisfy { $0 <= .seconds(1) })
        #expect(draws.max()! > .milliseconds(900))
    }

    @Test func zeroDelaysMeanNoWait() {
        #expect(RetryPolicy(initialDelay: .zero).backoff(after: 3) == .zero)
        let noWait = RetryPolicy(initialDelay: .seconds(1), maximumDelay: .zero)
        #expect(noWait.backoff(after: 1) == .zero)
        #expect(noWait.delay(retryAfter: "120") == .zero)
    }
}

/// The retry loop, driven through `APIClient.send` with a scripted
/// transport and delays of a millisecond or two.
struct RetryLoopTests {
    static let repeatable = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]
    static let unsafe = ["POST", "PATCH"]

    /// Sends one request of `method` through a client with `policy`.
    static func send(_ method: String, _ transport: ScriptedTransport,
                     policy: APIClient.RetryPolicy = Fixture.quick) async -> Result<Exchange, APIClientError> {
        let client = Fixture.client(transport, retryPolicy: policy)
        return await outcome { () async throws(APIClientError) -> Exchange in
            try await client.send(RequestBuilder(operationID: "op", method: method, path: "/v1/thing"))
        }
    }

    @Test(arguments: repeatable + unsafe)
    func aRateLimitIsRetriedForEveryMethod(method: String) async throws {
        let transport = ScriptedTransport([.respond(.status(429, ["Retry-After": "0"])), .respond(.status(429)), .respond(.status(200))])
        let exchange = try await Self.send(method, transport).get()
        #expect(exchange.statusCode == 200)
        #expect(exchange.attempts == 3)
        #expect(transport.requests.count == 3)
        #expect(transport.requests.allSatisfy { $0 == transport.requests[0] }, "every attempt sends the same request")
    }

    @Test(arguments: [500, 502, 503, 504, 599])
    func aServerErrorIsRetriedForRepeatableMethodsOnly(status: Int) async throws {
        for method in Self.repeatable {
            let transport = ScriptedTransport([.respond(.status(status)), .respond(.status(200))])
            let exchange = try await Self.send(method, transport).get()
            #expect(exchange.statusCode == 200 && exchange.attempts == 2, "\(method) \(status)")
        }
        for method in Self.unsafe {
            let transport = ScriptedTransport([.respond(.status(status)), .respond(.status(200))])
            let exchange = try await Self.send(method, transport).get()
            #expect(exchange.statusCode == status && exchange.attempts == 1, "\(method) \(status)")
        }
    }

    @Test(arguments: unsafe)
    func aServerErrorOnAnUnsafeMethodIsRetriedWhenThePolicySays(method: String) async throws {
        var policy = Fixture.quick
        policy.retriesServerErrorsOnUnsafeMethods = true
        let transport = ScriptedTransport([.respond(.status(503)), .respond(.status(502)), .respond(.status(201))])
        let exchange = try await Self.send(method, transport, policy: policy).get()
        #expect(exchange.statusCode == 201)
        #expect(exchange.attempts == 3)
    }

    /// 501 (Not Implemented) is no failure a retry changes; nor is any 4xx but 429.
    @Test(arguments: [501, 400, 401, 403, 404, 409, 422, 200, 204, 302])
    func otherStatusesAreReturnedAtOnce(status: Int) async throws {
        var policy = Fixture.quick
        policy.retriesServerErrorsOnUnsafeMethods = true
        for method in ["GET", "POST"] {
            let transport = ScriptedTransport([.respond(.status(status)), .respond(.status(299))])
            let exchange = try await Self.send(method, transport, policy: policy).get()
            #expect(exchange.statusCode == status && exchange.attempts == 1, "\(method) \(status)")
        }
    }

    @Test func theLastAnswerIsReturnedWhenTheAttemptsRunOut() async throws {
        let transport = ScriptedTransport([.respond(.status(503, ["X-Try": "1"])), .respond(.status(503, ["X-Try": "2"])),
                                           .respond(.status(503, ["X-Try": "3"])), .respond(.status(200))])
        let exchange = try await Self.send("GET", transport).get()
        #expect(exchange.statusCode == 503)
        #expect(exchange.response.value(forHeader: "x-try") == "3")
        #expect(exchange.attempts == 3)
        #expect(transport.requests.count == 3)
    }

    @Test func neverSendsOnce() async throws {
        let transport = ScriptedTransport([.respond(.status(429, ["Retry-After": "0"])), .respond(.status(200))])
        let exchange = try await Self.send("GET", transport, policy: .never).get()
        #expect(exchange.statusCode == 429 && exchange.attempts == 1)
        #expect(transport.requests.count == 1)
    }

    /// The codes `failedBeforeSending` lists: nothing reached a server, so
    /// even a POST is sent again.
    @Test(arguments: [URLError.Code.cannotFindHost, .cannotConnectToHost, .dnsLookupFailed, .notConnectedToInternet,
                      .internationalRoamingOff, .dataNotAllowed, .secureConnectionFailed])
    func aFailureBeforeSendingIsRetriedForEveryMethod(code: URLError.Code) async throws {
        for method in Self.repeatable + Self.unsafe {
            let transport = ScriptedTransport([.fail(URLError(code)), .respond(.status(200))])
            let exchange = try await Self.send(method, transport).get()
            #expect(exchange.statusCode == 200 && exchange.attempts == 2, "\(method) \(code.rawValue)")
        }
    }

    /// A timeout or a connection lost mid-request may have reached the
    /// server: only repeatable methods (or an opted-in policy) try again.
    @Test(arguments: [URLError.Code.timedOut, .networkConnectionLost, .badServerResponse])
    func aFailureThatMayHaveReachedTheServerIsRetriedForRepeatableMethodsOnly(code: URLError.Code) async throws {
        for method in Self.repeatable {
            let transport = ScriptedTransport([.fail(URLError(code)), .respond(.status(200))])
            #expect(try await Self.send(method, transport).get().attempts == 2, "\(method)")
        }
        for method in Self.unsafe {
            let transport = ScriptedTransport([.fail(URLError(code)), .respond(.status(200))])
            let failure = try #require(await Self.send(method, transport).failure?.transportFailure, "\(method)")
            #expect(failure.urlErrorCode == code.rawValue)
            #expect(failure.isTimeout == (code == .timedOut))
            #expect(failure.attempts == 1)
            #expect(failure.operationID == "op")
            #expect(transport.requests.count == 1)
        }
        var optIn = Fixture.quick
        optIn.retriesServerErrorsOnUnsafeMethods = true
        let transport = ScriptedTransport([.fail(URLError(code)), .respond(.status(200))])
        #expect(try await Self.send("POST", transport, policy: optIn).get().attempts == 2)
    }

    @Test func theAttemptsOfAFailureCountEveryTry() async throws {
        let transport = ScriptedTransport([.fail(URLError(.timedOut))])
        let failure = try #require(await Self.send("GET", transport).failure)
        #expect(failure.isTimeout)
        #expect(failure.attempts == 3)
        #expect(failure.transportFailure?.attempts == 3)
        #expect(transport.requests.count == 3)
    }

    /// An error a transport throws that is not a `URLError` has no code: it
    /// is retried for repeatable methods, and never for a POST.
    @Test func anUnknownTransportErrorIsRetriedLikeALostConnection() async throws {
        struct Broken: Error, Sendable, CustomStringConvertible {
            var description: String { "the wire broke" }
        }
        let get = ScriptedTransport([.fail(Broken())])
        let getFailure = try #require(await Self.send("GET", get).failure?.transportFailure)
        #expect(getFailure.message == "the wire broke")
        #expect(getFailure.urlErrorCode == nil && !getFailure.isTimeout)
        #expect(getFailure.attempts == 3)
        let post = ScriptedTransport([.fail(Broken())])
        #expect(try #require(await Self.send("POST", post).failure?.transportFailure).attempts == 1)
    }

    /// A transport that throws the client's own error (an invalid request,
    /// say) is never retried: the error is thrown as it is.
    @Test func anAPIClientErrorFromTheTransportIsThrownAsItIs() async throws {
        let transport = ScriptedTransport([.fail(APIClientError.invalidRequest(reason: "no"))])
        let error = try #require(await Self.send("GET", transport).failure)
        #expect(error.invalidRequestReason == "no")
        #expect(transport.requests.count == 1)
    }

    @Test(arguments: [URLError(.cancelled) as any Error & Sendable, CancellationError()])
    func aCancelledTransportIsCancelledAndNotRetried(error: any Error & Sendable) async throws {
        let transport = ScriptedTransport([.fail(error), .respond(.status(200))])
        #expect(try #require(await Self.send("GET", transport).failure).isCancelled)
        #expect(transport.requests.count == 1)
    }

    @Test func aCancelledTaskSendsNothing() async throws {
        let transport = ScriptedTransport(status: 200)
        let client = Fixture.client(transport)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await outcome { () async throws(APIClientError) -> Exchange in
                try await client.send(RequestBuilder(operationID: "op", method: "GET", path: "/x"))
            }
        }
        #expect(try #require(await task.value.failure).isCancelled)
        #expect(transport.requests.isEmpty)
    }

    /// Cancelled while it waits to try again (an hour, as the server asks),
    /// the call ends at once with `.cancelled` and sends nothing more.
    @Test(.timeLimit(.minutes(1)))
    func cancellingDuringTheWaitEndsTheCallWithCancelled() async throws {
        let transport = ScriptedTransport([.respond(.status(429, ["Retry-After": "3600"])), .respond(.status(200))])
        let client = Fixture.client(transport, retryPolicy: APIClient.RetryPolicy(maximumAttempts: 3, initialDelay: .seconds(3600),
                                                                                   maximumDelay: .seconds(3600)))
        let task = Task {
            await outcome { () async throws(APIClientError) -> Exchange in
                try await client.send(RequestBuilder(operationID: "op", method: "GET", path: "/x"))
            }
        }
        await transport.waitForRequests(1)
        task.cancel()
        #expect(try #require(await task.value.failure).isCancelled)
        #expect(transport.requests.count == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingWhileTheTransportWaitsEndsTheCallWithCancelled() async throws {
        let transport = ScriptedTransport([.hang])
        let client = Fixture.client(transport, retryPolicy: Fixture.quick)
        let task = Task {
            await outcome { () async throws(APIClientError) -> Exchange in
                try await client.send(RequestBuilder(operationID: "op", method: "GET", path: "/x"))
            }
        }
        await transport.waitForRequests(1)
        task.cancel()
        #expect(try #require(await task.value.failure).isCancelled)
        #expect(transport.requests.count == 1)
    }
}
