import Foundation
@testable import ClientRuntime
import Testing

/// `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, read by
/// `RetryPolicy.wait` (uncapped, what an error reports) and
/// `RetryPolicy.delay` (capped at `maximumDelay`, what the retry loop waits).
struct RetryAfterTests {
    typealias RetryPolicy = APIClient.RetryPolicy

    /// RFC 9110's own example date, and a clock 20 seconds before it.
    static let example = "Sun, 06 Nov 1994 08:49:47 GMT"
    static let twentySecondsBefore = Date(timeIntervalSince1970: 784_111_767)

    @Test(arguments: [("0", Duration.zero), ("1", .seconds(1)), ("7", .seconds(7)), ("120", .seconds(120)),
                      (" 7 ", .seconds(7)), ("\t7", .seconds(7)), ("007", .seconds(7)), ("+5", .seconds(5)),
                      ("86400", .seconds(86_400))])
    func secondsAreReadAsTheyAre(value: String, wait: Duration) {
        #expect(RetryPolicy.wait(retryAfter: value) == wait)
    }

    @Test func theDelayIsCappedAtTheMaximumButTheReportedWaitIsNot() {
        let policy = RetryPolicy(maximumDelay: .seconds(60))
        #expect(policy.delay(retryAfter: "59") == .seconds(59))
        #expect(policy.delay(retryAfter: "60") == .seconds(60))
        #expect(policy.delay(retryAfter: "600") == .seconds(60))
        #expect(RetryPolicy.wait(retryAfter: "600") == .seconds(600))
        let failure = APIClientError.UnexpectedStatus(operationID: "op", statusCode: 429, headers: ["retry-after": "600"])
        #expect(failure.retryAfter == .seconds(600))
    }

    /// Not a number and not a date: no delay, so the loop falls back to its backoff.
    @Test(arguments: ["", "   ", "soon", "7.5", "1e3", "7s", "0x10", "seven", "7 8", "Sun, 06 Nov 1994"])
    func textThatIsNeitherGivesNoDelay(value: String) {
        #expect(RetryPolicy.wait(retryAfter: value) == nil)
        #expect(RetryPolicy.default.delay(retryAfter: value) == nil)
    }

    @Test func noHeaderGivesNoDelay() {
        #expect(RetryPolicy.wait(retryAfter: nil) == nil)
        #expect(RetryPolicy.default.delay(retryAfter: nil) == nil)
    }

    /// RFC 9110 allows only digits; a negative number is read as "now".
    @Test func aNegativeNumberMeansNoWait() {
        #expect(RetryPolicy.wait(retryAfter: "-5") == .zero)
        #expect(RetryPolicy.wait(retryAfter: "-0") == .zero)
    }

    @Test func anIMFFixdateIsTheTimeUntilIt() {
        #expect(RetryPolicy.wait(retryAfter: Self.example, now: Self.twentySecondsBefore) == .seconds(20))
        #expect(RetryPolicy.default.delay(retryAfter: Self.example, now: Self.twentySecondsBefore) == .seconds(20))
        // Milliseconds count: the clock 0.25 s later leaves 19.75 s.
        let later = Self.twentySecondsBefore.addingTimeInterval(0.25)
        #expect(RetryPolicy.wait(retryAfter: Self.example, now: later) == .milliseconds(19_750))
        // Capped like seconds.
        let policy = RetryPolicy(maximumDelay: .seconds(5))
        #expect(policy.delay(retryAfter: Self.example, now: Self.twentySecondsBefore) == .seconds(5))
    }

    @Test func aDateInThePastMeansNoWait() {
        let after = Self.twentySecondsBefore.addingTimeInterval(3_600)
        #expect(RetryPolicy.wait(retryAfter: Self.example, now: after) == .zero)
        #expect(RetryPolicy.wait(retryAfter: "Thu, 01 Jan 1970 00:00:00 GMT") == .zero)
    }

