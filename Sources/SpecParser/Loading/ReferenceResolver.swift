import Foundation

/// Finds what a `$ref` points at: a node in the same file or in another one,
/// loading and caching files as needed.
final class ReferenceResolver {
    struct Target {
        var node: YAMLNode
        var file: String
        /// The JSON pointer inside `file`, without `#`.
        var pointer: String
    }

    private let loader: SpecLoader
    private var files: [String: YAMLNode?] = [:]
    /// Resolved targets by file and pointer: a spec names the same schema
    /// many times, and walking a pointer scans mappings.
    private var resolved: [String: Target] = [:]
    private(set) var diagnostics = Diagnostics()

    init(loader: SpecLoader) {
        self.loader = loader
    }

    /// The root node of `path`, read once; nil (with a diagnostic) when it cannot be read.
    /// A file that a reference asks for (`location` set) and that cannot be read at all
    /// is reported by ``resolve(_:from:at:)``, with the reference.
    func root(of path: String, requestedAt location: SourceLocation?) -> YAMLNode? {
        if let cached = files[path] { return cached }
        var root: YAMLNode?
        do {
            var bytes = try loader.source.read(path)
            let result = try YAMLReader.read(bytes: &bytes, file: path, limits: loader.limits)
            for warning in result.warnings { diagnostics.append(warning) }
            root = result.root
        } catch let error as YAMLError {
            diagnostics.append(error.diagnostic)
        } catch {
            // A file that a `$ref` names is reported by `resolve`, at the reference: once.
            if location == nil { diagnostics.error("\(error)", at: nil) }
        }
        files[path] = .some(root)
        return root
    }

    /// Resolves `reference` written in a node of `file`.
    func resolve(_ reference: String, from file: String, at location: SourceLocation) -> Target? {
        let hash = reference.firstIndex(of: "#")
        let filePart = hash.map { String(reference[..<$0]) } ?? reference
        var fragment = hash.map { String(reference[reference.index(after: $0)...]) } ?? ""
        if filePart.contains("://") {
            diagnostics.error("remote reference '\(reference)' is not supported; download the file and refer to it by path", at: location)
            return nil
        }
        let targetFile = filePart.isEmpty ? file : SpecPath.resolve(filePart, relativeTo: file)
        guard let root = root(of: targetFile, requestedAt: location) else {
            if !filePart.isEmpty {
                diagnostics.error("cannot resolve '\(reference)': the file '\(targetFile)' cannot be read", at: location)
            }
            return nil
        }
        fragment = fragment.removingPercentEncoding ?? fragment
        if !fragment.isEmpty && !fragment.hasPrefix("/") {
            diagnostics.error("cannot resolve '\(reference)': only JSON pointers (#/...) are supported as fragments", at: location)
            return nil
        }
        let cacheKey = targetFile + "#" + fragment
        if let target = resolved[cacheKey] { return target }
        var node = root
        for token in JSONPointer.tokens(fragment) {
            switch node.kind {
            case .mapping:
                guard let next = node[token] else {
                    diagnostics.error("cannot resolve '\(reference)': there is no '\(token)' in \(targetFile)", at: location)
                    return nil
                }
                node = next
            case .sequence(let items):
                guard let index = Int(token), items.indices.contains(index) else {
                    diagnostics.error("cannot resolve '\(reference)': '\(token)' is not an index of the sequence", at: location)
                    return nil
                }
                node = items[index]
            case .scalar:
                diagnostics.error("cannot resolve '\(reference)': the path runs into a scalar", at: location)
                return nil
            }
        }
        let target = Target(node: node, file: targetFile, pointer: fragment)
        resolved[cacheKey] = target
        return target
    }
}
