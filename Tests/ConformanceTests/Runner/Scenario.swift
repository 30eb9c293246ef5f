import Foundation

/// One thing to try against the server: calls through a generated client,
/// and what was observed. The test of the same name (in the matching
/// `…Tests.swift` file) reads the observation and says whether it is what
/// the spec asks for.
struct Scenario: Sendable {
    /// `area.what`, the key the tests look the observation up by.
    var name: String
    /// Whether it needs the mock (`X-Mock-*` headers, or a spec of
    /// `Tests/ConformanceTests/Specs` that only the mock serves).
    var needsMock: Bool
    /// How long it may take before the runner reports it as `hung` and goes on.
    var timeLimit: Duration
    var run: @Sendable (Server) async -> [String: Report]

    init(
        _ name: String, needsMock: Bool = false, timeLimit: Duration = .seconds(30),
        run: @escaping @Sendable (Server) async -> [String: Report]
    ) {
        self.name = name
        self.needsMock = needsMock
        self.timeLimit = timeLimit
        self.run = run
    }

    /// Runs the scenario; after its time limit, `outcome` is `hung`. The call
    /// is cancelled then, but a call that ignores cancellation is left behind
    /// rather than waited for (see `security.unauthorizedBasicAnswers`).
    func run(against server: Server) async -> [String: Report] {
        let limit = timeLimit
        let work = run
        return await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            let call = Task { once.resume(await work(server)) }
            Task {
                try? await Task.sleep(for: limit)
                call.cancel()
                once.resume(["outcome": "hung", "timeLimitSeconds": Report(Int(limit.components.seconds))])
            }
        }
    }
}

/// Resumes a continuation with the first value it is given and ignores the others.
private final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<[String: Report], Never>?

    init(_ continuation: CheckedContinuation<[String: Report], Never>) {
        self.continuation = continuation
    }

    func resume(_ value: [String: Report]) {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume(returning: value)
    }
}

/// Makes a call; `outcome` is `ok` with the returned `value` (and its
/// case as `valueCase` when it is an operation's outcome enum), or `error`
/// with the ``describe(_:)`` of what was thrown.
func attempt<Value>(_ call: () async throws -> Value) async -> [String: Report] {
    await attempt(call) { _ in [:] }
}

/// ``attempt(_:)``, with fields that `inspect` adds from the returned value
/// (what its encoding does not show, such as the case of a union).
func attempt<Value>(
    _ call: () async throws -> Value, inspect: (Value) -> [String: Report]
) async -> [String: Report] {
    do {
        let value = try await call()
        var fields = inspect(value).merging(["outcome": "ok", "value": Report(anyValue: value)]) { $1 }
        if !(value is any Encodable), let name = caseName(of: value) { fields["valueCase"] = .string(name) }
        return fields
    } catch {
        return ["outcome": "error", "error": describe(error)]
    }
}

/// An error of any generated client: its case (`kind`: `unexpectedStatus`,
/// `decoding`, `transport`, `invalidRequest`, `cancelled`), its `status`, the
/// case of its decoded `documentedBody`, its `reason` and `message`, and the
/// sentence for people (`sentence`). Read with `Mirror`, since every client
/// has an error type of its own.
func describe(_ error: any Error) -> Report {
    var fields: [String: Report] = [
        "type": .string(String(describing: type(of: error))),
        "message": .string(String(describing: error)),
        "sentence": Report((error as? any LocalizedError)?.errorDescription),
    ]
    let mirror = Mirror(reflecting: error)
    if mirror.displayStyle == .enum {
        // The only case without a payload is `cancelled`, whose Mirror has no child.
        guard let payload = mirror.children.first else {
            fields["kind"] = "cancelled"
            return .object(fields)
        }
        fields["kind"] = Report(payload.label)
        if let reason = payload.value as? String { fields["reason"] = .string(reason) }
        for child in Mirror(reflecting: payload.value).children {
            switch (child.label, child.value) {
            case ("statusCode"?, let status as Int): fields["status"] = Report(status)
            case ("reason"?, let reason as String): fields["reason"] = .string(reason)
            case ("message"?, let message as String): fields["reason"] = .string(message)
            case ("isTimeout"?, let timeout as Bool): fields["isTimeout"] = .bool(timeout)
            case ("documentedBody"?, let body):
                fields["documentedBody"] = Report(caseName(of: body))
            default: break
            }
        }
    }
    return .object(fields)
}

/// The case of an enum value (through optionals); nil for nil.
func caseName(of value: Any) -> String? {
    var mirror = Mirror(reflecting: value)
    while mirror.displayStyle == .optional {
        guard let wrapped = mirror.children.first else { return nil }
        mirror = Mirror(reflecting: wrapped.value)
    }
    guard mirror.displayStyle == .enum else { return nil }
    return mirror.children.first?.label ?? String(describing: value)
}

/// A returned value with the status and headers of the response it came in
/// (from the client's `withResponse`), and the documented headers as the
/// client typed them (`typedHeaders`).
struct Answered: Encodable {
    var value: Report
    var valueCase: String?
    var status: Int
    var headers: [String: String]
    var typedHeaders: Report?

    init(_ value: Any, status: Int, headers: [String: String], typedHeaders: Report? = nil) {
        self.value = Report(anyValue: value)
        self.valueCase = value is any Encodable ? nil : caseName(of: value)
        self.status = status
        // Names as the server wrote them differ in case from one server to another.
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.typedHeaders = typedHeaders
    }
}
