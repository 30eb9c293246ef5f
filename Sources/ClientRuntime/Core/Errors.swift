public import Foundation

/// Everything a call can throw. No case ever holds the API key or another
/// credential.
///
/// Its `localizedDescription` (what an alert shows) says what happened in a
/// sentence, with the server's own message when its body has one. The
/// common cases can be asked for directly: ``isRateLimited`` (with
/// ``retryAfter``), ``isUnauthorized``, ``isRejected`` (a 422, such as a
/// safety check), ``isTimeout``.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated public enum APIClientError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// The server answered with a status the operation does not succeed with.
    case unexpectedStatus(UnexpectedStatus)
    /// No response arrived: the connection failed or timed out.
    case transport(TransportFailure)
    /// A response arrived, but its body is not what the API description says.
    case decoding(DecodingFailure)
    /// An argument could not be turned into a request; the reason names the field.
    case invalidRequest(reason: String)
    /// The calling task was cancelled, and the request with it.
    case cancelled
    #if RUNTIME_JOBS
    /// A job ended in a stage the API lists as failed, without its result.
    case jobFailed(JobFailure)
    /// A job had not ended when its polling deadline passed.
    case jobTimedOut(JobTimeout)
    #endif

    /// An error status with everything the server sent.
    public struct UnexpectedStatus: Sendable, CustomReflectable {
        /// The operation's identifier in the API description.
        public var operationID: String
        /// The HTTP status code.
        public var statusCode: Int
        /// The response headers as received; look them up with ``value(forHeader:)``.
        public var headers: [String: String]
        /// The raw body, as received.
        public var body: Data
        /// The body decoded as the API description documents it for this
        /// status (for example the safety error of a 422), when it does and
        /// the body matches.
        public var documentedBody: DocumentedErrorBody?
        /// How many times the request was sent, retries included.
        public var attempts: Int

        /// Creates the error (for tests and stubs).
        public init(
            operationID: String, statusCode: Int, headers: [String: String] = [:], body: Data = Data(),
            documentedBody: DocumentedErrorBody? = nil, attempts: Int = 1
        ) {
            self.operationID = operationID
            self.statusCode = statusCode
            self.headers = headers
            self.body = body
            self.documentedBody = documentedBody
            self.attempts = attempts
        }

        /// A header's value, matched without regard to case.
        public func value(forHeader name: String) -> String? {
            APIClient.HTTPHeader.value(named: name, in: headers)
        }

        /// The server's own explanation: the `error`, `message` or `detail`
        /// text of a JSON body (or of an object under one of those keys).
        public var serverMessage: String? {
            ServerMessage.find(in: body)
        }

        /// How long the server asks to wait before trying again (`Retry-After`,
        /// in seconds or as an HTTP date).
        public var retryAfter: Duration? {
            APIClient.RetryPolicy.wait(retryAfter: value(forHeader: "Retry-After"))
        }

        /// What `dump` shows: credential headers such as `Set-Cookie` redacted.
        public var customMirror: Mirror {
            let shown = Dictionary(
                uniqueKeysWithValues: CredentialHeaders.redacted(headers).map { ($0.name, $0.value) })
            return Mirror(
                self,
                children: [
                    "operationID": operationID, "statusCode": statusCode, "headers": shown,
                    "body": "\(body.count) bytes",
                    "documentedBody": documentedBody as Any, "attempts": attempts,
                ], displayStyle: .struct)
        }
    }

    /// A request that got no response.
    public struct TransportFailure: Sendable {
        /// The operation's identifier in the API description.
        public var operationID: String
        /// What went wrong, as the transport said it.
        public var message: String
        /// The `URLError` code, when the transport was `URLSession`.
        public var urlErrorCode: Int?
        /// Whether the server took longer than the configuration's timeout.
        public var isTimeout: Bool
        /// How many times the request was sent, retries included.
        public var attempts: Int

        /// Creates the error (for tests and stubs).
        public init(
            operationID: String, message: String, urlErrorCode: Int? = nil, isTimeout: Bool = false, attempts: Int = 1
        ) {
            self.operationID = operationID
            self.message = message
            self.urlErrorCode = urlErrorCode
            self.isTimeout = isTimeout
            self.attempts = attempts
        }
    }

    /// A response whose body is not what the API description says.
    public struct DecodingFailure: Sendable {
        /// The operation's identifier in the API description.
        public var operationID: String
        /// The HTTP status of the response.
        public var statusCode: Int
        /// Where in the body and why decoding failed.
        public var message: String
        /// The raw body, as received.
        public var body: Data

        /// Creates the error (for tests and stubs).
        public init(operationID: String, statusCode: Int, message: String, body: Data = Data()) {
            self.operationID = operationID
            self.statusCode = statusCode
            self.message = message
            self.body = body
        }
    }

    /// The HTTP status, when the server answered.
    public var statusCode: Int? {
        switch self {
        case .unexpectedStatus(let failure): failure.statusCode
        case .decoding(let failure): failure.statusCode
        default: nil
        }
    }

    /// The server's own explanation, from the body of an error status.
    public var serverMessage: String? {
        if case .unexpectedStatus(let failure) = self { return failure.serverMessage }
        return nil
    }

    /// A 429: too many requests for now; see ``retryAfter``.
    public var isRateLimited: Bool { statusCode == 429 }

    /// A 401 or 403: the API key is missing, wrong or not allowed this call.
    public var isUnauthorized: Bool { statusCode == 401 || statusCode == 403 }

    /// A 422: the server understood the request and refused its content
    /// (an image or prompt that failed a safety check, say).
    public var isRejected: Bool { statusCode == 422 }

    /// The request timed out before the server answered.
    public var isTimeout: Bool {
        if case .transport(let failure) = self { return failure.isTimeout }
        return false
    }

    /// How long the server asks to wait before trying again, when it says.
    public var retryAfter: Duration? {
        if case .unexpectedStatus(let failure) = self { return failure.retryAfter }
        return nil
    }

    /// How many times the request was sent, retries included (0 when it never was).
    public var attempts: Int {
        switch self {
        case .unexpectedStatus(let failure): failure.attempts
        case .transport(let failure): failure.attempts
        case .decoding: 1
        case .invalidRequest, .cancelled: 0
        #if RUNTIME_JOBS
        case .jobFailed(let failure): failure.polls
        case .jobTimedOut(let timeout): timeout.polls
        #endif
        }
    }

    /// For developers and logs: the operation, the status and the start of the body.
    public var description: String {
        switch self {
        case .unexpectedStatus(let failure):
            let snippet = String(decoding: failure.body.prefix(200), as: UTF8.self)
            return "\(failure.operationID): the server answered \(failure.statusCode)"
                + (snippet.isEmpty ? "" : ": \(snippet)")
        case .transport(let failure):
            return
                "\(failure.operationID): the request failed\(failure.isTimeout ? " (timed out)" : ""): "
                + "\(failure.message)"
        case .decoding(let failure):
            return "\(failure.operationID): the \(failure.statusCode) response could not be decoded: \(failure.message)"
        case .invalidRequest(let reason):
            return "invalid request: \(reason)"
        case .cancelled:
            return "the request was cancelled"
        #if RUNTIME_JOBS
        case .jobFailed(let failure):
            return "\(failure.operationID): the job ended as \(failure.stage)"
                + (failure.message.map { ": \($0)" } ?? "")
        case .jobTimedOut(let timeout):
            return "\(timeout.operationID): the job had not ended after \(timeout.polls) polls in \(timeout.deadline)"
                + (timeout.lastStage.map { " (last stage: \($0))" } ?? "")
        #endif
        }
    }

    /// One sentence for a person, such as an alert's message.
    public var errorDescription: String? {
        switch self {
        case .unexpectedStatus(let failure):
            let said = failure.serverMessage.map { ": " + $0 } ?? "."
            switch failure.statusCode {
            case 401: return "The API key was not accepted" + said
            case 403: return "This API key may not make this request" + said
            case 404: return "The server could not find what was asked for" + said
            case 422: return "The request was refused" + said
            case 429:
                let wait =
                    failure.retryAfter.map { " Try again in \(ServerMessage.seconds($0))." } ?? " Try again later."
                // The server's message keeps its own full stop, if it has one.
                let message = failure.serverMessage.map { ": " + $0 + (".!?".contains($0.last ?? " ") ? "" : ".") }
                return "Too many requests" + (message ?? ".") + wait
            case 500...599: return "The service had a problem (HTTP \(failure.statusCode))" + said
            default: return "The request failed with HTTP \(failure.statusCode)" + said
            }
        case .transport(let failure):
            if failure.isTimeout { return "The server took too long to answer." }
            return "The server could not be reached: \(failure.message)"
        case .decoding:
            return "The server's answer could not be read."
        case .invalidRequest(let reason):
            return "The request could not be made: \(reason)"
        case .cancelled:
            return "The request was cancelled."
        #if RUNTIME_JOBS
        case .jobFailed(let failure):
            return "The job ended as \(failure.stage)" + (failure.message.map { ": " + $0 } ?? ".")
        case .jobTimedOut(let timeout):
            return "The job did not finish within \(ServerMessage.seconds(timeout.deadline))"
                + (timeout.lastStage.map { "; it was still \($0)." } ?? ".")
        #endif
        }
    }

    /// Why it happened, for the developer, where the status says more than the sentence.
    public var failureReason: String? {
        switch self {
        case .decoding(let failure): failure.message
        default: nil
        }
    }
}

/// Finds the human-readable message in an error body.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated enum ServerMessage {
    static let keys = ["error", "message", "detail", "error_description"]

    static func find(in body: Data) -> String? {
        guard !body.isEmpty, let value = try? JSONCoding.decoder.decode(JSONValue.self, from: body) else { return nil }
        return find(in: value, depth: 0)
    }

    private static func find(in value: JSONValue, depth: Int) -> String? {
        guard depth < 4 else { return nil }
        switch value {
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : String(trimmed.prefix(500))
        case .object(let members):
            for key in keys {
                if let inner = members[key], let found = find(in: inner, depth: depth + 1) { return found }
            }
            return nil
        case .array(let items):
            return items.first.flatMap { find(in: $0, depth: depth + 1) }
        default:
            return nil
        }
    }

    /// `3 seconds`, `1 second`.
    static func seconds(_ duration: Duration) -> String {
        let exact = (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18).rounded(.up)
        // A server may ask for any wait; the sentence never traps on one too long for an Int.
        let whole = exact >= Double(Int.max) ? Int.max : max(1, Int(exact))
        return whole == 1 ? "1 second" : "\(whole) seconds"
    }
}
