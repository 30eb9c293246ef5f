import Foundation
@testable import ClientRuntime
import Testing

/// `JSONValue` decoded, encoded and written as literals; and the other JSON
/// helpers of the runtime (`AnyCodingKey`, `decodeURLIfPresent`, `Indirect`,
/// `JSONCoding`).
struct JSONValueTests {
    static func decode(_ text: String) throws -> JSONValue {
        try JSONCoding.decoder.decode(JSONValue.self, from: Data(text.utf8))
    }

    static func encode(_ value: JSONValue) throws -> String {
        try JSONCoding.encoder.encode(value).text
    }

    @Test(arguments: [
        ("null", JSONValue.null), ("true", .bool(true)), ("false", .bool(false)),
        ("0", .integer(0)), ("-42", .integer(-42)), ("9223372036854775807", .integer(Int.max)),
        ("1.5", .number(1.5)), ("-1.5e-3", .number(-0.0015)), ("9223372036854775808", .number(9_223_372_036_854_775_808)),
        (#""text""#, .string("text")), (#""""#, .string("")), (#""a\/b \"q\" \u00e9""#, .string("a/b \"q\" é")),
        ("[]", .array([])), ("{}", .object([:])),
        (#"[1, true, 0, false, null, "1"]"#, .array([.integer(1), .bool(true), .integer(0), .bool(false), .null, .string("1")])),
        (#"{"a": {"b": [1, {"c": null}]}, "d": 2.25}"#,
         .object(["a": .object(["b": .array([.integer(1), .object(["c": .null])])]), "d": .number(2.25)])),
    ])
    func everyKindDecodes(text: String, value: JSONValue) throws {
        #expect(try Self.decode(text) == value)
    }

    /// A number is an integer when it has an integral value that fits an
    /// `Int`, however it is written.
    @Test(arguments: [("1.0", 1), ("1E2", 100), ("1e2", 100), ("-0", 0), ("0.0", 0)])
    func integralNumbersDecodeAsIntegers(text: String, integer: Int) throws {
        #expect(try Self.decode(text) == .integer(integer))
    }

    @Test(arguments: ["1e400", "", "nul", "[1,", #"{"a" 1}"#, "'single'"])
    func invalidJSONThrows(text: String) {
        #expect(throws: (any Error).self) { try Self.decode(text) }
    }

    @Test(arguments: [
        (JSONValue.null, "null"), (.bool(true), "true"), (.integer(-3), "-3"), (.number(1.5), "1.5"), (.number(0.1), "0.1"),
        (.string("a/b \"q\" é\n"), #""a/b \"q\" é\n""#), (.array([.integer(1), .null, .string("x")]), #"[1,null,"x"]"#),
        (.object(["b": .integer(1), "a": .object(["d": .bool(false), "c": .array([])])]), #"{"a":{"c":[],"d":false},"b":1}"#),
    ])
    func everyKindEncodesAsCompactSortedJSON(value: JSONValue, text: String) throws {
        #expect(try Self.encode(value) == text)
    }

    /// What the decoder makes, the encoder writes back to the same value.
    @Test func decodedValuesRoundTrip() throws {
        let text = #"""
            {"id": "abc", "count": 3, "ratio": 0.75, "big": 12345678901234567890123, "ok": true, "none": null,
             "tags": ["x", "y"], "nested": {"list": [{"a": 1}, [2, [3]], -0.5], "empty": {}}, "unicode": "猫 \u2603"}
            """#
        let value = try Self.decode(text)
        let encoded = try Self.encode(value)
        #expect(try Self.decode(encoded) == value)
        #expect(try Self.encode(Self.decode(encoded)) == encoded)
        #expect(encoded == #"{"big":1.2345678901234568e+22,"count":3,"id":"abc","nested":{"empty":{},"list":[{"a":1},[2,[3]],-0.5]},"none":null,"ok":true,"ratio":0.75,"tags":["x","y"],"unicode":"猫 ☃"}"#)
    }

    @Test func literalsMakeTheCasesTheyLookLike() {
        let value: JSONValue = ["name": "x", "count": 2, "ratio": 0.5, "on": true, "none": nil, "list": [1, "a"]]
        #expect(value == .object(["name": .string("x"), "count": .integer(2), "ratio": .number(0.5), "on": .bool(true),
                                  "none": .null, "list": .array([.integer(1), .string("a")])]))
        let repeated: JSONValue = ["k": 1, "k": 2]
        #expect(repeated == .object(["k": .integer(2)]))
        #expect(Set<JSONValue>([1, 1, "1", 1.5, nil, nil]).count == 4)
    }

    /// A float literal with an integral value (`2.0`) is a `.number`, but
    /// the decoder reads the same JSON as an `.integer`: a value written as
    /// a literal is not equal to the one decoded from its own encoding, and
    /// `{"scale": 2.0}` from a server does not equal `["scale": 2.0]`.
    @Test func anIntegralFloatLiteralEqualsItsDecodedSelf() throws {
        let literal: JSONValue = ["scale": 2.0]
        let decoded = try Self.decode(#"{"scale": 2.0}"#)
        let roundTripped = try Self.decode(Self.encode(literal))
        #expect(decoded == literal)
        #expect(roundTripped == literal)
    }

    // MARK: - The other helpers

    @Test func additionalPropertiesAreTheKeysNotKnownAndAreWrittenInKeyOrder() throws {
        struct Open: Codable, Equatable {
            var name: String
            var extra: [String: JSONValue]
            init(name: String, extra: [String: JSONValue]) {
                self.name = name
                self.extra = extra
            }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: AnyCodingKey.self)
                name = try container.decode(String.self, forKey: "name")
                extra = try AnyCodingKey.decodeAdditional(JSONValue.self, from: decoder, excluding: ["name"])
            }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: AnyCodingKey.self)
                try container.encode(name, forKey: "name")
                try AnyCodingKey.encodeAdditional(extra, to: encoder)
            }
        }
        let open = try JSONCoding.decoder.decode(Open.self, from: Data(#"{"z": 1, "name": "n", "a": [true]}"#.utf8))
        #expect(open == Open(name: "n", extra: ["z": 1, "a": [true]]))
        #expect(try JSONCoding.encoder.encode(open).text == #"{"a":[true],"name":"n","z":1}"#)
        #expect(AnyCodingKey(intValue: 3) == nil)
        #expect(AnyCodingKey(stringValue: "k")?.stringValue == "k" && AnyCodingKey("k").intValue == nil)
    }

    struct Link: Decodable {
        var url: URL?
        init(from decoder: any Decoder) throws {
            url = try decoder.container(keyedBy: AnyCodingKey.self).decodeURLIfPresent(forKey: "url")
        }
    }

    @Test func aMissingNullOrEmptyLinkIsNoLink() throws {
        for body in ["{}", #"{"url": null}"#, #"{"url": ""}"#] {
            #expect(try JSONCoding.decoder.decode(Link.self, from: Data(body.utf8)).url == nil, "\(body)")
        }
        #expect(try JSONCoding.decoder.decode(Link.self, from: Data(#"{"url": "https://cdn.example.com/a.png"}"#.utf8)).url
            == URL(string: "https://cdn.example.com/a.png"))
    }

    @Test func aLinkThatIsNotAURLIsADecodingErrorThatQuotesIt() {
        do {
            _ = try JSONCoding.decoder.decode(Link.self, from: Data(#"{"url": "http://[bad"}"#.utf8))
            Issue.record("a bad link decoded")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription == "'http://[bad' is not a URL")
            #expect(context.codingPath.map(\.stringValue) == ["url"])
        } catch {
            Issue.record("unexpected \(error)")
        }
        do {
            _ = try JSONCoding.decoder.decode(Link.self, from: Data(#"{"url": 7}"#.utf8))
            Issue.record("a number decoded as a link")
        } catch DecodingError.typeMismatch {
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func anIndirectBoxComparesAndHashesByItsValue() {
        #expect(Indirect(1) == Indirect(1))
        #expect(Indirect(1) != Indirect(2))
        #expect(Set([Indirect("a"), Indirect("a"), Indirect("b")]).count == 2)
    }

    @Test func aValueThatCannotBeEncodedIsAnInvalidRequestThatNamesTheField() throws {
        #expect(try JSONCoding.data(["a/b": 1], field: "body").text == #"{"a/b":1}"#)
        let result = outcome { () throws(APIClientError) in try JSONCoding.data([Double.nan], field: "weights") }
        #expect(result.failure?.invalidRequestReason?.hasPrefix("weights could not be encoded as JSON: ") == true)
    }
}
