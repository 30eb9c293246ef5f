import SpecParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `REV:path` names through `git show`, so that OLD in
/// `ideogram-codegen diff HEAD~1:spec/ideogram-openapi.yml spec/ideogram-openapi.yml`
/// is the spec as it was committed. Other names are read from disk.
struct GitSource: SpecSource {
    /// Splits `REV:path` when REV names a commit; nil for an ordinary path.
    static func revision(in name: String) -> (revision: String, path: String)? {
        guard !fileExists(name), let colon = name.firstIndex(of: ":") else { return nil }
        let revision = String(name[..<colon])
        let path = String(name[name.index(after: colon)...])
        guard !revision.isEmpty, !path.isEmpty, !revision.contains("/") else { return nil }
        return (revision, path)
    }

    func read(_ name: String) throws -> [UInt8] {
        guard let (revision, path) = Self.revision(in: name) else {
            return try FileSystemSource().read(name)
        }
        let result: GitRun
        do {
            result = try GitRun(arguments: ["git", "show", "\(revision):\(path)"])
        } catch {
            throw SourceError(message: "cannot run git to read '\(name)': \(error)")
        }
        guard result.succeeded else {
            var reason = String(decoding: result.errors, as: UTF8.self)
            while let last = reason.last, last.isWhitespace { reason.removeLast() }
            throw SourceError(message: "cannot read '\(name)' from git: \(reason)")
        }
        return result.output
    }
}

/// One run of `git` (found through `env`), with its output and error output.
/// Plain `posix_spawn`, so that the tool does not need Foundation's `Process`.
struct GitRun {
    var output: [UInt8] = []
    var errors: [UInt8] = []
    var succeeded = false

    struct SpawnError: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    init(arguments: [String]) throws {
        var outputPipe: [Int32] = [0, 0]
        var errorPipe: [Int32] = [0, 0]
        guard pipe(&outputPipe) == 0 else { throw SpawnError(call: "pipe", code: errno) }
        guard pipe(&errorPipe) == 0 else {
            close(outputPipe[0])
            close(outputPipe[1])
            throw SpawnError(call: "pipe", code: errno)
        }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        let environment = _NSGetEnviron().pointee
        #else
        var actions = posix_spawn_file_actions_t()
        let environment = environ
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        for descriptor in outputPipe + errorPipe { posix_spawn_file_actions_addclose(&actions, descriptor) }

        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child = pid_t()
        let spawned = posix_spawn(&child, "/usr/bin/env", &actions, nil, argv, environment)
        close(outputPipe[1])
        close(errorPipe[1])
        defer {
            close(outputPipe[0])
            close(errorPipe[0])
        }
        guard spawned == 0 else { throw SpawnError(call: "posix_spawn", code: spawned) }

        // Both pipes at once, so that a child filling one never waits on the other.
        var open = [outputPipe[0], errorPipe[0]]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !open.isEmpty {
            var polled = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if poll(&polled, nfds_t(polled.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for entry in polled where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == outputPipe[0] {
                        output.append(contentsOf: buffer[..<count])
                    } else {
                        errors.append(contentsOf: buffer[..<count])
                    }
                } else if count == 0 || errno != EINTR {
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        // Exited (not signalled) with status 0.
        succeeded = status & 0x7f == 0 && (status >> 8) & 0xff == 0
    }
}
