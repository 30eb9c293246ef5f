import SpecParser
import Testing

/// The YAML reader: styles, anchors, merge keys, duplicate keys, documents,
/// JSON input and the locations of nodes.
@Suite struct YAMLReaderTests {
    @Test func blockAndQuotedStylesKeepText() throws {
        let result = try readYAML(
            #"""
            literal: |
              line one
              line two
            folded: >
              folded
              text

              para
            keep: |+
              kept

            strip: |-
              stripped
            quoted: "tab\there \u00e9"
            single: 'it''s'
            """# + "\n")
        let root = result.root
        #expect(root["literal"]?.scalar == YAMLScalar("line one\nline two\n", style: .literal))
        #expect(root["folded"]?.scalar == YAMLScalar("folded text\npara\n", style: .folded))
        #expect(root["keep"]?.scalar == YAMLScalar("kept\n\n", style: .literal))
        #expect(root["strip"]?.scalar == YAMLScalar("stripped", style: .literal))
        #expect(root["quoted"]?.scalar == YAMLScalar("tab\there é", style: .doubleQuoted))
        #expect(root["single"]?.scalar == YAMLScalar("it's", style: .singleQuoted))
        // A block scalar is located at its indicator.
        #expect(root["literal"]?.location == location("test.yml", 1, 10))
        #expect(root["folded"]?.location == location("test.yml", 4, 9))
        #expect(result.warnings.isEmpty)
    }

    @Test func blockScalarsAreStringsWhateverTheirText() throws {
        let result = try readYAML("a: |-\n  true\nb: >-\n  42\n")
        #expect(result.root["a"]?.scalar?.coreValue == .string("true"))
        #expect(result.root["b"]?.scalar?.coreValue == .string("42"))
    }

    @Test func locationsAreOneBasedLineAndColumnOfTheNode() throws {
        let result = try readYAML(
            """
            seq:
              - x
              -   y
            map:
              k: v
            flow: {a: [1, 22]}

            """)
        let root = result.root
        #expect(root.location == location("test.yml", 1, 1))
        let pairs = try #require(root.mapping)
        #expect(
            pairs.map { $0.key.location } == [
                location("test.yml", 1, 1), location("test.yml", 4, 1), location("test.yml", 6, 1),
            ])
        let seq = try #require(root["seq"])
        #expect(seq.location == location("test.yml", 2, 3))
        #expect(seq.sequence?.map(\.location) == [location("test.yml", 2, 5), location("test.yml", 3, 7)])
        let map = try #require(root["map"])
        #expect(map.location == location("test.yml", 5, 3))
        #expect(map.mapping?.first?.key.location == location("test.yml", 5, 3))
        #expect(map["k"]?.location == location("test.yml", 5, 6))
        let flow = try #require(root["flow"])
        #expect(flow.location == location("test.yml", 6, 7))
        #expect(flow["a"]?.location == location("test.yml", 6, 11))
        #expect(flow["a"]?.sequence?.map(\.location) == [location("test.yml", 6, 12), location("test.yml", 6, 15)])
        #expect(flow["a"]?.sequence?.map(\.text) == ["1", "22"])
    }

    @Test func nodeAccessors() throws {
        let root = try readYAML("m: {k: v}\ns: [1]\nx: y\n").root
        #expect(root.kindName == "a mapping")
        #expect(root["s"]?.kindName == "a sequence")
        #expect(root["x"]?.kindName == "a scalar")
        #expect(root["missing"] == nil)
        #expect(root["x"]?["k"] == nil)
        #expect(root["s"]?.mapping == nil)
        #expect(root["m"]?.sequence == nil)
        #expect(root["m"]?.scalar == nil)
        #expect(root["m"]?["k"]?.text == "v")
    }

    @Test func unicodeTextAndCharacterColumns() throws {
        let result = try readYAML(
            """
            name: "Grüße 👋"
            ключ: значение
            emoji: {é: 1, b: "ü"}

            """)
        let root = result.root
        #expect(root["name"]?.text == "Grüße 👋")
        #expect(root["ключ"]?.text == "значение")
        #expect(root["emoji"]?["é"]?.text == "1")
        #expect(root["emoji"]?["b"]?.text == "ü")
        // libyaml counts columns in characters, not bytes.
        #expect(root["ключ"]?.location == location("test.yml", 2, 7))
        #expect(root["emoji"]?["b"]?.location == location("test.yml", 3, 18))
    }

    @Test func anchorsAndAliasesCopyTheValue() throws {
        let result = try readYAML(
            """
            base: &base
              name: Rex
              tags: [a, b]
            copy: *base
            list:
              - &item x
              - *item

            """)
        let root = result.root
        let base = try #require(root["base"])
        let copy = try #require(root["copy"])
        #expect(copy == base)
        #expect(copy["name"]?.text == "Rex")
        #expect(copy["tags"]?.sequence?.map(\.text) == ["a", "b"])
        // The copy is the anchored node, location included: a node with an
        // anchor starts at its anchor.
        #expect(copy.location == location("test.yml", 1, 7))
        #expect(base["name"]?.location == location("test.yml", 2, 9))
        #expect(root["list"]?.sequence?.map(\.text) == ["x", "x"])
        #expect(result.warnings.isEmpty)
    }

    @Test func mergeKeys() throws {
        let result = try readYAML(
            """
            defaults: &defaults
              type: string
              format: date
              description: base
            extra: &extra
              minLength: 1
              format: other
            single:
              <<: *defaults
              description: own
            multi:
              <<: [*defaults, *extra]
              title: T
            quoted:
              "<<": not a merge

            """)
        let root = result.root
        let single = try #require(root["single"]?.mapping)
        // The mapping's own keys come first and win; merged keys follow.
        #expect(single.map(\.key.text) == ["description", "type", "format"])
        #expect(single.map(\.value.text) == ["own", "string", "date"])
        let multi = try #require(root["multi"]?.mapping)
        // Among merged mappings, the earlier one wins.
        #expect(multi.map(\.key.text) == ["title", "type", "format", "description", "minLength"])
        #expect(root["multi"]?["format"]?.text == "date")
        #expect(root["multi"]?["minLength"]?.text == "1")
        // A quoted "<<" is an ordinary key.
        #expect(root["quoted"]?["<<"]?.text == "not a merge")
        #expect(result.warnings.isEmpty)
    }

    @Test func duplicateKeysWarnAtTheDuplicateAndKeepTheFirstValue() throws {
        let result = try readYAML(
            """
            a: 1
            b: 2
            a: 3
            outer:
              k: first
              k: second

            """)
        #expect(result.root["a"]?.text == "1")
        #expect(result.root.mapping?.map(\.key.text) == ["a", "b", "outer"])
        #expect(result.root["outer"]?["k"]?.text == "first")
        #expect(result.root["outer"]?.mapping?.count == 1)
        #expect(
            result.warnings.map(\.description) == [
                "test.yml:6:3: warning: duplicate key 'k'; the first value is used",
                "test.yml:3:1: warning: duplicate key 'a'; the first value is used",
            ])
        #expect(result.warnings.allSatisfy { $0.severity == .warning })
    }

    /// Mappings of up to 16 keys look for repeats pair by pair, larger ones
    /// with a set: both find a repeat wherever it is, and nothing else.
    @Test(arguments: [2, 16, 17, 40])
    func repeatedKeysAreFoundInMappingsOfAnySize(_ size: Int) throws {
        let keys = (0..<size).map { "key\($0)" }
        let distinct = try readYAML(keys.map { "\($0): 1" }.joined(separator: "\n") + "\n")
        #expect(distinct.warnings.isEmpty)
        #expect(distinct.root.mapping?.count == size)
        for repeated in [0, size - 1] {
            let text = (keys + [keys[repeated]]).map { "\($0): 1" }.joined(separator: "\n") + "\n"
            let result = try readYAML(text)
            #expect(
                result.warnings.map(\.description) == [
                    "test.yml:\(size + 1):1: warning: duplicate key '\(keys[repeated])'; the first value is used"
                ])
            #expect(result.root.mapping?.map(\.key.text) == keys)
        }
    }

    @Test func onlyTheFirstDocumentIsReadWithOneWarning() throws {
        let result = try readYAML("a: 1\n---\nb: 2\n---\nc: 3\n")
        #expect(result.root.mapping?.map(\.key.text) == ["a"])
        #expect(result.root["b"] == nil)
        #expect(
            result.warnings.map(\.description) == [
                "test.yml:2:1: warning: only the first YAML document of the file is read"
            ])

        let explicit = try readYAML("---\na: 1\n...\n---\nb: 2\n")
        #expect(explicit.root["a"]?.text == "1")
        #expect(explicit.warnings.map(\.location) == [location("test.yml", 4, 1)])
    }

    @Test func multipleDocumentsInASpecWarn() throws {
        let result = loadSpec(specHeader + "paths: {}\n---\nopenapi: 3.0.0\n")
        #expect(!result.diagnostics.hasErrors)
        #expect(result.document?.version == "3.1.0")
        #expect(
            result.diagnostics.warningDescriptions == [
                "spec.yml:6:1: warning: only the first YAML document of the file is read"
            ])
    }

    /// The core schema's plain scalars, each kind of first byte included:
    /// a word is a string without a look at the other forms.
    @Test func plainScalarsByTheCoreSchema() throws {
        let cases: [(String, YAMLScalar.CoreValue)] = [
            ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null), ("nil", .string("nil")),
            ("true", .bool(true)), ("True", .bool(true)), ("FALSE", .bool(false)), ("tRUE", .string("tRUE")),
            ("yes", .string("yes")), ("ON", .string("ON")), ("0", .integer(0)), ("+12", .integer(12)),
            ("-7", .integer(-7)), ("0x1F", .integer(31)), ("0o17", .integer(15)), ("2.5", .number(2.5)),
            ("-1e3", .number(-1000)), (".inf", .number(.infinity)), ("-.Inf", .number(-.infinity)),
            ("e5", .string("e5")), ("+", .string("+")), ("hello", .string("hello")), ("Ünïcode", .string("Ünïcode")),
        ]
        let result = try readYAML("[" + cases.map(\.0).joined(separator: ", ") + "]", file: "x.yml")
        let values = try #require(result.root.sequence?.compactMap { $0.scalar?.coreValue })
        #expect(values == cases.map(\.1))
        let nan = try readYAML("[.nan, .NaN]", file: "x.yml").root.sequence?.compactMap { $0.scalar?.coreValue }
        #expect(nan?.allSatisfy { if case .number(let d) = $0 { d.isNaN } else { false } } == true)
    }

    @Test func jsonIsYAML() throws {
        let result = try readYAML(
            #"{"a": [1, "two", true, null, 2.5], "b": {"c": "ON", "d": {}}, "e": []}"#, file: "x.json")
        let root = result.root
        let items = try #require(root["a"]?.sequence?.compactMap { $0.scalar })
        #expect(items.map(\.coreValue) == [.integer(1), .string("two"), .bool(true), .null, .number(2.5)])
        #expect(items[1].style == .doubleQuoted)
        #expect(root["b"]?["c"]?.scalar?.coreValue == .string("ON"))
        #expect(root["b"]?["d"]?.mapping?.isEmpty == true)
        #expect(root["e"]?.sequence?.isEmpty == true)
        #expect(root["b"]?.location == location("x.json", 1, 41))
    }

    @Test func jsonWithTabIndentation() throws {
        let result = try readYAML("{\n\t\"a\": {\n\t\t\"b\": [1, 2]\n\t},\n\t\"c\": \"x\"\n}\n")
        #expect(result.root["a"]?["b"]?.sequence?.map(\.text) == ["1", "2"])
        #expect(result.root["c"]?.location == location("test.yml", 5, 7))
    }

    @Test func emptyInputIsAnError() throws {
        for text in ["", "# only a comment\n"] {
            let error = #expect(throws: YAMLError.self) { try readYAML(text, file: "empty.yml") }
            #expect(error?.description == "empty.yml:1:1: error: the file holds no YAML document")
        }
    }
}
