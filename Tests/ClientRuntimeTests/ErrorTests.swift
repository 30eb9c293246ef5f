import Foundation
@testable import ClientRuntime
import Testing

/// `APIClientError`: the server's message found in a body, the sentence for
/// a person, the description for a log, and the questions a caller asks.
struct ServerMessageTests {
    @Test(arguments: [
        (#"{"error": "e"}"#, "e"),
        (#"{"message": "m"}"#, "m"),
        (#"{"detail": "d"}"#, "d"),
        (#"{"error_description": "ed"}"#, "ed"),
        // error, then message, then detail, then error_description.
        (#"{"detail": "d", "message": "m", "error": "e"}"#, "e"),
        (#"{"error_description": "ed", "detail": "d", "message": "m"}"#, "m"),
        (#"{"error_description": "ed", "detail": "d"}"#, "d"),
        // Under one of those keys, an object is searched the same way.
        (#"{"detail": {"message": "Invalid API key"}}"#, "Invalid API key"),
        (#"{"error": {"code": 401, "message": "m", "detail": "d"}}"#, "m"),
        (#"{"error": {"type": "invalid"}, "message": "fallback"}"#, "fallback"),
        (#"{"error": true, "message": "m"}"#, "m"),
        (#"{"error": 42, "detail": "d"}"#, "d"),
        (#"{"error": "", "message": "m"}"#, "m"),
        (#"{"error": " \n\t ", "message": "m"}"#, "m"),
        (#"{"error": "  padded\n"}"#, "padded"),
        // An array: its first item.
        (#"{"detail": ["first", "second"]}"#, "first"),
        (#"{"error": [{"message": "in a list"}]}"#, "in a list"),
        (#"["top", "level"]"#, "top"),
        (#""just text""#, "just text"),
        // Three levels down is found.
        (#"{"error": {"error": {"error": "deep"}}}"#, "deep"),
    ])
    func theMessageIsFound(body: String, message: String) {
        #expect(ServerMessage.find(in: Data(body.utf8)) == message)
        #expect(APIClientError.UnexpectedStatus(operationID: "op", statusCode: 400, body: Data(body.utf8)).serverMessage == message)
    }

    @Test(arguments: [
        "", "<html>502 Bad Gateway</html>", "null", "42", "true", #""""#, "{}", "[]", #"{"detail": "#,
        #"{"msg": "m"}"#, #"{"errors": [{"message": "m"}]}"#, #"{"detail": [{"msg": "field required"}]}"#,
        #"{"error": {"error": {"error": {"error": "too deep"}}}}"#, #"{"error": null}"#, #"{"detail": []}"#,
    ])
    func noMessageIsFound(body: String) {
        #expect(ServerMessage.find(in: Data(body.utf8)) == nil, "\(body)")
    }

    @Test func aLongMessageIsCutAtFiveHundredCharacters() {
        let long = String(repeating: "ab", count: 400)
        #expect(ServerMessage.find(in: Data(#"{"error": "\#(long)"}"#.utf8)) == String(long.prefix(500)))
    }

    @Test(arguments: [(Duration.zero, "1 second"), (.milliseconds(200), "1 second"), (.seconds(1), "1 second"),
                      (.milliseconds(1_001), "2 seconds"), (.seconds(2), "2 seconds"), (.seconds(90), "90 seconds")])
    func waitsAreWholeSecondsRoundedUp(wait: Duration, text: String) {
        #expect(ServerMessage.seconds(wait) == text)
    }
}

struct ErrorSentenceTests {
    static func status(_ code: Int, _ body: String = "", headers: [String: String] = [:]) -> APIClientError {
        .unexpectedStatus(.init(operationID: "op", statusCode: code, headers: headers, body: Data(body.utf8)))
    }

    @Test(arguments: [
        (401, #"{"detail": "bad key"}"#, "The API key was not accepted: bad key"),
        (401, "", "The API key was not accepted."),
        (403, #"{"message": "plan"}"#, "This API key may not make this request: plan"),
        (404, "", "The server could not find what was asked for."),
        (422, #"{"error": "Prompt failed the safety check."}"#, "The request was refused: Prompt failed the safety check."),
        (500, "", "The service had a problem (HTTP 500)."),
        (503, #"{"error": "busy"}"#, "The service had a problem (HTTP 503): busy"),
        (599, "<html>", "The service had a problem (HTTP 599)."),
        (400, #"{"error": "bad size"}"#, "The request failed with HTTP 400: bad size"),
        (418, "", "The request failed with HTTP 418."),
        (302, "", "The request failed with HTTP 302."),
    ])
    func eachStatusHasASentence(code: Int, body: String, sentence: String) {
        let error = Self.status(code, body)
        #expect(error.errorDescription == sentence)
        #expect(error.localizedDescription == sentence)
    }

    @Test(arguments: [
        (#"{"error": "Slow down"}"#, ["Retry-After": "7"], "Too many requests: Slow down. Try again in 7 seconds."),
        ("", ["retry-after": "1"], "Too many requests. Try again in 1 second."),
        ("", ["Retry-After": "0"], "Too many requests. Try again in 1 second."),
        ("", ["Retry-After": "Thu, 01 Jan 1970 00:00:00 GMT"], "Too many requests. Try again in 1 second."),
        (#"{"message": "Quota"}"#, [:], "Too many requests: Quota. Try again later."),
        ("", ["Retry-After": "later"], "Too many requests. Try again later."),
    ])
    func aRateLimitSaysWhenToTryAgain(body: String, headers: [String: String], sentence: String) {
        #expect(Self.status(429, body, headers: headers).localizedDescription == sentence)
    }

    /// The 429 sentence adds a full stop after the server's message, which
    /// usually has one of its own.
    @Test func aRateLimitMessageEndingInAFullStopGetsNoSecond() {
        let sentence = Self.status(429, #"{"error": "Slow down, please."}"#, headers: ["Retry-After": "7"]).localizedDescription
        #expect(sentence == "Too many requests: Slow down, please. Try again in 7 seconds.")
    }

    @Test func theOtherCasesHaveASentenceToo() {
        #expect(APIClientError.transport(.init(operationID: "op", message: "offline", isTimeout: true)).localizedDescription
            == "The server took too long to answer.")
        #expect(APIClientError.transport(.init(operationID: "op", message: "offline")).localizedDescription
            == "The server could not be reached: offline")
        let decoding = APIClientError.decoding(.init(operationID: "op", statusCode: 200, message: "created is missing"))
        #expect(decoding.localizedDescription == "The server's answer could not be read.")
        #expect(decoding.failureReason == "created is missing")
        #expect(Self.status(500).failureReason == nil)
        #expect(APIClientError.invalidRequest(reason: "prompt is empty").localizedDescription == "The request could not be made: prompt is empty")
        #expect(APIClientError.cancelled.localizedDescription == "The request was cancelled.")
    }

    @Test func descriptionsNameTheOperationAndWhatHappened() {
        #expect(Self.status(503, "busy").description == "op: the server answered 503: busy")
        #expect(Self.status(503).description == "op: the server answered 503")
        let long = String(repeating: "x", count: 300)
        #expect(Self.status(500, long).description == "op: the server answered 500: " + String(repeating: "x", count: 200))
        #expect(APIClientError.transport(.init(operationID: "op", message: "m", isTimeout: true)).description
            == "op: the request failed (timed out): m")
        #expect(APIClientError.transport(.init(operationID: "op", message: "m")).description == "op: the request failed: m")
        #expect(APIClientError.decoding(.init(operationID: "op", statusCode: 201, message: "data is missing")).description
            == "op: the 201 response could not be decoded: data is missing")
        #expect(APIClientError.invalidRequest(reason: "r").description == "invalid request: r")
        #expect(APIClientError.cancelled.description == "the request was cancelled")
    }
}

struct ErrorQuestionTests {
    typealias Status = ErrorSentenceTests

    @Test(arguments: [401, 403, 404, 422, 429, 500])
    func statusQuestions(code: Int) {
        let error = Status.status(code)
        #expect(error.statusCode == code)
        #expect(error.isRateLimited == (code == 429))
        #expect(error.isUnauthorized == (code == 401 || code == 403))
        #expect(error.isRejected == (code == 422))
        #expect(!error.isTimeout)
    }

    @Test func questionsOfTheOtherCases() {
        let timeout = APIClientError.transport(.init(operationID: "op", message: "m", urlErrorCode: -1001, isTimeout: true, attempts: 3))
        #expect(timeout.isTimeout && timeout.statusCode == nil && timeout.attempts == 3 && timeout.retryAfter == nil)
        #expect(!APIClientError.transport(.init(operationID: "op", message: "m")).isTimeout)
        let decoding = APIClientError.decoding(.init(operationID: "op", statusCode: 200, message: "m", body: Data(#"{"error": "e"}"#.utf8)))
        #expect(decoding.statusCode == 200 && decoding.attempts == 1 && decoding.serverMessage == nil)
        #expect(APIClientError.invalidRequest(reason: "r").attempts == 0)
        #expect(APIClientError.cancelled.attempts == 0)
        #expect(APIClientError.cancelled.statusCode == nil && !APIClientError.cancelled.isRateLimited)
        let failed = APIClientError.jobFailed(.init(operationID: "op", stage: "FAILED", polls: 4))
        #expect(failed.attempts == 4 && failed.statusCode == nil)
        let timedOut = APIClientError.jobTimedOut(.init(operationID: "op", polls: 9, deadline: .seconds(1)))
        #expect(timedOut.attempts == 9)
        #expect(timedOut.localizedDescription == "The job did not finish within 1 second.")
    }

    @Test func retryAfterIsReadFromTheHeadersOfAnErrorStatus() {
        #expect(Status.status(429, headers: ["RETRY-AFTER": "12"]).retryAfter == .seconds(12))
        #expect(Status.status(503, headers: ["Retry-After": "3"]).retryAfter == .seconds(3))
        #expect(Status.status(429).retryAfter == nil)
        #expect(Status.status(429, headers: ["Retry-After": "Thu, 01 Jan 1970 00:00:00 GMT"]).retryAfter == .zero)
    }

    @Test func anUnexpectedStatusHasItsDefaultsAndReadsHeadersInAnyCase() {
        let failure = APIClientError.UnexpectedStatus(operationID: "op", statusCode: 500)
        #expect(failure.headers.isEmpty && failure.body.isEmpty && failure.documentedBody == nil && failure.attempts == 1)
        let headed = APIClientError.UnexpectedStatus(operationID: "op", statusCode: 500, headers: ["X-Request-Id": "r1"])
        #expect(headed.value(forHeader: "x-request-id") == "r1")
        #expect(headed.value(forHeader: "X-Other") == nil)
    }
}

/// How transport errors become typed errors, and how bodies are decoded.
struct ErrorMakingTests {
    @Test func aURLErrorKeepsItsCodeAndSaysWhetherItTimedOut() throws {
        let timedOut = try #require(APIClient.classify(URLError(.timedOut), operationID: "op", attempts: 2).transportFailure)
        #expect(timedOut.operationID == "op")
        #expect(timedOut.urlErrorCode == URLError.Code.timedOut.rawValue)
        #expect(timedOut.isTimeout)
        #expect(timedOut.attempts == 2)
        #expect(timedOut.message == URLError(.timedOut).localizedDescription)
        let refused = try #require(APIClient.classify(URLError(.cannotConnectToHost), operationID: "op", attempts: 1).transportFailure)
        #expect(!refused.isTimeout && refused.urlErrorCode == URLError.Code.cannotConnectToHost.rawValue)
    }

    @Test func cancellationIsCancelledAndTheClientsOwnErrorsPassThrough() {
        #expect(APIClient.classify(URLError(.cancelled), operationID: "op", attempts: 1).isCancelled)
        #expect(APIClient.classify(CancellationError(), operationID: "op", attempts: 1).isCancelled)
        #expect(APIClient.classify(APIClientError.invalidRequest(reason: "r"), operationID: "op", attempts: 1).invalidRequestReason == "r")
        struct Other: Error, CustomStringConvertible {
            var description: String { "other failure" }
        }
        let other = APIClient.classify(Other(), operationID: "op", attempts: 5).transportFailure
        #expect(other?.message == "other failure" && other?.urlErrorCode == nil && other?.attempts == 5 && other?.isTimeout == false)
    }

    struct Image: Decodable, Equatable {
        var url: String
        var seed: Int
    }

    struct Images: Decodable, Equatable {
        var created: Date
        var data: [Image]
    }

    static func explain(_ body: String) -> String {
        do {
            _ = try JSONCoding.decoder.decode(Images.self, from: Data(body.utf8))
            return "decoded"
        } catch {
            return APIClient.explain(error)
        }
    }

    @Test func decodingErrorsNameTheField() {
        #expect(Self.explain(#"{"created": "2024-01-01T00:00:00Z", "data": [{"url": "u", "seed": 1}, {"seed": 2}]}"#)
            == "data[1].url is missing")
        #expect(Self.explain(#"{"data": []}"#) == "created is missing")
        #expect(Self.explain(#"{"created": "2024-01-01T00:00:00Z", "data": [{"url": "u", "seed": "x"}]}"#).hasPrefix("data[0].seed: "))
        #expect(Self.explain(#"{"created": "2024-01-01T00:00:00Z", "data": [{"url": null, "seed": 1}]}"#).hasPrefix("data[0].url: "))
        #expect(Self.explain(#"{"created": "soon", "data": []}"#) == "created: 'soon' is not a date and time")
        #expect(Self.explain("[]").hasPrefix("the body: "))
        #expect(Self.explain("not json").hasPrefix("the body: "))
        struct Other: Error, CustomStringConvertible {
            var description: String { "something else" }
        }
        #expect(APIClient.explain(Other()) == "something else")
    }

    @Test func aClientDecodesASuccessOrSaysWhy() throws {
        let client = Fixture.client(ScriptedTransport(status: 200))
        let good = Exchange(response: .json(#"{"created": "2024-01-01T00:00:00Z", "data": [{"url": "u", "seed": 1}]}"#), operationID: "op", attempts: 1)
        #expect(try client.decode(Images.self, from: good)
            == Images(created: Date(timeIntervalSince1970: 1_704_067_200), data: [Image(url: "u", seed: 1)]))
        let body = Data(#"{"data": []}"#.utf8)
        let bad = Exchange(response: APIClient.HTTPResponse(statusCode: 201, body: body), operationID: "op", attempts: 2)
        let error = outcome { () throws(APIClientError) in try client.decode(Images.self, from: bad) }.failure
        guard case .decoding(let failure)? = error else {
            Issue.record("expected decoding, got \(String(describing: error))")
            return
        }
        #expect(failure.operationID == "op" && failure.statusCode == 201 && failure.message == "created is missing" && failure.body == body)
        let notJSON = Exchange(response: APIClient.HTTPResponse(statusCode: 500, body: Data("<html>".utf8)), operationID: "op", attempts: 1)
        #expect(client.decodeDocumented(notJSON, as: DocumentedErrorBody.json) == nil)
        let documented = Exchange(response: .json(#"{"url": "u", "seed": 3}"#), operationID: "op", attempts: 1)
        #expect(client.decodeDocumented(documented, as: DocumentedErrorBody.json) == .json(["url": "u", "seed": 3]))
    }

    @Test func anUnexpectedStatusCarriesTheWholeExchange() throws {
        let client = Fixture.client(ScriptedTransport(status: 200))
        let exchange = Exchange(response: .json(#"{"error": "e"}"#, statusCode: 409, headers: ["X-Id": "1"]), operationID: "op", attempts: 3)
        let failure = try #require(client.unexpectedStatus(exchange, documentedBody: .json(["error": "e"])).unexpectedStatusFailure)
        #expect(failure.operationID == "op")
        #expect(failure.statusCode == 409)
        #expect(failure.headers == ["X-Id": "1", "Content-Type": "application/json"])
        #expect(failure.body.text == #"{"error": "e"}"#)
        #expect(failure.documentedBody == .json(["error": "e"]))
        #expect(failure.attempts == 3)
        #expect(failure.serverMessage == "e")
    }
}
