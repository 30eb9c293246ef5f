import SpecParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
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
        var files: [String] = []
        Self.collectFiles(in: path, relative: "", into: &files)
        return files.filter { $0.hasSuffix(".swift") || $0 == Generator.Options.snapshotFileName }.sorted()
    }

    /// Appends the paths, relative to the output folder, of the files under
    /// `folder` (which is `relative` inside it), at any depth. Links are
    /// listed, not followed. A folder that cannot be read adds nothing.
    private static func collectFiles(in folder: String, relative: String, into files: inout [String]) {
        guard let stream = opendir(folder) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let full = folder + "/" + name
            let inside = relative.isEmpty ? name : relative + "/" + name
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                var status = stat()
                isFolder = lstat(full, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder {
                collectFiles(in: full, relative: inside, into: &files)
            } else {
                files.append(inside)
            }
        }
    }

    public func differences(from files: [GeneratedFile]) -> [Difference] {
        var result: [Difference] = []
        let generated = Set(files.map(\.path))
        // One walk of the folder, so that files it does not hold (all of
        // them, the first time) are not each looked for on disk.
        let existing = existingFiles()
        let present = Set(existing)
        // The files already there are read and compared on all cores; the
        // others are missing, and a new folder starts no thread at all.
        let folder = path
        var onDisk: [GeneratedFile] = []
        for file in files {
            if present.contains(file.path) {
                onDisk.append(file)
            } else {
                result.append(Difference(path: file.path, kind: .missing))
            }
        }
        let kinds = onDisk.parallelMap { Self.difference(of: $0, in: folder, isPresent: true) }
        for (file, kind) in zip(onDisk, kinds) {
            if let kind { result.append(Difference(path: file.path, kind: kind)) }
        }
        for file in existing where !generated.contains(file) {
            result.append(Difference(path: file, kind: .stale))
        }
        return result.sorted { $0.path < $1.path }
    }

    /// How `file` differs from what `folder` holds at its path: nil when it
    /// holds the same bytes. `isPresent` says whether the folder's listing
    /// has the file; a listed file that cannot be read is missing.
    private static func difference(of file: GeneratedFile, in folder: String, isPresent: Bool) -> Difference.Kind? {
        guard isPresent, let bytes = FileSystemSource.contents(atPath: folder + "/" + file.path) else {
            return .missing
        }
        return sameBytes(file.contents, bytes) ? nil : .changed
    }

    /// Whether `text` is `bytes` in UTF-8. One `memcmp`: comparing byte by
    /// byte through the UTF-8 view took 16 M instructions for the Ideogram
    /// client's 103 files, most of a regeneration over an unchanged folder.
    static func sameBytes(_ text: String, _ bytes: [UInt8]) -> Bool {
        guard text.utf8.count == bytes.count else { return false }
        let compared = text.utf8.withContiguousStorageIfAvailable { utf8 in
            bytes.withUnsafeBufferPointer { other in
                utf8.isEmpty || memcmp(utf8.baseAddress!, other.baseAddress!, utf8.count) == 0
            }
        }
        return compared ?? text.utf8.elementsEqual(bytes)
    }

    /// Writes the files that changed and removes stale ones; returns what it
    /// did. The files on disk are read and compared on all cores.
    @discardableResult
    public func write(_ files: [GeneratedFile]) throws -> [Difference] {
        let writer = Writer(self)
        _ = files.parallelMap { writer.write($0) }
        return try writer.finish()
    }

    /// Writes generated files into the folder as they are made, from any
    /// thread, so that writing overlaps rendering; then, at ``finish()``,
    /// removes the stale ones. A file that is already on disk as generated
    /// is left alone.
    ///
    /// Files are compared with the disk on the thread that hands them over,
    /// but written one at a time: written in parallel into one folder, they
    /// wait for the folder's lock, and on ext4 with a busy block group that
    /// waiting cost more CPU than the writes. A thread that hands a file
    /// over while another writes queues it, and goes back to its own work;
    /// the writing thread writes what is queued before it lets go.
    public final class Writer: @unchecked Sendable {
        private let path: String
        /// The generator's files in the folder when the writer was made.
        private let existing: [String]
        private let present: Set<String>

        /// Guards `queue` and `delivered`.
        private let queueLock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private var queue: [(file: GeneratedFile, kind: Difference.Kind)] = []
        private var delivered: Set<String> = []

        /// Held by the thread that writes; guards the rest.
        private let penLock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private var differences: [Difference] = []
        /// Each folder written into, with a descriptor of it to open its
        /// files by their names (nil when it cannot be opened): looking up
        /// the whole path again for each file cost about a tenth of writing
        /// it.
        private var folders: [String: Int32?] = [:]
        /// The first write that failed; nothing is written after it.
        private var failure: WriteError?

        /// Lists the generator's files in `directory` (none, the first time).
        public init(_ directory: OutputDirectory) {
            path = directory.path
            existing = directory.existingFiles()
            present = Set(existing)
            pthread_mutex_init(queueLock, nil)
            pthread_mutex_init(penLock, nil)
        }

        deinit {
            for case let descriptor? in folders.values { close(descriptor) }
            pthread_mutex_destroy(queueLock)
            pthread_mutex_destroy(penLock)
            queueLock.deallocate()
            penLock.deallocate()
        }

        /// Writes `file` unless the folder already holds it as it is; from
        /// any thread, each path once.
        public func write(_ file: GeneratedFile) {
            let kind = OutputDirectory.difference(of: file, in: path, isPresent: present.contains(file.path))
            pthread_mutex_lock(queueLock)
            delivered.insert(file.path)
            if let kind { queue.append((file, kind)) }
            pthread_mutex_unlock(queueLock)
            if kind != nil { writeQueued() }
        }

        /// Writes what is queued, unless another thread is writing: that one
        /// writes it. After letting go, looks again, since a file queued
        /// just before is this thread's to write.
        private func writeQueued() {
            while pthread_mutex_trylock(penLock) == 0 {
                while let next = takeQueued() {
                    for (file, kind) in next { write(file, kind) }
                }
                pthread_mutex_unlock(penLock)
                pthread_mutex_lock(queueLock)
                let isEmpty = queue.isEmpty
                pthread_mutex_unlock(queueLock)
                if isEmpty { return }
            }
        }

        /// Everything queued, taken off the queue; nil when it is empty.
        private func takeQueued() -> [(file: GeneratedFile, kind: Difference.Kind)]? {
            pthread_mutex_lock(queueLock)
            defer { pthread_mutex_unlock(queueLock) }
            guard !queue.isEmpty else { return nil }
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }

        /// One file, by the thread that holds the pen.
        private func write(_ file: GeneratedFile, _ kind: Difference.Kind) {
            guard failure == nil else { return }
            let full = path + "/" + file.path
            do {
                let folderPart = OutputDirectory.parentFolder(of: full)
                let folder = String(folderPart)
                let descriptor: Int32?
                if let known = folders[folder] {
                    descriptor = known
                } else {
                    try OutputDirectory.createFolder(folder)
                    let opened = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                    descriptor = opened >= 0 ? opened : nil
                    folders[folder] = descriptor
                }
                let name = full[full.utf8.index(after: folderPart.endIndex)...]
                try OutputDirectory.writeFile(
                    full, contents: file.contents, folder: descriptor.map { ($0, String(name)) })
                differences.append(Difference(path: file.path, kind: kind))
            } catch {
                failure = error
            }
        }

        /// Once every file is written: removes the generator's files that
        /// were not handed over, and the folders that leaves empty; returns
        /// what changed, sorted by path. Throws the first write that failed,
        /// and then removes nothing.
        @discardableResult
        public func finish() throws -> [Difference] {
            writeQueued()
            pthread_mutex_lock(penLock)
            defer { pthread_mutex_unlock(penLock) }
            for case let descriptor? in folders.values { close(descriptor) }
            folders = [:]
            if let failure { throw failure }
            var emptied = Set<String>()
            for file in existing where !delivered.contains(file) {
                let full = path + "/" + file
                guard unlink(full) == 0 || errno == ENOENT else { throw WriteError(path: full, code: errno) }
                differences.append(Difference(path: file, kind: .stale))
                emptied.insert(String(OutputDirectory.parentFolder(of: file)))
            }
            // Folders the stale files leave empty (`Types/` after a switch to the
            // grouped layout) go too, deepest first; a folder still holding
            // anything stays, as does the output folder itself.
            for folder in emptied.sorted(by: >) where !folder.isEmpty {
                var relative = Substring(folder)
                while !relative.isEmpty, rmdir(path + "/" + relative) == 0 {
                    relative = OutputDirectory.parentFolder(of: relative)
                }
            }
            return differences.sorted { $0.path < $1.path }
        }
    }

    /// What comes before the last `/` of `path`; empty when it has none.
    /// The slash is looked for among the bytes: a path is bytes to the
    /// system, and searching its characters from the end cost thousands of
    /// instructions a file.
    private static func parentFolder<Path: StringProtocol>(of path: Path) -> Path.SubSequence
    where Path.UTF8View: BidirectionalCollection {
        path[..<(path.utf8.lastIndex(of: UInt8(ascii: "/")) ?? path.startIndex)]
    }

    /// Creates `folder` and the folders above it that are missing, like `mkdir -p`.
    private static func createFolder(_ folder: String) throws(WriteError) {
        if mkdir(folder, 0o755) == 0 { return }
        switch errno {
        case EEXIST:
            var status = stat()
            guard stat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
                throw WriteError(path: folder, code: ENOTDIR)
            }
        case ENOENT:
            guard let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")), slash != folder.startIndex else {
                throw WriteError(path: folder, code: ENOENT)
            }
            try createFolder(String(folder[..<slash]))
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { throw WriteError(path: folder, code: errno) }
        default:
            throw WriteError(path: folder, code: errno)
        }
    }

    /// Writes a file with plain system calls. Foundation's `Data.write` syncs
    /// every file to disk, even without `.atomic`, and for a module of
    /// thousands of files that waiting was most of the generator's time. A
    /// file cut short by an interrupted run differs from what the spec makes,
    /// so the next run (or `--check`) finds and rewrites it. Opening does not
    /// wait for a reader: a FIFO in the file's place is an error, not a hang.
    /// With `folder`, the file is opened by its name in that folder's
    /// descriptor; `path` still names it in errors.
    private static func writeFile(
        _ path: String, contents: String, folder: (descriptor: Int32, name: String)? = nil
    ) throws(WriteError) {
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK
        let descriptor = folder.map { openat($0.descriptor, $0.name, flags, 0o644) } ?? open(path, flags, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, code: errno) }
        defer { close(descriptor) }
        if let failure = writeAll(contents, to: descriptor) { throw WriteError(path: path, code: failure) }
    }
}

/// A file of the output could not be written.
struct WriteError: Error, CustomStringConvertible, Sendable {
    var path: String
    var code: Int32

    var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
}
