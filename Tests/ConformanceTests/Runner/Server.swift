import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The server the scenarios call, and, when it is the conformance mock,
/// its record of what it received.
struct Server: Sendable {
    /// `http://127.0.0.1:PORT` or `CONFORMANCE_SERVER_URL`, without a spec id.
    let root: URL
    /// True for the mock of Tests/Server, which knows `X-Mock-*` headers and `/__last`.
    let isMock: Bool

    /// Where a spec's API is served: `<root>/<spec id>`.
    func baseURL(_ specID: String) -> URL {
        root.appendingPathComponent(specID)
    }

    /// One of the mock's introspection documents (`__last`, `__requests`,
    /// `__streams`); null when there is none (`__last` before any accepted request).
    func introspect(_ name: String) async -> Report {
        guard isMock else { return .null }
        do {
            let (data, response) = try await URLSession.shared.data(from: root.appendingPathComponent(name))
            guard (response as? HTTPURLResponse)?.statusCode == 200 else { return .null }
            return try JSONDecoder().decode(Report.self, from: data)
        } catch {
            return ["introspectionFailed": .string("\(error)")]
        }
    }

    /// Forgets the requests and streams the mock recorded, so that a scenario sees only its own.
    func reset() async {
        guard isMock else { return }
        var request = URLRequest(url: root.appendingPathComponent("__reset"))
        request.httpMethod = "POST"
        _ = try? await URLSession.shared.data(for: request)
    }

    /// How many requests the mock received since the last reset, rejected ones too.
    func requestCount() async -> Int? {
        guard case .number(let count)? = await introspect("__requests")["count"] else { return nil }
        return Int(count)
    }
}
