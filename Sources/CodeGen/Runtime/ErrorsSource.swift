extension RuntimeSources {
    static let errors = #"""
import Foundation

/// Everything a call can throw. No case ever holds the API key.
public enum __CLIENT__Error: Error, Sendable, CustomStringConvertible {
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

    /// An error status with everything the server sent.
    public struct UnexpectedStatus: Sendable {
        public var operationID: String
        public var statusCode: Int
        public var headers: [String: String]
        /// The raw body, as received.
        public var body: Data
        /// The body decoded as the API description documents it for this
        /// status (for example the safety error of a 422), when it does and
        /// the body matches.
        public var documentedBody: DocumentedErrorBody?
    }

    public struct TransportFailure: Sendable {
        public var operationID: String
        /// What went wrong, as the transport said it.
        public var message: String
        /// The `URLError` code, when the transport was `URLSession`.
        public var urlErrorCode: Int?
    }

    public struct DecodingFailure: Sendable {
        public var operationID: String
        public var statusCode: Int
        /// Where in the body and why decoding failed.
        public var message: String
        public var body: Data
    }

    /// The HTTP status, when the server answered.
    public var statusCode: Int? {
        switch self {
        case .unexpectedStatus(let failure): failure.statusCode
        case .decoding(let failure): failure.statusCode
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .unexpectedStatus(let failure):
            let snippet = String(decoding: failure.body.prefix(200), as: UTF8.self)
            return "\(failure.operationID): the server answered \(failure.statusCode)" + (snippet.isEmpty ? "" : ": \(snippet)")
        case .transport(let failure):
            return "\(failure.operationID): the request failed: \(failure.message)"
        case .decoding(let failure):
            return "\(failure.operationID): the \(failure.statusCode) response could not be decoded: \(failure.message)"
        case .invalidRequest(let reason):
            return "invalid request: \(reason)"
        case .cancelled:
            return "the request was cancelled"
        }
    }
}
"""#
}
