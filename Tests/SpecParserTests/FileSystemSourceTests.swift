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

    @Test func missingFilesAndFoldersAreNotRead() {
        let folder = FileManager.default.temporaryDirectory.path
        #expect(FileSystemSource.contents(atPath: folder) == nil)
        #expect(FileSystemSource.contents(atPath: folder + "/no-such-file-\(UUID().uuidString)") == nil)
        #expect(throws: SourceError.self) { try FileSystemSource().read(folder) }
    }
}
