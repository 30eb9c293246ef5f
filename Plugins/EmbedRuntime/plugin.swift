import Foundation
import PackagePlugin

/// Hands CodeGen the client runtime's source (Sources/ClientRuntime) as
/// values it compiles in: one Swift source of truth, which builds and is
/// tested as the `ClientRuntime` target, and which the generator copies into
/// every module it writes. A change to a runtime file rebuilds CodeGen, so a
/// regeneration shows it in every client's diff.
@main
struct EmbedRuntime: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let runtime = try context.package.targets(named: ["ClientRuntime"]).first as? SourceModuleTarget else {
            throw PluginFailure("the package has no ClientRuntime target to embed")
        }
        let files = runtime.sourceFiles(withSuffix: "swift").map(\.url).sorted { $0.path() < $1.path() }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRuntime.swift")
        return [
            .buildCommand(
                displayName: "Embedding the client runtime in \(target.name)",
                executable: try context.tool(named: "RuntimeEmbedder").url,
                arguments: [runtime.directoryURL.path(), output.path()] + files.map { $0.path() },
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
