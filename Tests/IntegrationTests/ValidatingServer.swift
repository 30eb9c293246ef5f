import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The integration suites run one test at a time: they share one server,
/// and some read back the last request it saw. Their name ends in
/// `SlowTests`, which the quick loop skips (MAINTAINING.md).
@Suite(.serialized) enum IntegrationSlowTests {}

/// The validating server of Tests/Server, started once per test run on
/// 127.0.0.1 with a free port, or the server named by
/// `IDEOGRAM_TEST_SERVER_URL` (a gateway, another implementation).
///
/// When Python or the virtual environment is missing, starting it fails with
/// a message that says how to set it up: the suite never passes silently.
final class ValidatingServer: Sendable {
    let baseURL: URL
    /// True for a server of ours, which knows the failure modes and `/__last`.
    let isLocal: Bool
    private let process: Process?
    private let input: Pipe?

    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let externalURL: URL? = ProcessInfo.processInfo.environment["IDEOGRAM_TEST_SERVER_URL"].flatMap(URL.init(string:))

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    private init(baseURL: URL, process: Process?, input: Pipe?) {
        self.baseURL = baseURL
        self.isLocal = process != nil
        self.process = process
        self.input = input
    }

    /// The server at the API's root, shared by the run.
    static let shared = Task { try start(prefix: nil) }
    /// A second server with the API under `/ideogram`, as a gateway mounts it.
    static let prefixed = Task { try start(prefix: "/ideogram") }

    static func start(prefix: String?) throws -> ValidatingServer {
        if let externalURL, prefix == nil {
            return ValidatingServer(baseURL: externalURL, process: nil, input: nil)
        }
        var arguments = [packageRoot + "/Tests/Server/validating_server.py", "--spec", packageRoot + "/spec/ideogram-openapi.yml"]
        let upstream = packageRoot + "/../shared/upstream/ideogram-openapi.yml"
        if FileManager.default.fileExists(atPath: upstream) { arguments += ["--spec", upstream] }
        if let prefix { arguments += ["--prefix", prefix] }
        return try launch(arguments, prefix: prefix)
    }

    /// The Pixazo gateway's server (Tests/Server/pixazo_server.py), or the
    /// one `PIXAZO_TEST_SERVER_URL` names.
    static let pixazo = Task { () throws -> ValidatingServer in
        if let url = ProcessInfo.processInfo.environment["PIXAZO_TEST_SERVER_URL"].flatMap(URL.init(string:)) {
            return ValidatingServer(baseURL: url, process: nil, input: nil)
        }
        return try launch([packageRoot + "/Tests/Server/pixazo_server.py", "--spec", packageRoot + "/spec/pixazo-openapi.yml"], prefix: nil)
    }

    /// Starts one of the Python servers of Tests/Server with `arguments`
    /// (the script first) and waits until it listens.
    private static func launch(_ arguments: [String], prefix: String?) throws -> ValidatingServer {
        let python = packageRoot + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw StartFailure(description: """
                The validating server needs Python and its virtual environment, and \(python) is missing.
                Set it up with: bash Tests/Server/setup-venv.sh   (.ci/run does this)
                """)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments + ["--port", "0"]
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.standardError
        try process.run()
        // The server prints `LISTENING http://127.0.0.1:PORT` once it accepts connections.
        var buffer = Data()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("LISTENING ") }),
               let url = URL(string: String(line.dropFirst("LISTENING ".count)).trimmingCharacters(in: .whitespaces)) {
                let base = prefix.map { url.appendingPathComponent(String($0.dropFirst())) } ?? url
                return ValidatingServer(baseURL: base, process: process, input: input)
            }
        }
        process.terminate()
        throw StartFailure(description: "the validating server did not start: \(String(decoding: buffer, as: UTF8.self))")
    }

    /// The server's record of the last request it accepted.
    func lastRequest() async throws -> [String: Any] {
        try await introspect("__last")
    }

    /// One of the server's introspection documents (`__last`, `__requests`, `__jobs`).
    func introspect(_ name: String) async throws -> [String: Any] {
        var root = baseURL
        while !root.path.isEmpty && root.path != "/" { root.deleteLastPathComponent() }
        let (data, _) = try await URLSession.shared.data(from: root.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    deinit {
        try? input?.fileHandleForWriting.close()
        process?.terminate()
    }
}
