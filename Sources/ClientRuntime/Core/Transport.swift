public import Foundation

#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// One header of a request, in the order it is sent.
    ///
    /// Printed or dumped, a header under a standard credential name (see
    /// ``APIClient/Configuration/sensitiveHeaders``) shows `<redacted>` for its
    /// value. Names a configuration marks sensitive are known to the request,
    /// not to a lone header: print the ``HTTPRequest``.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct HTTPHeader: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
        /// The header's name, as sent.
        public var name: String
        /// The header's value, as sent.
        public var value: String

        /// Creates a header.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        /// Whether this header is called `name`, in any case.
        func isNamed(_ name: String) -> Bool {
            Self.namesMatch(self.name, name)
        }

        /// Whether two names name the same header: header names are matched
        /// without regard to case (RFC 9110, section 5.1).
        static func namesMatch(_ name: String, _ other: String) -> Bool {
            name.caseInsensitiveCompare(other) == .orderedSame
        }

        /// The value of the header called `name` among `headers`, in any case.
        static func value(named name: String, in headers: [String: String]) -> String? {
            headers.first { namesMatch($0.key, name) }?.value
        }

        /// `Name: value`, or `Name: <redacted>` for a credential.
        public var description: String {
            name + ": " + (CredentialHeaders.isSensitive(name) ? "<redacted>" : value)
        }

        /// What `dump` shows: a credential's value redacted.
        public var customMirror: Mirror {
            Mirror(
                self, children: ["name": name, "value": CredentialHeaders.isSensitive(name) ? "<redacted>" : value],
                displayStyle: .struct)
        }
    }

    /// A request, ready for a transport.
    ///
    /// Its `description`, `debugDescription` and `dump` redact every header that
    /// carries a credential and every query item that does, so a logging
    /// transport can print requests as they are.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct HTTPRequest: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
        CustomReflectable
    {
        /// `GET`, `POST` and so on.
        public var method: String
        /// The whole URL, query included.
        public var url: URL
        /// The headers, in the order they are sent.
        public var headers: [HTTPHeader]
        /// The body's bytes, if any.
        public var body: Data?
        /// How long the request may wait for the server's next bytes.
        public var timeout: Duration
        /// Names of headers and query items, besides the standard ones, whose
        /// values are redacted when the request is printed (lower-cased).
        public var sensitiveNames: Set<String>

        /// Creates a request.
        public init(
            method: String, url: URL, headers: [HTTPHeader], body: Data?, timeout: Duration,
            sensitiveNames: Set<String> = []
        ) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
            self.timeout = timeout
            self.sensitiveNames = Set(sensitiveNames.map { $0.lowercased() })
        }

        /// The first value of a header, matched without regard to case.
        public func value(forHeader name: String) -> String? {
            headers.first { $0.isNamed(name) }?.value
        }

        /// Whether the header or query item called `name` carries a secret.
        func isSensitive(_ name: String) -> Bool {
            CredentialHeaders.isSensitive(name, extra: sensitiveNames)
        }

        /// The URL with the values of secret query items replaced.
        var redactedURL: String {
            CredentialHeaders.printable(url, isSecret: isSensitive)
        }

        /// `POST https://… [Header: value, Api-Key: <redacted>] (123 bytes)`.
        public var description: String {
            let shown = headers.map { isSensitive($0.name) ? "\($0.name): <redacted>" : "\($0.name): \($0.value)" }
            return "\(method) \(redactedURL) [\(shown.joined(separator: ", "))]"
                + (body.map { " (\($0.count) bytes)" } ?? "")
        }

        /// The same as ``description``: secrets redacted.
        public var debugDescription: String { description }

        /// What `dump` shows: secrets redacted, the body as its size.
        public var customMirror: Mirror {
            let shown = headers.map { HTTPHeader(name: $0.name, value: isSensitive($0.name) ? "<redacted>" : $0.value) }
            return Mirror(
                self,
                children: [
                    "method": method, "url": redactedURL, "headers": shown,
                    "body": body.map { "\($0.count) bytes" } as Any, "timeout": timeout,
                ],
                displayStyle: .struct)
        }
    }

    /// A response as the transport received it.
    ///
    /// Printed or dumped, a credential header (`Set-Cookie`, say) shows `<redacted>`.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct HTTPResponse: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
        CustomReflectable
    {
        /// The HTTP status code.
        public var statusCode: Int
        /// Header names as received; look them up with ``value(forHeader:)``.
        public var headers: [String: String]
        /// The body's bytes.
        public var body: Data

        /// Creates a response (a stub transport's, say).
        public init(statusCode: Int, headers: [String: String] = [:], body: Data = Data()) {
            self.statusCode = statusCode
            self.headers = headers
            self.body = body
        }

        /// A JSON response from its text: `.json(#"{"data": []}"#)`.
        public static func json(_ text: String, statusCode: Int = 200, headers: [String: String] = [:]) -> HTTPResponse
        {
            var all = headers
            if !all.keys.contains(where: { HTTPHeader.namesMatch($0, "Content-Type") }) {
                all["Content-Type"] = "application/json"
            }
            return HTTPResponse(statusCode: statusCode, headers: all, body: Data(text.utf8))
        }

        /// A JSON response holding `value` encoded as the client encodes bodies
        /// (a generated response type, say).
        public static func json(
            encoding value: some Encodable, statusCode: Int = 200,
            headers: [String: String] = [:]
        ) throws -> HTTPResponse {
            let data = try JSONCoding.encoder.encode(value)
            return .json(String(decoding: data, as: UTF8.self), statusCode: statusCode, headers: headers)
        }

        /// A header's value, matched without regard to case.
        public func value(forHeader name: String) -> String? {
            HTTPHeader.value(named: name, in: headers)
        }

        /// The headers with the values of credential headers replaced, in name order.
        var redactedHeaders: [(name: String, value: String)] {
            CredentialHeaders.redacted(headers)
        }

        /// `200 [Content-Type: application/json] (123 bytes)`, secrets redacted.
        public var description: String {
            "\(statusCode) [\(redactedHeaders.map { "\($0.name): \($0.value)" }.joined(separator: ", "))] "
                + "(\(body.count) bytes)"
        }

        /// The same as ``description``: secrets redacted.
        public var debugDescription: String { description }

        /// What `dump` shows: secrets redacted, the body as its size.
        public var customMirror: Mirror {
            let shown = Dictionary(uniqueKeysWithValues: redactedHeaders.map { ($0.name, $0.value) })
            return Mirror(
                self, children: ["statusCode": statusCode, "headers": shown, "body": "\(body.count) bytes"],
                displayStyle: .struct)
        }
    }

    // The protocol is nonisolated through its extension, not with a keyword
    // of its own: Swift 6.3 gives a written `nonisolated` to the types that
    // conform to the protocol, and an actor cannot be nonisolated. An actor
    // transport (the stubs', an app's) in a module with a `main.swift` then
    // failed to build whole-module, as a release build does.

    /// Sends requests. ``URLSessionTransport`` is the default; tests and apps
    /// may bring their own (``StubTransport``, a recorder, another HTTP stack).
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    public protocol HTTPTransport: Sendable {
        /// Sends one request and returns the response, whatever its status;
        /// throws only when no response arrived.
        func send(_ request: HTTPRequest) async throws -> HTTPResponse
        #if RUNTIME_STREAMING_TRANSPORT

        /// Sends one request and returns as soon as the response's status and
        /// headers arrive, whatever the status; its body arrives in chunks
        /// while the caller reads it. `body`, when given, is sent in place of
        /// the request's own, read from disk as it goes. Cancelling the task
        /// that reads the body, or ``APIClient/ByteChunks/cancel()``, stops
        /// the transfer. A transport that only buffers has this from an
        /// extension: its whole response, as one chunk.
        func stream(_ request: HTTPRequest, body: BodySource?) async throws -> StreamingResponse
        #endif
        #if RUNTIME_LARGE_BODIES

        /// Sends one request and writes the response's body, whatever the
        /// status, into `file` (created, or replaced) as it arrives, calling
        /// `progress` with the bytes written so far and the expected size
        /// when known; returns the status and headers (an empty body). A
        /// transport that only streams has this from an extension.
        func download(
            _ request: HTTPRequest, to file: URL, progress: (@Sendable (_ written: Int64, _ expected: Int64?) -> Void)?
        ) async throws -> HTTPResponse
        #endif
    }

    /// The transport over `URLSession`. Cancelling the calling task cancels the request.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct URLSessionTransport: HTTPTransport {
        /// The session requests go through.
        public let session: URLSession

        /// A transport over `session`, the shared one by default.
        public init(session: URLSession = .shared) {
            self.session = session
        }

        /// Sends the request with `URLSession.data(for:)`.
        ///
        /// On Linux, a request through the shared session goes through a
        /// session with the shared one's configuration and a delegate that
        /// declines an authentication challenge it has no credential for, so
        /// that a `401` with `WWW-Authenticate: Basic` is returned (status and
        /// headers) rather than left waiting; a session of your own should
        /// answer challenges itself (its delegate's
        /// `urlSession(_:task:didReceive:completionHandler:)`).
        public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            #if canImport(FoundationNetworking)
            if session === URLSession.shared { return try await ChallengeDecliner.send(Self.urlRequest(request)) }
            #endif
            let (data, response) = try await session.data(for: Self.urlRequest(request))
            return try Self.response(response, body: data)
        }

        /// `response` with `body` as an ``HTTPResponse``; `badServerResponse`
        /// when it is no HTTP response.
        static func response(_ response: URLResponse?, body: Data) throws -> HTTPResponse {
            guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
            return HTTPResponse(statusCode: http.statusCode, headers: headers(of: http), body: body)
        }

        /// The request as `URLSession` takes it.
        static func urlRequest(_ request: HTTPRequest) -> URLRequest {
            var urlRequest = URLRequest(url: request.url)
            urlRequest.httpMethod = request.method
            let components = request.timeout.components
            urlRequest.timeoutInterval = Double(components.seconds) + Double(components.attoseconds) / 1e18
            for header in request.headers {
                urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
            }
            urlRequest.httpBody = request.body
            return urlRequest
        }

        /// A response's headers, names as received.
        static func headers(of response: HTTPURLResponse) -> [String: String] {
            var headers: [String: String] = [:]
            for (key, value) in response.allHeaderFields {
                headers[String(describing: key)] = String(describing: value)
            }
            return headers
        }
    }

    /// A transport that never touches the network, for an app's tests and
    /// previews: it answers each request with what `respond` returns (or
    /// throws), and keeps the requests it was sent.
    ///
    /// ```swift
    /// let stub = StubTransport { request in .json(#"{"created": "2025-01-01T00:00:00Z", "data": []}"#) }
    /// let configuration = APIClient.Configuration(baseURL: URL(string: "https://api.example.com")!, apiKey: "test")
    /// let client = APIClient(configuration: configuration, transport: stub)
    /// ```
    ///
    /// To play a failure, return an error status (`HTTPResponse.json(#"{"error": "…"}"#, statusCode: 429)`)
    /// or throw a `URLError`.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    public actor StubTransport: HTTPTransport {
        /// What answers each request.
        public typealias Responder = @Sendable (HTTPRequest) async throws -> HTTPResponse

        private let respond: Responder
        /// Every request sent so far, in order.
        public private(set) var requests: [HTTPRequest] = []

        /// A stub that answers with `respond`.
        public init(_ respond: @escaping Responder) {
            self.respond = respond
        }

        /// A stub that answers every request with `response`.
        public init(always response: HTTPResponse) {
            self.respond = { _ in response }
        }

        /// A stub that answers with `responses` in turn, then with the last one again.
        public init(responses: [HTTPResponse]) {
            let queue = ResponseQueue(responses)
            self.respond = { _ in await queue.next() }
        }

        /// Records the request and answers it.
        public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            requests.append(request)
            return try await respond(request)
        }
    }
}

