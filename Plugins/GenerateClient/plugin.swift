import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-client [--check]`
///
/// Regenerates Sources/GeneratedClient from spec/ideogram-openapi.yml with the
/// package's own `ideogram-codegen`. With `--check` it writes nothing and
/// fails when the checked-in client has drifted from the spec.
@main
struct GenerateClient: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "ideogram-codegen")
        let root = context.package.directoryURL
        let spec = root.appending(path: "spec/ideogram-openapi.yml").path()
        let output = root.appending(path: "Sources/GeneratedClient").path()
        var toolArguments = ["generate", spec, "--output", output, "--module-name", "IdeogramClient", "--snapshot"]
        for argument in arguments {
            switch argument {
            case "--check": toolArguments.append("--check")
            default: throw PluginFailure("unknown argument '\(argument)'; the only option is --check")
            }
        }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = toolArguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw PluginFailure(arguments.contains("--check")
                ? "the generated client differs from spec/ideogram-openapi.yml; run 'swift package --allow-writing-to-package-directory generate-client'"
                : "ideogram-codegen failed (exit status \(process.terminationStatus))")
        }
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
