import Foundation

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
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
        var result: [String] = []
        while let item = enumerator.nextObject() as? String {
            if item.hasSuffix(".swift") || item == Generator.Options.snapshotFileName { result.append(item) }
        }
        return result.sorted()
    }

    public func differences(from files: [GeneratedFile]) -> [Difference] {
        var result: [Difference] = []
        let generated = Set(files.map(\.path))
        for file in files {
            guard let data = FileManager.default.contents(atPath: path + "/" + file.path) else {
                result.append(Difference(path: file.path, kind: .missing))
                continue
            }
            if data != Data(file.contents.utf8) { result.append(Difference(path: file.path, kind: .changed)) }
        }
        for existing in existingFiles() where !generated.contains(existing) {
            result.append(Difference(path: existing, kind: .stale))
        }
        return result.sorted { $0.path < $1.path }
    }

    /// Writes the files that changed and removes stale ones; returns what it did.
    @discardableResult
    public func write(_ files: [GeneratedFile]) throws -> [Difference] {
        let differences = differences(from: files)
        let manager = FileManager.default
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
        for difference in differences {
            let full = path + "/" + difference.path
            switch difference.kind {
            case .changed, .missing:
                let folder = (full as NSString).deletingLastPathComponent
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Data(byPath[difference.path]!.contents.utf8).write(to: URL(fileURLWithPath: full), options: .atomic)
            case .stale:
                try manager.removeItem(atPath: full)
            }
        }
        return differences
    }
}
