import Foundation
import Testing

@testable import ClientRuntime

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `URLSessionTransport`'s buffered path over real HTTP (a local Python server).
///
/// The server starts in `init`, outside each test's time limit, as in
/// `URLSessionStreamingTests`. The limit is there to end a call that hangs
/// (as the 401 below did), and is generous: in CI, suites that build packages
/// wait on their builds while these run, and a call can wait minutes for a
/// thread to resume it.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct URLSessionTransportTests {
    let server: LocalHTTPServer

    init() throws {
        server = try LocalHTTPServer()
    }

    /// A `401` with `WWW-Authenticate: Basic` is an answer like any status.
    /// On Linux, FoundationNetworking raises a challenge for it that nothing
    /// answers through the shared session, and the call waited forever (the
    /// request's timeout does not end it); a regression hangs here until the
    /// suite's time limit.
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
