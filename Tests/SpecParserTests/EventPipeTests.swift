@testable import SpecParser
import Testing

/// Large inputs are parsed on a second thread (`EventPipe`). Reading with and
/// without it must give the same tree, the same warnings and the same error,
/// wherever in the stream of events the error comes: before, on and after
/// the boundaries of the chunks the events travel in.
@Suite struct EventPipeTests {
    /// What a read gives: the tree and its warnings, or the error.
    enum Outcome: Equatable, CustomStringConvertible {
        case tree(YAMLNode, warnings: [String])
        case error(String)

        var description: String {
            switch self {
            case .tree(let root, let warnings):
                "a tree of \(root.mapping?.count ?? 0) entries, \(warnings.count) warnings, the first \(warnings.first ?? "none")"
            case .error(let message): "error: \(message)"
            }
        }
    }

    static func read(_ text: String, limits: YAMLLimits, secondThread: Bool) -> Outcome {
        var bytes = Array(text.utf8)
        do {
            let result = try YAMLReader.read(bytes: &bytes, file: "big.yml", limits: limits, parseOnSecondThread: secondThread)
            return .tree(result.root, warnings: result.warnings.map(\.description))
        } catch {
            return .error(error.description)
        }
    }

    /// Reads `text` both ways, requires the same outcome, and returns it.
    @discardableResult
    static func readBothWays(_ text: String, limits: YAMLLimits = .default) -> Outcome {
        let alone = read(text, limits: limits, secondThread: false)
        let piped = read(text, limits: limits, secondThread: true)
        #expect(piped == alone)
        return piped
    }

    /// A mapping of `entries` small items, with anchors, aliases, merge keys,
    /// block scalars, flow collections and a repeated key along the way:
    /// about seven events per entry.
    static func document(entries: Int) -> String {
        var text = "base: &base {kind: thing, size: 1}\n"
        for index in 0..<entries {
            switch index % 5 {
            case 0: text += "item\(index):\n  <<: *base\n  name: 'item \(index)'\n"
            case 1: text += "item\(index): [\(index), two, \"three\"]\n"
            case 2: text += "item\(index): |\n  line one\n  line \(index)\n"
            case 3: text += "item\(index): &a\(index)\n  nested: {deep: [x, y]}\nalias\(index): *a\(index)\n"
            default: text += "item\(index): ~\nitem\(index): repeated\n"
            }
        }
        return text
    }

    static let chunkEvents = EventPipe.chunkCapacity
    static let ringEvents = EventPipe.chunkCapacity * EventPipe.chunkCount

    @Test func largeDocumentsGiveTheSameTreeAndWarnings() {
        for entries in [0, 1, 36, 37, 147, 148, 2_000] {
            let outcome = Self.readBothWays(Self.document(entries: entries))
            guard case .tree(let root, let warnings) = outcome else {
                Issue.record("entries \(entries): \(outcome)")
                continue
            }
            #expect(root.mapping?.count == 1 + entries + entries / 5 + (entries % 5 > 3 ? 1 : 0))
            #expect(warnings.count == (entries + 1) / 5)
        }
    }

    @Test func theProjectSpecGivesTheSameTree() throws {
        let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        var bytes = try FileSystemSource().read("/" + path + "/spec/ideogram-openapi.yml")
        #expect(bytes.count >= YAMLReader.secondThreadThreshold, "the Ideogram spec takes the second-thread path")
        let text = String(decoding: bytes, as: UTF8.self)
        guard case .tree(let root, _) = Self.readBothWays(text) else {
            Issue.record("the spec does not read")
            return
        }
        // And the public entry point, which chooses the second thread for it, agrees.
        #expect(try YAMLReader.read(bytes: &bytes, file: "big.yml").root == root)
    }

    /// A syntax error after `events` events or so, on every side of the chunk
    /// boundaries, and where the parser has filled every chunk and waits.
    @Test func syntaxErrorsAreTheSameWhereverTheyCome() {
        let boundaries = [Self.chunkEvents, Self.ringEvents, Self.ringEvents * 3]
        var entryCounts = [0, 1, 2]
        for events in boundaries {
            // Each `kN: v` pair is two events; the stream, document and mapping starts are three.
            let entries = (events - 3) / 2
            entryCounts += [entries - 1, entries, entries + 1]
        }
        for entries in entryCounts {
            let text = (0..<entries).map { "k\($0): v\n" }.joined() + "broken: [unclosed\n"
            let outcome = Self.readBothWays(text)
            guard case .error(let message) = outcome else {
                Issue.record("entries \(entries): \(outcome)")
                continue
            }
            #expect(message.hasPrefix("big.yml:\(entries + 2):1: error: "), "\(message)")
        }
    }

    /// The tree builder stops at a limit while the parser thread still has
    /// most of the document ahead of it: the read ends (no hang) with the
    /// same error.
    @Test func aLimitHitEarlyStopsTheParserThread() {
        let text = Self.document(entries: 3_000)
        let nodes = Self.readBothWays(text, limits: YAMLLimits(maxNodes: 50))
        #expect(nodes.description.contains("more than 50 nodes"), "\(nodes)")
        let depth = Self.readBothWays("a: [[[[[[[[[[x]]]]]]]]]]\n" + text, limits: YAMLLimits(maxDepth: 4))
        #expect(depth.description.contains("deeper than the limit of 4 levels"), "\(depth)")
        let alias = Self.readBothWays("a: *nowhere\n" + text)
        #expect(alias.description.contains("names no anchor"), "\(alias)")
    }

    @Test func emptyAndCommentOnlyInputsAgree() {
        #expect(Self.readBothWays("").description.contains("holds no YAML document"))
        #expect(Self.readBothWays("# only a comment\n").description.contains("holds no YAML document"))
        #expect(Self.readBothWays("--- a\n--- b\n") == Self.read("--- a\n--- b\n", limits: .default, secondThread: false))
    }
}

/// The helper threads start on another processor, and once running may move
/// to any processor the process may use (`worker_thread_create`).
@Suite struct WorkerThreadTests {
    @Test func aHelperRunsAndMayMoveAnywhereOnceStarted() {
        final class Seen: @unchecked Sendable { var processors = 0 }
        let seen = Seen()
        let thread = WorkerThread(index: 0) { seen.processors = WorkerThread.processorCount }
        #expect(thread != nil)
        thread?.join()
        // Read on the helper: its own affinity, no longer the one processor it started on.
        #expect(seen.processors == WorkerThread.processorCount)
        #expect(seen.processors >= 1)
    }

    /// Helpers started together each run their work, whatever their index.
    @Test func helpersWithAnyIndexRun() {
        final class Ran: @unchecked Sendable { var ran = false }
        let flags = (0..<9).map { _ in Ran() }
        let threads = flags.enumerated().map { index, flag in WorkerThread(index: index) { flag.ran = true } }
        for thread in threads { thread?.join() }
        #expect(flags.map(\.ran) == [Bool](repeating: true, count: 9))
    }
}
