import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to start or finish a child process, or a child that failed.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// What a finished child process did.
struct ProcessResult: Sendable {
    enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    var termination: Termination
    /// From just before the spawn to just after the wait: what a user waits.
    var wallSeconds: Double
    /// User plus system time of the child (and of the descendants it waited for).
    var cpuSeconds: Double
    var standardOutput: String
    var standardError: String

    var succeeded: Bool { termination == .exited(0) }

    /// The first line of the child's error output (or of its output), for a table.
    var failureLine: String {
        let reason: String
        switch termination {
        case .exited(let code): reason = "exit status \(code)"
        case .signalled(let signal): reason = "killed by signal \(signal)"
        case .timedOut: reason = "timed out"
        }
        let text = standardError.isEmpty ? standardOutput : standardError
        return "\(reason): \(Format.firstLine(of: text))"
    }
}

/// Runs commands with `posix_spawn` and `wait4`, so that the wall time is
/// not blurred by a run loop and the child's CPU time comes from the kernel. Output goes to files (a pipe could fill up and stall a
/// chatty child such as `swift build`) and is read back afterwards.
struct Subprocess: Sendable {
    /// Where the output files go.
    var scratchDirectory: String
    /// A child still running after this many seconds is killed with its
    /// process group.
    var timeoutSeconds: Double

    func run(_ executable: String, _ arguments: [String]) throws(BenchmarkError) -> ProcessResult {
        let outputPath = scratchDirectory + "/child-stdout.txt"
        let errorPath = scratchDirectory + "/child-stderr.txt"

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Its own process group, so that a timeout can kill `swift build` and
        // the compilers it started.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }

        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, executable, &actions, &attributes, argv + [nil], environ)
        guard spawned == 0 else {
            throw BenchmarkError("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }

        let timedOut = Mutex(false)
        let finished = Mutex(false)
        let watchdog = DispatchWorkItem { [pid] in
            finished.withLock { done in
                guard !done else { return }
                timedOut.withLock { $0 = true }
                kill(-pid, SIGKILL)
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds, execute: watchdog)

        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else {
                watchdog.cancel()
                throw BenchmarkError("waiting for \(executable) failed: \(String(cString: strerror(errno)))")
            }
        }
        let wall = (clock.now - start).seconds
        finished.withLock { $0 = true }
        watchdog.cancel()

        let termination: ProcessResult.Termination
        if timedOut.withLock({ $0 }) {
            termination = .timedOut
        } else if status & 0x7f == 0 {
            termination = .exited((status >> 8) & 0xff)
        } else {
            termination = .signalled(status & 0x7f)
        }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return ProcessResult(
            termination: termination,
            wallSeconds: wall,
            cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
            standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        )
    }

    /// Runs the command and throws, with the first line of its error, unless it succeeds.
    func runChecked(_ executable: String, _ arguments: [String]) throws(BenchmarkError) -> ProcessResult {
        let result = try run(executable, arguments)
        guard result.succeeded else {
            throw BenchmarkError("\((executable as NSString).lastPathComponent) \(arguments.first ?? ""): \(result.failureLine)")
        }
        return result
    }
}
