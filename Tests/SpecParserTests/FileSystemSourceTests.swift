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

    @Test func missingFilesAndFoldersAreNotRead() {
        let folder = FileManager.default.temporaryDirectory.path
        #expect(FileSystemSource.contents(atPath: folder) == nil)
        #expect(FileSystemSource.contents(atPath: folder + "/no-such-file-\(UUID().uuidString)") == nil)
        #expect(throws: SourceError.self) { try FileSystemSource().read(folder) }
    }
}
