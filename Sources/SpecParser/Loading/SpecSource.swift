#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SourceError(message: "cannot read '\(path)'")
        }
        return [UInt8](data)
    }
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