/// The canned responses of ``APIClient/StubTransport/init(responses:)``, handed out in order.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
actor ResponseQueue {
    private var remaining: [APIClient.HTTPResponse]
    private var last: APIClient.HTTPResponse

    init(_ responses: [APIClient.HTTPResponse]) {
        remaining = responses
        last =
            responses.last
            ?? APIClient.HTTPResponse(statusCode: 599, body: Data("StubTransport: no response given".utf8))
    }

    func next() -> APIClient.HTTPResponse {
        guard !remaining.isEmpty else { return last }
        return remaining.removeFirst()
    }
}

/// Authentication challenges that nothing can answer, declined so that the
/// `401` which raised them is the answer.
///
/// In swift-corelibs-foundation (Linux), a `401` that carries
/// `WWW-Authenticate: Basic` raises a challenge, and when no session
/// delegate answers it (the shared session has none, and a per-task
/// delegate is not asked) the task neither completes nor times out
/// (swiftlang/swift-corelibs-foundation#5456, fixed in later toolchains).
/// ``ChallengeDecliner`` and the streaming and download delegates answer
/// with ``answer(_:of:_:)``: declined, the task ends as cancelled, and its
/// `401` (status and headers; FoundationNetworking keeps no body) is the
/// answer. A credential the session's storage proposes is left to the
/// default handling. On Apple platforms, URLSession answers with the `401`
/// itself, and nothing is declined.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated enum DeclinedChallenges {
    /// What a declined task's description says, so that its completion
    /// tells a declined challenge from a cancelled call.
    static let mark = "declined-authentication-challenge"

    /// The response whose challenge was declined for `task`, which is its
    /// answer (the task itself ends as cancelled); nil when none was.
    static func response(of task: URLSessionTask) -> HTTPURLResponse? {
        task.taskDescription == mark ? task.response as? HTTPURLResponse : nil
    }

    #if canImport(FoundationNetworking)
    /// Declines `challenge` when nothing proposes a credential for it, and
    /// marks `task` so that its completion knows; leaves it to the default
    /// handling otherwise.
    static func answer(
        _ challenge: URLAuthenticationChallenge, of task: URLSessionTask,
        _ completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        guard challenge.proposedCredential == nil, challenge.failureResponse is HTTPURLResponse else {
            completionHandler(.performDefaultHandling, nil)
            return
        }
        task.taskDescription = mark
        completionHandler(.cancelAuthenticationChallenge, nil)
    }
    #endif
}

