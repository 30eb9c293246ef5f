import CodeGen
import Foundation
import SpecParser

/// One generator run as a separate process, repeated: what a user waits for.
struct ProcessRuns: Sendable {
    var outcome: Outcome
    /// CPU time (user + system) per run, same order as the wall times.
    /// (No peak memory: on Linux a child's `ru_maxrss` starts from the
    /// parent's high-water mark at the spawn, so it would show this
    /// process's memory, not the generator's.)
    var cpu = Samples()
    /// Files and bytes the last run wrote.
    var outputFiles = 0
    var outputBytes = 0

    var median: Double? { outcome.median }

    /// "412.0 ms (398.1 ms–430.2 ms, n=5); CPU 710.3 ms; 9 files, 640.2 KiB"
    var summary: String {
        guard outcome.samples != nil else { return outcome.summary }
        return "\(outcome.summary); CPU \(Format.seconds(cpu.median)); \(outputFiles) files, \(Format.bytes(Double(outputBytes)))"
    }
}

/// Ours against theirs on one spec: whole process and in-process.
struct GenerationComparison: Sendable {
    var label: String
    var spec: String
    var ours: ProcessRuns
    var theirs: ProcessRuns
    var oursInProcess: Outcome
    var theirsInProcess: Outcome
    /// Both tools run again over the output they wrote before, the spec
    /// unchanged (what a maintainer's regeneration mostly is): each compares
    /// and rewrites nothing. Nil when not measured.
    var oursRegeneration: ProcessRuns?
    var theirsRegeneration: ProcessRuns?

    var regenerationSpeedup: Double? {
        guard let ours = oursRegeneration?.median, let theirs = theirsRegeneration?.median, ours > 0 else { return nil }
        return theirs / ours
    }

    /// How many times faster ours is, whole process.
    var speedup: Double? {
        guard let ours = ours.median, let theirs = theirs.median, ours > 0 else { return nil }
        return theirs / ours
    }

    var inProcessSpeedup: Double? {
        guard let ours = oursInProcess.median, let theirs = theirsInProcess.median, ours > 0 else { return nil }
        return theirs / ours
    }
}

/// Runs both generators the way a user would, and in-process.
///
/// Their CLI is given `--mode types --mode client` (the same output ours
/// makes: models and a client), `--access-modifier public` (ours is public)
/// and `--naming-strategy idiomatic` (ours makes idiomatic names); each run
/// writes into a new empty folder, as does ours.
struct GeneratorRuns: Sendable {
    var tools: Tools
    var runner: Subprocess
    /// Where each run writes, into a new folder of its own.
    var outputsDirectory: String
    var policy: RepetitionPolicy
    /// One run of each generator in turn (see ``RepetitionPolicy/alternate(_:_:)``),
    /// or each generator's runs in a block, ours first.
    var alternate = true
    var log: Log

    /// - Parameters:
    ///   - regeneration: also time both tools regenerating over their own
    ///     previous output.
    ///   - includeTheirs: false to time ours only (a size limit).
    ///   - theirsInProcess: false to leave out their in-process timing.
    ///   - theirPolicy: how often to repeat their runs, when not as ours.
    func compare(label: String, spec: String, regeneration: Bool = false, includeTheirs: Bool = true,
                 theirsInProcess timeTheirsInProcess: Bool = true, theirPolicy: RepetitionPolicy? = nil) -> GenerationComparison {
        let oursCommand = oursCommand(spec: spec)
        var ours: ProcessRuns
        var oursRegeneration: ProcessRuns?
        var theirs = ProcessRuns(outcome: .skipped("not run"))
        var theirsInProcess = Outcome.skipped("not run")
        var theirsRegeneration: ProcessRuns?
        var their: Tools.TheirTools?
        switch (includeTheirs, tools.theirs) {
        case (false, _):
            theirs.outcome = .skipped("size above --theirs-max-operations")
            theirsInProcess = theirs.outcome
        case (true, .failure(let error)):
            theirs.outcome = .skipped(error.description)
            theirsInProcess = theirs.outcome
        case (true, .success(let tools)):
            their = tools
        }

        if let their {
            // By default one run of each tool in turn, so that a slow spell of the machine hits both.
            let theirCommand = { (output: String) in
                (their.cli, ["generate", "--mode", "types", "--mode", "client", "--access-modifier", "public",
                             "--naming-strategy", "idiomatic", "--output-directory", output, spec])
            }
            log.note("\(label): ideogram-codegen and swift-openapi-generator\(alternate ? " in turn" : ""), whole process")
            (ours, theirs) = processRuns(ours: oursCommand, theirs: theirCommand, theirPolicy: theirPolicy ?? policy)
            if regeneration {
                log.note("\(label): both\(alternate ? " in turn" : ""), regenerating over their own output")
                (oursRegeneration, theirsRegeneration) = processRuns(
                    ours: oursCommand, theirs: theirCommand, theirPolicy: theirPolicy ?? policy, overPreviousOutput: true)
            }
        } else {
            log.note("\(label): ideogram-codegen, whole process")
            let fresh = self.recorder("ours", command: oursCommand)
            ours = fresh.runs(policy.run(fresh.runOnce))
            if regeneration {
                log.note("\(label): ideogram-codegen, regenerating over its output")
                let again = self.recorder("ours", overPreviousOutput: true, command: oursCommand)
                oursRegeneration = again.runs(policy.run(again.runOnce))
            }
        }

        log.note("\(label): ideogram-codegen, in-process")
        let oursInProcess = oursInProcess(spec: spec)
        if let their {
            if case .failed(let message) = theirs.outcome {
                theirsInProcess = .skipped("the CLI failed: \(message)")
            } else if !timeTheirsInProcess {
                theirsInProcess = .skipped("not timed in this section")
            } else {
                log.note("\(label): swift-openapi-generator, in-process")
                theirsInProcess = theirInProcess(tool: their.inProcess, spec: spec, cliSeconds: theirs.median ?? 0)
            }
        }
        return GenerationComparison(label: label, spec: spec, ours: ours, theirs: theirs,
                                    oursInProcess: oursInProcess, theirsInProcess: theirsInProcess,
                                    oursRegeneration: oursRegeneration, theirsRegeneration: theirsRegeneration)
    }

