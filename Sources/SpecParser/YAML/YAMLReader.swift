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
        guard bytes.count <= limits.maxInputBytes else {
            throw YAMLError(
                message: "the file is \(bytes.count) bytes, over the limit of \(limits.maxInputBytes) bytes",
                location: SourceLocation(file: file, line: 1, column: 1))
        }
        var builder = TreeBuilder(file: file, limits: limits)
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
            return Result(root: root, warnings: builder.warnings)
        }
    }
}

/// Turns libyaml events into nodes with an explicit stack.
private struct TreeBuilder {
    /// An open collection. A struct mutated in place on the stack, so that
    /// appending to it never copies what it already holds.
    struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        /// Nodes below this one so far (itself included), and its height.
        var nodes = 1
        var height = 0
    }

    struct Anchored {
        var node: YAMLNode
        var nodeCount: Int
        var height: Int
    }

    let file: String
    let limits: YAMLLimits
    var stack: [Frame] = []
    var anchors: [String: Anchored] = [:]
    var totalNodes = 0
    /// The part of `totalNodes` that aliases copied in.
    var aliasedNodes = 0
    var root: YAMLNode?
    var documents = 0
    var warnings: [Diagnostic] = []

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
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

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    mutating func consume(_ event: yaml_event_t) throws(YAMLError) {
        let at = location(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents == 2 {
                warnings.append(Diagnostic(.warning, "only the first YAML document of the file is read", at: at))
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
            let scalar = YAMLScalar(
                Self.string(data.value, length: data.length), style: style, tag: Self.string(data.tag))
            try add(YAMLNode(.scalar(scalar), at: at), nodeCount: 1, height: 0, anchor: Self.string(data.anchor))
        case YAML_ALIAS_EVENT where documents <= 1:
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
            // A limit the copy crosses is reported at the alias, not at the anchored node.
            try add(anchored.node, nodeCount: anchored.nodeCount, height: anchored.height, anchor: nil, reportedAt: at)
        case YAML_SEQUENCE_START_EVENT where documents <= 1:
            try open(Frame(isMapping: false, location: at, anchor: Self.string(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT where documents <= 1:
            try open(Frame(isMapping: true, location: at, anchor: Self.string(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT where documents <= 1, YAML_MAPPING_END_EVENT where documents <= 1:
            try close()
        default:
            break
        }
    }

    mutating func open(_ frame: Frame) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(
                message: "nesting is deeper than the limit of \(limits.maxDepth) levels", location: frame.location)
        }
        totalNodes += 1
        stack.append(frame)
    }

    mutating func close() throws(YAMLError) {
        guard let frame = stack.popLast() else { return }
        let node =
            frame.isMapping
            ? YAMLNode(.mapping(mergingKeys(frame.pairs)), at: frame.location)
            : YAMLNode(.sequence(frame.items), at: frame.location)
        try add(node, nodeCount: frame.nodes, height: frame.height + 1, anchor: frame.anchor, counted: true)
    }

    /// Adds a finished node to the open frame (or makes it the root).
    /// `counted` is true for a closed collection whose nodes were counted as they came;
    /// `reportedAt` is where a limit error points, when not at the node itself.
    mutating func add(
        _ node: YAMLNode, nodeCount: Int, height: Int, anchor: String?, counted: Bool = false,
        reportedAt: SourceLocation? = nil
    ) throws(YAMLError) {
        if !counted {
            totalNodes += nodeCount
            guard totalNodes <= limits.maxNodes else {
                throw YAMLError(
                    message:
                        "the document expands to more than \(limits.maxNodes) nodes (are aliases nested too deep?)",
                    location: reportedAt ?? node.location)
            }
        }
        guard stack.count + height <= limits.maxDepth else {
            throw YAMLError(
                message: "nesting is deeper than the limit of \(limits.maxDepth) levels",
                location: reportedAt ?? node.location)
        }
        if let anchor {
            anchors[anchor] = Anchored(node: node, nodeCount: nodeCount, height: height)
        }
        guard !stack.isEmpty else {
            if root == nil { root = node }
            return
        }
        let top = stack.count - 1
        stack[top].nodes += nodeCount
        stack[top].height = max(stack[top].height, height)
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
    }

    /// Applies YAML merge keys (`<<: *base`) and reports duplicate keys;
    /// where a key repeats, the first value is the one kept.
    mutating func mergingKeys(_ pairs: [YAMLPair]) -> [YAMLPair] {
        // Most mappings have neither: they are kept as they came.
        guard pairs.contains(where: Self.isMergeKey) || Self.repeatsAKey(pairs) else { return pairs }
        var result: [YAMLPair] = []
        result.reserveCapacity(pairs.count)
        var seen = Set<String>()
        var merged: [YAMLPair] = []
        for pair in pairs {
            if Self.isMergeKey(pair) {
                let sources = pair.value.sequence ?? [pair.value]
                for source in sources {
                    merged.append(contentsOf: source.mapping ?? [])
                }
                continue
            }
            if let key = pair.key.scalar?.text {
                if !seen.insert(key).inserted {
                    warnings.append(
                        Diagnostic(
                            .warning, "duplicate key '\(key)'; the first value is used", at: pair.key.location))
                    continue
                }
            }
            result.append(pair)
        }
        for pair in merged {
            if let key = pair.key.scalar?.text, seen.insert(key).inserted {
                result.append(pair)
            }
        }
        return result
    }

    private static func isMergeKey(_ pair: YAMLPair) -> Bool {
        guard case .scalar(let key) = pair.key.kind else { return false }
        return key.style == .plain && key.text == "<<"
    }

    /// Whether two scalar keys of the mapping have the same text. A small
    /// mapping compares its keys pair by pair, which costs less than hashing
    /// them; a large one puts them in a set.
    private static func repeatsAKey(_ pairs: [YAMLPair]) -> Bool {
        if pairs.count <= 16 {
            for first in pairs.indices {
                guard case .scalar(let key) = pairs[first].key.kind else { continue }
                for second in pairs.indices[(first + 1)...] {
                    if case .scalar(let other) = pairs[second].key.kind, other.text == key.text { return true }
                }
            }
            return false
        }
        var seen = Set<String>(minimumCapacity: pairs.count)
        for pair in pairs {
            if case .scalar(let key) = pair.key.kind, !seen.insert(key.text).inserted { return true }
        }
        return false
    }
}
