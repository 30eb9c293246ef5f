public import Foundation

// Stand-ins for what the generator writes into each module beside the
// runtime: the client type and the enum of documented error bodies. They let
// the runtime compile and be tested on its own, and are never copied into a
// generated module; there, `APIClient` and `APIClientError` take the client's
// own names (`Ideogram`, `IdeogramError`). What the runtime may use of them is
// exactly what is declared here: the generator's `Renderer` writes the same
// members (see `renderClient` there), and the compile of every generated
// module checks that the two agree.

/// A client of an API: here, a stand-in for the generated client type.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated public struct APIClient: Sendable {
    /// The servers the API description lists; the first is the default base URL.
    public static let servers: [URL] = [URL(string: "https://api.example.com")!]

    /// The base URL, credentials, timeout and headers of every call.
    public let configuration: Configuration
    /// What sends requests; `URLSessionTransport` unless another was given.
    public let transport: any HTTPTransport
    /// Collects responses for `withResponse(_:)`; nil otherwise.
    let recorder: ResponseRecorder?

    /// The API's security schemes: what a configuration holds credentials for.
    public enum SecurityScheme: String, Sendable, Hashable, CaseIterable {
        /// An API key in the `Api-Key` header.
        case apiKey = "ApiKey"
        /// An OAuth 2 access token.
        case oauth = "OAuth"
        /// A user name and password.
        case basic = "Basic"
        /// An API key in the `key` query item.
        case queryKey = "QueryKey"
        /// An API key in the `session` cookie.
        case sessionCookie = "SessionCookie"
    }

    /// Where each scheme puts its credential.
    static func placement(of scheme: SecurityScheme) -> SecurityPlacement {
        switch scheme {
        case .apiKey: .header("Api-Key")
        case .oauth: .bearer
        case .basic: .basic
        case .queryKey: .query("key")
        case .sessionCookie: .cookie("session")
        }
    }

    /// The scheme an `apiKey` sets: the first the API declares.
    static let primaryScheme: SecurityScheme? = .apiKey

    /// What a call sends unless its operation says otherwise: the key, when
    /// the configuration has one (tests of a required credential set the
    /// builder's `security`).
    static let defaultSecurity: [[SecurityScheme]] = [[.apiKey], []]

    /// Names of the headers and query items that carry credentials, lower-cased.
    static let credentialHeaders: Set<String> = ["api-key", "authorization", "key"]

    /// Creates a client from a configuration and a transport.
    public init(configuration: Configuration, transport: any HTTPTransport = URLSessionTransport()) {
        self.init(configuration: configuration, transport: transport, recorder: nil)
    }

    init(configuration: Configuration, transport: any HTTPTransport, recorder: ResponseRecorder?) {
        self.configuration = configuration
        self.transport = transport
        self.recorder = recorder
    }
}

/// The body of an error response, decoded as the API description documents it.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated public enum DocumentedErrorBody: Hashable, Sendable {
    /// A body the API description gives no schema for, as JSON.
    case json(JSONValue)
}
