#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The nodes of one YAML read, in flat buffers: a record of fixed size per
/// node, the children of every collection as node numbers, and the text of
/// every scalar in one run of bytes. ``YAMLNode`` is a view of one of its
/// nodes. An alias is the number of the node it names, so aliased subtrees
/// are shared, not copied. Nothing in it changes once it is made.
final class YAMLTree: @unchecked Sendable {
    enum Kind: UInt8 {
        case scalar, sequence, mapping
    }

    /// One node. A scalar's `start` and `count` are its text's bytes in
    /// `text`; a collection's are its children in `children` (a mapping's
    /// pairs as key, value, key, value...), `count` being items or pairs.
    struct Record {
        var digest: UInt64
        var start: UInt32
        var count: UInt32
        /// 0-based, as libyaml counts them.
        var line: UInt32
        var column: UInt32
        var kind: Kind
        private var styleCode: UInt8
        var hasTag: Bool

        init(
            digest: UInt64, start: UInt32, count: UInt32, line: UInt32, column: UInt32, kind: Kind,
            style: YAMLScalar.Style, hasTag: Bool
        ) {
            self.digest = digest
            self.start = start
            self.count = count
            self.line = line
            self.column = column
            self.kind = kind
            self.styleCode = UInt8(style.hashCode)
            self.hasTag = hasTag
        }

        /// How a scalar was written (plain for a collection).
        var style: YAMLScalar.Style {
            switch styleCode {
            case 2: .singleQuoted
            case 3: .doubleQuoted
            case 4: .literal
            case 5: .folded
            default: .plain
            }
        }
    }

    /// The file named in every node's location.
    let file: String
    let records: UnsafeMutableBufferPointer<Record>
    let children: UnsafeMutableBufferPointer<Int32>
    let text: UnsafeMutableBufferPointer<UInt8>
    /// The tags of the scalars that have one, by node.
    let tags: [Int32: String]
    /// Locations that are not `file` with the record's line and column: the
    /// nodes of a tree made in code (``YAMLNode/init(_:at:)``).
    let locations: [Int32: SourceLocation]

    /// Takes the buffers over: the tree frees them.
    init(
        file: String, records: RawBuffer<Record>, children: RawBuffer<Int32>, text: RawBuffer<UInt8>,
        tags: [Int32: String], locations: [Int32: SourceLocation] = [:]
    ) {
        self.file = file
        self.records = records.taken
        self.children = children.taken
        self.text = text.taken
        self.tags = tags
        self.locations = locations
    }

    deinit {
        free(records.baseAddress)
        free(children.baseAddress)
        free(text.baseAddress)
    }

    /// FNV-1a over bytes, eight at a time, the children's digests mixed in as words.
    struct Digest {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
        }

        mutating func mix(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            if let base = bytes.baseAddress {
                while index + 8 <= bytes.count {
                    mix(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    index += 8
                }
            }
            var last: UInt64 = 0
            while index < bytes.count {
                last = last << 8 | UInt64(bytes[index])
                index += 1
            }
            mix(last ^ UInt64(bytes.count) << 56)
        }

        mutating func mix(_ text: String) {
            var text = text
            text.withUTF8 { mix($0) }
        }

        /// A scalar's digest: its text, style and tag.
        static func scalar(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalar.Style, tag: String?) -> UInt64 {
            var digest = Digest()
            digest.mix(1)
            digest.mix(text)
            digest.mix(UInt64(style.hashCode))
            if let tag { digest.mix(tag) }
            return digest.hash
        }
    }
}

/// A buffer of plain values that grows by `realloc` (which, for large
/// buffers, moves pages instead of copying them). Its owner frees it, or
/// hands it to a ``YAMLTree``.
struct RawBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

    init(capacity: Int = 0) {
        if capacity > 0 { grow(to: capacity) }
    }

    private mutating func grow(to newCapacity: Int) {
        let bytes = newCapacity * MemoryLayout<Element>.stride
        // A buffer of megabytes starts in huge pages; one that outgrows its
        // first size (the builder reserves enough for a spec) is reallocated.
        guard let pointer = base == nil ? HugePages.allocate(bytes: bytes) : realloc(base, bytes) else {
            fatalError("out of memory")
        }
        base = pointer.assumingMemoryBound(to: Element.self)
        capacity = newCapacity
    }

    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: max(count + extra, capacity * 2, 16)) }
    }

    mutating func append(_ element: Element) {
        if count == capacity { grow(to: max(capacity * 2, 16)) }
        base.unsafelyUnwrapped[count] = element
        count += 1
    }

    mutating func append(_ elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        reserve(elements.count)
        (base.unsafelyUnwrapped + count).update(from: source, count: elements.count)
        count += elements.count
    }

    subscript(index: Int) -> Element {
        get { base.unsafelyUnwrapped[index] }
        nonmutating set { base.unsafelyUnwrapped[index] = newValue }
    }

    /// The elements, for a tree to own.
    var taken: UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(start: base, count: count)
    }

    /// Frees the buffer (when no tree took it).
    mutating func deallocate() {
        free(base)
        base = nil
        count = 0
        capacity = 0
    }
}
