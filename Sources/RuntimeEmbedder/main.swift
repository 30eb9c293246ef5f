import Foundation

// RuntimeEmbedder [ROOT OUTPUT]
//
// Run by scripts/embed-runtime: reads the runtime's Swift files (ROOT,
// Sources/ClientRuntime by default) and writes OUTPUT
// (Sources/CodeGen/Runtime/EmbeddedRuntime.swift), a Swift file that holds
// each one as values the generator assembles without reading text: its
// imports, and its body cut into segments (kept in every module, or only in
// modules that carry an optional part) and pieces (text, or the place of the
// client's name or its error type's name). It also records a digest of every
// file it read, so that a test can tell when the copy is stale.
//
// The layout it reads: ROOT/Core/*.swift go into every module; ROOT/<Part>/
// (Jobs, StyledValues) only into modules that need the part, which the
// translator decides (`RuntimePart`); lines of other files wrapped in
// `#if RUNTIME_<PART>` … `#endif` likewise. ROOT/StandIns/ holds what the
// generator writes itself (the client type), so it is never embedded.
// `APIClient` and `APIClientError` are the stand-in names of the client
// and its error type. A file that breaks these rules is a located error.

struct Failure: Error, CustomStringConvertible {
    var description: String
}

/// One import item: `import X`, `public import X`, or an import inside
/// `#if canImport(Y)`.
struct Import {
    var module: String
    var isPublic: Bool
    var condition: String?
}

/// A run of a file's body, kept in every module (`part == nil`) or only in
/// those that carry `part`.
struct Segment {
    var part: String?
    var text: String
}

let placeholders = ["APIClient": "clientName", "APIClientError": "errorName"]

func parse(file path: String, root: String) throws -> (
    part: String?, name: String, imports: [Import], segments: [Segment]
)? {
    let relative = String(path.dropFirst(root.count)).drop { $0 == "/" }
    let components = relative.split(separator: "/")
    guard components.count == 2 else {
        throw Failure(
            description: "\(path):1:1: error: runtime files live one folder deep (Core/, StandIns/ or a part's folder)")
    }
    let folder = String(components[0])
    if folder == "StandIns" { return nil }
    let name = String(components[1].dropLast(".swift".count))
    let part: String? = folder == "Core" ? nil : lowerFirst(folder)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }

    // The imports come first, each line an import or an `#if canImport` block of them.
    var imports: [Import] = []
    var index = 0
    var condition: String?
    while index < lines.count {
        let line = lines[index]
        if line.hasPrefix("#if canImport("), line.hasSuffix(")"), condition == nil {
            condition = String(line.dropFirst("#if canImport(".count).dropLast())
        } else if line == "#endif", condition != nil {
            condition = nil
        } else if line.hasPrefix("import ") || line.hasPrefix("public import ") {
            let isPublic = line.hasPrefix("public ")
            let module = String(line.dropFirst(isPublic ? "public import ".count : "import ".count))
            imports.append(Import(module: module, isPublic: isPublic, condition: condition))
        } else if line.isEmpty, condition == nil {
            // Blank lines between and after the imports.
        } else {
            break
        }
        index += 1
    }
    if condition != nil {
        throw Failure(
            description: "\(path):\(index + 1):1: error: an '#if canImport' block of imports holds something else")
    }

    // The body, cut at `#if RUNTIME_<PART>` blocks.
    var segments: [Segment] = []
    var current = Segment(part: nil, text: "")
    for lineIndex in index..<lines.count {
        let line = lines[lineIndex]
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("#if RUNTIME_") {
            guard current.part == nil else {
                throw Failure(description: "\(path):\(lineIndex + 1):1: error: '#if RUNTIME_' blocks do not nest")
            }
            let flag = String(trimmed.dropFirst("#if RUNTIME_".count))
            guard !flag.isEmpty, flag.allSatisfy({ $0.isUppercase || $0 == "_" }) else {
                throw Failure(
                    description:
                        "\(path):\(lineIndex + 1):1: error: a runtime part's condition is '#if RUNTIME_<PART>' alone")
            }
            segments.append(current)
            current = Segment(part: camelFromFlag(flag), text: "")
        } else if trimmed == "#endif", current.part != nil {
            segments.append(current)
            current = Segment(part: nil, text: "")
        } else if trimmed.hasPrefix("#else") || trimmed.hasPrefix("#elseif"), current.part != nil {
            throw Failure(description: "\(path):\(lineIndex + 1):1: error: '#if RUNTIME_' blocks have no '#else'")
        } else {
            current.text += line + "\n"
        }
    }
    if current.part != nil {
        throw Failure(description: "\(path):\(lines.count):1: error: '#if RUNTIME_' block without '#endif'")
    }
    segments.append(current)
    return (part, name, imports, segments.filter { !$0.text.isEmpty })
}

/// `StyledValues` → `styledValues`.
func lowerFirst(_ text: String) -> String {
    text.prefix(1).lowercased() + text.dropFirst()
}

/// `STYLED_VALUES` → `styledValues`.
func camelFromFlag(_ flag: String) -> String {
    let words = flag.lowercased().split(separator: "_")
    return (words.first.map(String.init) ?? "")
        + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
}

/// `text` cut where a placeholder identifier or an access modifier
/// stands, as the pieces the generator joins: `.text("…")`,
/// `.clientName`, `.errorName`, `.accessModifier`.
func pieces(_ text: String) -> [String] {
    var result: [String] = []
    for chunk in accessChunks(text) {
        if chunk.isModifier {
            result.append(".accessModifier")
        } else {
            result += identifierPieces(chunk.text)
        }
    }
    return result
}

