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
        /// When and how often a failed request is tried again.
        public var retryPolicy: RetryPolicy
        /// Sending the API key over plain `http://` to a host other than this
        /// machine is refused unless this is true.
        public var allowsInsecureHTTP: Bool
        /// Makes the boundary of each multipart body; random unless replaced
        /// (tests inject a fixed one to compare bytes).
        public var makeBoundary: @Sendable () -> String

        public init(
            baseURL: URL,
            apiKey: String? = nil,
            timeout: Duration = .seconds(60),
            additionalHeaders: [String: String] = [:],
            retryPolicy: RetryPolicy = .default,
            allowsInsecureHTTP: Bool = false,
            makeBoundary: @escaping @Sendable () -> String = MultipartFormData.randomBoundary
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey.map { APIKey($0) }
            self.timeout = timeout
            self.additionalHeaders = additionalHeaders
            self.retryPolicy = retryPolicy
            self.allowsInsecureHTTP = allowsInsecureHTTP
            self.makeBoundary = makeBoundary
        }
    }

    /// A copy of the client whose configuration is changed by `change`, for
    /// one call or a few: `try await client.configured { $0.timeout = .seconds(5) }.describe(...)`.
    public func configured(_ change: (inout Configuration) -> Void) -> __CLIENT__ {
        var configuration = self.configuration
        change(&configuration)
        return __CLIENT__(configuration: configuration, transport: transport)
    }
}

/// When a failed request is sent again.
///
/// - A 429 is retried after the server's `Retry-After` (seconds or an HTTP
///   date), or after the backoff when it gives none.
/// - A connection that failed before the request was sent (no host, refused,
///   no network) is retried.
/// - A 5xx, a timeout or a connection lost mid-request is retried only for
///   methods that are safe to repeat (GET, HEAD, PUT, DELETE, OPTIONS), or
///   for any method when ``retriesServerErrorsOnUnsafeMethods`` is on: a POST
///   that may have run on the server may have cost money already.
///
/// Delays grow exponentially from ``initialDelay`` up to ``maximumDelay``,
/// with full jitter (a random delay between zero and the computed one).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first one included; 1 turns retries off.
    public var maximumAttempts: Int
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// Retry 5xx answers and lost connections of POST and PATCH too.
    public var retriesServerErrorsOnUnsafeMethods: Bool

    public init(maximumAttempts: Int = 3, initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(30),
                retriesServerErrorsOnUnsafeMethods: Bool = false) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.retriesServerErrorsOnUnsafeMethods = retriesServerErrorsOnUnsafeMethods
    }

    public static let `default` = RetryPolicy()
    /// Every request is sent once.
    public static let never = RetryPolicy(maximumAttempts: 1)

    /// The backoff before attempt `attempt + 1` (attempt counts from 1), jitter included.
    public func backoff(after attempt: Int) -> Duration {
        let exponent = min(attempt - 1, 30)
        let ceiling = min(initialDelay * (1 << exponent), maximumDelay)
        let fraction = Double.random(in: 0...1)
        return ceiling * fraction
    }

    /// The delay a `Retry-After` value asks for, capped at ``maximumDelay``.
    public func delay(retryAfter value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return min(.seconds(max(0, seconds)), maximumDelay) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        let seconds = max(0, date.timeIntervalSince(now))
        return min(.milliseconds(Int(seconds * 1000)), maximumDelay)
    }
}

extension __CLIENT__.Configuration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "Configuration(baseURL: \(baseURL.absoluteString), apiKey: \(apiKey == nil ? "none" : "<redacted>"), timeout: \(timeout), retryPolicy: \(retryPolicy))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": baseURL, "apiKey": apiKey as Any, "timeout": timeout, "retryPolicy": retryPolicy],
               displayStyle: .struct)
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
