import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// A credential for one of the API's security schemes
    /// (``SecurityScheme``), as a configuration holds it: an API key, a
    /// bearer token (fixed, or asked of the app before each request, so that
    /// an OAuth 2 token can be refreshed), or a user name and password.
    ///
    /// It never shows its value in `description`, `debugDescription`, `dump`
    /// or string interpolation.
    public struct Credential: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        enum Value: Sendable {
            case secret(APIKey)
            case tokenProvider(@Sendable () async throws -> String)
            case basic(username: APIKey, password: APIKey)
        }

        let value: Value

        /// A key sent as the scheme says: in its header, query item or cookie
        /// (or as a bearer token, or as the user name of HTTP basic
        /// authentication with an empty password, where the scheme is one of
        /// those).
        public static func apiKey(_ key: String) -> Credential { Credential(value: .secret(APIKey(key))) }

        /// A bearer token, sent as `Authorization: Bearer <token>`.
        public static func bearer(_ token: String) -> Credential { Credential(value: .secret(APIKey(token))) }

        /// A bearer token asked of `provider` before each request (an OAuth 2
        /// token the app refreshes, say); an error it throws fails the call
        /// before anything is sent.
        public static func bearer(provider: @escaping @Sendable () async throws -> String) -> Credential {
            Credential(value: .tokenProvider(provider))
        }

        /// A user name and password for HTTP basic authentication, sent
        /// base64-encoded as `Authorization: Basic …`.
        public static func basic(username: String, password: String) -> Credential {
            Credential(value: .basic(username: APIKey(username), password: APIKey(password)))
        }

        /// Always `<redacted>`.
        public var description: String { "<redacted>" }
        /// Always `<redacted>`.
        public var debugDescription: String { "<redacted>" }
        /// A mirror with no children, so that `dump` shows no value.
        public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

        /// The key or token it holds; nil for a user name and password.
        var secret: APIKey? {
            if case .secret(let key) = value { return key }
            return nil
        }
    }

    /// Where a security scheme puts its credential.
    enum SecurityPlacement: Sendable, Hashable {
        /// An API key in the named header.
        case header(String)
        /// An API key in the named query item.
        case query(String)
        /// An API key in the named cookie.
        case cookie(String)
        /// `Authorization: Bearer <token>` (HTTP bearer, OAuth 2, OpenID Connect).
        case bearer
        /// `Authorization: Basic <base64 of user:password>`.
        case basic
    }

    /// Adds the credentials `requirement` asks for: of its alternatives,
    /// the first whose schemes all have a credential in the configuration
    /// (or their header among its additional headers, as a gateway may ask).
    /// An empty requirement asks for none, and so does an empty alternative
    /// (the credential is optional); otherwise a call without one fails here,
    /// before anything is sent, with a reason that names the schemes.
    func authenticate(_ builder: inout RequestBuilder, requirement: [[SecurityScheme]]) async throws(APIClientError) {
        guard !requirement.isEmpty else { return }
        let credentials = configuration.credentials
        let additional = Set(configuration.additionalHeaders.keys.map { $0.lowercased() })
        func isConfigured(_ scheme: SecurityScheme) -> Bool {
            if credentials[scheme] != nil { return true }
            switch Self.placement(of: scheme) {
            case .header(let name): return additional.contains(name.lowercased())
            case .bearer, .basic: return additional.contains("authorization")
            case .query, .cookie: return false
            }
        }
        guard let chosen = requirement.first(where: { $0.allSatisfy(isConfigured) }) else {
            let names = requirement.map { $0.map { "`\($0.rawValue)`" }.joined(separator: " and ") }
            throw .invalidRequest(
                reason: "\(builder.operationID) needs a credential for " + names.joined(separator: " or ")
                    + " (configuration.credentials), and the configuration holds none")
        }
        for scheme in chosen {
            guard let credential = credentials[scheme] else { continue }
            try await apply(credential, placement: Self.placement(of: scheme), to: &builder)
        }
    }

    private func apply(_ credential: Credential, placement: SecurityPlacement, to builder: inout RequestBuilder)
        async throws(APIClientError)
    {
        let text: String
        switch credential.value {
        case .secret(let key):
            text = key.value
        case .basic(let username, let password):
            text = Self.basicCredentials(username.value, password.value)
        case .tokenProvider(let provider):
            do {
                text = try await provider()
            } catch {
                if error is CancellationError || Task.isCancelled { throw .cancelled }
                throw .invalidRequest(reason: "the token provider of \(builder.operationID) failed: \(error)")
            }
        }
        builder.carriesCredential = true
        switch placement {
        case .header(let name): builder.setHeader(name, text)
        case .query(let name): builder.addQuery(name, text)
        case .cookie(let name): builder.addCookie(name, text)
        case .bearer: builder.setHeader("Authorization", "Bearer " + text)
        case .basic:
            if case .basic = credential.value {
                builder.setHeader("Authorization", "Basic " + text)
            } else {
                // A key alone is a user name with an empty password (Stripe's way).
                builder.setHeader("Authorization", "Basic " + Self.basicCredentials(text, ""))
            }
        }
    }

    /// `user:password` in base64, as HTTP basic authentication sends it.
    static func basicCredentials(_ username: String, _ password: String) -> String {
        Data((username + ":" + password).utf8).base64EncodedString()
    }
}