#if canImport(FoundationNetworking)
/// The session ``APIClient/URLSessionTransport`` sends through on Linux in
/// place of the shared one: the shared session's configuration, with a
/// delegate that declines the challenges nothing can answer
/// (``DeclinedChallenges``).
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated final class ChallengeDecliner: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    static let session = URLSession(
        configuration: URLSession.shared.configuration, delegate: ChallengeDecliner(), delegateQueue: nil)

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        DeclinedChallenges.answer(challenge, of: task, completionHandler)
    }

    /// Sends `request` through ``session``; cancelling the calling task cancels it.
    static func send(_ request: URLRequest) async throws -> APIClient.HTTPResponse {
        let started = StartedTask()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    continuation.resume(with: Result { try answer(data, response, error, of: started.task) })
                }
                started.task = task
                // Cancelled before there was a task to cancel: it ends at once, as cancelled.
                if Task.isCancelled { task.cancel() }
                task.resume()
            }
        } onCancel: {
            started.task?.cancel()
        }
    }

    /// The response, or for a declined challenge the `401` that raised it.
    private static func answer(
        _ data: Data?, _ response: URLResponse?, _ error: (any Error)?, of task: URLSessionTask?
    ) throws -> APIClient.HTTPResponse {
        if let task, let declined = DeclinedChallenges.response(of: task) {
            return try APIClient.URLSessionTransport.response(declined, body: Data())
        }
        if let error { throw error }
        return try APIClient.URLSessionTransport.response(response, body: data ?? Data())
    }

    /// The task a call started, for its cancellation and its completion.
    nonisolated private final class StartedTask: @unchecked Sendable {
        private let lock = NSLock()
        private var value: URLSessionTask?

        var task: URLSessionTask? {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }
}
#endif
