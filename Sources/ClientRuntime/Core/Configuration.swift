public import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// Everything a call needs besides its arguments.
    ///
    /// Credentials are held as ``Credential`` values and an API key as an
    /// ``APIKey``, which never show their values in `description`,
    /// `debugDescription`, `dump` or string interpolation; nor do the values
    /// of ``additionalHeaders`` that carry credentials (see
    /// ``sensitiveHeaders``).
    public struct Configuration: Sendable {
        /// Where the API is served; a path prefix (a gateway's) is kept.
        public var baseURL: URL
        /// A credential for each of the API's security schemes the app uses.
        /// Each call sends what its own security requirement asks, from
        /// these; a call whose requirement none of them meets fails before
        /// anything is sent.
        public var credentials: [SecurityScheme: Credential]
        /// The key of the API's first security scheme (``credentials`` for
        /// that scheme): the credential of an API with one, as
        /// `Configuration(baseURL:apiKey:)` sets it.
        public var apiKey: APIKey? {
            get { APIClient.primaryScheme.flatMap { credentials[$0]?.secret } }
            set {
                guard let scheme = APIClient.primaryScheme else { return }
                credentials[scheme] = newValue.map { Credential(value: .secret($0)) }
            }
        }
        /// How long a request may wait for the server's next bytes before it
        /// fails with a timeout (``APIClientError/isTimeout``).
        ///
        /// The default, five minutes, is long on purpose: a generation call
        /// answers only when its images are done, and several images at the
        /// slowest quality setting take well over a minute, while a POST that
        /// timed out is not retried (it may have run, and cost money). Set a
        /// shorter one for quick calls with ``APIClient/configured(_:)``.
        public var timeout: Duration
        /// Headers added to every request (a user agent, a gateway's own header).
        ///
        /// A header that carries a credential is redacted wherever a
        /// configuration or request is printed, and, like the API key, is
        /// never sent over plain `http://` to another machine; see
        /// ``sensitiveHeaders`` for which ones count.
        public var additionalHeaders: [String: String]
        /// Names of headers, besides the ones the client knows, whose values
        /// are secrets (matched without regard to case).
        ///
        /// Always counted as secrets: the API key's header, `Authorization`,
        /// `Proxy-Authorization`, `Cookie`, `Set-Cookie`, and any name that
        /// contains `key`, `token`, `secret`, `auth`, `password`, `session`,
        /// `credential` or `signature`.
        public var sensitiveHeaders: Set<String>
        /// When and how often a failed request is tried again.
        public var retryPolicy: RetryPolicy
        /// Sending a credential over plain `http://` to a host other than
        /// this machine (`localhost`, `127.0.0.0/8` or `::1`) is refused
        /// unless this is true.
        public var allowsInsecureHTTP: Bool
        /// Makes the boundary of each multipart body; random unless replaced
        /// (tests inject a fixed one to compare bytes).
        public var makeBoundary: @Sendable () -> String

        /// Creates a configuration; every argument but the base URL has a default.
        ///
        /// - Parameters:
        ///   - baseURL: Where the API is served, with a gateway's path prefix if any.
        ///   - apiKey: The key of the API's first security scheme, if any.
        ///   - credentials: A credential for each security scheme the app uses.
        ///   - timeout: How long a request may wait for the server; five minutes by default.
        ///   - additionalHeaders: Headers added to every request.
        ///   - sensitiveHeaders: More header names whose values are secrets.
        ///   - retryPolicy: When a failed request is sent again.
        ///   - allowsInsecureHTTP: Whether credentials may travel over plain `http://` to another machine.
        ///   - makeBoundary: Makes each multipart boundary; random by default.
        public init(
            baseURL: URL,
            apiKey: String? = nil,
            credentials: [SecurityScheme: Credential] = [:],
            timeout: Duration = .seconds(300),
            additionalHeaders: [String: String] = [:],
            sensitiveHeaders: Set<String> = [],
            retryPolicy: RetryPolicy = .default,
            allowsInsecureHTTP: Bool = false,
            makeBoundary: (@Sendable () -> String)? = nil
        ) {
            self.baseURL = baseURL
            var credentials = credentials
            if let apiKey, let scheme = APIClient.primaryScheme {
                credentials[scheme] = Credential(value: .secret(APIKey(apiKey)))
            }
            self.credentials = credentials
            self.timeout = timeout
            self.additionalHeaders = additionalHeaders
            self.sensitiveHeaders = sensitiveHeaders
            self.retryPolicy = retryPolicy
            self.allowsInsecureHTTP = allowsInsecureHTTP
            self.makeBoundary = makeBoundary ?? { MultipartFormData.randomBoundary() }
        }

        /// The names, beyond the standard ones, whose values are secrets: the
        /// ones the client authenticates with and ``sensitiveHeaders``.
        var sensitiveNames: Set<String> {
            APIClient.credentialHeaders.union(sensitiveHeaders)
        }
    }

    /// A copy of the client whose configuration is changed by `change`, for
    /// one call or a few: `try await client.configured { $0.timeout = .seconds(5) }.describe(...)`.
    public func configured(_ change: (inout Configuration) -> Void) -> APIClient {
        var configuration = self.configuration
        change(&configuration)
        return APIClient(configuration: configuration, transport: transport, recorder: recorder)
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
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
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct RetryPolicy: Sendable, Hashable {
        /// Attempts in all, the first one included; 1 turns retries off.
        public var maximumAttempts: Int
        /// The ceiling of the first backoff; it doubles with each attempt.
        public var initialDelay: Duration
        /// The longest wait between two attempts, whatever a `Retry-After` asks.
        public var maximumDelay: Duration
        /// Retry 5xx answers and lost connections of POST and PATCH too.
        public var retriesServerErrorsOnUnsafeMethods: Bool
        #if RUNTIME_IDEMPOTENCY_KEYS
        /// Retry 5xx answers and lost connections of a POST or PATCH that
        /// carries an idempotency key (which the server runs once however
        /// often it arrives); on by default.
        public var retriesRequestsWithIdempotencyKeys = true
        #endif

        /// Creates a policy; the defaults make three attempts, half a second
        /// apart at first, never more than thirty seconds apart.
        public init(
            maximumAttempts: Int = 3, initialDelay: Duration = .milliseconds(500),
            maximumDelay: Duration = .seconds(30),
            retriesServerErrorsOnUnsafeMethods: Bool = false
        ) {
            self.maximumAttempts = max(1, maximumAttempts)
            self.initialDelay = initialDelay
            self.maximumDelay = maximumDelay
            self.retriesServerErrorsOnUnsafeMethods = retriesServerErrorsOnUnsafeMethods
        }

        /// Three attempts, from half a second apart up to thirty seconds.
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
            Self.wait(retryAfter: value, now: now).map { min($0, maximumDelay) }
        }

        /// The wait a `Retry-After` value asks for (seconds or an HTTP date), uncapped.
        static func wait(retryAfter value: String?, now: Date = Date()) -> Duration? {
            guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            // delay-seconds: any number of digits (RFC 9110); one too large
            // for an Int asks for the longest wait there is.
            let digits = value.hasPrefix("+") || value.hasPrefix("-") ? value.dropFirst() : Substring(value)
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                if value.hasPrefix("-") { return .zero }
                return .seconds(Int64(digits) ?? Int64.max)
            }
            guard let date = HTTPDate.parse(value) else { return nil }
            return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
        }
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient.Configuration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable
{
    /// The configuration with every secret replaced by `<redacted>`.
    public var description: String {
        let headers = redactedAdditionalHeaders.map { "\($0.name): \($0.value)" }.joined(separator: ", ")
        return
            "Configuration(baseURL: \(printableBaseURL), apiKey: \(apiKey == nil ? "none" : "<redacted>"), "
            + "timeout: \(timeout), "
            + "additionalHeaders: [\(headers)], retryPolicy: \(retryPolicy), allowsInsecureHTTP: \(allowsInsecureHTTP))"
    }

    /// The same as ``description``: secrets redacted.
    public var debugDescription: String { description }

    /// The base URL without the secrets it may hold (user information, a key in its query).
    private var printableBaseURL: String {
        CredentialHeaders.printable(baseURL) { CredentialHeaders.isSensitive($0, extra: sensitiveNames) }
    }

    /// What `dump` and debuggers show: secrets redacted.
    public var customMirror: Mirror {
        let headers = Dictionary(uniqueKeysWithValues: redactedAdditionalHeaders.map { ($0.name, $0.value) })
        return Mirror(
            self,
            children: [
                "baseURL": printableBaseURL, "apiKey": apiKey as Any, "timeout": timeout,
                "additionalHeaders": headers, "sensitiveHeaders": sensitiveHeaders,
                "retryPolicy": retryPolicy, "allowsInsecureHTTP": allowsInsecureHTTP,
            ],
            displayStyle: .struct)
    }

    private var redactedAdditionalHeaders: [(name: String, value: String)] {
        CredentialHeaders.redacted(additionalHeaders, extra: sensitiveNames)
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// A secret that keeps itself out of logs: every way of printing it prints
    /// `<redacted>`. Only the request builder reads its value.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
        CustomReflectable,
        ExpressibleByStringLiteral
    {
        let value: String

        /// Wraps a key.
        public init(_ value: String) {
            self.value = value
        }

        /// Wraps a key written as a literal (in tests).
        public init(stringLiteral value: String) {
            self.value = value
        }

        /// Always `<redacted>`.
        public var description: String { "<redacted>" }
        /// Always `<redacted>`.
        public var debugDescription: String { "<redacted>" }
        /// A mirror with no children, so that `dump` shows no value.
        public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
    }
}

/// Which headers carry secrets: the ones the client authenticates with, the
/// standard credential headers, and names that say they hold one.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated enum CredentialHeaders {
    static let standard: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]
    static let words = ["key", "token", "secret", "auth", "password", "session", "credential", "signature"]

    /// Whether the header called `name` holds a secret; `extra` lists more
    /// names (any case).
    static func isSensitive(_ name: String, extra: Set<String> = []) -> Bool {
        let lower = name.lowercased()
        if standard.contains(lower) || words.contains(where: { lower.contains($0) }) { return true }
        return extra.contains { $0.lowercased() == lower }
    }

    /// `headers` in name order, each secret's value replaced by `<redacted>`.
    static func redacted(_ headers: [String: String], extra: Set<String> = []) -> [(name: String, value: String)] {
        headers.sorted { $0.key < $1.key }.map { ($0.key, isSensitive($0.key, extra: extra) ? "<redacted>" : $0.value) }
    }

    /// `url` as it can be printed: its user information (a user name and
    /// password, or a key) as `<redacted>`, and the value of each query item
    /// whose name `isSecret` says holds a secret as `redacted`; every other
    /// character as it is sent.
    static func printable(_ url: URL, isSecret: (String) -> Bool) -> String {
        var text = url.absoluteString
        if let schemeEnd = text.range(of: "://") {
            let authorityEnd = text[schemeEnd.upperBound...].firstIndex { "/?#".contains($0) } ?? text.endIndex
            if let at = text[schemeEnd.upperBound..<authorityEnd].lastIndex(of: "@") {
                text.replaceSubrange(schemeEnd.upperBound..<at, with: "<redacted>")
            }
        }
        guard let mark = text.firstIndex(of: "?") else { return text }
        let fragmentStart = text[mark...].firstIndex(of: "#") ?? text.endIndex
        let items = text[text.index(after: mark)..<fragmentStart].split(
            separator: "&", omittingEmptySubsequences: false)
        let shown = items.map { item -> String in
            let name = item.prefix { $0 != "=" }
            let decoded = String(name).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(name)
            return isSecret(decoded) && name.count < item.count ? name + "=redacted" : String(item)
        }
        return text[...mark] + shown.joined(separator: "&") + text[fragmentStart...]
    }
}
