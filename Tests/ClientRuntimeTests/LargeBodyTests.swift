import Foundation
@testable import ClientRuntime
import Testing

/// Bodies read from disk as they are sent, multipart forms with file parts
/// on disk, and downloads written to a file.
struct LargeBodyTests {
    static func write(_ data: Data, named name: String, in folder: URL) throws -> URL {
        let file = folder.appendingPathComponent(name)
        try data.write(to: file)
        return file
    }

    @Test func aBodySourceReadsItsPiecesInChunksOfTheSizeAsked() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.write(LocalHTTPServer.pattern(10_000), named: "a.bin", in: folder)
        let empty = try Self.write(Data(), named: "empty.bin", in: folder)
        let source = APIClient.BodySource(segments: [.bytes(Data("head".utf8)), .file(file), .file(empty), .bytes(Data("tail".utf8))])
        #expect(try source.length() == 10_008)
        var chunks: [Data] = []
        for try await chunk in source.chunks(size: 4096) { chunks.append(chunk) }
        #expect(chunks.map(\.count) == [4, 4096, 4096, 1808, 4])
        #expect(Data(chunks.joined()) == Data("head".utf8) + LocalHTTPServer.pattern(10_000) + Data("tail".utf8))
        let copy = folder.appendingPathComponent("copy.bin")
        try source.write(to: copy)
        #expect(try Data(contentsOf: copy) == Data(chunks.joined()))
        #expect(String(describing: source) == "BodySource(4 pieces, 10008 bytes)")
        #expect(!String(describing: source).contains(folder.path))
    }

    /// The streaming form writes the same bytes as the in-memory one, file
    /// parts and all, and lengthens a boundary found in a part in memory.
    @Test func aStreamingMultipartFormIsByteForByteTheInMemoryOne() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + LocalHTTPServer.pattern(5_000)
        let file = try Self.write(png, named: "image \"one\".png", in: folder)
        for boundary in ["test-boundary", "in-the-text"] {
            var streamed = StreamingMultipartForm()
            var inMemory = MultipartFormData()
            streamed.append("a cat --in-the-text", name: "prompt")
            inMemory.append("a cat --in-the-text", name: "prompt")
            streamed.append(try APIClient.FileUpload(contentsOf: file), name: "image")
            inMemory.append(try MultipartFile(contentsOf: file), name: "image")
            try streamed.appendJSON(["r": 1], name: "color")
            try inMemory.appendJSON(["r": 1], name: "color")
            streamed.append(MultipartFile(data: Data("mask".utf8), filename: "mask.txt"), name: "mask")
            inMemory.append(MultipartFile(data: Data("mask".utf8), filename: "mask.txt"), name: "mask")
            let (source, used) = streamed.encoded(boundary: boundary)
            // A boundary found in a part is lengthened (with random digits).
            #expect(used.hasPrefix(boundary))
            #expect((used == boundary) == (boundary == "test-boundary"))
            let expected = inMemory.encoded(boundary: used)
            #expect(expected.boundary == used)
            let target = folder.appendingPathComponent("body-\(boundary)")
            try source.write(to: target)
            #expect(try Data(contentsOf: target) == expected.body)
            #expect(source.segments.contains(.file(file)))
        }
    }

    /// A generated request type's file field holding a file on disk: the
    /// builder sends the form from disk, with the bytes of the in-memory form.
    @Test func aMultipartFileOnDiskIsSentFromDisk() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + LocalHTTPServer.pattern(70_000)
        let file = try Self.write(png, named: "photo.png", in: folder)
        let onDisk = try MultipartFile(streamingContentsOf: file)
        #expect(onDisk.data.isEmpty && onDisk.fileURL == file)
        #expect(onDisk.contentType == "image/png" && onDisk.filename == "photo.png")
        var form = MultipartFormData()
        form.append("a cat", name: "prompt")
        form.append(onDisk, name: "image")
        var builder = RequestBuilder(operationID: "edit", method: "POST", path: "/edit")
        builder.setMultipartBody(form, boundary: "test-boundary")
        #expect(builder.body == nil)
        let source = try #require(builder.bodySource)
        #expect(source.segments.contains(.file(file)))
        var inMemory = MultipartFormData()
        inMemory.append("a cat", name: "prompt")
        inMemory.append(try MultipartFile(contentsOf: file), name: "image")
        let target = folder.appendingPathComponent("body")
        try source.write(to: target)
        #expect(try Data(contentsOf: target) == inMemory.encoded(boundary: "test-boundary").body)
        // A form of files in memory stays a body in memory.
        var plain = RequestBuilder(operationID: "edit", method: "POST", path: "/edit")
        plain.setMultipartBody(inMemory, boundary: "test-boundary")
        #expect(plain.body != nil && plain.bodySource == nil)
    }

    @Test func aFileUploadReadsItsTypeFromItsBytesThenItsName() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = try Self.write(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]), named: "x.bin", in: folder)
        let json = try Self.write(Data("{}".utf8), named: "data.json", in: folder)
        let other = try Self.write(Data("??".utf8), named: "blob", in: folder)
        #expect(try APIClient.FileUpload(contentsOf: png).contentType == "image/png")
        #expect(try APIClient.FileUpload(contentsOf: json).contentType == "application/json")
        #expect(try APIClient.FileUpload(contentsOf: other).contentType == "application/octet-stream")
        let named = try APIClient.FileUpload(contentsOf: other, filename: "b.txt", contentType: "text/plain")
        #expect(named.filename == "b.txt" && named.contentType == "text/plain")
        #expect(throws: (any Error).self) {
            try APIClient.FileUpload(contentsOf: folder.appendingPathComponent("missing"))
        }
    }

    /// A call with a body on disk goes through the streaming path, which a
    /// transport that only buffers serves by reading the body whole.
    @Test func aBodyOnDiskIsStreamedOrReadWholeByATransportThatBuffers() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.write(LocalHTTPServer.pattern(1_000), named: "a.bin", in: folder)
        var builder = RequestBuilder(operationID: "upload", method: "PUT", path: "/files/a")
        builder.setBody(try APIClient.FileUpload(contentsOf: file))

        let streaming = APIClient.StreamingStubTransport { _, _ in
            APIClient.StreamingResponse(statusCode: 201, body: APIClient.ByteChunks(Data("{}".utf8)))
        }
        let exchange = try await Fixture.client(streaming).send(builder)
        #expect(exchange.statusCode == 201 && exchange.body.text == "{}")
        #expect(await streaming.bodies == [.file(file)])
        #expect(await streaming.requests.first?.body == nil)
        #expect(await streaming.requests.first?.value(forHeader: "Content-Type") == "application/octet-stream")

        let buffering = APIClient.StubTransport(always: .status(201))
        _ = try await Fixture.client(buffering).send(builder)
        #expect(await buffering.requests.first?.body == LocalHTTPServer.pattern(1_000))
    }

    @Test func aDownloadWritesEachChunkAndReportsProgress() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = FedBody(["abc", "defg", "", "h"])
        let stub = streamingStub([answer(headers: ["Content-Length": "8"], body)])
        let reports = Reports()
        let destination = folder.appendingPathComponent("out.txt")
        let head = try await Fixture.client(stub).download(
            RequestBuilder(operationID: "getFile", method: "GET", path: "/files/1/content"), to: destination,
            progress: { reports.add($0) })
        #expect(head.statusCode == 200)
        #expect(try Data(contentsOf: destination).text == "abcdefgh")
        #expect(reports.all.map(\.bytesWritten) == [3, 7, 7, 8])
        #expect(reports.all.last?.fractionCompleted == 1)
        #expect(await stub.requests.first?.value(forHeader: "Api-Key") == Fixture.apiKey)
    }

    /// A download that fails midway, is refused or is cancelled leaves the
    /// destination as it was, and no partial file behind.
    @Test func aFailedDownloadLeavesTheDestinationAsItWas() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = try Self.write(Data("old".utf8), named: "out.txt", in: folder)
        let builder = RequestBuilder(operationID: "getFile", method: "GET", path: "/files/1/content")

        let broken = streamingStub([answer(FedBody(["new"], end: .fail(URLError(.networkConnectionLost))))])
        let lost = await outcome { () async throws(APIClientError) in
            try await Fixture.client(broken).download(builder, to: destination)
        }
        #expect(lost.failure?.transportFailure?.urlErrorCode == URLError.Code.networkConnectionLost.rawValue)

        let refused = streamingStub([answer(status: 404, headers: ["Content-Type": "application/json"], FedBody([#"{"message": "no such file"}"#]))])
        let missing = await outcome { () async throws(APIClientError) in
            try await Fixture.client(refused).download(builder, to: destination)
        }
        #expect(missing.failure?.unexpectedStatusFailure?.serverMessage == "no such file")

        let held = FedBody(["partial"], end: .open)
        let client = Fixture.client(streamingStub([answer(held)]))
        let task = Task { () async throws(APIClientError) -> APIClient.HTTPResponse in
            try await client.download(builder, to: destination, progress: { _ in })
        }
        while try FileManager.default.contentsOfDirectory(atPath: folder.path).count < 2 {
            try await Task.sleep(for: .milliseconds(1))
        }
        task.cancel()
        let cancelled = await task.result
        #expect((cancelled.failure as? APIClientError)?.isCancelled == true)
        await held.waitUntilStopped()

        #expect(try Data(contentsOf: destination).text == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }
}
