#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A YAML node with the place it was written. Scalars keep their text and
/// style: what a scalar means is decided later, by the schema that reads it.
///
/// A node is a view of one node of the tree its read made (``YAMLTree``,
/// where nodes are records in flat buffers); it keeps that tree alive.
public struct YAMLNode: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    let tree: YAMLTree
    let index: Int32

    init(tree: YAMLTree, index: Int32) {
        self.tree = tree
        self.index = index
    }

    /// The node, for the reader's own use; valid while this view is.
    var node: Node { Node(tree: tree, index: index) }

    /// A node made in code, with the location given; its children are
    /// copied, with the locations they have.
    public init(_ kind: Kind, at location: SourceLocation) {
        var copier = TreeCopier()
        let index = copier.add(kind, at: location)
        self.init(tree: copier.finish(file: location.file), index: index)
    }

    /// What the node is: a scalar, or a collection of nodes.
    public var kind: Kind {
        switch node.kind {
        case .scalar: .scalar(scalar!)
        case .sequence: .sequence(sequence!)
        case .mapping: .mapping(mapping!)
        }
    }

    public var location: SourceLocation { node.location }

    /// A 64-bit digest of what the node holds (its kind, a scalar's text,
    /// style and tag, a collection's children in order), not of where it is
    /// written: two nodes with the same digest hold, but for a collision in
    /// 2^64, the same YAML. `diff` skips what it finds unchanged by it.
    public var digest: UInt64 { node.digest }

    public var scalar: YAMLScalar? { node.scalar }

    public var sequence: [YAMLNode]? {
        let node = self.node
        guard node.isSequence else { return nil }
        return node.items.map { YAMLNode(tree: tree, index: $0.index) }
    }

    public var mapping: [YAMLPair]? {
        let node = self.node
        guard node.isMapping else { return nil }
        return node.pairs.map {
            YAMLPair(key: YAMLNode(tree: tree, index: $0.key.index), value: YAMLNode(tree: tree, index: $0.value.index))
        }
    }

    /// The value of the first pair whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        node[key].map { YAMLNode(tree: tree, index: $0.index) }
    }

    /// A short word for the node's kind, for diagnostics.
    public var kindName: String { node.kindName }

    /// Nodes are equal when they hold the same YAML at the same places.
    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        withExtendedLifetime((lhs, rhs)) { Node.equal(lhs.node, rhs.node) }
    }

    public func hash(into hasher: inout Hasher) {
        let node = self.node
        hasher.combine(node.digest)
        hasher.combine(node.location)
    }
}

public struct YAMLPair: Hashable, Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A node of a ``YAMLTree`` for the reader's own use, which holds no
/// reference on the tree: whoever uses one keeps its tree alive (the
/// loader keeps every tree it read until it is done).
struct Node {
    unowned(unsafe) let tree: YAMLTree
    let index: Int32

    var record: YAMLTree.Record { tree.records[Int(index)] }
    var kind: YAMLTree.Kind { record.kind }
    var isScalar: Bool { record.kind == .scalar }
    var isSequence: Bool { record.kind == .sequence }
    var isMapping: Bool { record.kind == .mapping }
    var digest: UInt64 { record.digest }

    var location: SourceLocation {
        if !tree.locations.isEmpty, let location = tree.locations[index] { return location }
        let record = self.record
        return SourceLocation(file: tree.file, line: Int(record.line) + 1, column: Int(record.column) + 1)
    }

    /// The view of this node, which keeps its tree alive.
    var yamlNode: YAMLNode { YAMLNode(tree: tree, index: index) }

    /// Items of a sequence, pairs of a mapping; 0 for a scalar.
    var count: Int {
        let record = self.record
        return record.kind == .scalar ? 0 : Int(record.count)
    }

    /// Item `offset` of a sequence.
    func item(_ offset: Int) -> Node {
        Node(tree: tree, index: tree.children[Int(record.start) + offset])
    }

    /// The key of pair `offset` of a mapping.
    func key(_ offset: Int) -> Node {
        Node(tree: tree, index: tree.children[Int(record.start) + 2 * offset])
    }

    /// The value of pair `offset` of a mapping.
    func value(_ offset: Int) -> Node {
        Node(tree: tree, index: tree.children[Int(record.start) + 2 * offset + 1])
    }

    /// The node numbers of a collection's children.
    private var children: UnsafeBufferPointer<Int32> {
        let record = self.record
        switch record.kind {
        case .scalar: return UnsafeBufferPointer(start: nil, count: 0)
        case .sequence:
            return UnsafeBufferPointer(start: tree.children.baseAddress! + Int(record.start), count: Int(record.count))
        case .mapping:
            return UnsafeBufferPointer(
                start: tree.children.baseAddress! + Int(record.start), count: 2 * Int(record.count))
        }
    }

    /// A sequence's items (none for anything else).
    var items: Items { isSequence ? Items(tree: tree, children: children) : .none }

    /// A mapping's pairs (none for anything else).
    var pairs: Pairs { isMapping ? Pairs(tree: tree, children: children) : .none }

