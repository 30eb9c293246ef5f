import Foundation
@testable import ClientRuntime
import Testing

/// Downloads (`download`, `save`): plain GETs through the transport and
/// retry policy without the key or the configuration's headers, and the
/// names files get in a folder.
struct DownloadTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x01])
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10])

    static func file(_ body: Data, type: String? = nil) -> ScriptedTransport.Step {
        .respond(APIClient.HTTPResponse(statusCode: 200, headers: type.map { ["Content-Type": $0] } ?? [:], body: body))
    }

    static func client(_ transport: ScriptedTransport) -> APIClient {
        Fixture.client(transport, retryPolicy: Fixture.quick) {
            $0.additionalHeaders = ["X-Gateway-Key": "gateway-secret-123", "User-Agent": "demo/1"]
            $0.timeout = .seconds(42)
        }
    }

    // MARK: - Fetching

    @Test func aDownloadIsAPlainGETWithoutTheKeyOrTheConfiguredHeaders() async throws {
        let transport = ScriptedTransport([Self.file(Self.png, type: "image/png")])
        // On the API's own host too: a download never authenticates.
        let url = URL(string: "https://api.example.com/files/a.png?sig=1")!
        let data = try await Self.client(transport).download(url)
        #expect(data == Self.png)
        let request = try #require(transport.requests.first)
        #expect(request == APIClient.HTTPRequest(method: "GET", url: url, headers: [.init(name: "Accept", value: "*/*")], body: nil,
                                                 timeout: .seconds(42)))
    }

    /// Nothing secret goes out, so plain http to another host is allowed.
    @Test func aDownloadOverPlainHTTPIsAllowed() async throws {
        let transport = ScriptedTransport([Self.file(Self.png)])
        #expect(try await Self.client(transport).download(URL(string: "http://cdn.example.com/a.png")!) == Self.png)
    }

    @Test func downloadsKeepTheirOrder() async throws {
        let transport = ScriptedTransport([Self.file(Data("one".utf8)), Self.file(Data("two".utf8))])
        let urls = [URL(string: "https://cdn.example.com/1")!, URL(string: "https://cdn.example.com/2")!]
        #expect(try await Self.client(transport).download(urls) == [Data("one".utf8), Data("two".utf8)])
        #expect(transport.requests.map(\.url) == urls)
    }

    @Test func anErrorStatusIsAnUnexpectedStatusOfTheDownload() async throws {
        let transport = ScriptedTransport([.respond(.status(404, ["X-Reason": "expired"], body: #"{"error": "link expired"}"#))])
        let error = try #require(await outcome { () async throws(APIClientError) -> Data in
            try await Self.client(transport).download(URL(string: "https://cdn.example.com/a.png")!)
        }.failure)
        let failure = try #require(error.unexpectedStatusFailure)
        #expect(failure.operationID == "download")
        #expect(failure.statusCode == 404)
        #expect(failure.value(forHeader: "x-reason") == "expired")
        #expect(failure.attempts == 1)
        #expect(error.serverMessage == "link expired")
        #expect(error.description == #"download: the server answered 404: {"error": "link expired"}"#)
    }

    @Test func aDownloadIsRetriedLikeAnyGET() async throws {
        let transport = ScriptedTransport([.respond(.status(503)), .fail(URLError(.timedOut)), Self.file(Self.png)])
        #expect(try await Self.client(transport).download(URL(string: "https://cdn.example.com/a.png")!) == Self.png)
        #expect(transport.requests.count == 3)
        let failing = ScriptedTransport([.respond(.status(502))])
        let error = try #require(await outcome { () async throws(APIClientError) -> Data in
            try await Self.client(failing).download(URL(string: "https://cdn.example.com/a.png")!)
        }.failure)
        #expect(error.statusCode == 502 && error.attempts == 3)
    }

    // MARK: - Saving

    /// Saves `links` into a fresh folder with the scripted answers; returns the names.
    static func save(_ links: [String?], _ steps: [ScriptedTransport.Step], named: String = "image",
                     before: (URL) throws -> Void = { _ in }) async throws -> (names: [String?], folder: URL, transport: ScriptedTransport) {
        let folder = try Fixture.temporaryFolder()
        try before(folder)
        let transport = ScriptedTransport(steps)
        let saved = try await Self.client(transport).save(links.map { $0.flatMap(URL.init(string:)) }, into: folder, named: named)
        for file in saved.compactMap({ $0 }) {
            #expect(file.deletingLastPathComponent().standardizedFileURL.path == folder.standardizedFileURL.path)
        }
        return (saved.map { $0?.lastPathComponent }, folder, transport)
    }

    @Test func aFileIsNamedAfterItsLinkWithTheExtensionOfItsType() async throws {
        let result = try await Self.save(
            ["https://cdn.example.com/images/8YEpAbc", "https://cdn.example.com/x/photo.png", "https://cdn.example.com/y/shot_1-a",
             "https://cdn.example.com/z/pic.webp?sig=abc"],
            [Self.file(Self.png, type: "image/png"), Self.file(Self.jpeg, type: "image/jpeg; charset=binary"),
             Self.file(Self.png, type: "IMAGE/WEBP"), Self.file(Self.png, type: "image/gif")])
        defer { try? FileManager.default.removeItem(at: result.folder) }
        // The response's type wins over the link's extension and the bytes.
        #expect(result.names == ["8YEpAbc.png", "photo.jpg", "shot_1-a.webp", "pic.gif"])
        #expect(try Data(contentsOf: result.folder.appendingPathComponent("photo.jpg")) == Self.jpeg)
    }

    @Test func withoutAUsableTypeTheBytesThenTheLinkThenBinNameTheExtension() async throws {
        let result = try await Self.save(
            ["https://cdn.example.com/a", "https://cdn.example.com/b.JPEG", "https://cdn.example.com/c", "https://cdn.example.com/d.png"],
            [Self.file(Self.jpeg, type: "application/octet-stream"), Self.file(Data("?".utf8)), Self.file(Data("?".utf8)),
             Self.file(Self.jpeg)])
        defer { try? FileManager.default.removeItem(at: result.folder) }
        #expect(result.names == ["a.jpg", "b.jpeg", "c.bin", "d.jpg"])
    }

    /// A link whose last component is not a plain name (letters, digits,
    /// `-`, `_`; at most 100) is named `<named>-<position>`, counting from 1
    /// over every link, missing ones included.
    @Test func aLinkWithoutAPlainNameIsNamedByItsPosition() async throws {
        let hundred = String(repeating: "a", count: 100)
        let result = try await Self.save(
            ["https://cdn.example.com/a%20b/", nil, "https://cdn.example.com/猫.png", "https://cdn.example.com/a.b.png",
             "https://cdn.example.com", "https://cdn.example.com/" + hundred + "a", "https://cdn.example.com/" + hundred],
            [Self.file(Self.png)], named: "render")
        defer { try? FileManager.default.removeItem(at: result.folder) }
        #expect(result.names == ["render-1.png", nil, "render-3.png", "render-4.png", "render-5.png", "render-6.png", hundred + ".png"])
        #expect(result.transport.requests.count == 6)
    }

    @Test func takenNamesGetANumberAndNothingIsOverwritten() async throws {
        let result = try await Self.save(
            ["https://cdn.example.com/abc.png", "https://cdn.example.com/abc.png", "https://cdn.example.com/abc-2.png",
             "https://cdn.example.com/new.png"],
            [Self.file(Data("1".utf8), type: "image/png"), Self.file(Data("2".utf8), type: "image/png"),
             Self.file(Data("3".utf8), type: "image/png"), Self.file(Data("4".utf8), type: "image/png")],
            before: { folder in
                try Data("old".utf8).write(to: folder.appendingPathComponent("abc.png"))
                try Data("old-3".utf8).write(to: folder.appendingPathComponent("abc-3.png"))
            })
        defer { try? FileManager.default.removeItem(at: result.folder) }
        // abc.png and abc-3.png were there; abc-2.png was taken earlier in the call.
        #expect(result.names == ["abc-2.png", "abc-4.png", "abc-2-2.png", "new.png"])
        let contents = try FileManager.default.contentsOfDirectory(atPath: result.folder.path).sorted()
        #expect(contents == ["abc-2-2.png", "abc-2.png", "abc-3.png", "abc-4.png", "abc.png", "new.png"])
        #expect(try Data(contentsOf: result.folder.appendingPathComponent("abc.png")) == Data("old".utf8))
        #expect(try Data(contentsOf: result.folder.appendingPathComponent("abc-3.png")) == Data("old-3".utf8))
        #expect(try Data(contentsOf: result.folder.appendingPathComponent("abc-2.png")) == Data("1".utf8))
        #expect(try Data(contentsOf: result.folder.appendingPathComponent("abc-4.png")) == Data("2".utf8))
        #expect(try Data(contentsOf: result.folder.appendingPathComponent("abc-2-2.png")) == Data("3".utf8))
    }

    /// Within one call, names differing only in case count as taken, so
    /// that the files stay apart on a case-insensitive disk too.
    @Test func namesTakenInTheSameCallCountWhateverTheirCase() async throws {
        let result = try await Self.save(["https://cdn.example.com/Abc.png", "https://cdn.example.com/abc.png", "https://cdn.example.com/ABC.png"],
                                         [Self.file(Self.png, type: "image/png")])
        defer { try? FileManager.default.removeItem(at: result.folder) }
        #expect(result.names == ["Abc.png", "abc-2.png", "ABC-3.png"])
    }

    /// A link whose name decodes to `..` and slashes stays in the folder.
    @Test func anEncodedSlashInALinkCannotLeaveTheFolder() async throws {
        let result = try await Self.save(["https://cdn.example.com/img.%2F..%2F..%2Fescape", "https://cdn.example.com/x.p%2F..%2Fng"],
                                         [Self.file(Data("?".utf8))])
        defer { try? FileManager.default.removeItem(at: result.folder) }
        #expect(result.names == ["image-1.bin", "image-2.bin"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: result.folder.path).sorted() == ["image-1.bin", "image-2.bin"])
    }

    @Test func downloadIntoAFolderSkipsMissingLinksInItsResult() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let transport = ScriptedTransport([Self.file(Self.png, type: "image/png")])
        let files = try await Self.client(transport).download([URL(string: "https://cdn.example.com/a")!, URL(string: "https://cdn.example.com/b")!],
                                                              into: folder)
        #expect(files.map(\.lastPathComponent) == ["a.png", "b.png"])
        #expect(transport.requests.allSatisfy { $0.value(forHeader: "X-Gateway-Key") == nil && $0.value(forHeader: "Api-Key") == nil })
    }

    @Test func aFolderThatCannotBeWrittenIsAnInvalidRequest() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID().uuidString)")
        let transport = ScriptedTransport([Self.file(Self.png, type: "image/png")])
        let error = try #require(await outcome { () async throws(APIClientError) -> [URL?] in
            try await Self.client(transport).save([URL(string: "https://cdn.example.com/a")!], into: folder)
        }.failure)
        #expect(error.invalidRequestReason?.hasPrefix("cannot write \(folder.appendingPathComponent("a.png").path): ") == true, "\(error)")
    }

    @Test func aFailedDownloadStopsTheSaveAndKeepsWhatWasSaved() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let transport = ScriptedTransport([Self.file(Self.png, type: "image/png"), .respond(.status(404)), Self.file(Self.png)])
        let links = ["a", "b", "c"].map { URL(string: "https://cdn.example.com/\($0)") }
        let error = try #require(await outcome { () async throws(APIClientError) -> [URL?] in
            try await Self.client(transport).save(links, into: folder)
        }.failure)
        #expect(error.statusCode == 404)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.png"])
        #expect(transport.requests.count == 2)
    }

    @Test func fileStemsArePlainNamesOnly() {
        let stems: [(String, String?)] = [
            ("https://c.example/abc.png", "abc"), ("https://c.example/a_b-c", "a_b-c"), ("https://c.example/x/y/z.tar.gz", nil),
            ("https://c.example/", nil), ("https://c.example/a%20b.png", nil), ("https://c.example/é.png", nil),
            ("https://c.example/.png", nil), ("https://c.example/abc.png?name=x", "abc"),
        ]
        for (link, stem) in stems {
            #expect(APIClient.fileStem(of: URL(string: link)!) == stem, "\(link)")
        }
    }
}
