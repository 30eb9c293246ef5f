import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-client [--client MODULE]... [--check]`
///
/// Regenerates every client module that the package's `openapi-clients.yml`
/// lists, from its spec, with this package's `ideogram-codegen`; `--client`
/// picks some of them. With `--check` it writes nothing and fails when a
/// checked-in client has drifted from its spec.
///
/// It works in any package that depends on this one: the config, the specs
/// and the output folders are that package's own.
@main
struct GenerateClient: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "ideogram-codegen")
        let config = context.package.directoryURL.appending(path: "openapi-clients.yml")
        guard FileManager.default.fileExists(atPath: config.path()) else {
            throw PluginFailure(
                """
                \(config.path()) is missing: list the clients to generate there, for example
                clients:
                  - module: MyAPIClient
                    spec: spec/my-api.yml
                    output: Sources/MyAPIClient
                (the README's "The generation config" describes every key)
                """)
        }
        var toolArguments = ["generate", "--config", config.path()]
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--check":
                toolArguments.append("--check")
            case "--client":
                guard let name = iterator.next() else { throw PluginFailure("--client needs a module name") }
                toolArguments += ["--client", name]
            default:
                throw PluginFailure("unknown argument '\(argument)'; the options are --client MODULE and --check")
            }
        }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = toolArguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw PluginFailure(
                arguments.contains("--check")
                    ? "a generated client differs from its spec (above: the files, the API changes, and what "
                        + "they do to its Swift API); run 'swift package --allow-writing-to-package-directory "
                        + "generate-client'"
                    : "ideogram-codegen failed (exit status \(process.terminationStatus))")
        }
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
