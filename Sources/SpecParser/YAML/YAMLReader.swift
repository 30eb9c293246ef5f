import CYaml

/// Bounds that keep hostile YAML from turning into a hang, an out-of-memory
/// or a stack overflow. Each one, when hit, ends in a located diagnostic.
public struct YAMLLimits: Sendable {
    /// Largest input, in bytes.
    public var maxInputBytes: Int
    /// Deepest nesting of sequences and mappings, aliases included.
    public var maxDepth: Int
    /// Most nodes in the tree once aliases are expanded ("billion laughs").
    public var maxNodes: Int
    /// Most nodes that aliases may copy in, unless the file writes out more
    /// nodes than this itself: then as many as it writes. Every copy of an
    /// inline schema becomes code of its own, so without this bound a
    /// kilobyte of aliases could stand for hundreds of megabytes of Swift.
    /// Specs seldom alias at all, and then sparingly.
    public var maxAliasedNodes: Int

    public init(
        maxInputBytes: Int = 64 << 20, maxDepth: Int = 256, maxNodes: Int = 8_000_000, maxAliasedNodes: Int = 100_000
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliasedNodes = maxAliasedNodes
    }

    public static let `default` = YAMLLimits()
}

/// The error that ends a YAML read: the first problem libyaml or a limit found.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation

    public var diagnostic: Diagnostic { Diagnostic(.error, message, at: location) }
    public var description: String { diagnostic.description }
}

/// Reads YAML (and so JSON) through libyaml's event API into a ``YAMLNode``
/// tree. The build is iterative, so deep input cannot overflow the stack.
public enum YAMLReader {
    /// The result of a read: the first document's root, plus warnings
    /// (duplicate keys, extra documents) that do not stop the read.
    public struct Result: Sendable {
        public var root: YAMLNode
        public var warnings: [Diagnostic]
    }

    public static func read(_ text: String, file: String, limits: YAMLLimits = .default) throws(YAMLError) -> Result {
        var bytes = Array(text.utf8)
        return try read(bytes: &bytes, file: file, limits: limits)
    }

    public static func read(bytes: inout [UInt8], file: String, limits: YAMLLimits = .default) throws(YAMLError)
        -> Result
    {
        try read(bytes: &bytes, file: file, limits: limits, parseOnSecondThread: bytes.count >= secondThreadThreshold)
    }

    /// From this many bytes on, libyaml parses on a second thread while this
    /// one builds the tree (``EventPipe``). libyaml reads about 50 KB a
    /// millisecond here, and starting a thread takes tens of microseconds:
    /// a small file has too little to overlap to pay for it.
    static let secondThreadThreshold = 32 << 10

    /// `parseOnSecondThread` chooses how the events are read; the result is the
    /// same either way (tests compare them).
    static func read(
        bytes: inout [UInt8], file: String, limits: YAMLLimits, parseOnSecondThread: Bool
    ) throws(YAMLError) -> Result {
        // The tree numbers its nodes and bytes with 32 bits, which a file of up to 2 GiB cannot overflow.
        let maxInputBytes = min(limits.maxInputBytes, Int(Int32.max))
        guard bytes.count <= maxInputBytes else {
            throw YAMLError(
                message: "the file is \(bytes.count) bytes, over the limit of \(maxInputBytes) bytes",
                location: SourceLocation(file: file, line: 1, column: 1))
        }
        var builder = TreeBuilder(file: file, limits: limits, inputBytes: bytes.count)
        // Frees the tree's buffers unless the tree was made.
        defer { builder.discard() }
        // Valid JSON that YAML 1.1 reads otherwise (surrogate pairs, raw C1
        // controls): rewritten as YAML escapes, with locations mapped back.
        builder.corrections = JSONCompatibility.adapt(&bytes)
        // On the heap: with a second thread, the parser must stay where it is.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLError(message: "libyaml could not start a parser", location: builder.location(line: 0, column: 0))
        }
        defer { yaml_parser_delete(parser) }

        return try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> Result in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            if parseOnSecondThread, let pipe = EventPipe(parser: parser) {
                // Joins the parser thread before the buffer and the parser go away.
                defer { pipe.finish() }
                while true {
                    let chunk = pipe.next()
                    for offset in 0..<chunk.count {
                        try builder.consume(chunk.events[offset])
                    }
                    if chunk.failed {
                        pipe.finish()
                        throw builder.parserError(parser.pointee, input: buffer)
                    }
                    if chunk.isLast { break }
                }
            } else {
                var event = yaml_event_t()
                while true {
                    guard yaml_parser_parse(parser, &event) == 1 else {
                        throw builder.parserError(parser.pointee, input: buffer)
                    }
                    defer { yaml_event_delete(&event) }
                    if event.type == YAML_STREAM_END_EVENT { break }
                    try builder.consume(event)
                }
            }
            guard let root = builder.root else {
                // An empty file is an empty mapping's worth of nothing: say so.
                throw YAMLError(
                    message: "the file holds no YAML document", location: builder.location(line: 0, column: 0))
            }
            return Result(root: YAMLNode(tree: builder.tree(), index: root), warnings: builder.warnings)
        }
    }
}

