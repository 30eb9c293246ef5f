import Foundation
import Testing

@testable import ClientRuntime

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `URLSessionTransport`'s streaming path over real HTTP (a local Python
/// server): events as they arrive, cancellation that reaches the server,
/// bodies uploaded from disk, and downloads to a file.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct URLSessionStreamingTests {
    let server: LocalHTTPServer
    let client: APIClient

    init() throws {
        server = try LocalHTTPServer()
        client = Fixture.client(
            APIClient.URLSessionTransport(), baseURL: server.baseURL.absoluteString, apiKey: nil)
    }

    static func get(_ path: String) -> RequestBuilder {
        RequestBuilder(operationID: "stream", method: "GET", path: path)
    }

    /// The first event is read while the server holds the rest back until
    /// the test releases it: the body is handed on as it arrives, not at the end.
    @Test func eventsArriveWhileTheStreamIsOpen() async throws {
        let stream = try await client.events(Self.get("/held"), format: .serverSentEvents, as: Chunk.self)
        var iterator = stream.makeAsyncIterator()
        #expect(try await iterator.next() == Chunk(text: "first"))
        _ = try await client.send(Self.get("/release"))
        #expect(try await iterator.next() == Chunk(text: "second"))
        #expect(try await iterator.next() == nil)
    }

    /// Cancelling the task that reads an endless stream closes the
    /// connection: the server sees its client go away.
    @Test func cancellingTheReaderClosesTheConnection() async throws {
        let stream = try await client.events(Self.get("/endless"), format: .serverSentEvents, as: Chunk.self)
        let (read, readContinuation) = AsyncStream<Int>.makeStream()
        let reader = Task {
            var count = 0
            for try await _ in stream {
                count += 1
                readContinuation.yield(count)
            }
        }
        for await count in read where count == 3 { break }
        reader.cancel()
        let result = await reader.result
        #expect((result.failure as? APIClientError)?.isCancelled == true)
        struct State: Decodable { var disconnected: Int }
        var state = State(disconnected: 0)
        for _ in 0..<400 where state.disconnected == 0 {
            try await Task.sleep(for: .milliseconds(25))
            state = try client.decode(State.self, from: try await client.send(Self.get("/state")))
        }
        #expect(state.disconnected == 1)
    }

    @Test func aFileIsUploadedFromDisk() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.bin")
        let bytes = LocalHTTPServer.pattern(3_000_000)
        try bytes.write(to: file)
        var builder = RequestBuilder(operationID: "upload", method: "POST", path: "/echo")
        builder.setBody(try APIClient.FileUpload(contentsOf: file), contentType: "application/octet-stream")
        let exchange = try await client.send(builder)
        #expect(exchange.statusCode == 200)
        #expect(exchange.body == bytes)
    }

    /// A multipart body whose file part streams from disk arrives byte for
    /// byte as the in-memory form writes it.
    @Test func aMultipartFormStreamsItsFilePartFromDisk() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("photo.png")
        var bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        bytes.append(LocalHTTPServer.pattern(2_000_000))
        try bytes.write(to: file)

        var streamed = StreamingMultipartForm()
        streamed.append("a cat", name: "prompt")
        streamed.append(try APIClient.FileUpload(contentsOf: file), name: "image")
        var builder = RequestBuilder(operationID: "edit", method: "POST", path: "/echo")
        builder.setMultipartBody(streamed, boundary: "test-boundary")
        let exchange = try await client.send(builder)

        var inMemory = MultipartFormData()
        inMemory.append("a cat", name: "prompt")
        inMemory.append(try MultipartFile(contentsOf: file), name: "image")
        #expect(exchange.body == inMemory.encoded(boundary: "test-boundary").body)
        #expect(exchange.response.value(forHeader: "Content-Type") == "multipart/form-data; boundary=test-boundary")
    }

    /// A `401` with `WWW-Authenticate: Basic` ends a streaming call as an
    /// error with its status: on Linux, nothing answered the challenge
    /// FoundationNetworking raises for it, and the call waited forever.
    @Test func anUnansweredBasicChallengeEndsAStreamingCall() async throws {
        do {
            let stream = try await client.events(
                Self.get("/unauthorized"), format: .serverSentEvents, as: Chunk.self)
            for try await _ in stream {}
            Issue.record("the stream of a 401 ended without an error")
        } catch {
            guard case .unexpectedStatus(let status) = error else {
                Issue.record("not an unexpected status: \(error)")
                return
            }
            #expect(status.statusCode == 401)
        }
    }

    /// The same for a download to a file: the status comes back, and no file is left.
    @Test func anUnansweredBasicChallengeEndsADownload() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("download.bin")
        do {
            _ = try await client.download(Self.get("/unauthorized"), to: destination)
            Issue.record("the download of a 401 succeeded")
        } catch {
            guard case .unexpectedStatus(let status) = error else {
                Issue.record("not an unexpected status: \(error)")
                return
            }
            #expect(status.statusCode == 401)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aDownloadGoesToAFileWithProgress() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("download.bin")
        let reports = Reports()
        let head = try await client.download(
            Self.get("/bytes?n=5000000"), to: destination, progress: { reports.add($0) })
        #expect(head.statusCode == 200)
        #expect(try Data(contentsOf: destination) == LocalHTTPServer.pattern(5_000_000))
        let all = reports.all
        #expect(all.last == APIClient.DownloadProgress(bytesWritten: 5_000_000, expectedBytes: 5_000_000))
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.bytesWritten <= $1.bytesWritten })
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["download.bin"])
    }
}

/// Progress reports, in order.
final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [APIClient.DownloadProgress] = []

    func add(_ report: APIClient.DownloadProgress) { lock.withLock { reports.append(report) } }
    var all: [APIClient.DownloadProgress] { lock.withLock { reports } }
}
