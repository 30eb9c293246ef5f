import Foundation

/// How a command ended and what it printed.
public struct CommandOutput: Sendable {
    /// The exit status (or the signal, when ``output`` says so).
    public var status: Int32
    /// Standard output and standard error together, in the order written.
    public var output: String
}

/// Runs `arguments` to its end without holding a thread of the cooperative
/// pool (``offThePool(_:)``): a path, or a command found on `PATH`, and its
/// arguments. `input` is its whole standard input; `environment` is added
/// to this process's.
public func runCommand(
    _ arguments: [String], input: String = "", in directory: URL? = nil, environment: [String: String] = [:]
) async throws -> CommandOutput {
    try await offThePool { try runCommandBlocking(arguments, input: input, in: directory, environment: environment) }
}

/// ``runCommand(_:input:in:environment:)`` on the calling thread, for work
/// that is already off the pool (a static initializer, a whole derivation
/// run by ``offThePool(_:)``).
public func runCommandBlocking(
    _ arguments: [String], input: String = "", in directory: URL? = nil, environment: [String: String] = [:]
) throws -> CommandOutput {
    let process = Process()
    let isPath = arguments[0].hasPrefix("/")
    process.executableURL = URL(fileURLWithPath: isPath ? arguments[0] : "/usr/bin/env")
    process.arguments = isPath ? Array(arguments.dropFirst()) : arguments
    if let directory { process.currentDirectoryURL = directory }
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let output = Pipe()
    let standardInput = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = standardInput
    try process.run()
    standardInput.fileHandleForWriting.write(Data(input.utf8))
    try standardInput.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandOutput(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}

/// Runs blocking `work` (a compiler, a build, a program) on a thread of its
/// own, and waits for it without holding a thread of the cooperative pool,
/// which has one thread per core and runs every test: tests waiting there
/// for the compiler left the others, whose time limits were running, without
/// a thread for over a minute. No more of these run at once than there are
/// cores, as when the pool's threads were what limited them.
public func offThePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            blockingWorkSlots.wait()
            defer { blockingWorkSlots.signal() }
            continuation.resume(with: Result { try work() })
        }.start()
    }
}

/// One slot per core for ``offThePool(_:)``.
private let blockingWorkSlots = DispatchSemaphore(value: max(1, ProcessInfo.processInfo.activeProcessorCount))
