import Foundation
@testable import SpecDiff
import Testing

/// The `json` report's writer lays text out as Foundation's JSONEncoder did
/// with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`, which the
/// report used before; the report's layout is documented as stable.
struct JSONTextTests {
    private struct Sample: Encodable {
        var text: String
        var list: [String]
        var empty: [String]
        var nothing: Int?
        var number: Int
        var map: [String: Int]

        func encode(to encoder: any Encoder) throws {
            enum Keys: String, CodingKey { case text, list, empty, nothing, number, map }
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(text, forKey: .text)
            try container.encode(list, forKey: .list)
            try container.encode(empty, forKey: .empty)
            try container.encode(nothing, forKey: .nothing)
            try container.encode(number, forKey: .number)
            try container.encode(map, forKey: .map)
        }
    }

    @Test(arguments: [
        "", "plain", "quote \" and backslash \\", "a/b </script>", "line\nfeed\rreturn\ttab", "\u{08}\u{0C}\u{00}\u{01}\u{1F}\u{7F}",
        "é ☃ 😀 \u{2028}\u{2029}", "~1paths~1{id}",
    ])
    func matchesJSONEncoder(_ text: String) throws {
        let sample = Sample(text: text, list: [text, "x"], empty: [], nothing: nil, number: -42, map: ["b": 2, "a": 1, text: 3])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(sample), as: UTF8.self)
        let ours = JSONText.object([
            "text": .string(text), "list": .array([.string(text), .string("x")]), "empty": .array([]), "nothing": .null,
            "number": .integer(-42), "map": .object(["b": .integer(2), "a": .integer(1), text: .integer(3)]),
        ])
        #expect(ours.pretty == expected)
    }

    @Test func emptyObjectAndNesting() {
        #expect(JSONText.object([:]).pretty == "{\n\n}")
        #expect(JSONText.array([.array([]), .object(["k": .null])]).pretty == "[\n  [\n\n  ],\n  {\n    \"k\" : null\n  }\n]")
    }
}
