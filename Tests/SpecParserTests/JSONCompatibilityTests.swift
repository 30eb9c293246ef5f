import SpecParser
import Testing

/// Valid JSON that YAML 1.1 reads otherwise: surrogate pairs, raw C1
/// controls and line separators in strings. The values are exactly JSON's,
/// and every location is the file's own, after a rewritten spot too.
@Suite struct JSONCompatibilityTests {
    @Test func aSurrogatePairIsTheCharacterItEncodes() throws {
        let result = try readYAML(#"{"title": "road \ud83d\udea7 works", "low": "\uD83D\uDE00", "b": 1}"#, file: "s.json")
        #expect(result.root["title"]?.text == "road 🚧 works")
        #expect(result.root["low"]?.text == "😀")
        // Columns after the rewritten escapes are the file's.
        #expect(result.root["b"]?.location == location("s.json", 1, 66))
    }

    @Test func anEscapedBackslashBeforeULeavesTheTextAlone() throws {
        let result = try readYAML(#"{"path": "C:\\ud83d\\udea7", "pair": "\ud83d\udea7"}"#, file: "s.json")
        #expect(result.root["path"]?.text == #"C:\ud83d\udea7"#)
        #expect(result.root["pair"]?.text == "🚧")
    }

    @Test func aLoneSurrogateIsALocatedError() throws {
        #expect {
            _ = try readYAML("{\"a\": \"ok\",\n \"b\": \"\\ud83d x\"}", file: "s.json")
        } throws: { error in
            "\(error)".hasPrefix("s.json:2:")
        }
    }

    @Test(arguments: ["\u{9F}", "\u{80}", "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}", "\u{FFFE}"])
    func aRawCharacterYAMLWouldRefuseOrFoldIsKept(character: String) throws {
        let result = try readYAML("{\"a\": \"x\(character)y\", \"b\": 2}", file: "c.json")
        #expect(result.root["a"]?.text == "x\(character)y")
        #expect(result.root["b"]?.location == location("c.json", 1, 19))
    }

    @Test func severalRewritesOnOneLineAndTheNextKeepTheirColumns() throws {
        let text = "{\"a\": \"\u{9F}\\ud83d\\ude00\u{2028}\", \"b\": [1,\n  \"\u{85}\", 3]}"
        let result = try readYAML(text, file: "m.json")
        #expect(result.root["a"]?.text == "\u{9F}😀\u{2028}")
        #expect(result.root["b"]?.location == location("m.json", 1, 30))
        #expect(result.root["b"]?.sequence?[1].text == "\u{85}")
        #expect(result.root["b"]?.sequence?[2].location == location("m.json", 2, 8))
    }

    @Test func aDuplicateKeyAfterARewriteIsLocatedInTheFile() throws {
        let result = try readYAML("{\"a\": \"\\ud83d\\udea7\", \"a\": 1}", file: "d.json")
        #expect(result.warnings.map(\.description) == ["d.json:1:23: warning: duplicate key 'a'; the first value is used"])
    }

    /// In YAML (not JSON) a raw C1 control is not allowed: the error says
    /// which character, at its own line and column.
    @Test func aRawControlCharacterInYAMLIsLocatedAndNamed() throws {
        #expect {
            _ = try readYAML("openapi: 3.1.0\ninfo:\n  title: \"ab\u{9F}\"\n", file: "c.yml")
        } throws: { error in
            "\(error)" == "c.yml:3:13: error: control characters are not allowed (U+009F)"
        }
    }

    @Test func textWithoutSpotsToRewriteIsReadAsItIs() throws {
        let result = try readYAML(#"{"a": "\u00e9 \n", "b": "\\u"}"#, file: "p.json")
        #expect(result.root["a"]?.text == "é \n")
        #expect(result.root["b"]?.text == #"\u"#)
        #expect(result.root["b"]?.location == location("p.json", 1, 25))
    }
}
