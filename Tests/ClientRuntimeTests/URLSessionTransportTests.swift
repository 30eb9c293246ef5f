import Foundation
import Testing

@testable import ClientRuntime

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `URLSessionTransport`'s buffered path over real HTTP (a local Python server).
///
/// The server starts in `init`, outside each test's time limit, as in
/// `URLSessionStreamingTests`: on a loaded machine Python can take long to
/// start, and the limit is for the calls.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct URLSessionTransportTests {
    let server: LocalHTTPServer

    init() throws {
        server = try LocalHTTPServer()
    }

    /// A `401` with `WWW-Authenticate: Basic` is an answer like any status.
    /// On Linux, FoundationNetworking raises a challenge for it that nothing
    /// answers through the shared session, and the call waited until the test
    /// gave up; with a 5 s timeout, a regression fails here as a timeout.
    @Test func anUnansweredBasicChallengeIsReturnedAsA401() async throws {
        let request = APIClient.HTTPRequest(
            method: "GET", url: server.baseURL.appendingPathComponent("unauthorized"), headers: [], body: nil,
            timeout: .seconds(5))
        let response = try await APIClient.URLSessionTransport().send(request)
        #expect(response.statusCode == 401)
        #expect(response.value(forHeader: "www-authenticate") == #"Basic realm="test""#)
        #if canImport(FoundationNetworking)
        // FoundationNetworking does not keep the body of a response that raised a challenge.
        #expect(response.body.isEmpty)
        #else
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"error": "bad credentials"}"#)
        #endif
    }

    /// Other answers through the same path keep their bodies.
    @Test func anOrdinaryAnswerKeepsItsBody() async throws {
        let request = APIClient.HTTPRequest(
            method: "GET", url: URL(string: server.baseURL.absoluteString + "/bytes?n=1000")!, headers: [], body: nil,
            timeout: .seconds(5))
        let response = try await APIClient.URLSessionTransport().send(request)
        #expect(response.statusCode == 200)
        #expect(response.body == LocalHTTPServer.pattern(1000))
    }

    /// Cancelling the calling task cancels the request under way.
    @Test func cancellingTheCallCancelsTheRequest() async throws {
        let request = APIClient.HTTPRequest(
            method: "GET", url: server.baseURL.appendingPathComponent("held"), headers: [], body: nil,
            timeout: .seconds(30))
        let call = Task { try await APIClient.URLSessionTransport().send(request) }
        try await Task.sleep(for: .milliseconds(200))
        call.cancel()
        let outcome = await call.result
        #expect(throws: (any Error).self) { try outcome.get() }
        _ = try await APIClient.URLSessionTransport().send(
            APIClient.HTTPRequest(
                method: "GET", url: server.baseURL.appendingPathComponent("release"), headers: [], body: nil,
                timeout: .seconds(5)))
    }
}