/// Turns libyaml events into the records of a ``YAMLTree``, with an
/// explicit stack: a collection's children wait on a stack of node numbers
/// until it ends, and are then written out together.
private struct TreeBuilder {
    /// An open collection.
    struct Frame {
        var index: Int32
        /// Where its children start on `pending`.
        var firstChild: Int
        var isMapping: Bool
        var anchor: String?
        /// Nodes below this one so far (itself included), and its height.
        var nodes = 1
        var height = 0
    }

    struct Anchored {
        var index: Int32
        var nodeCount: Int
        var height: Int
    }

    let file: String
    let limits: YAMLLimits
    var records: RawBuffer<YAMLTree.Record>
    var children: RawBuffer<Int32>
    var text: RawBuffer<UInt8>
    var tags: [Int32: String] = [:]
    /// The children of the open collections, innermost last.
    var pending: [Int32] = []
    var stack: [Frame] = []
    var anchors: [String: Anchored] = [:]
    var totalNodes = 0
    /// The part of `totalNodes` that aliases copied in.
    var aliasedNodes = 0
    var root: Int32?
    var documents = 0
    var warnings: [Diagnostic] = []

    init(file: String, limits: YAMLLimits, inputBytes: Int) {
        self.file = file
        self.limits = limits
        // About one event per 16 to 24 bytes of a spec; the text is at most the input's size, but
        // for escapes. Pages reserved and never written cost nothing.
        records = RawBuffer(capacity: inputBytes / 12 + 16)
        children = RawBuffer(capacity: inputBytes / 12 + 16)
        text = RawBuffer(capacity: inputBytes + 16)
        pending.reserveCapacity(256)
        stack.reserveCapacity(32)
    }

    /// The tree of the nodes read, which takes the buffers over.
    mutating func tree() -> YAMLTree {
        let tree = YAMLTree(file: file, records: records, children: children, text: text, tags: tags)
        records = RawBuffer()
        children = RawBuffer()
        text = RawBuffer()
        return tree
    }

    /// Frees the buffers that no tree took.
    mutating func discard() {
        records.deallocate()
        children.deallocate()
        text.deallocate()
    }

    /// How columns of the JSON rewritten by ``JSONCompatibility`` map back.
    var corrections: ColumnCorrections?

    func location(line: Int, column: Int) -> SourceLocation {
        let column = corrections?.originalColumn(line: line, column: column) ?? column
        return SourceLocation(file: file, line: line + 1, column: column + 1)
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        location(line: Int(mark.line), column: Int(mark.column))
    }

    /// The column a node's record keeps: the file's, 0-based.
    func column(_ mark: yaml_mark_t) -> UInt32 {
        UInt32(corrections?.originalColumn(line: Int(mark.line), column: Int(mark.column)) ?? Int(mark.column))
    }

    /// The location of a node read; its record's column is already the file's.
    func location(of index: Int32) -> SourceLocation {
        let record = records[Int(index)]
        return SourceLocation(file: file, line: Int(record.line) + 1, column: Int(record.column) + 1)
    }

