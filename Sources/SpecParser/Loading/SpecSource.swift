#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the loader reads spec files from: the file system, or memory in tests.
public protocol SpecSource: Sendable {
    /// The bytes of the file at `path`, or an error whose description says why not.
    func read(_ path: String) throws -> [UInt8]
}

/// Reads spec files from disk.
public struct FileSystemSource: SpecSource {
    public init() {}

    public func read(_ path: String) throws -> [UInt8] {
        guard let bytes = Self.contents(atPath: path) else {
            throw SourceError(message: "cannot read '\(path)'")
        }
        return bytes
    }

    /// The bytes of the file at `path`, or nil when it cannot be opened or
    /// read (missing, a folder, no permission). Plain system calls:
    /// the generator needs no Foundation, and a tool without it starts faster.
    public static func contents(atPath path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else { return nil }
        // The size is only where to start: a file that changes while it is
        // read comes back as far as `read` reports its end.
        var bytes: [UInt8] = []
        var chunkSize = max(Int(status.st_size), 0) + 1
        while true {
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, initialized in
                var count: Int
                repeat {
                    count = systemRead(descriptor, buffer.baseAddress!, buffer.count)
                } while count < 0 && errno == EINTR
                failed = count < 0
                initialized = max(count, 0)
            }
            if failed { return nil }
            if chunk.isEmpty { return bytes }
            if bytes.isEmpty { bytes = chunk } else { bytes.append(contentsOf: chunk) }
            chunkSize = 64 * 1024
        }
    }
}

extension FileSystemSource {
    /// The process's working directory, or `/` when it cannot be read.
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// `read(2)`, by a name that `FileSystemSource.read(_:)` does not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// Files held in memory, by path: for tests and for text already loaded.
public struct InMemorySource: SpecSource {
    public var files: [String: String]

    public init(_ files: [String: String]) {
        self.files = files
    }

    public func read(_ path: String) throws -> [UInt8] {
        guard let text = files[path] else { throw SourceError(message: "no such file '\(path)'") }
        return Array(text.utf8)
    }
}

public struct SourceError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}

/// Path arithmetic for references between spec files.
enum SpecPath {
    /// `target` read relative to the folder of `base`, with `.` and `..` removed.
    static func resolve(_ target: String, relativeTo base: String) -> String {
        let joined: String
        if target.hasPrefix("/") {
            joined = target
        } else if let slash = base.lastIndex(of: "/") {
            joined = String(base[...slash]) + target
        } else {
            joined = target
        }
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != "..", !last.isEmpty { parts.removeLast() } else { parts.append(part) }
            case "" where !parts.isEmpty: continue
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}