/// A declaration's `public ` (the modifier and its space): `public` at the
/// start of a line, after nothing but attributes and other modifiers. A
/// module generated with another access level writes its own there.
let accessModifier = try! NSRegularExpression(
    pattern: #"(?m)^([ \t]*(?:@[A-Za-z]+(?:\([^)\n]*\))?[ \t]+|"#
        + #"(?:nonisolated(?:\([a-z]+\))?|static|final|indirect|override|mutating|convenience|required)"#
        + #"[ \t]+)*)public "#
)

/// `text` cut around each access modifier.
func accessChunks(_ text: String) -> [(text: String, isModifier: Bool)] {
    let whole = text as NSString
    var chunks: [(text: String, isModifier: Bool)] = []
    var start = 0
    for match in accessModifier.matches(in: text, range: NSRange(location: 0, length: whole.length)) {
        let prefix = match.range(at: 1)
        let modifierStart = prefix.location + prefix.length
        chunks.append((whole.substring(with: NSRange(location: start, length: modifierStart - start)), false))
        chunks.append(("public ", true))
        start = match.range.location + match.range.length
    }
    chunks.append((whole.substring(from: start), false))
    return chunks.filter { $0.isModifier || !$0.text.isEmpty }
}

/// `text` cut where a placeholder identifier stands.
func identifierPieces(_ text: String) -> [String] {
    var result: [String] = []
    var pending = ""
    var identifier = ""
    func flushIdentifier() {
        if let placeholder = placeholders[identifier] {
            if !pending.isEmpty { result.append(".text(\(literal(pending)))") }
            pending = ""
            result.append("." + placeholder)
        } else {
            pending += identifier
        }
        identifier = ""
    }
    for scalar in text.unicodeScalars {
        if scalar == "_" || (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar))) {
            identifier.unicodeScalars.append(scalar)
        } else {
            flushIdentifier()
            pending.unicodeScalars.append(scalar)
        }
    }
    flushIdentifier()
    if !pending.isEmpty { result.append(".text(\(literal(pending)))") }
    return result
}

/// A raw string literal holding `text` exactly, with enough `#`s that
/// nothing in it ends the literal or starts an escape.
func literal(_ text: String) -> String {
    var longest = 0
    var run = 0
    for character in text {
        run = character == "#" ? run + 1 : 0
        longest = max(longest, run)
    }
    let hashes = String(repeating: "#", count: longest + 1)
    return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
}

func swiftString(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// FNV-1a, 64 bits: a digest of a file's bytes that the drift test
/// computes the same way (`RuntimeSources.sourceDigests`).
func digest(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
}

do {
    let arguments = CommandLine.arguments
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    let root = arguments.count > 1 ? arguments[1] : packageRoot + "/Sources/ClientRuntime"
    let output = arguments.count > 2 ? arguments[2] : packageRoot + "/Sources/CodeGen/Runtime/EmbeddedRuntime.swift"
    guard let enumerator = FileManager.default.enumerator(atPath: root) else {
        throw Failure(description: "\(root): error: cannot read the runtime's folder")
    }
    var relativePaths: [String] = []
    while let relative = enumerator.nextObject() as? String {
        if relative.hasSuffix(".swift") { relativePaths.append(relative) }
    }
    relativePaths.sort()
    var entries: [String] = []
    var digests: [String] = []
    for relative in relativePaths {
        let path = root + "/" + relative
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        digests.append("        \(swiftString(relative)): 0x\(String(digest(bytes), radix: 16)),")
        guard let file = try parse(file: path, root: root) else { continue }
        let imports = file.imports.map { item in
            "ImportDeclaration(module: \(swiftString(item.module)), isPublic: \(item.isPublic), "
                + "condition: \(item.condition.map(swiftString) ?? "nil"))"
        }
        let segments = file.segments.map { segment in
            "RuntimeSegment(part: \(segment.part.map { "." + $0 } ?? "nil"), pieces: [\n"
                + pieces(segment.text).map { $0 + ",\n" }.joined() + "])"
        }
        entries.append(
            """
            RuntimeFile(
                name: \(swiftString(file.name)), part: \(file.part.map { "." + $0 } ?? "nil"),
                imports: [\(imports.joined(separator: ", "))],
                segments: [
            \(segments.joined(separator: ",\n"))
            ])
            """)
    }
    guard !entries.isEmpty else { throw Failure(description: "\(root): error: no runtime files to embed") }
    let source = """
        // swift-format-ignore-file
        // Generated by scripts/embed-runtime (RuntimeEmbedder) from Sources/ClientRuntime. Do not edit:
        // change the runtime's files, then run scripts/embed-runtime.

        extension RuntimeSources {
            static let embedded: [RuntimeFile] = [
        \(entries.joined(separator: ",\n"))
            ]

            /// A digest (FNV-1a, 64 bits) of each file of Sources/ClientRuntime, by
            /// its path there, as it was when it was embedded.
            static let sourceDigests: [String: UInt64] = [
        \(digests.joined(separator: "\n"))
            ]
        }

        """
    let existing = try? String(contentsOfFile: output, encoding: .utf8)
    if existing != source {
        try source.write(toFile: output, atomically: true, encoding: .utf8)
        print("embedded \(entries.count) runtime files into \(output)")
    } else {
        print("\(output) is up to date")
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
