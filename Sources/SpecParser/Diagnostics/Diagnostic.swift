/// One finding about a spec, located so that editors and Xcode can jump to it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// A warning about a part of the spec that is left out (an operation that
    /// cannot be called as written, a mapping that leads nowhere) while the
    /// rest is read: a review of the spec shows it beside the changes.
    public var leavesOut = false

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// The compiler format: `path:line:column: error: message`.
    public var description: String {
        // One line per diagnostic: each line feed and carriage return (which
        // would send a terminal back to the line's start) becomes a space.
        // Most messages have neither, and are used as they are.
        let breaks = message.utf8.contains { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        let text =
            breaks
            ? String(String.UnicodeScalarView(message.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
            : message
        if let location {
            return "\(location): \(severity.rawValue): \(text)"
        }
        return "\(severity.rawValue): \(text)"
    }
}

/// Collects every diagnostic of a run, not only the first.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    /// The diagnostics of `other` of `severity` or worse.
    public init(filtering other: Diagnostics, atLeast severity: Diagnostic.Severity) {
        all = other.all.filter { $0.severity >= severity }
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }

    public mutating func error(_ message: String, at location: SourceLocation?) {
        all.append(Diagnostic(.error, message, at: location))
    }

    public mutating func warning(_ message: String, at location: SourceLocation?) {
        all.append(Diagnostic(.warning, message, at: location))
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    public mutating func append(contentsOf other: Diagnostics) {
        all.append(contentsOf: other.all)
    }

    /// Turns the errors found since `count` diagnostics into warnings that
    /// end with `consequence`: for a mistake whose part of the spec can be
    /// left out while the rest is generated.
    mutating func demoteErrors(since count: Int, _ consequence: String) {
        for index in count..<all.count where all[index].severity == .error {
            all[index].severity = .warning
            all[index].message += "; " + consequence
            all[index].leavesOut = true
        }
    }

    /// A warning that something is left out (``Diagnostic/leavesOut``).
    mutating func omission(_ message: String, at location: SourceLocation?) {
        var diagnostic = Diagnostic(.warning, message, at: location)
        diagnostic.leavesOut = true
        all.append(diagnostic)
    }

    /// Diagnostics in file order, each once; the order a reader expects.
    /// Diagnostics without a location come first; ties keep their order of discovery.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        let unique = all.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (let l?, let r?): return l == r ? a.offset < b.offset : l < r
            case (nil, _?): return true
            case (_?, nil): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element)
    }
}