    /// Our tool's command line for generating `spec` into a given folder.
    private func oursCommand(spec: String) -> (String) -> (String, [String]) {
        { output in (tools.ours, ["generate", spec, "--output", output]) }
    }

    /// One run of our tool as a child process, into a new folder; its wall-clock seconds.
    func oursProcessRunOnce(spec: String) throws(BenchmarkError) -> Double {
        try recorder("ours", command: oursCommand(spec: spec)).runOnce()
    }

    /// Child-process runs of one generator's `command`, each into a new
    /// folder under the outputs folder (or all over one, `overPreviousOutput`).
    private func recorder(_ side: String, overPreviousOutput: Bool = false,
                          command: @escaping (String) -> (String, [String])) -> ProcessRunRecorder {
        ProcessRunRecorder(side: side, runner: runner, outputsDirectory: outputsDirectory,
                           overPreviousOutput: overPreviousOutput, command: command)
    }

    /// The instructions one run of our tool executes, counted by valgrind's
    /// callgrind (the same count for the same binary and input, whatever
    /// else the machine does). Throws when valgrind is missing or the run fails.
    func oursInstructions(spec: String) throws(BenchmarkError) -> Double {
        let output = outputsDirectory + "/callgrind-" + UUID().uuidString
        let (executable, arguments) = oursCommand(spec: spec)(output)
        let result = try runner.run("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", executable] + arguments)
        guard result.succeeded else { throw BenchmarkError("valgrind: \(result.failureLine)") }
        // callgrind's summary on standard error: "==1234== Collected : 1407667538".
        for line in result.standardError.split(separator: "\n") {
            guard let range = line.range(of: "Collected :") else { continue }
            if let count = Double(line[range.upperBound...].trimmingCharacters(in: .whitespaces)) { return count }
        }
        throw BenchmarkError("valgrind printed no instruction count")
    }

    /// Both generators as child processes: one run of each in turn, or
    /// (with `alternate` off) all of ours, then all of theirs.
    private func processRuns(
        ours: @escaping (String) -> (String, [String]), theirs: @escaping (String) -> (String, [String]),
        theirPolicy: RepetitionPolicy, overPreviousOutput: Bool = false
    ) -> (ProcessRuns, ProcessRuns) {
        let oursRecorder = recorder("ours", overPreviousOutput: overPreviousOutput, command: ours)
        let theirsRecorder = recorder("theirs", overPreviousOutput: overPreviousOutput, command: theirs)
        let oursOutcome: Outcome
        let theirsOutcome: Outcome
        if alternate {
            (oursOutcome, theirsOutcome) = RepetitionPolicy.alternate(
                (policy, oursRecorder.runOnce), (theirPolicy, theirsRecorder.runOnce))
        } else {
            oursOutcome = policy.run(oursRecorder.runOnce)
            theirsOutcome = theirPolicy.run(theirsRecorder.runOnce)
        }
        return (oursRecorder.runs(oursOutcome), theirsRecorder.runs(theirsOutcome))
    }

    /// `Generator.generate(specPath:)` in this process: reading, parsing,
    /// translating and rendering, without writing files.
    func oursInProcess(spec: String) -> Outcome {
        policy.run { () throws(BenchmarkError) -> Double in try oursInProcessOnce(spec: spec) }
    }

    /// One in-process run of ours; its seconds.
    func oursInProcessOnce(spec: String) throws(BenchmarkError) -> Double {
        let clientName = Naming.clientName(forModule: "IdeogramClient")
        let (output, seconds) = Stopwatch.time {
            Generator(options: .init(clientName: clientName)).generate(specPath: spec)
        }
        if let error = output.diagnostics.errors.first {
            throw BenchmarkError(Format.firstLine(of: error.description))
        }
        guard !output.files.isEmpty else { throw BenchmarkError("no files generated") }
        return seconds
    }

    /// `theirs-inproc`: their core in its own process (their YAML parser
    /// cannot be linked beside ours), timed inside that process.
    private func theirInProcess(tool: String, spec: String, cliSeconds: Double) -> Outcome {
        let slow = cliSeconds > policy.slowRunSeconds
        // As many runs as the policy gives a run as long as their CLI's.
        let repetitions = policy.repetitions(afterFirstRunOf: cliSeconds)
        let arguments = [spec, String(repetitions)] + (slow ? ["--no-warm-up"] : [])
        do {
            let result = try runner.run(tool, arguments)
            let lines = result.standardOutput.split(separator: "\n")
            if let error = lines.first(where: { $0.hasPrefix("error ") }) {
                return .failed(String(error.dropFirst("error ".count)))
            }
            guard result.succeeded else { return .failed(result.failureLine) }
            let seconds = lines.compactMap { line -> Double? in
                line.hasPrefix("seconds ") ? Double(line.dropFirst("seconds ".count)) : nil
            }
            guard !seconds.isEmpty else { return .failed("theirs-inproc printed no timings") }
            return .measured(Samples(seconds))
        } catch {
            return .failed(error.description)
        }
    }

    /// The number of files under a folder and their total size.
    static func folderSize(_ path: String) -> (files: Int, bytes: Int) {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return (0, 0) }
        var files = 0
        var bytes = 0
        while let item = enumerator.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/" + item)
            guard attributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            files += 1
            bytes += (attributes?[.size] as? NSNumber)?.intValue ?? 0
        }
        return (files, bytes)
    }
}

