import Foundation

/// The command line of `compare`.
struct Options: Sendable {
    enum Section: String, CaseIterable, Sendable {
        case ideogram, corpus, scaling, consumer, multipart
    }

    var corpusDirectory: String = Paths.defaultCorpus
    var corpusSpecs: [String] = ["openai--openapi.yaml", "stripe--spec3.yaml"]
    var repetitions = 5
    var buildRepetitions = 3
    var multipartRepetitions = 20
    var multipartBytes = 10 * 1024 * 1024
    var syntheticSizes = [100, 1_000, 10_000]
    /// Synthetic specs with more operations than this are timed for ours only.
    var theirsMaxOperations = 10_000
    var sections = Set(Section.allCases)
    var skipTheirs = false
    /// Both generators' process runs alternate (the default), or each tool's come in one block.
    var alternate = true
    var timeoutSeconds = 1_800.0
    var workDirectory: String?
    var outputsDirectory: String?
    var keepWork = false

    static let usage = """
        USAGE: swift run -c release --package-path Benchmarks compare [options]

        Times ideogram-codegen against swift-openapi-generator 1.14.3 and prints a
        table of ratios. Progress goes to standard error, results to standard output.

        OPTIONS:
          --corpus DIR              Folder of the large specs (default: ../shared/corpus
                                    beside the package: \(Paths.defaultCorpus)).
          --corpus-specs A,B        File names in --corpus (default: openai--openapi.yaml,stripe--spec3.yaml).
          --repetitions N           Runs per generator measurement (default 5; runs
                                    under 1 s are repeated 21 times at least, runs
                                    over 10 s 3 times at most).
          --build-repetitions N     Cold builds per consumer package (default 3).
          --multipart-repetitions N Encodings of the multipart payload (default 20).
          --multipart-bytes N       Size of the image payload (default 10485760, 10 MiB).
          --sizes A,B,C             Operations in the synthetic specs (default 100,1000,10000).
          --theirs-max-operations N Synthetic specs above this size are timed for ours
                                    only (default 10000).
          --only A,B                Run only these sections: \(Section.allCases.map(\.rawValue).joined(separator: ", ")).
          --skip-consumer-build     Leave out the cold consumer builds (the slowest part).
          --skip-multipart          Leave out the multipart measurement.
          --skip-theirs             Time ours only (swift-openapi-generator is not built).
          --one-tool-at-a-time      Run all of one generator's process runs, then all of the
                                    other's, instead of one run of each in turn (the default).
          --timeout SECONDS         Kill any child process running longer (default 1800).
          --work DIR                Scratch folder (default: a new one in \(Paths.benchmarks)/.build,
                                    not in the temp folder: see BENCHMARKS.md).
          --outputs DIR             Where the generators write, run after run (default: a new
                                    folder in /dev/shm when it exists, else in the scratch
                                    folder: see BENCHMARKS.md).
          --keep-work               Keep the scratch and outputs folders (consumer packages, generated code).
          -h, --help                Show this help.
        """

    static func parse(_ arguments: [String]) throws(BenchmarkError) -> Options {
        var options = Options()
        var iterator = arguments.makeIterator()
        func value(_ name: String) throws(BenchmarkError) -> String {
            guard let value = iterator.next() else { throw BenchmarkError("\(name) needs a value") }
            return value
        }
        func integer(_ name: String, minimum: Int = 1) throws(BenchmarkError) -> Int {
            let text = try value(name)
            guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number >= minimum else {
                throw BenchmarkError("\(name) needs a whole number of at least \(minimum), not '\(text)'")
            }
            return number
        }
        func list(_ name: String) throws(BenchmarkError) -> [String] {
            try value(name).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        while let argument = iterator.next() {
            switch argument {
            case "--corpus": options.corpusDirectory = try value(argument)
            case "--corpus-specs": options.corpusSpecs = try list(argument)
            case "--repetitions": options.repetitions = try integer(argument)
            case "--build-repetitions": options.buildRepetitions = try integer(argument)
            case "--multipart-repetitions": options.multipartRepetitions = try integer(argument)
            case "--multipart-bytes": options.multipartBytes = try integer(argument)
            case "--sizes":
                let sizes = try list(argument).compactMap { Int($0.replacingOccurrences(of: "_", with: "")) }.filter { $0 > 0 }
                guard !sizes.isEmpty else { throw BenchmarkError("--sizes needs positive whole numbers, such as 100,1000") }
                options.syntheticSizes = sizes.sorted()
            case "--theirs-max-operations": options.theirsMaxOperations = try integer(argument, minimum: 0)
            case "--only":
                var sections = Set<Section>()
                for name in try list(argument) {
                    guard let section = Section(rawValue: name) else {
                        throw BenchmarkError("unknown section '\(name)'; sections: \(Section.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    sections.insert(section)
                }
                options.sections = sections
            case "--skip-consumer-build": options.sections.remove(.consumer)
            case "--skip-multipart": options.sections.remove(.multipart)
            case "--skip-theirs": options.skipTheirs = true
            case "--one-tool-at-a-time": options.alternate = false
            case "--timeout": options.timeoutSeconds = Double(try integer(argument))
            case "--work": options.workDirectory = try value(argument)
            case "--outputs": options.outputsDirectory = try value(argument)
            case "--keep-work": options.keepWork = true
            case "-h", "--help":
                print(usage)
                exit(0)
            default:
                throw BenchmarkError("unknown option '\(argument)'\n\n\(usage)")
            }
        }
        return options
    }
}

/// Where things are, found from this source file's location: the benchmark
/// runs from a clone, wherever it is.
enum Paths {
    /// `…/Benchmarks`.
    static let benchmarks: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Options.swift, compare, Sources
        return url.path
    }()

    /// The main package: the folder above `Benchmarks`.
    static let mainPackage: String = (benchmarks as NSString).deletingLastPathComponent

    /// The nested package that builds swift-openapi-generator.
    static let theirPackage: String = benchmarks + "/TheirGenerator"

    static let ideogramSpec: String = mainPackage + "/spec/ideogram-openapi.yml"

    /// `../shared/corpus` beside the main package, as `scripts/corpus-check` assumes.
    static let defaultCorpus: String = ((mainPackage as NSString).deletingLastPathComponent as NSString)
        .appendingPathComponent("shared/corpus")

    /// This executable, for re-running it as a child.
    static var currentExecutable: String {
        #if os(Linux)
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        #endif
        return CommandLine.arguments[0]
    }

    /// A tool built next to this executable (same configuration).
    static func sibling(_ name: String) -> String {
        ((currentExecutable as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
    }
}
