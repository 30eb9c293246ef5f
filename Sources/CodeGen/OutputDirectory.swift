#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Compares and writes generated files against a folder on disk. Every
/// `.swift` file in the folder (and the spec snapshot) belongs to the
/// generator: one it no longer generates is stale and is removed.
public struct OutputDirectory: Sendable {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// How the folder differs from the files: each path with what is wrong.
    public struct Difference: Hashable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable { case changed, missing, stale }
        public var path: String
        public var kind: Kind

        public var description: String {
            switch kind {
            case .changed: "\(path): differs from what the spec generates"
            case .missing: "\(path): is generated but missing"
            case .stale: "\(path): is no longer generated"
            }
        }
    }

    /// The `.swift` files under the folder, relative paths, sorted.
    public func existingFiles() -> [String] {
        let items = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
        return items.filter { $0.hasSuffix(".swift") || $0 == Generator.Options.snapshotFileName }.sorted()
    }

    public func differences(from files: [GeneratedFile]) -> [Difference] {
        var result: [Difference] = []
        let generated = Set(files.map(\.path))
        // One walk of the folder, so that files it does not hold (all of
        // them, the first time) are not each looked for on disk.
        let existing = existingFiles()
        let present = Set(existing)
        for file in files {
            guard present.contains(file.path), let data = FileManager.default.contents(atPath: path + "/" + file.path) else {
                result.append(Difference(path: file.path, kind: .missing))
                continue
            }
            if data != Data(file.contents.utf8) { result.append(Difference(path: file.path, kind: .changed)) }
        }
        for file in existing where !generated.contains(file) {
            result.append(Difference(path: file, kind: .stale))
        }
        return result.sorted { $0.path < $1.path }
    }

    /// Writes the files that changed and removes stale ones; returns what it did.
    @discardableResult
    public func write(_ files: [GeneratedFile]) throws -> [Difference] {
        let differences = differences(from: files)
        let manager = FileManager.default
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
        var folders = Set<String>()
        var emptied = Set<String>()
        for difference in differences {
            let full = path + "/" + difference.path
            switch difference.kind {
            case .changed, .missing:
                let folder = String(full[..<(full.lastIndex(of: "/") ?? full.startIndex)])
                if folders.insert(folder).inserted {
                    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                try Self.writeFile(full, contents: byPath[difference.path]!.contents)
            case .stale:
                try manager.removeItem(atPath: full)
                emptied.insert(String(difference.path[..<(difference.path.lastIndex(of: "/") ?? difference.path.startIndex)]))
            }
        }
        // Folders the stale files leave empty (`Types/` after a switch to the
        // grouped layout) go too, deepest first; a folder still holding
        // anything stays, as does the output folder itself.
        for folder in emptied.sorted(by: >) where !folder.isEmpty {
            var relative = Substring(folder)
            while !relative.isEmpty, rmdir(path + "/" + relative) == 0 {
                relative = relative[..<(relative.lastIndex(of: "/") ?? relative.startIndex)]
            }
        }
        return differences
    }

    /// Writes a file with plain system calls. Foundation's `Data.write` syncs
    /// every file to disk, even without `.atomic`, and for a module of
    /// thousands of files that waiting was most of the generator's time. A
    /// file cut short by an interrupted run differs from what the spec makes,
    /// so the next run (or `--check`) finds and rewrites it.
    private static func writeFile(_ path: String, contents: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, code: errno) }
        defer { close(descriptor) }
        var text = contents
        try text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(path: path, code: errno)
                }
                offset += written
            }
        }
    }
}

/// A file of the output could not be written.
struct WriteError: Error, CustomStringConvertible {
    var path: String
    var code: Int32

    var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
}

/// `write(2)`, by a name that `OutputDirectory.write(_:)` does not hide.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
