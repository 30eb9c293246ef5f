import Foundation

/// The programs the benchmark runs.
struct Tools: Sendable {
    /// `ideogram-codegen`, built in release mode next to `compare` (the
    /// benchmark package lists it as a dependency for that reason).
    var ours: String
    /// swift-openapi-generator's CLI and the in-process timer for its core;
    /// a failure or skip reason when they could not be had.
    var theirs: Result<TheirTools, BenchmarkError>

    struct TheirTools: Sendable {
        var cli: String
        var inProcess: String
    }

    /// Finds ours and builds theirs (release) in `Benchmarks/TheirGenerator`.
    /// The first build there compiles OpenAPIKit and takes minutes; later
    /// ones are quick.
    static func prepare(options: Options, runner: Subprocess, log: Log) throws(BenchmarkError) -> Tools {
        let ours = Paths.sibling("ideogram-codegen")
        guard FileManager.default.isExecutableFile(atPath: ours) else {
            throw BenchmarkError("""
                \(ours) is missing; build the benchmark with its tools: \
                swift build -c release --static-swift-stdlib --package-path Benchmarks (Benchmarks/run does both)
                """)
        }
        #if DEBUG
        log.note("warning: this is a debug build of compare; ideogram-codegen beside it is a debug build too. Use -c release.")
        #endif
        guard !options.skipTheirs else {
            return Tools(ours: ours, theirs: .failure(BenchmarkError("--skip-theirs")))
        }
        return Tools(ours: ours, theirs: Result { () throws(BenchmarkError) in try buildTheirs(runner: runner, log: log) })
    }

    private static func buildTheirs(runner: Subprocess, log: Log) throws(BenchmarkError) -> TheirTools {
        let package = ["--package-path", Paths.theirPackage]
        for product in ["swift-openapi-generator", "theirs-inproc"] {
            log.note("building \(product) (release) in \(Paths.theirPackage); the first time takes a few minutes")
            let result = try runner.run("swift", ["build", "-c", "release", "--product", product] + package)
            guard result.succeeded else {
                throw BenchmarkError("building \(product) failed, \(result.failureLine)")
            }
        }
        let binPath = try runner.runChecked("swift", ["build", "-c", "release", "--show-bin-path"] + package)
            .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        return TheirTools(cli: binPath + "/swift-openapi-generator", inProcess: binPath + "/theirs-inproc")
    }

    /// The first line of `swift --version`, for the report.
    static func swiftVersion(runner: Subprocess) -> String {
        guard let result = try? runner.run("swift", ["--version"]), result.succeeded else { return "unknown" }
        return Format.firstLine(of: result.standardOutput + result.standardError)
    }
}

/// Progress lines on standard error, so that standard output holds only results.
struct Log: Sendable {
    func note(_ message: String) {
        FileHandle.standardError.write(Data(("· " + message + "\n").utf8))
    }
}
