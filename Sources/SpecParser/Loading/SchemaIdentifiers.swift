#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The schemas that name themselves with `$id` or `$anchor`, so that a `$ref`
/// can reach them by that name instead of by file and JSON pointer.
///
/// JSON Schema 2020-12 (§8.2) makes each `$id` a new base URI for the schema
/// under it: a `$ref` inside is read relative to that base, and `$anchor: name`
/// names a schema as `base#name`. A file's own base is its path as a `file:` URI.
struct SchemaIdentifiers {
    struct Place: Hashable {
        var file: String
        /// The JSON pointer inside `file`, without `#`.
        var pointer: String
        /// The `$anchor` the schema was reached by, if any: a better name than the pointer's last token.
        var anchor: String? = nil
    }

    /// Schema resources by absolute URI, without fragment.
    private var resources: [String: Place] = [:]
    /// Anchored schemas by absolute URI `base#name`.
    private var anchors: [String: Place] = [:]
    /// The base URI of each `$ref` written under a `$id`, by where its value is.
    /// A `$ref` not listed here has its file's base.
    private var bases: [SourceLocation: URL] = [:]

    var isEmpty: Bool { resources.isEmpty && anchors.isEmpty }

    /// Keys whose values are data, not schemas: an `$id` in an example is not one.
    private static let dataKeys: Set<String> = ["example", "examples", "default", "const", "enum"]

    /// Records the identifiers declared in `root`, the tree of `file`.
    mutating func index(_ root: YAMLNode, file: String) {
        let fileBase = Self.base(of: file)
        var stack: [(node: YAMLNode, pointer: String, base: URL)] = [(root, "", fileBase)]
        while let (node, pointer, inherited) = stack.popLast() {
            switch node.kind {
            case .scalar:
                continue
            case .sequence(let items):
                for (index, item) in items.enumerated().reversed() {
                    stack.append((item, pointer + "/\(index)", inherited))
                }
            case .mapping(let pairs):
                var base = inherited
                if let id = node["$id"]?.scalar?.text, let url = URL(string: id, relativeTo: inherited) {
                    base = Self.withoutFragment(url)
                    resources[base.absoluteString] = resources[base.absoluteString] ?? Place(file: file, pointer: pointer)
                }
                if let anchor = node["$anchor"]?.scalar?.text {
                    let key = base.absoluteString + "#" + anchor
                    anchors[key] = anchors[key] ?? Place(file: file, pointer: pointer)
                }
                if let reference = node["$ref"], base != fileBase {
                    bases[reference.location] = base
                }
                for pair in pairs.reversed() {
                    guard let key = pair.key.scalar?.text, !Self.dataKeys.contains(key), !key.hasPrefix("x-") else { continue }
                    stack.append((pair.value, pointer + "/" + JSONPointer.escape(key), base))
                }
            }
        }
    }

    /// Where `reference`, written at `location`, points when it names an
    /// `$id` or an `$anchor`; nil when it names neither.
    func lookUp(_ reference: String, at location: SourceLocation) -> Place? {
        let base = bases[location] ?? Self.base(of: location.file)
        guard let url = URL(string: reference, relativeTo: base) else { return nil }
        let absolute = url.absoluteString
        let hash = absolute.firstIndex(of: "#")
        let resource = hash.map { String(absolute[..<$0]) } ?? absolute
        let rawFragment = hash.map { String(absolute[absolute.index(after: $0)...]) } ?? ""
        let fragment = rawFragment.percentDecoded ?? rawFragment
        if fragment.isEmpty || fragment.hasPrefix("/") {
            guard let place = resources[resource] else { return nil }
            return Place(file: place.file, pointer: place.pointer + fragment)
        }
        return anchors[resource + "#" + fragment].map { Place(file: $0.file, pointer: $0.pointer, anchor: fragment) }
    }

    private static func base(of file: String) -> URL {
        URL(fileURLWithPath: file)
    }

    private static func withoutFragment(_ url: URL) -> URL {
        let absolute = url.absoluteString
        guard let hash = absolute.firstIndex(of: "#") else { return url.absoluteURL }
        return URL(string: String(absolute[..<hash])) ?? url.absoluteURL
    }
}
