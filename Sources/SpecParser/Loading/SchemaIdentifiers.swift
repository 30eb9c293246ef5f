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
    private var bases: [SourceLocation: URIReference] = [:]
    /// Where relative file paths start from, for their `file:` URIs: read
    /// when the first file is indexed, so that a spec with no `$id` or
    /// `$anchor` (most of them) never asks for it.
    private var directory: String?

    var isEmpty: Bool { resources.isEmpty && anchors.isEmpty }

    /// Keys whose values are data, not schemas: an `$id` in an example is not one.
    private static let dataKeys: Set<String> = ["example", "examples", "default", "const", "enum"]

    /// Records the identifiers declared in `root`, the tree of `file`.
    mutating func index(_ root: Node, file: String) {
        if directory == nil { directory = FileSystemSource.currentDirectory() }
        let fileBase = base(of: file)
        var stack: [(node: Node, pointer: String, base: URIReference)] = [(root, "", fileBase)]
        while let (node, pointer, inherited) = stack.popLast() {
            switch node.kind {
            case .scalar:
                continue
            case .sequence:
                for (index, item) in node.items.enumerated().reversed() {
                    stack.append((item, pointer + "/\(index)", inherited))
                }
            case .mapping:
                var base = inherited
                if let id = node["$id"]?.text {
                    base = URIReference(id).resolved(against: inherited).withoutFragment
                    resources[base.text] = resources[base.text] ?? Place(file: file, pointer: pointer)
                }
                if let anchor = node["$anchor"]?.text {
                    let key = base.text + "#" + anchor
                    anchors[key] = anchors[key] ?? Place(file: file, pointer: pointer)
                }
                if let reference = node["$ref"], base != fileBase {
                    bases[reference.location] = base
                }
                for pair in node.pairs.reversed() {
                    guard let key = pair.key.text, !Self.dataKeys.contains(key), !key.hasPrefix("x-") else {
                        continue
                    }
                    stack.append((pair.value, pointer + "/" + JSONPointer.escape(key), base))
                }
            }
        }
    }

    /// Where `reference`, written at `location`, points when it names an
    /// `$id` or an `$anchor`; nil when it names neither.
    func lookUp(_ reference: String, at location: SourceLocation) -> Place? {
        let target = URIReference(reference).resolved(against: bases[location] ?? base(of: location.file))
        let resource = target.withoutFragment.text
        let rawFragment = target.fragment ?? ""
        let fragment = rawFragment.percentDecoded ?? rawFragment
        if fragment.isEmpty || fragment.hasPrefix("/") {
            guard let place = resources[resource] else { return nil }
            return Place(file: place.file, pointer: place.pointer + fragment)
        }
        return anchors[resource + "#" + fragment].map { Place(file: $0.file, pointer: $0.pointer, anchor: fragment) }
    }

    private func base(of file: String) -> URIReference {
        URIReference.file(file, in: directory ?? FileSystemSource.currentDirectory())
    }
}
