import Foundation

/// Runs a command to its end off the cooperative thread pool (a build
/// takes a minute, and the pool has one thread per core).
enum Command {
    struct Result: Sendable {
        var status: Int32
        /// Standard output, and standard error after it.
        var output: String
        var standardOutput: String
    }

    /// Runs `arguments` (the first found on PATH) with `environment` added to
    /// this process's; after `timeout` the process is terminated.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(600)
    ) async throws -> Result {
        try await offThePool { try runBlocking(arguments, environment, timeout) }
    }

    /// Runs blocking `work` on a thread of its own, and waits for it without blocking.
    static func offThePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
        }
    }

    private static func runBlocking(_ arguments: [String], _ environment: [String: String], _ timeout: Duration)
        throws -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        let seconds = Double(timeout.components.seconds)
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog)
        // Standard error is read on another thread, so that neither pipe fills up and blocks the process.
        let errorText = LockedText()
        let errorReader = Thread { errorText.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        let standardError = errorText.waitForValue()
        let standardOutput = String(decoding: outputData, as: UTF8.self)
        var status = process.terminationStatus
        var combined = standardOutput + standardError
        if process.terminationReason == .uncaughtSignal {
            status = status == 0 ? -1 : -status
            combined +=
                "\n(\(arguments[0]) was stopped by signal \(process.terminationStatus), "
                + "perhaps after the \(seconds) s time limit)"
        }
        return Result(status: status, output: combined, standardOutput: standardOutput)
    }

    /// Text one thread sets and another waits for.
    private final class LockedText: @unchecked Sendable {
        private let condition = NSCondition()
        private var value: String?

        func set(_ data: Data) {
            condition.lock()
            value = String(decoding: data, as: UTF8.self)
            condition.broadcast()
            condition.unlock()
        }

        func waitForValue() -> String {
            condition.lock()
            defer { condition.unlock() }
            while value == nil { condition.wait() }
            return value ?? ""
        }
    }
}
