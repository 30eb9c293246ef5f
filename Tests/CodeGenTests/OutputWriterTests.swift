@testable import CodeGen
import Dispatch
import Foundation
import Testing

/// `OutputDirectory.Writer`: files handed over from many threads at once, as
/// the renderer hands them over, land in the folder as `write(_:)` would
/// put them, with the same account of what changed.
struct OutputWriterTests {
    static func temporaryFolder(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    }

    /// Many small files in a few folders, as a generated module has.
    static let files: [GeneratedFile] = (0..<300).map { index in
        let folder = ["Types", "Operations", "Runtime", "Deep/Er"][index % 4]
        return GeneratedFile(path: "\(folder)/File\(index).swift", contents: "// file \(index)\n" + String(repeating: "x", count: index))
    }

    /// Hands every file to `writer`, from as many threads as the test machine has.
    static func handOver(_ files: [GeneratedFile], to writer: OutputDirectory.Writer) {
        DispatchQueue.concurrentPerform(iterations: files.count) { writer.write(files[$0]) }
    }

    /// A file on disk is the same as a generated one only when every byte is:
    /// the last byte, the length and text beyond ASCII all count.
    @Test func sameBytesComparesEveryByte() {
        let text = "struct Café {}\n// ✓\n"
        let bytes = Array(text.utf8)
        #expect(OutputDirectory.sameBytes(text, bytes))
        #expect(OutputDirectory.sameBytes("", []))
        #expect(!OutputDirectory.sameBytes(text, bytes.dropLast() + [UInt8(ascii: "x")]))
        #expect(!OutputDirectory.sameBytes(text, Array(bytes.dropLast())))
        #expect(!OutputDirectory.sameBytes(text, bytes + [10]))
        #expect(!OutputDirectory.sameBytes("", [10]))
        var flipped = bytes
        flipped[0] ^= 0x20
        #expect(!OutputDirectory.sameBytes(text, flipped))
    }

    @Test func filesHandedOverFromManyThreadsAreAllWritten() throws {
        let folder = Self.temporaryFolder("writer")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let writer = OutputDirectory.Writer(OutputDirectory(path: folder))
        Self.handOver(Self.files, to: writer)
        let written = try writer.finish()
        #expect(written == Self.files.map { .init(path: $0.path, kind: .missing) }.sorted { $0.path < $1.path })
        #expect(OutputDirectory(path: folder).differences(from: Self.files).isEmpty)
        for file in Self.files.prefix(8) {
            #expect(try String(contentsOfFile: folder + "/" + file.path, encoding: .utf8) == file.contents)
        }
    }

    /// Over an earlier output: a file as generated is left alone, a changed
    /// one is rewritten, one no longer handed over is removed (with the
    /// folder it leaves empty), and a file the generator does not own stays.
    @Test func anEarlierOutputGetsOnlyWhatChanged() throws {
        let folder = Self.temporaryFolder("writer-again")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try OutputDirectory(path: folder).write(Self.files)
        try "not generated".write(toFile: folder + "/Types/notes.txt", atomically: true, encoding: .utf8)
        let untouched = folder + "/" + Self.files[1].path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: untouched)

        var next = Self.files.filter { !$0.path.hasPrefix("Deep/") && $0.path != Self.files[0].path }
        next[5].contents += "// changed\n"
        let writer = OutputDirectory.Writer(OutputDirectory(path: folder))
        Self.handOver(next, to: writer)
        let written = try writer.finish()

        let removed = Self.files.filter { $0.path.hasPrefix("Deep/") || $0.path == Self.files[0].path }
        let expected = [OutputDirectory.Difference(path: next[5].path, kind: .changed)]
            + removed.map { .init(path: $0.path, kind: .stale) }
        #expect(written == expected.sorted { $0.path < $1.path })
        #expect(OutputDirectory(path: folder).differences(from: next).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder + "/Deep"))
        #expect(FileManager.default.fileExists(atPath: folder + "/Types/notes.txt"))
        let date = try FileManager.default.attributesOfItem(atPath: untouched)[.modificationDate] as? Date
        #expect(date == Date(timeIntervalSince1970: 0), "a file already as generated was written again")
    }

    /// A file that cannot be written is the error `finish()` throws, and
    /// then nothing is removed: a failed run leaves the stale files.
    @Test func aFailedWriteIsThrownAndRemovesNothing() throws {
        let folder = Self.temporaryFolder("writer-fails")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try OutputDirectory(path: folder).write(Self.files)
        // A folder where a generated file goes cannot be opened as a file.
        let victim = Self.files[2].path
        try FileManager.default.removeItem(atPath: folder + "/" + victim)
        try FileManager.default.createDirectory(atPath: folder + "/" + victim, withIntermediateDirectories: false)
        var next = Self.files.dropLast()
        next[2].contents += "// changed\n"
        let writer = OutputDirectory.Writer(OutputDirectory(path: folder))
        Self.handOver(Array(next), to: writer)
        let error = #expect(throws: (any Error).self) { try writer.finish() }
        #expect("\(error.map { "\($0)" } ?? "")" == "cannot write \(folder)/\(victim): Is a directory")
        #expect(FileManager.default.fileExists(atPath: folder + "/" + Self.files.last!.path))
    }
}
