import Foundation

/// The server the scenarios call: `Tests/Server/conformance_server.py`,
/// started once per test run on 127.0.0.1 with the corpus and the specs of
/// `Tests/ConformanceTests/Specs`, or the server `CONFORMANCE_SERVER_URL`
/// names (each spec's API under `<url>/<spec id>`).
final class ConformanceServer: Sendable {
    /// The server's root, without a spec id.
    let root: URL
    /// True for the mock of Tests/Server, which knows `X-Mock-*` headers and `/__last`.
    let isMock: Bool
    private let process: Process?
    private let input: Pipe?

    static let externalURL: URL? = ProcessInfo.processInfo.environment["CONFORMANCE_SERVER_URL"]
        .flatMap { $0.isEmpty ? nil : URL(string: $0) }

    private init(root: URL, process: Process?, input: Pipe?) {
        self.root = root
        self.isMock = process != nil
        self.process = process
        self.input = input
    }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The external server, or the mock, started and listening.
    static func start() throws -> ConformanceServer {
        if let externalURL { return ConformanceServer(root: externalURL, process: nil, input: nil) }
        let python = Conformance.packageRoot + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw StartFailure(
                description: """
                    The conformance server needs Python and its virtual environment, and \(python) is missing.
                    Set it up with: bash Tests/Server/setup-venv.sh   (.ci/run does this)
                    """)
        }
        var arguments = [
            Conformance.packageRoot + "/Tests/Server/conformance_server.py", "--corpus", ClientCatalog.corpus,
            "--port", "0", "--quiet",
            // The specs load while the clients build (Stripe's takes 2.5 s).
            "--preload",
        ]
        for (id, path) in ClientCatalog.localSpecs.sorted(by: { $0.key < $1.key }) {
            arguments += ["--spec", id + "=" + path]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        // The server exits when this pipe closes: when the test process ends, however it ends.
        process.standardInput = input
        process.standardError = FileHandle.standardError
        try process.run()
        var buffer = Data()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("LISTENING ") }),
                let url = URL(string: line.dropFirst("LISTENING ".count).trimmingCharacters(in: .whitespaces))
            {
                return ConformanceServer(root: url, process: process, input: input)
            }
        }
        process.terminate()
        throw StartFailure(
            description: "the conformance server did not start: \(String(decoding: buffer, as: UTF8.self))")
    }

    deinit {
        try? input?.fileHandleForWriting.close()
        process?.terminate()
    }
}
