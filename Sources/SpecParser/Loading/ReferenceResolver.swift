#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds what a `$ref` points at: a node in the same file or in another one,
/// loading and caching files as needed. A reference may also name a schema by
/// its `$id` or `$anchor` (JSON Schema 2020-12, which OpenAPI 3.1 uses).
final class ReferenceResolver {
    struct Target {
        var node: Node
        var file: String
        /// The JSON pointer inside `file`, without `#`.
        var pointer: String
        /// The `$anchor` the reference named, if it named one.
        var anchor: String? = nil
    }

    private let loader: SpecLoader
    /// The trees read, by path (nil for a file that could not be read). They
    /// hold every ``Node`` the decoder handles.
    private var files: [String: YAMLNode?] = [:]
    /// Resolved targets by file and pointer: a spec names the same schema
    /// many times, and walking a pointer scans mappings.
    private var resolved: [String: Target] = [:]
    /// Targets by the reference as written and the file it is written in: a
    /// spec writes the same `$ref` thousands of times. Only references found
    /// while no `$id` is known, whose meaning does not depend on where in the
    /// file they are written.
    private var references: [WrittenReference: Target] = [:]

    struct WrittenReference: Hashable {
        var reference: String
        var file: String
    }
    /// Keys to values of the large mappings that pointers pass through (by
    /// file and pointer prefix), so that resolving every schema of a big spec
    /// costs one pass over `components/schemas`, not one per reference.
    private var mappingIndexes: [MappingID: [String: Int32]] = [:]

    struct MappingID: Hashable {
        var tree: ObjectIdentifier
        var index: Int32
    }
    /// The `$id`s and `$anchor`s of the files read so far.
    private var identifiers = SchemaIdentifiers()
    private(set) var diagnostics = Diagnostics()

    init(loader: SpecLoader) {
        self.loader = loader
    }

    /// The root node of `path`, read once; nil (with a diagnostic) when it cannot be read.
    /// A file that a reference asks for (`location` set) and that cannot be read at all
    /// is reported by ``resolve(_:from:at:)``, with the reference.
    func root(of path: String, requestedAt location: SourceLocation?) -> Node? {
        if let cached = files[path] { return cached?.node }
        var root: YAMLNode?
        do {
            var bytes = try loader.source.read(path)
            let result = try YAMLReader.read(bytes: &bytes, file: path, limits: loader.limits)
            for warning in result.warnings { diagnostics.append(warning) }
            root = result.root
            if Self.mayDeclareIdentifiers(bytes) { identifiers.index(result.root.node, file: path) }
        } catch let error as YAMLError {
            diagnostics.append(error.diagnostic)
        } catch {
            // A file that a `$ref` names is reported by `resolve`, at the reference: once.
            if location == nil { diagnostics.error("\(error)", at: nil) }
        }
        files[path] = .some(root)
        return root?.node
    }

    /// Resolves `reference` written in a node of `file`.
    /// Runs `body`; when it finds nothing (nil), the errors it reported
    /// become warnings that say `consequence`.
    func leavingOut<T>(_ consequence: String, _ body: () -> T?) -> T? {
        let count = diagnostics.all.count
        let result = body()
        if result == nil { diagnostics.demoteErrors(since: count, consequence) }
        return result
    }

    func resolve(_ reference: String, from file: String, at location: SourceLocation) -> Target? {
        if !identifiers.isEmpty {
            if let identified = identifiers.lookUp(reference, at: location) {
                var target = walk(identified.pointer, in: identified.file, reference: reference, at: location)
                target?.anchor = identified.anchor
                return target
            }
            return resolveByPath(reference, from: file, at: location)
        }
        let written = WrittenReference(reference: reference, file: file)
        if let target = references[written] { return target }
        let target = resolveByPath(reference, from: file, at: location)
        // Reading another file may have brought `$id`s in, which a later lookup must see.
        if let target, identifiers.isEmpty { references[written] = target }
        return target
    }

    /// Resolves `reference` as a file path and a fragment.
    private func resolveByPath(_ reference: String, from file: String, at location: SourceLocation) -> Target? {
        let hash = reference.firstIndex(of: "#")
        let filePart = hash.map { String(reference[..<$0]) } ?? reference
        var fragment = hash.map { String(reference[reference.index(after: $0)...]) } ?? ""
        if filePart.utf8.contains(UInt8(ascii: ":")) && filePart.contains("://") {
            diagnostics.error(
                "remote reference '\(reference)' is not supported; download the file and refer to it by path",
                at: location)
            return nil
        }
        let targetFile = filePart.isEmpty ? file : SpecPath.resolve(filePart, relativeTo: file)
        guard root(of: targetFile, requestedAt: location) != nil else {
            if !filePart.isEmpty {
                diagnostics.error(
                    "cannot resolve '\(reference)': the file '\(targetFile)' cannot be read", at: location)
            }
            return nil
        }
        fragment = fragment.percentDecoded ?? fragment
        if !fragment.isEmpty && !fragment.hasPrefix("/") {
            diagnostics.error("cannot resolve '\(reference)': no schema declares '$anchor: \(fragment)'", at: location)
            return nil
        }
        return walk(fragment, in: targetFile, reference: reference, at: location)
    }

    /// The node at `pointer` in `file`, which has been read already.
    private func walk(_ pointer: String, in file: String, reference: String, at location: SourceLocation) -> Target? {
        let cacheKey = file + "#" + pointer
        if let target = resolved[cacheKey] { return target }
        guard let root = files[file] ?? nil else { return nil }
        let tree = root.tree
        var node = root.node
        for token in JSONPointer.tokens(pointer) {
            switch node.kind {
            case .mapping:
                guard
                    let next = node.count > 16 ? indexed(node)[token].map({ Node(tree: tree, index: $0) }) : node[token]
                else {
                    diagnostics.error("cannot resolve '\(reference)': there is no '\(token)' in \(file)", at: location)
                    return nil
                }
                node = next
            case .sequence:
                let items = node.items
                guard let index = Int(token), items.indices.contains(index) else {
                    diagnostics.error(
                        "cannot resolve '\(reference)': '\(token)' is not an index of the sequence", at: location)
                    return nil
                }
                node = items[index]
            case .scalar:
                diagnostics.error("cannot resolve '\(reference)': the path runs into a scalar", at: location)
                return nil
            }
        }
        let target = Target(node: node, file: file, pointer: pointer)
        resolved[cacheKey] = target
        return target
    }

    /// The values of a mapping by key; the first pair of a key wins, as in
    /// ``YAMLNode/subscript(_:)``.
    private func indexed(_ mapping: Node) -> [String: Int32] {
        let id = MappingID(tree: ObjectIdentifier(mapping.tree), index: mapping.index)
        if let index = mappingIndexes[id] { return index }
        var index: [String: Int32] = [:]
        index.reserveCapacity(mapping.count)
        for pair in mapping.pairs {
            if let key = pair.key.text, index[key] == nil { index[key] = pair.value.index }
        }
        mappingIndexes[id] = index
        return index
    }

    /// Whether the text has `$id` or `$anchor` at all: most specs have neither,
    /// and then the tree need not be walked for them.
    private static func mayDeclareIdentifiers(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            // `memchr` finds each `$` many bytes at a time.
            while index < bytes.count, let found = memchr(base + index, Int32(UInt8(ascii: "$")), bytes.count - index) {
                let after = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                let rest = UnsafeBufferPointer(rebasing: bytes[after...])
                if rest.starts(with: "id".utf8) || rest.starts(with: "anchor".utf8) { return true }
                index = after
            }
            return false
        }
    }
}
