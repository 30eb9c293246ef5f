extension RuntimeSources {
    static let configuration = #"""
import Foundation

extension __CLIENT__ {
    /// Everything a call needs besides its arguments.
    ///
    /// The API key is held as an ``APIKey``, which never shows its value in
    /// `description`, `debugDescription`, `dump` or string interpolation.
    public struct Configuration: Sendable {
        /// Where the API is served; a path prefix (a gateway's) is kept.
        public var baseURL: URL
        /// The credential sent with every call, if any.
        public var apiKey: APIKey?
        /// How long one request may take before it fails with a timeout.
        public var timeout: Duration
        /// Headers added to every request (a user agent, a gateway's own header).
        public var additionalHeaders: [String: String]
        /// Makes the boundary of each multipart body; random unless replaced
        /// (tests inject a fixed one to compare bytes).
        public var makeBoundary: @Sendable () -> String

        public init(
            baseURL: URL,
            apiKey: String? = nil,
            timeout: Duration = .seconds(60),
            additionalHeaders: [String: String] = [:],
            makeBoundary: @escaping @Sendable () -> String = MultipartFormData.randomBoundary
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey.map { APIKey($0) }
            self.timeout = timeout
            self.additionalHeaders = additionalHeaders
            self.makeBoundary = makeBoundary
        }
    }
}

extension __CLIENT__.Configuration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "Configuration(baseURL: \(baseURL.absoluteString), apiKey: \(apiKey == nil ? "none" : "redacted"), timeout: \(timeout))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": baseURL, "apiKey": apiKey as Any, "timeout": timeout], displayStyle: .struct)
    }
}

/// A secret that keeps itself out of logs: every way of printing it prints
/// `<redacted>`. Only the request builder reads ``value``.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable,
    ExpressibleByStringLiteral
{
    let value: String

    public init(_ value: String) {
        self.value = value
    }

    public init(stringLiteral value: String) {
        self.value = value
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
"""#
}
