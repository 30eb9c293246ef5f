import Foundation
import IdeogramClient
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measurement 5: producing a multipart body around a large image, through
/// the public API.
///
/// `MultipartFormData` and its encoder are internal to `IdeogramClient`, so
/// the benchmark takes the path a user's call takes: `removeBackground`
/// (one file part) with a random payload, sent through a transport that
/// checks the request and answers a canned 200 at once. The time per call
/// therefore covers building the form, encoding the body (the boundary
/// search and the copy), building the request, and decoding a 120-byte
/// response; all but the encoding are small and constant.
///
/// Memory is measured in a child process of its own (this executable run
/// with `--multipart-child`), so that nothing the parent did before, such as
/// generating the Stripe client, is in its high-water mark. The baseline is
/// the resident set just before the payload is allocated; the peak is the
/// high-water mark at the end. On Linux both come from /proc/self/status
/// (VmRSS, VmHWM), and the mark is reset to the current resident set just
/// before the baseline (`/proc/self/clear_refs`): `getrusage`'s `ru_maxrss`
/// would not do, since a spawned child's starts at its parent's high-water
/// mark. Elsewhere, `ru_maxrss` is the peak and the baseline alike.
struct MultipartRun: Sendable {
    struct Figures: Sendable {
        var payloadBytes: Int
        var bodyBytes: Int
        var encoding: Samples
        /// The resident set before the payload was allocated and after it was,
        /// and the peak at the end (bytes).
        var baselineResident: Int
        var afterPayloadResident: Int
        var peakResident: Int

        /// Body bytes per second at the median time (decimal gigabytes: 1 GB = 10⁹ B).
        var throughput: Double { Double(bodyBytes) / encoding.median }
        /// Everything the measurement added to the process, input image included, in payloads.
        var peakIncludingInput: Double { Double(peakResident - baselineResident) / Double(payloadBytes) }
        /// What the encoding added on top of the input image, in payloads.
        var peakBeyondInput: Double { Double(peakResident - afterPayloadResident) / Double(payloadBytes) }
    }

    var runner: Subprocess
    var payloadBytes: Int
    var repetitions: Int

    func run() -> Swift.Result<Figures, BenchmarkError> {
        Swift.Result { () throws(BenchmarkError) -> Figures in
            let result = try runner.run(Paths.currentExecutable,
                                        ["--multipart-child", String(payloadBytes), String(repetitions)])
            guard result.succeeded else { throw BenchmarkError("multipart child: \(result.failureLine)") }
            var values: [String: [Double]] = [:]
            for line in result.standardOutput.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count == 2, let value = Double(fields[1]) else { continue }
                values[String(fields[0]), default: []].append(value)
            }
            guard let body = values["body"]?.first, let baseline = values["baseline"]?.first,
                  let afterPayload = values["afterPayload"]?.first, let peak = values["peak"]?.first,
                  let seconds = values["seconds"], !seconds.isEmpty else {
                throw BenchmarkError("multipart child printed no figures: \(Format.firstLine(of: result.standardOutput + result.standardError))")
            }
            return Figures(payloadBytes: payloadBytes, bodyBytes: Int(body), encoding: Samples(seconds),
                           baselineResident: Int(baseline), afterPayloadResident: Int(afterPayload), peakResident: Int(peak))
        }
    }
}

/// The child side: `compare --multipart-child BYTES REPETITIONS`. Prints
/// `name value` lines for the parent.
enum MultipartChild {
    /// Checks each request and remembers the size of the last body; answers
    /// as the API does when the background was removed.
    final class BodySizes: Sendable {
        let last = Mutex(0)
    }

    struct CapturingTransport: Ideogram.HTTPTransport {
        let bodySizes = BodySizes()
        let response = Ideogram.HTTPResponse(
            statusCode: 200, headers: ["Content-Type": "application/json"],
            body: Data(#"{"created":"2025-01-01T00:00:00Z","data":[{"url":"https://example.com/a.png","is_image_safe":true}]}"#.utf8))

        func send(_ request: Ideogram.HTTPRequest) async throws -> Ideogram.HTTPResponse {
            guard let body = request.body, request.value(forHeader: "Content-Type")?.hasPrefix("multipart/form-data; boundary=") == true else {
                throw BenchmarkError("the request has no multipart body")
            }
            bodySizes.last.withLock { $0 = body.count }
            return response
        }
    }

    static func run(payloadBytes: Int, repetitions: Int) async -> Int32 {
        let transport = CapturingTransport()
        let configuration = Ideogram.Configuration(baseURL: Ideogram.servers[0], apiKey: "benchmark", retryPolicy: .never)
        let client = Ideogram(configuration: configuration, transport: transport)
        do {
            // Warm the code path with a small image, so that its one-time
            // allocations are in the baseline, not counted against the payload.
            _ = try await client.removeBackground(.init(image: MultipartFile(data: Data(count: 1024), filename: "small.png", contentType: "image/png")))

            Memory.resetPeak()
            let baseline = Memory.resident()
            let image = MultipartFile(data: randomData(count: payloadBytes), filename: "image.png", contentType: "image/png")
            let afterPayload = Memory.resident()

            var seconds: [Double] = []
            for index in 0...repetitions {
                let (_, elapsed) = try await Stopwatch.time {
                    try await client.removeBackground(.init(image: image))
                }
                if index > 0 { seconds.append(elapsed) }  // the first is a warm-up
            }
            let peak = Memory.peak()
            print("body \(transport.bodySizes.last.withLock { $0 })")
            print("baseline \(baseline)")
            print("afterPayload \(afterPayload)")
            print("peak \(peak)")
            for value in seconds { print("seconds \(value)") }
            return 0
        } catch {
            print("error \(error)")
            return 1
        }
    }

    /// Bytes that do not compress and touch every page, as a real image would.
    static func randomData(count: Int) -> Data {
        var data = Data(count: count)
        data.withUnsafeMutableBytes { buffer in
            var generator = SystemRandomNumberGenerator()
            var offset = 0
            while offset + 8 <= buffer.count {
                buffer.storeBytes(of: generator.next(), toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            while offset < buffer.count {
                buffer[offset] = UInt8.random(in: 0...255, using: &generator)
                offset += 1
            }
        }
        return data
    }
}

/// The resident set of this process.
enum Memory {
    /// The current resident set, in bytes.
    static func resident() -> Int {
        statusField("VmRSS:") ?? maxResidentFromRusage()
    }

    /// The highest resident set since the start or the last `resetPeak()`, in bytes.
    static func peak() -> Int {
        statusField("VmHWM:") ?? maxResidentFromRusage()
    }

    /// Lowers the high-water mark to the current resident set (Linux 4.0 and later).
    static func resetPeak() {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
        try? handle.write(contentsOf: Data("5".utf8))
        try? handle.close()
    }

    /// A "Name:   1234 kB" line of /proc/self/status, in bytes.
    private static func statusField(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return nil }
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2, let kibibytes = Int(fields[1]) else { return nil }
        return kibibytes * 1024
    }

    private static func maxResidentFromRusage() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
        #endif
    }
}
