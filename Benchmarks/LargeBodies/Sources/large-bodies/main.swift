import ClientRuntime
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// large-bodies SCENARIO SIZE_MIB SERVE_PY
//
// One scenario per process: `download` (GET of SIZE_MIB MiB written to a
// file, as a generated call does with the runtime's `download(_:to:)`),
// `upload` (a multipart POST whose file part, SIZE_MIB MiB, streams from
// disk), or `buffered-download` (the same GET read into memory by
// `download(_:)`, the buffered path, for contrast). It prints the peak
// resident memory (VmHWM) before the transfer, after it, and the rise.

/// A field of /proc/self/status in bytes (`VmHWM`, `VmRSS`).
func status(_ field: String) -> Int {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
    return 0
}

func mib(_ bytes: Int) -> String {
    String(format: "%.1f MiB", Double(bytes) / 1_048_576)
}

/// Starts serve.py; returns the process and its base URL.
func startServer(_ script: String) throws -> (Process, Pipe, URL) {
    let process = Process()
    let output = Pipe()
    let input = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-u", script]
    process.standardOutput = output
    process.standardInput = input
    try process.run()
    var line = Data()
    while !line.contains(0x0A) {
        let data = output.fileHandleForReading.availableData
        if data.isEmpty { break }
        line.append(data)
    }
    let port = String(decoding: line, as: UTF8.self).split(separator: " ").last.map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return (process, input, URL(string: "http://127.0.0.1:\(port ?? "0")")!)
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let sizeMiB = Int(arguments[2]) else {
    print("usage: large-bodies download|upload|buffered-download SIZE_MIB SERVE_PY")
    exit(2)
}
let scenario = arguments[1]
let size = sizeMiB << 20
let (server, serverInput, baseURL) = try startServer(arguments[3])
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("large-bodies-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer {
    try? FileManager.default.removeItem(at: folder)
    serverInput.fileHandleForWriting.closeFile()
    server.waitUntilExit()
}

let client = APIClient(configuration: APIClient.Configuration(baseURL: baseURL, retryPolicy: .never))

// The file to upload is written before the baseline, 8 MiB at a time.
let source = folder.appendingPathComponent("source.bin")
if scenario == "upload" {
    _ = FileManager.default.createFile(atPath: source.path, contents: nil)
    let handle = try FileHandle(forWritingTo: source)
    let block = Data((0..<(8 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    for _ in 0..<(size / block.count) { try handle.write(contentsOf: block) }
    try handle.close()
}

let before = status("VmHWM")
let start = ContinuousClock.now
var moved = 0
switch scenario {
case "download":
    let destination = folder.appendingPathComponent("download.bin")
    _ = try await client.downloadBytes(size, to: destination)
    moved = Int(try FileManager.default.attributesOfItem(atPath: destination.path)[.size] as? Int ?? 0)
case "upload":
    // The multipart upload a generated call makes: a text part and the file part from disk.
    let exchange = try await client.uploadFile(source)
    struct Received: Decodable { var received: Int }
    moved = try JSONDecoder().decode(Received.self, from: exchange).received
case "buffered-download":
    moved = try await client.download(baseURL.appendingPathComponent("bytes").appending(queryItems: [
        URLQueryItem(name: "n", value: String(size))
    ])).count
default:
    print("unknown scenario \(scenario)")
    exit(2)
}
let elapsed = ContinuousClock.now - start
let after = status("VmHWM")
print(
    "\(scenario) of \(mib(size)): \(mib(moved)) moved in "
        + String(format: "%.1f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        + "; "
        + "peak RSS \(mib(before)) before, \(mib(after)) after: +\(mib(after - before))")
