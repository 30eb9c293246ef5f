import Foundation
import SpecParser
import Testing

/// spec/ideogram-openapi.yml is our own wording of the API, but it must state
/// the same facts as the spec Ideogram publishes: with the prose (descriptions
/// and summaries) taken out, the two trees are the same, key for key and
/// value for value, in the same order.
struct SpecParityTests {
    static let ownSpec: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/spec/ideogram-openapi.yml"
    }()

    static let upstreamSpec = URL(fileURLWithPath: ownSpec).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/upstream/ideogram-openapi.yml").path

    static var hasUpstream: Bool { FileManager.default.fileExists(atPath: upstreamSpec) }

    /// The tree as lines of `pointer = value`, prose keys left out.
    static func facts(_ node: YAMLNode, pointer: String = "") -> [String] {
        switch node.kind {
        case .scalar(let scalar):
            return ["\(pointer) = \(scalar.text)"]
        case .sequence(let items):
            return ["\(pointer) = [\(items.count)]"] + items.enumerated().flatMap { facts($0.element, pointer: "\(pointer)/\($0.offset)") }
        case .mapping(let pairs):
            let kept = pairs.filter { !["description", "summary"].contains($0.key.scalar?.text ?? "") }
            let keys = kept.map { $0.key.scalar?.text ?? "?" }
            return ["\(pointer) = {\(keys.joined(separator: ","))}"]
                + kept.flatMap { facts($0.value, pointer: pointer + "/" + JSONPointer.escape($0.key.scalar?.text ?? "?")) }
        }
    }

    static func read(_ path: String) throws -> YAMLNode {
        try YAMLReader.read(String(contentsOfFile: path, encoding: .utf8), file: path).root
    }

    @Test(.enabled(if: hasUpstream, "../shared/upstream is not present"))
    func ownSpecStatesTheSameFactsAsUpstream() throws {
        let own = Self.facts(try Self.read(Self.ownSpec))
        let upstream = Self.facts(try Self.read(Self.upstreamSpec))
        let firstDifference = zip(own, upstream).first { $0 != $1 }
        #expect(firstDifference == nil, "first difference: ours \(firstDifference?.0 ?? "") / upstream \(firstDifference?.1 ?? "")")
        #expect(own.count == upstream.count)
    }

    @Test(.enabled(if: hasUpstream, "../shared/upstream is not present"))
    func ownProseIsOurOwnWords() throws {
        func prose(_ node: YAMLNode, into result: inout [String: String], pointer: String = "") {
            switch node.kind {
            case .scalar: break
            case .sequence(let items):
                for (index, item) in items.enumerated() { prose(item, into: &result, pointer: "\(pointer)/\(index)") }
            case .mapping(let pairs):
                for pair in pairs {
                    let key = pair.key.scalar?.text ?? "?"
                    if ["description", "summary"].contains(key), let text = pair.value.scalar?.text {
                        result[pointer + "/" + key] = text
                    } else {
                        prose(pair.value, into: &result, pointer: pointer + "/" + JSONPointer.escape(key))
                    }
                }
            }
        }
        var own: [String: String] = [:]
        var upstream: [String: String] = [:]
        prose(try Self.read(Self.ownSpec), into: &own)
        prose(try Self.read(Self.upstreamSpec), into: &upstream)
        #expect(Set(own.keys) == Set(upstream.keys))
        let copied = own.filter { upstream[$0.key] == $0.value }.map(\.key).sorted()
        #expect(copied.isEmpty, "copied verbatim: \(copied.prefix(5))")
    }
}
