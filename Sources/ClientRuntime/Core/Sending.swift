import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response, the operation it answers and how many attempts it took.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated struct Exchange: Sendable {
    var response: APIClient.HTTPResponse
    /// The operation's identifier in the API description, which errors carry.
    var operationID: String
    var attempts: Int
    /// The URL the request went to, against which a `Link` header's targets
    /// are read; nil for a response the app made (a stub's, a transport's).
    var url: URL? = nil

    var statusCode: Int { response.statusCode }
    var body: Data { response.body }
}

/// Keeps the last response a client made, for ``APIClient/withResponse(_:)``.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
actor ResponseRecorder {
    private(set) var last: APIClient.HTTPResponse?

    func record(_ response: APIClient.HTTPResponse) {
        last = response
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// Authenticates and sends a request, retrying as the configuration's
    /// ``RetryPolicy`` allows, and turns every failure into a typed error.
    func send(_ builder: RequestBuilder) async throws(APIClientError) -> Exchange {
        #if RUNTIME_STREAMING_TRANSPORT
        // A body read from disk goes through the transport's streaming path.
        if builder.bodySource != nil { return try await sendCollecting(builder) }
        #endif
        let request = try await prepare(builder)
        let exchange = try await sendWithRetries(
            request, operationID: builder.operationID, idempotent: builder.isIdempotent)
        await recorder?.record(exchange.response)
        return exchange
    }

    /// The request a builder describes, authenticated, and checked against
    /// the host and plain-http rules: what every call sends.
    func prepare(_ builder: RequestBuilder) async throws(APIClientError) -> HTTPRequest {
        var builder = builder
        if let url = builder.url { try checkSameHost(url) }
        try await authenticate(&builder, requirement: builder.security ?? Self.defaultSecurity)
        let request = try builder.makeRequest(
            configuration: configuration, sensitiveNames: configuration.sensitiveNames)
        try checkTransportSecurity(request, carriesCredential: builder.carriesCredential)
        return request
    }

    /// Sends `request` until it gets an answer worth returning, as the retry
    /// policy allows; `idempotent` when the server runs it once however often
    /// it arrives.
    func sendWithRetries(_ request: HTTPRequest, operationID: String, idempotent: Bool = false)
        async throws(APIClientError) -> Exchange
    {
        let (response, attempts) = try await withRetries(
            request, operationID: operationID, idempotent: idempotent, send: { try await transport.send($0) },
            status: { ($0.statusCode, $0.value(forHeader: "Retry-After")) }, discard: { _ in })
        return Exchange(response: response, operationID: operationID, attempts: attempts, url: request.url)
    }

    /// Sends `request` with `send` until it gets an answer worth returning,
    /// as the retry policy allows, and returns it with the number of
    /// attempts; `status` reads an answer's status and `Retry-After`, and
    /// `discard` lets go of an answer a retry replaces.
    func withRetries<Response>(
        _ request: HTTPRequest, operationID: String, idempotent: Bool, send: (HTTPRequest) async throws -> Response,
        status: (Response) -> (code: Int, retryAfter: String?), discard: (Response) -> Void
    ) async throws(APIClientError) -> (response: Response, attempts: Int) {
        let policy = configuration.retryPolicy
        let repeatable = isRepeatable(request, idempotent: idempotent)
        var attempt = 1
        while true {
            if Task.isCancelled { throw .cancelled }
            let delay: Duration
            do {
                let response = try await send(request)
                let (code, retryAfter) = status(response)
                guard attempt < policy.maximumAttempts,
                    code == 429 || (Self.isServerFailure(code) && repeatable)
                else { return (response, attempt) }
                discard(response)
                delay = policy.delay(retryAfter: retryAfter) ?? policy.backoff(after: attempt)
            } catch {
                let failure = Self.classify(error, operationID: operationID, attempts: attempt)
                guard case .transport(let transportFailure) = failure, attempt < policy.maximumAttempts,
                    Self.failedBeforeSending(transportFailure) || repeatable
                else { throw failure }
                delay = policy.backoff(after: attempt)
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw .cancelled
            }
            attempt += 1
        }
    }

    /// Whether sending `request` twice does no more than sending it once,
    /// so that a 5xx or a lost connection may be retried: its method is
    /// idempotent, or the policy retries every method (or, where the
    /// runtime carries idempotency keys, the call has one and the policy
    /// retries such calls).
    func isRepeatable(_ request: HTTPRequest, idempotent: Bool) -> Bool {
        let policy = configuration.retryPolicy
        if ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(request.method) { return true }
        if policy.retriesServerErrorsOnUnsafeMethods { return true }
        #if RUNTIME_IDEMPOTENCY_KEYS
        // A request that carries an idempotency key is run once by the server however often it arrives.
        if idempotent && policy.retriesRequestsWithIdempotencyKeys { return true }
        #endif
        return false
    }

    /// A 5xx worth asking again about: every one but 501 (Not Implemented),
    /// which no retry changes.
    static func isServerFailure(_ status: Int) -> Bool {
        (500...599).contains(status) && status != 501
    }

    /// A credential (the API key, or a header that carries one) never travels
    /// in clear text to another machine unless the configuration says so.
    func checkTransportSecurity(_ request: HTTPRequest, carriesCredential: Bool) throws(APIClientError) {
        guard request.url.scheme?.lowercased() == "http", !configuration.allowsInsecureHTTP else { return }
        let credential = carriesCredential || request.headers.contains { request.isSensitive($0.name) }
        let host = request.url.host ?? ""
        guard !credential || Self.isLoopback(host) else {
            throw .invalidRequest(
                reason:
                    "the request would send a credential unencrypted over plain http:// to \(host); use https:// or "
                    + "set allowsInsecureHTTP"
            )
        }
    }

    /// An address the server gave (a job's polling URL) is called only on
    /// the base URL's host and port, so that the credential and the extra
    /// headers never go to another machine. Two names of this machine
    /// (`localhost`, `127.0.0.1`) are the same host.
    func checkSameHost(_ url: URL) throws(APIClientError) {
        func port(_ url: URL) -> Int? {
            url.port ?? ["https": 443, "http": 80][url.scheme?.lowercased() ?? ""]
        }
        let base = configuration.baseURL
        let host = base.host?.lowercased() ?? ""
        let other = url.host?.lowercased() ?? ""
        let sameHost = other == host || (Self.isLoopback(host) && Self.isLoopback(other))
        guard ["http", "https"].contains(url.scheme?.lowercased() ?? ""), sameHost, port(url) == port(base) else {
            throw .invalidRequest(
                reason:
                    "the server gave an address on \(url.host ?? "no host")\(url.port.map { ":\($0)" } ?? ""), not "
                    + "on the base URL's \(host)\(base.port.map { ":\($0)" } ?? ""); it is not called, so that "
                    + "the API key stays with \(host)"
            )
        }
    }

    /// Whether `host` is this machine: `localhost`, an IPv4 address in
    /// 127.0.0.0/8 written as four numbers, or `::1`. Names that only start
    /// like one (`127.0.0.1.example.com`) are other machines.
    static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            (1...3).contains(part.count) && part.allSatisfy { $0 >= "0" && $0 <= "9" } && Int(part)! <= 255
        }
    }

    /// A transport error as the typed error a caller sees.
    static func classify(_ error: any Error, operationID: String, attempts: Int) -> APIClientError {
        switch error {
        case let error as APIClientError:
            return error
        case is CancellationError:
            return .cancelled
        case let error as URLError:
            if error.code == .cancelled || Task.isCancelled { return .cancelled }
            return .transport(
                .init(
                    operationID: operationID, message: error.localizedDescription, urlErrorCode: error.code.rawValue,
                    isTimeout: error.code == .timedOut, attempts: attempts))
        default:
            if Task.isCancelled { return .cancelled }
            return .transport(
                .init(
                    operationID: operationID, message: String(describing: error), urlErrorCode: nil, attempts: attempts)
            )
        }
    }

    /// Failures that happen before any byte of the request reached a server:
    /// safe to retry whatever the method.
    static func failedBeforeSending(_ failure: APIClientError.TransportFailure) -> Bool {
        guard let code = failure.urlErrorCode else { return false }
        let before: [URLError.Code] = [
            .cannotFindHost, .cannotConnectToHost, .dnsLookupFailed, .notConnectedToInternet,
            .internationalRoamingOff, .dataNotAllowed, .secureConnectionFailed,
        ]
        return before.map(\.rawValue).contains(code)
    }

    /// Runs `call` with a copy of this client and returns its value together
    /// with the HTTP response of the last request the copy made: its status
    /// and headers (a request id, rate-limit headers).
    ///
    /// ```swift
    /// let (images, response) = try await client.withResponse { try await $0.describe(request) }
    /// print(response.value(forHeader: "X-Request-Id") ?? "")
    /// ```
    ///
    /// Make the calls on the client `call` is given, not on the original.
    /// What `call` throws is thrown as it is (a call's ``APIClientError``);
    /// when `call` sent no request, the error is ``APIClientError/invalidRequest(reason:)``.
    ///
    /// It runs on the caller's actor, like `call`; the calls in it do their
    /// work off that actor, as every operation does.
    nonisolated(nonsending) public func withResponse<Value>(
        _ call: (APIClient) async throws -> Value
    ) async throws -> (value: Value, response: HTTPResponse) {
        let recorder = ResponseRecorder()
        let value = try await call(APIClient(configuration: configuration, transport: transport, recorder: recorder))
        guard let response = await recorder.last else {
            throw APIClientError.invalidRequest(
                reason: "withResponse: the closure sent no request through the client it was given")
        }
        return (value, response)
    }

    /// Decodes a success body, or says precisely why it could not.
    func decode<Value: Decodable>(_ type: Value.Type, from exchange: Exchange) throws(APIClientError) -> Value {
        do {
            return try JSONCoding.decoder.decode(Value.self, from: exchange.body)
        } catch {
            throw .decoding(
                .init(
                    operationID: exchange.operationID, statusCode: exchange.statusCode, message: Self.explain(error),
                    body: exchange.body))
        }
    }

    /// A media type without its parameters, trimmed and lower-cased:
    /// `Text/Event-Stream; charset=utf-8` is `text/event-stream`.
    static func essence(ofMediaType text: String) -> String {
        (text.split(separator: ";").first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Throws a decoding error unless the response came in `mediaType`:
    /// where a response is documented in several media types, the call
    /// reads the one it prefers, and says so when another came.
    func requireMediaType(_ exchange: Exchange, _ mediaType: String) throws(APIClientError) {
        let came = Self.essence(ofMediaType: exchange.response.value(forHeader: "Content-Type") ?? "")
        let expected = Self.essence(ofMediaType: mediaType)
        if came == expected || (expected.hasSuffix("/*") && came.hasPrefix(expected.dropLast())) { return }
        throw .decoding(
            .init(
                operationID: exchange.operationID, statusCode: exchange.statusCode,
                message: "the server answered in '\(came)', and this call reads '\(expected)'", body: exchange.body))
    }

    /// An error body decoded as documented, as the case `documented` of
    /// the error-body enum; nil when the body does not match.
    func decodeDocumented<Value: Decodable>(
        _ exchange: Exchange, as documented: (Value) -> DocumentedErrorBody
    ) -> DocumentedErrorBody? {
        (try? JSONCoding.decoder.decode(Value.self, from: exchange.body)).map(documented)
    }

    /// The error of a status the operation does not succeed with.
    func unexpectedStatus(_ exchange: Exchange, documentedBody: DocumentedErrorBody?) -> APIClientError {
        .unexpectedStatus(
            .init(
                operationID: exchange.operationID, statusCode: exchange.statusCode, headers: exchange.response.headers,
                body: exchange.body, documentedBody: documentedBody, attempts: exchange.attempts))
    }

    /// A decoding error in a sentence that names the field.
    static func explain(_ error: any Error) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return text.isEmpty ? "the body" : String(text.drop { $0 == "." })
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        default:
            return String(describing: error)
        }
    }
}
