import Foundation
@testable import ClientRuntime
import Testing

/// A transport that plays a script: each request takes the next step, and
/// past the end the last step is played again. It keeps every request.
final class ScriptedTransport: APIClient.HTTPTransport, @unchecked Sendable {
    enum Step: Sendable {
        /// Answers with this response.
        case respond(APIClient.HTTPResponse)
        /// Throws this error, as a transport does when no response arrived.
        case fail(any Error & Sendable)
        /// Never answers; ends (with `CancellationError`) when the task is cancelled.
        case hang
    }

    private let lock = NSLock()
    private var steps: [Step]
    private var sent: [APIClient.HTTPRequest] = []

    init(_ steps: [Step]) {
        precondition(!steps.isEmpty, "a script needs a step")
        self.steps = steps
    }

    /// A transport that answers every request with `status` (and an empty body).
    convenience init(status: Int, headers: [String: String] = [:]) {
        self.init([.respond(APIClient.HTTPResponse(statusCode: status, headers: headers))])
    }

    var requests: [APIClient.HTTPRequest] { lock.withLock { sent } }

    private func next(_ request: APIClient.HTTPRequest) -> Step {
        lock.withLock {
            sent.append(request)
            return steps.count > 1 ? steps.removeFirst() : steps[0]
        }
    }

    func send(_ request: APIClient.HTTPRequest) async throws -> APIClient.HTTPResponse {
        switch next(request) {
        case .respond(let response):
            return response
        case .fail(let error):
            throw error
        case .hang:
            try await Task.sleep(for: .seconds(3600))
            throw URLError(.timedOut)
        }
    }

    /// Returns once `count` requests have arrived.
    func waitForRequests(_ count: Int) async {
        while requests.count < count {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }
}

enum Fixture {
    /// The API key every test client holds; no printout may contain it.
    static let apiKey = "sk-runtime-SECRET-4242"
    static let baseURL = "https://api.example.com"
    /// Three attempts, a millisecond or two apart.
    static let quick = APIClient.RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(1), maximumDelay: .milliseconds(2))

    /// A client over `transport` with the test key; retries are off unless a policy is given.
    static func client(_ transport: some APIClient.HTTPTransport, baseURL: String = baseURL, apiKey: String? = apiKey,
                       retryPolicy: APIClient.RetryPolicy = .never,
                       configure: (inout APIClient.Configuration) -> Void = { _ in }) -> APIClient {
        var configuration = APIClient.Configuration(baseURL: URL(string: baseURL)!, apiKey: apiKey, retryPolicy: retryPolicy,
                                                    makeBoundary: { "test-boundary" })
        configure(&configuration)
        return APIClient(configuration: configuration, transport: transport)
    }

    /// A folder of its own under the temporary directory; the caller removes it.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ClientRuntimeTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

extension APIClient.HTTPResponse {
    /// A response with a status, headers and a text body.
    static func status(_ statusCode: Int, _ headers: [String: String] = [:], body: String = "") -> APIClient.HTTPResponse {
        APIClient.HTTPResponse(statusCode: statusCode, headers: headers, body: Data(body.utf8))
    }
}

/// What a call that throws `APIClientError` ended with, as a value to match.
func outcome<Value>(_ call: () async throws(APIClientError) -> Value) async -> Result<Value, APIClientError> {
    do {
        return .success(try await call())
    } catch {
        return .failure(error)
    }
}

/// The same, for a call that does not suspend.
func outcome<Value>(_ call: () throws(APIClientError) -> Value) -> Result<Value, APIClientError> {
    do {
        return .success(try call())
    } catch {
        return .failure(error)
    }
}

extension Result {
    /// The error, or nil for a success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

extension APIClientError {
    /// The reason of an `invalidRequest`, or nil for any other case.
    var invalidRequestReason: String? {
        if case .invalidRequest(let reason) = self { return reason }
        return nil
    }

    var isCancelled: Bool {
        if case .cancelled = self { return true }
        return false
    }

    var transportFailure: TransportFailure? {
        if case .transport(let failure) = self { return failure }
        return nil
    }

    var unexpectedStatusFailure: UnexpectedStatus? {
        if case .unexpectedStatus(let failure) = self { return failure }
        return nil
    }
}

extension Data {
    /// The bytes as text, for comparing bodies with a readable diff.
    var text: String { String(decoding: self, as: UTF8.self) }
}