/// Runs a generator as a child process, each time into a new empty folder,
/// and keeps the CPU time of each run.
///
/// The folders are kept until the benchmark ends (the outputs folder is
/// removed then, untimed): files deleted just before others are created
/// made those creations slow on ext4 (see `outputsDirectory` in main.swift).
///
/// With `overPreviousOutput`, every run goes into one folder instead: the
/// first (the warm-up) writes the output, the timed ones regenerate over it.
private final class ProcessRunRecorder {
    let side: String
    let runner: Subprocess
    let outputsDirectory: String
    let overPreviousOutput: Bool
    let command: (String) -> (String, [String])
    private var cpuByRun: [Double] = []
    private var output = ""

    init(side: String, runner: Subprocess, outputsDirectory: String, overPreviousOutput: Bool = false,
         command: @escaping (String) -> (String, [String])) {
        self.side = side
        self.runner = runner
        self.outputsDirectory = outputsDirectory
        self.overPreviousOutput = overPreviousOutput
        self.command = command
    }

    /// One run; the seconds it took, wall clock.
    func runOnce() throws(BenchmarkError) -> Double {
        if output.isEmpty || !overPreviousOutput {
            output = outputsDirectory + "/" + side + "-" + UUID().uuidString
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                throw BenchmarkError("cannot create \(output): \(error.localizedDescription)")
            }
        }
        let (executable, arguments) = command(output)
        let result = try runner.run(executable, arguments)
        guard result.succeeded else { throw BenchmarkError(result.failureLine) }
        cpuByRun.append(result.cpuSeconds)
        return result.wallSeconds
    }

    /// The measured runs, with their CPU times and what the last one wrote.
    func runs(_ outcome: Outcome) -> ProcessRuns {
        var runs = ProcessRuns(outcome: outcome)
        // The warm-up run, when discarded, is the first one recorded here.
        if let samples = outcome.samples {
            runs.cpu = Samples(Array(cpuByRun.suffix(samples.count)))
        }
        (runs.outputFiles, runs.outputBytes) = GeneratorRuns.folderSize(output)
        return runs
    }
}
