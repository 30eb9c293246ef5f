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
    /// The largest file read; a larger one (or an endless one, such as
    /// `/dev/zero`) is an error after `maxBytes + 1` bytes, not a read of
    /// all of it.
    public var maxBytes: Int

    public init(maxBytes: Int = YAMLLimits.default.maxInputBytes) {
        self.maxBytes = maxBytes
    }

    public func read(_ path: String) throws -> [UInt8] {
        guard let bytes = Self.contents(atPath: path, maxBytes: maxBytes) else {
            throw SourceError(message: "cannot read '\(path)'")
        }
        guard bytes.count <= maxBytes else {
            throw SourceError(message: "cannot read '\(path)': it is larger than the limit of \(maxBytes) bytes")
        }
        return bytes
    }

    /// The bytes of the file at `path`, or nil when it cannot be opened or
    /// read (missing, a folder, no permission); at most `maxBytes + 1` of
    /// them, so that a caller can tell a file over its limit. Plain system
    /// calls: the generator needs no Foundation, and a tool without it
    /// starts faster.
    ///
    /// A pipe is read to its end (`lint <(git show HEAD:spec.yml)`). A named
    /// pipe that nothing writes to reads as empty: opening it waits for no
    /// writer, so a FIFO left in the output folder cannot hang a run.
    public static func contents(atPath path: String, maxBytes: Int = .max - 1) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else { return nil }
        // Reads wait for data again; a FIFO with no writer now ends at once.
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0 else { return nil }
        // The size is only where to start: a file that changes while it is
        // read comes back as far as `read` reports its end.
        var bytes: [UInt8] = []
        var chunkSize = min(max(Int(status.st_size), 0), maxBytes) + 1
        while bytes.count <= maxBytes {
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, initialized in
                var count: Int
                if buffer.count >= HugePages.size { HugePages.advise(buffer.baseAddress!, bytes: buffer.count) }
                repeat {
                    count = systemRead(descriptor, buffer.baseAddress!, buffer.count)
                } while count < 0 && errno == EINTR
                failed = count < 0
                initialized = max(count, 0)
            }
            if failed { return nil }
            if chunk.isEmpty { return bytes }
            if bytes.isEmpty { bytes = chunk } else { bytes.append(contentsOf: chunk) }
            chunkSize = min(64 * 1024, maxBytes + 1 - bytes.count)
        }
        return bytes
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

public struct SourceError: Error, CustomStringConvertible, Equatable, Sendable {
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