    @Test func aDateFarAheadIsCappedAtTheMaximum() {
        let policy = RetryPolicy(maximumDelay: .seconds(30))
        #expect(policy.delay(retryAfter: "Fri, 31 Dec 9999 23:59:59 GMT") == .seconds(30))
        #expect(RetryPolicy.wait(retryAfter: "Fri, 31 Dec 9999 23:59:59 GMT", now: Date(timeIntervalSince1970: 0))
            == .seconds(253_402_300_799))
    }

    /// What the date parser lets through besides the IMF-fixdate: case, a
    /// one-digit day, and a weekday that does not match the date.
    @Test(arguments: ["sun, 06 nov 1994 08:49:47 gmt", "Sun, 6 Nov 1994 08:49:47 GMT", "Mon, 06 Nov 1994 08:49:47 GMT",
                      "  Sun, 06 Nov 1994 08:49:47 GMT  "])
    func looseIMFFixdatesAreRead(value: String) {
        #expect(RetryPolicy.wait(retryAfter: value, now: Self.twentySecondsBefore) == .seconds(20))
    }

    @Test func aDateWithoutItsZoneIsNotRead() {
        #expect(RetryPolicy.wait(retryAfter: "Sun, 06 Nov 1994 08:49:47", now: Self.twentySecondsBefore) == nil)
    }

    /// RFC 9110 §5.6.7: a recipient MUST accept the two obsolete forms of
    /// HTTP-date too (RFC 850 and asctime), so a server that sends one gets
    /// its delay, not the backoff.
    @Test(arguments: ["Sunday, 06-Nov-94 08:49:47 GMT", "Sun Nov  6 08:49:47 1994"])
    func theObsoleteHTTPDateFormsAreRead(value: String) {
        #expect(RetryPolicy.wait(retryAfter: value, now: Self.twentySecondsBefore) == .seconds(20))
    }

    @Test func theLargestIntegerIsReadAndCapped() {
        #expect(RetryPolicy.wait(retryAfter: "9223372036854775807") == .seconds(Int64.max))
        #expect(RetryPolicy(maximumDelay: .seconds(30)).delay(retryAfter: "9223372036854775807") == .seconds(30))
    }

    /// A delay-seconds value longer than an `Int` is still a valid
    /// `Retry-After` (RFC 9110 allows any number of digits): the server asks
    /// for the longest wait there is, so the retry loop waits its
    /// `maximumDelay`, not its short backoff.
    @Test func aNumberTooLargeForAnIntAsksForTheLongestWait() {
        #expect(RetryPolicy(maximumDelay: .seconds(30)).delay(retryAfter: "99999999999999999999") == .seconds(30))
    }

    /// The 429 sentence rounds the wait up to whole seconds; a server that
    /// sends `Retry-After: 9223372036854775807` must not crash the app that
    /// shows the error's `localizedDescription` (a conversion to `Int` once
    /// trapped there). The exit test runs it in a child process and expects
    /// it to exit normally.
    @Test func aHugeRetryAfterDoesNotCrashTheErrorSentence() async {
        await #expect(processExitsWith: .success) {
            let failure = APIClientError.UnexpectedStatus(operationID: "op", statusCode: 429,
                                                          headers: ["Retry-After": "9223372036854775807"])
            _ = APIClientError.unexpectedStatus(failure).localizedDescription
        }
    }

    /// The retry loop reads the header whatever its case.
    @Test(.timeLimit(.minutes(1))) func theRetryLoopReadsTheHeaderInAnyCase() async throws {
        let transport = ScriptedTransport([.respond(.status(429, ["rEtRy-AfTeR": "0"])), .respond(.status(200))])
        let client = Fixture.client(transport, retryPolicy: APIClient.RetryPolicy(maximumAttempts: 2, initialDelay: .seconds(3600),
                                                                                   maximumDelay: .seconds(3600)))
        // With an hour of backoff, only a read Retry-After of 0 lets the second attempt go at once.
        let exchange = try await client.send(RequestBuilder(operationID: "op", method: "POST", path: "/x"))
        #expect(exchange.statusCode == 200 && exchange.attempts == 2)
    }
}