    func parserError(_ parser: yaml_parser_t, input: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        if parser.error == YAML_READER_ERROR {
            // The reader reports a byte offset, not a mark: count the lines
            // and characters before it.
            let offset = min(Int(parser.problem_offset), input.count)
            let (line, column) = Self.lineAndColumn(of: offset, in: input)
            var message = problem
            if parser.problem_value >= 0, problem.hasPrefix("control characters") {
                let hex = String(UInt32(parser.problem_value), radix: 16, uppercase: true)
                message += " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
            }
            return YAMLError(message: message, location: location(line: line, column: column))
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) (\(context))"
        }
        return YAMLError(message: message, location: location(parser.problem_mark))
    }

    /// The 0-based line and column (in characters) of byte `offset`; a line
    /// ends at LF, CR or CRLF.
    static func lineAndColumn(of offset: Int, in input: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 0
        var column = 0
        var index = 0
        while index < offset {
            let byte = input[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= input.count || input[index + 1] != 0x0A)) {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    mutating func consume(_ event: yaml_event_t) throws(YAMLError) {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents == 2 {
                warnings.append(
                    Diagnostic(
                        .warning, "only the first YAML document of the file is read", at: location(event.start_mark)))
            }
        case YAML_SCALAR_EVENT where documents <= 1:
            let data = event.data.scalar
            let style: YAMLScalar.Style =
                switch data.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
            let bytes = UnsafeBufferPointer(start: data.value, count: data.value == nil ? 0 : data.length)
            let tag = Self.string(data.tag)
            let index = Int32(records.count)
            let start = UInt32(text.count)
            text.append(bytes)
            records.append(
                YAMLTree.Record(
                    digest: YAMLTree.Digest.scalar(bytes, style: style, tag: tag), start: start,
                    count: UInt32(bytes.count), line: UInt32(event.start_mark.line),
                    column: column(event.start_mark), kind: .scalar, style: style, hasTag: tag != nil))
            if let tag { tags[index] = tag }
            try add(index, nodeCount: 1, height: 0, anchor: Self.string(data.anchor))
        case YAML_ALIAS_EVENT where documents <= 1:
            let at = location(event.start_mark)
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                throw YAMLError(message: "alias '*\(name)' names no anchor defined before it", location: at)
            }
            let allowed = max(limits.maxAliasedNodes, totalNodes - aliasedNodes)
            aliasedNodes += anchored.nodeCount
            guard aliasedNodes <= allowed else {
                throw YAMLError(
                    message: "aliases copy in more than \(allowed) nodes, more than the file writes out itself "
                        + "and over the limit of \(limits.maxAliasedNodes)",
                    location: at)
            }
            // The alias is the anchored node itself, shared. A limit the copy crosses is reported at the
            // alias, not at the anchored node.
            try add(anchored.index, nodeCount: anchored.nodeCount, height: anchored.height, anchor: nil, reportedAt: at)
        case YAML_SEQUENCE_START_EVENT where documents <= 1:
            try open(isMapping: false, at: event.start_mark, anchor: Self.string(event.data.sequence_start.anchor))
        case YAML_MAPPING_START_EVENT where documents <= 1:
            try open(isMapping: true, at: event.start_mark, anchor: Self.string(event.data.mapping_start.anchor))
        case YAML_SEQUENCE_END_EVENT where documents <= 1, YAML_MAPPING_END_EVENT where documents <= 1:
            try close()
        default:
            break
        }
    }

    mutating func open(isMapping: Bool, at mark: yaml_mark_t, anchor: String?) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(
                message: "nesting is deeper than the limit of \(limits.maxDepth) levels", location: location(mark))
        }
        totalNodes += 1
        let index = Int32(records.count)
        // Its children and digest are written when it ends.
        records.append(
            YAMLTree.Record(
                digest: 0, start: 0, count: 0, line: UInt32(mark.line), column: column(mark),
                kind: isMapping ? .mapping : .sequence, style: .plain, hasTag: false))
        stack.append(Frame(index: index, firstChild: pending.count, isMapping: isMapping, anchor: anchor))
    }

    mutating func close() throws(YAMLError) {
        guard let frame = stack.popLast() else { return }
        let start = children.count
        var digest = YAMLTree.Digest()
        var count: Int
        if frame.isMapping {
            // libyaml gives every key a value; a key without one would be left out.
            var end = pending.count
            if (end - frame.firstChild) % 2 == 1 { end -= 1 }
            if hasMergeKeyOrRepeat(frame.firstChild..<end) {
                let pairs = mergingKeys(frame.firstChild..<end)
                pairs.withUnsafeBufferPointer { children.append($0) }
            } else {
                pending.withUnsafeBufferPointer {
                    children.append(UnsafeBufferPointer(rebasing: $0[frame.firstChild..<end]))
                }
            }
            count = (children.count - start) / 2
            digest.mix(3)
        } else {
            pending.withUnsafeBufferPointer { children.append(UnsafeBufferPointer(rebasing: $0[frame.firstChild...])) }
            count = children.count - start
            digest.mix(2)
        }
        for offset in start..<children.count {
            digest.mix(records[Int(children[offset])].digest)
        }
        digest.mix(UInt64(count))
        var record = records[Int(frame.index)]
        record.digest = digest.hash
        record.start = UInt32(start)
        record.count = UInt32(count)
        records[Int(frame.index)] = record
        pending.removeSubrange(frame.firstChild...)
        try add(frame.index, nodeCount: frame.nodes, height: frame.height + 1, anchor: frame.anchor, counted: true)
    }

    /// Adds a finished node to the open collection (or makes it the root).
    /// `counted` is true for a closed collection whose nodes were counted as they came;
    /// `reportedAt` is where a limit error points, when not at the node itself.
    mutating func add(
        _ index: Int32, nodeCount: Int, height: Int, anchor: String?, counted: Bool = false,
        reportedAt: SourceLocation? = nil
    ) throws(YAMLError) {
        if !counted {
            totalNodes += nodeCount
            guard totalNodes <= limits.maxNodes else {
                throw YAMLError(
                    message:
                        "the document expands to more than \(limits.maxNodes) nodes (are aliases nested too deep?)",
                    location: reportedAt ?? location(of: index))
            }
        }
        guard stack.count + height <= limits.maxDepth else {
            throw YAMLError(
                message: "nesting is deeper than the limit of \(limits.maxDepth) levels",
                location: reportedAt ?? location(of: index))
        }
        if let anchor {
            anchors[anchor] = Anchored(index: index, nodeCount: nodeCount, height: height)
        }
        guard !stack.isEmpty else {
            if root == nil { root = index }
            return
        }
        let top = stack.count - 1
        stack[top].nodes += nodeCount
        stack[top].height = max(stack[top].height, height)
        pending.append(index)
    }

    // MARK: - Keys

    /// The text of node `index`, when it is a scalar.
    func bytes(_ index: Int32) -> UnsafeBufferPointer<UInt8>? {
        let record = records[Int(index)]
        guard record.kind == .scalar else { return nil }
        return UnsafeBufferPointer(start: text.base.map { $0 + Int(record.start) }, count: Int(record.count))
    }

    func string(_ index: Int32) -> String? {
        bytes(index).map { String(decoding: $0, as: UTF8.self) }
    }

    func isMergeKey(_ index: Int32) -> Bool {
        guard let bytes = bytes(index), bytes.count == 2 else { return false }
        return records[Int(index)].style == .plain && bytes[0] == UInt8(ascii: "<") && bytes[1] == UInt8(ascii: "<")
    }

    /// The pairs of a finished mapping, as key, value, key, value...
    func pairs(of index: Int32) -> UnsafeBufferPointer<Int32> {
        let record = records[Int(index)]
        guard record.kind == .mapping else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: children.base.map { $0 + Int(record.start) }, count: 2 * Int(record.count))
    }

    /// Whether the pairs pending in `range` have a merge key, or two scalar keys of the same text.
    /// A small mapping compares its keys pair by pair, which costs less than hashing them; a large
    /// one puts digests of their text in a set, and a digest seen twice is checked in full.
    func hasMergeKeyOrRepeat(_ range: Range<Int>) -> Bool {
        let keys = stride(from: range.lowerBound, to: range.upperBound, by: 2)
        if keys.contains(where: { isMergeKey(pending[$0]) }) { return true }
        if range.count <= 32 {
            for first in keys {
                guard let key = bytes(pending[first]) else { continue }
                for second in stride(from: first + 2, to: range.upperBound, by: 2) {
                    if let other = bytes(pending[second]), Node.same(key, other) { return true }
                }
            }
            return false
        }
        var seen = Set<UInt64>(minimumCapacity: range.count / 2)
        for first in keys {
            guard let key = bytes(pending[first]) else { continue }
            var digest = YAMLTree.Digest()
            digest.mix(key)
            if !seen.insert(digest.hash).inserted {
                var texts = Set<String>(minimumCapacity: range.count / 2)
                return keys.contains { index in string(pending[index]).map { !texts.insert($0).inserted } ?? false }
            }
        }
        return false
    }

    /// Applies YAML merge keys (`<<: *base`) and reports duplicate keys;
    /// where a key repeats, the first value is the one kept.
    mutating func mergingKeys(_ range: Range<Int>) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(range.count)
        var seen = Set<String>()
        var merged: [Int32] = []
        for offset in stride(from: range.lowerBound, to: range.upperBound, by: 2) {
            let key = pending[offset]
            let value = pending[offset + 1]
            if isMergeKey(key) {
                let record = records[Int(value)]
                let sources =
                    record.kind == .sequence
                    ? Array(UnsafeBufferPointer(start: children.base! + Int(record.start), count: Int(record.count)))
                    : [value]
                for source in sources {
                    merged.append(contentsOf: pairs(of: source))
                }
                continue
            }
            if let text = string(key) {
                if !seen.insert(text).inserted {
                    warnings.append(
                        Diagnostic(.warning, "duplicate key '\(text)'; the first value is used", at: location(of: key)))
                    continue
                }
            }
            result.append(key)
            result.append(value)
        }
        for offset in stride(from: 0, to: merged.count, by: 2) {
            if let text = string(merged[offset]), seen.insert(text).inserted {
                result.append(merged[offset])
                result.append(merged[offset + 1])
            }
        }
        return result
    }
}