    struct Items: RandomAccessCollection {
        unowned(unsafe) let tree: YAMLTree?
        let children: UnsafeBufferPointer<Int32>
        static var none: Items { Items(tree: nil, children: UnsafeBufferPointer(start: nil, count: 0)) }
        var startIndex: Int { 0 }
        var endIndex: Int { children.count }
        subscript(position: Int) -> Node { Node(tree: tree.unsafelyUnwrapped, index: children[position]) }
    }

    struct Pairs: RandomAccessCollection {
        unowned(unsafe) let tree: YAMLTree?
        /// Key, value, key, value...
        let children: UnsafeBufferPointer<Int32>
        static var none: Pairs { Pairs(tree: nil, children: UnsafeBufferPointer(start: nil, count: 0)) }
        var startIndex: Int { 0 }
        var endIndex: Int { children.count / 2 }
        subscript(position: Int) -> (key: Node, value: Node) {
            (
                Node(tree: tree.unsafelyUnwrapped, index: children[2 * position]),
                Node(tree: tree.unsafelyUnwrapped, index: children[2 * position + 1])
            )
        }
    }

    /// A scalar's text as bytes (empty for a collection), valid while the tree is.
    var bytes: UnsafeBufferPointer<UInt8> {
        let record = self.record
        guard record.kind == .scalar, record.count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: tree.text.baseAddress! + Int(record.start), count: Int(record.count))
    }

    /// A scalar's text; nil for a collection.
    var text: String? {
        guard isScalar else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    var tag: String? { record.hasTag ? tree.tags[index] : nil }

    /// A scalar's value by the YAML core schema; nil for a collection.
    var coreValue: YAMLScalar.CoreValue? { scalar?.coreValue }

    var scalar: YAMLScalar? {
        let record = self.record
        guard record.kind == .scalar else { return nil }
        return YAMLScalar(String(decoding: bytes, as: UTF8.self), style: record.style, tag: tag)
    }

    /// Whether this is a scalar whose text is `other`.
    func hasText(_ other: String) -> Bool {
        let record = self.record
        guard record.kind == .scalar else { return false }
        var other = other
        return other.withUTF8 { Self.same($0, bytes) }
    }

    /// Whether this is a scalar whose text starts with `prefix`.
    func hasPrefix(_ prefix: StaticString) -> Bool {
        let bytes = self.bytes
        let prefix = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        return bytes.count >= prefix.count && Self.same(prefix, UnsafeBufferPointer(rebasing: bytes[..<prefix.count]))
    }

    static func same(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) -> Bool {
        guard first.count == second.count else { return false }
        guard let a = first.baseAddress, let b = second.baseAddress else { return true }
        return a[0] == b[0] && memcmp(a, b, first.count) == 0
    }

    /// The value of the first pair whose key is the scalar `key`.
    subscript(key: String) -> Node? {
        guard isMapping else { return nil }
        var key = key
        return key.withUTF8 { key in
            for pair in pairs where pair.key.isScalar && Self.same(key, pair.key.bytes) {
                return pair.value
            }
            return nil
        }
    }

    /// A short word for the node's kind, for diagnostics.
    var kindName: String {
        switch kind {
        case .scalar: "a scalar"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }

    /// The same YAML at the same places.
    static func equal(_ lhs: Node, _ rhs: Node) -> Bool {
        if lhs.tree === rhs.tree && lhs.index == rhs.index { return true }
        let left = lhs.record
        let right = rhs.record
        guard left.digest == right.digest, left.kind == right.kind, left.count == right.count,
            lhs.location == rhs.location
        else { return false }
        switch left.kind {
        case .scalar:
            return left.style == right.style && lhs.tag == rhs.tag && same(lhs.bytes, rhs.bytes)
        case .sequence:
            return (0..<Int(left.count)).allSatisfy { equal(lhs.item($0), rhs.item($0)) }
        case .mapping:
            return (0..<Int(left.count)).allSatisfy {
                equal(lhs.key($0), rhs.key($0)) && equal(lhs.value($0), rhs.value($0))
            }
        }
    }
}

/// Makes a tree of nodes built in code (``YAMLNode/init(_:at:)``), copying
/// the nodes they hold from their own trees.
private struct TreeCopier {
    var records = RawBuffer<YAMLTree.Record>()
    var children = RawBuffer<Int32>()
    var text = RawBuffer<UInt8>()
    var tags: [Int32: String] = [:]
    var locations: [Int32: SourceLocation] = [:]

    mutating func finish(file: String) -> YAMLTree {
        YAMLTree(file: file, records: records, children: children, text: text, tags: tags, locations: locations)
    }

    mutating func add(_ kind: YAMLNode.Kind, at location: SourceLocation) -> Int32 {
        switch kind {
        case .scalar(let scalar):
            var value = scalar.text
            return value.withUTF8 { scalarNode($0, style: scalar.style, tag: scalar.tag, at: location) }
        case .sequence(let items):
            let copied = items.map { item in withExtendedLifetime(item) { copy(item.node) } }
            return collection(.sequence, copied, at: location)
        case .mapping(let pairs):
            let copied = pairs.flatMap { pair in
                withExtendedLifetime(pair) { [copy(pair.key.node), copy(pair.value.node)] }
            }
            return collection(.mapping, copied, at: location)
        }
    }

    private mutating func copy(_ node: Node) -> Int32 {
        switch node.kind {
        case .scalar:
            return scalarNode(node.bytes, style: node.record.style, tag: node.tag, at: node.location)
        case .sequence:
            return collection(.sequence, node.items.map { copy($0) }, at: node.location)
        case .mapping:
            return collection(.mapping, node.pairs.flatMap { [copy($0.key), copy($0.value)] }, at: node.location)
        }
    }

    private mutating func scalarNode(
        _ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalar.Style, tag: String?, at location: SourceLocation
    ) -> Int32 {
        let index = Int32(records.count)
        let start = UInt32(text.count)
        text.append(bytes)
        records.append(
            YAMLTree.Record(
                digest: YAMLTree.Digest.scalar(bytes, style: style, tag: tag), start: start,
                count: UInt32(bytes.count), line: 0, column: 0, kind: .scalar, style: style, hasTag: tag != nil))
        if let tag { tags[index] = tag }
        locations[index] = location
        return index
    }

    private mutating func collection(_ kind: YAMLTree.Kind, _ nodes: [Int32], at location: SourceLocation) -> Int32 {
        let index = Int32(records.count)
        let start = UInt32(children.count)
        nodes.withUnsafeBufferPointer { children.append($0) }
        var digest = YAMLTree.Digest()
        digest.mix(kind == .sequence ? 2 : 3)
        for node in nodes { digest.mix(records[Int(node)].digest) }
        let count = kind == .sequence ? nodes.count : nodes.count / 2
        digest.mix(UInt64(count))
        records.append(
            YAMLTree.Record(
                digest: digest.hash, start: start, count: UInt32(count), line: 0, column: 0, kind: kind,
                style: .plain, hasTag: false))
        locations[index] = location
        return index
    }
}

/// A scalar as written: its text, how it was quoted, and its tag if any.
public struct YAMLScalar: Hashable, Sendable {
    public enum Style: String, Hashable, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded

        /// A number of its own, for digests.
        var hashCode: Int {
            switch self {
            case .plain: 1
            case .singleQuoted: 2
            case .doubleQuoted: 3
            case .literal: 4
            case .folded: 5
            }
        }
    }

    public var text: String
    public var style: Style
    public var tag: String?

    public init(_ text: String, style: Style = .plain, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    /// Whether the scalar was written so that it can only be a string.
    public var isQuotedOrBlock: Bool {
        style != .plain || tag == "tag:yaml.org,2002:str"
    }

    /// The scalar read by the YAML 1.2 core schema (which JSON shares):
    /// `true`/`false`, `null`/`~`, integers and floats; anything else is a string.
    /// YAML 1.1's `ON`, `yes` and friends stay strings.
    public var coreValue: CoreValue {
        if isQuotedOrBlock { return .string(text) }
        // Most plain scalars are words; only these first bytes can start a
        // null, a boolean or a number (`.inf`, `+1`, `0x1F`, `~`).
        if tag == nil, let first = text.utf8.first, !Self.mayStartCoreValue[Int(first)] { return .string(text) }
        switch tag {
        case "tag:yaml.org,2002:int": if let i = Int(text) { return .integer(i) }
        case "tag:yaml.org,2002:float": if let d = Double(text) { return .number(d) }
        case "tag:yaml.org,2002:bool":
            if let b = Self.boolean(text) { return .bool(b) }
        case "tag:yaml.org,2002:null": return .null
        default: break
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        default: break
        }
        if let b = Self.boolean(text) { return .bool(b) }
        if let i = Self.integer(text) { return .integer(i) }
        if let d = Self.number(text) { return .number(d) }
        return .string(text)
    }

    /// By byte: whether a plain scalar starting with it may be other than a string.
    private static let mayStartCoreValue: [Bool] = (0..<256).map { byte in
        "0123456789+-.~nNtTfF".utf8.contains(UInt8(byte))
    }

    public enum CoreValue: Hashable, Sendable {
        case null
        case bool(Bool)
        case integer(Int)
        case number(Double)
        case string(String)
    }

    private static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    private static func integer(_ text: String) -> Int? {
        let utf8 = text.utf8
        guard !utf8.isEmpty else { return nil }
        var digits = utf8[...]
        if digits.first == UInt8(ascii: "-") || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        for (prefix, radix) in [("0x", 16), ("0o", 8)] where digits.starts(with: prefix.utf8) {
            // Only digits of the radix may follow the prefix: `0x-1` and `0x10x` are strings.
            let body = digits.dropFirst(2)
            guard let first = body.first, first != UInt8(ascii: "+"), first != UInt8(ascii: "-"),
                let magnitude = Int(String(decoding: body, as: UTF8.self), radix: radix)
            else { return nil }
            return utf8.first == UInt8(ascii: "-") ? -magnitude : magnitude
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    private static func number(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        // The core schema's float form: digits with a dot and/or an exponent.
        let allowed = text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                true
            default:
                false
            }
        }
        guard allowed, text.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else {
            return nil
        }
        return Double(text)
    }
}
