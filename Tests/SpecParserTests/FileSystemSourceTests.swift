import Foundation
import SpecParser
import Testing

/// Reading spec files with plain system calls.
struct FileSystemSourceTests {
    @Test func readsWholeFilesOfAnySize() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fs-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Empty, small, and larger than the reading chunk after the first.
        for size in [0, 1, 4096, 200_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = folder.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(FileSystemSource.contents(atPath: path) == bytes)
            #expect(try FileSystemSource().read(path) == bytes)
        }
    }

    @Test func filesOverTheLimitAreRefusedWithoutReadingThemWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fs-limit-\(UUID().uuidString)").path
        try Data(repeating: 65, count: 100).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try FileSystemSource(maxBytes: 100).read(path).count == 100)
        #expect(FileSystemSource.contents(atPath: path, maxBytes: 10)?.count == 11)
        #expect(throws: SourceError(message: "cannot read '\(path)': it is larger than the limit of 99 bytes")) {
            try FileSystemSource(maxBytes: 99).read(path)
        }
        // An endless file stops at the limit instead of filling memory.
        if FileManager.default.fileExists(atPath: "/dev/zero") {
            #expect(throws: SourceError.self) { try FileSystemSource(maxBytes: 1 << 20).read("/dev/zero") }
        }
        // The loader's own source takes its limit from the YAML limits.
        let loaded = SpecLoader(limits: YAMLLimits(maxInputBytes: 50)).load(path: path)
        #expect(loaded.document == nil)
        #expect(loaded.diagnostics.all.map(\.description) == ["error: cannot read '\(path)': it is larger than the limit of 50 bytes"])
    }

    /// A named pipe that nothing writes to reads as empty at once; opening it
    /// does not wait for a writer, which would hang a run on a FIFO left where
    /// a file was expected.
    @Test func aNamedPipeWithoutAWriterReadsAsEmpty() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fs-fifo-\(UUID().uuidString)").path
        try #require(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        // Were the open to wait, this writer, a second later, would end the
        // wait and its byte would be read. Once the read is over it finds no
        // reader and gives up.
        let late = Thread {
            sleep(1)
            let descriptor = open(path, O_WRONLY | O_NONBLOCK)
            guard descriptor >= 0 else { return }
            _ = write(descriptor, "x", 1)
            close(descriptor)
        }
        late.start()
        #expect(FileSystemSource.contents(atPath: path) == [])
    }

    /// A pipe with a writer is read to its end, as with `lint <(git show HEAD:spec.yml)`.
    @Test func aPipeIsReadToItsEnd() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let text = "openapi: 3.1.0\n"
        _ = text.withCString { write(ends[1], $0, strlen($0)) }
        close(ends[1])
        #expect(FileSystemSource.contents(atPath: "/dev/fd/\(ends[0])") == Array(text.utf8))
    }

    @Test func missingFilesAndFoldersAreNotRead() {
        let folder = FileManager.default.temporaryDirectory.path
        #expect(FileSystemSource.contents(atPath: folder) == nil)
        #expect(FileSystemSource.contents(atPath: folder + "/no-such-file-\(UUID().uuidString)") == nil)
        #expect(throws: SourceError.self) { try FileSystemSource().read(folder) }
    }
}
