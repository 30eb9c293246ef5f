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

    /// Names of the headers and query items that carry the credential, lower-cased.
    static let credentialHeaders: Set<String> = ["api-key"]

    /// Creates a client from a configuration and a transport.
    public init(configuration: Configuration, transport: any HTTPTransport = URLSessionTransport()) {
        self.init(configuration: configuration, transport: transport, recorder: nil)
    }

    init(configuration: Configuration, transport: any HTTPTransport, recorder: ResponseRecorder?) {
        self.configuration = configuration
        self.transport = transport
        self.recorder = recorder
    }

    /// Adds the configured credential to a request, as the API description asks.
    func authenticate(_ builder: inout RequestBuilder) {
        guard let key = configuration.apiKey?.value else { return }
        builder.setHeader("Api-Key", key)
    }
}

/// The body of an error response, decoded as the API description documents it.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated public enum DocumentedErrorBody: Hashable, Sendable {
    /// A body the API description gives no schema for, as JSON.
    case json(JSONValue)
}
