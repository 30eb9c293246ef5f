import SpecParser
import Testing

/// How scalars keep their text and style, and what the YAML 1.2 core schema reads in them.
@Suite struct YAMLScalarTests {
    /// Reads `value: <scalar>` and returns the scalar.
    private func scalar(_ written: String) throws -> YAMLScalar {
        let result = try readYAML("value: \(written)\n")
        return try #require(result.root["value"]?.scalar)
    }

    @Test func yaml11BooleansStayStrings() throws {
        for word in ["ON", "OFF", "yes", "No", "y", "n", "on", "off"] {
            let value = try scalar(word)
            #expect(value.text == word)
            #expect(value.style == .plain)
            #expect(value.tag == nil)
            #expect(!value.isQuotedOrBlock)
            #expect(value.coreValue == .string(word))
        }
    }

    @Test func quotedScalarsKeepTheirStyleAndAreStrings() throws {
        let single = try scalar("'ON'")
        #expect(single.text == "ON")
        #expect(single.style == .singleQuoted)
        #expect(single.isQuotedOrBlock)
        #expect(single.coreValue == .string("ON"))

        let double = try scalar("\"true\"")
        #expect(double.text == "true")
        #expect(double.style == .doubleQuoted)
        #expect(double.coreValue == .string("true"))

        let quotedNumber = try scalar("'42'")
        #expect(quotedNumber.coreValue == .string("42"))
        let quotedNull = try scalar("\"null\"")
        #expect(quotedNull.coreValue == .string("null"))
    }

    @Test(arguments: [
        ("true", YAMLScalar.CoreValue.bool(true)),
        ("True", .bool(true)),
        ("FALSE", .bool(false)),
        ("null", .null),
        ("~", .null),
        ("42", .integer(42)),
        ("-17", .integer(-17)),
        ("+5", .integer(5)),
        ("0", .integer(0)),
        ("0x1F", .integer(31)),
        ("0o17", .integer(15)),
        ("1e3", .number(1000)),
        ("2.5", .number(2.5)),
        ("-0.25", .number(-0.25)),
        (".5", .number(0.5)),
        (".inf", .number(.infinity)),
        ("-.inf", .number(-.infinity)),
        ("1x1", .string("1x1")),
        ("1024x768", .string("1024x768")),
        ("16:9", .string("16:9")),
        ("1.2.3", .string("1.2.3")),
        ("v1", .string("v1")),
        ("0x1G", .string("0x1G")),
        ("0x", .string("0x")),
        ("0o8", .string("0o8")),
        ("0x-1", .string("0x-1")),
        ("0x+1F", .string("0x+1F")),
        ("0x10x", .string("0x10x")),
        ("0o70o7", .string("0o70o7")),
        ("e", .string("e")),
    ])
    func plainScalarsFollowTheCoreSchema(written: String, expected: YAMLScalar.CoreValue) throws {
        let value = try scalar(written)
        #expect(value.text == written)
        #expect(value.style == .plain)
        #expect(value.coreValue == expected)
    }

    @Test func nanIsANumber() throws {
        guard case .number(let value) = try scalar(".nan").coreValue else {
            Issue.record("'.nan' is not read as a number")
            return
        }
        #expect(value.isNaN)
    }

    @Test func emptyValueIsNull() throws {
        let result = try readYAML("value:\nother: 1\n")
        let value = try #require(result.root["value"]?.scalar)
        #expect(value.text == "")
        #expect(value.coreValue == .null)
    }

    @Test func explicitTagsDecide() throws {
        let string = try scalar("!!str 123")
        #expect(string.text == "123")
        #expect(string.tag == "tag:yaml.org,2002:str")
        #expect(string.isQuotedOrBlock)
        #expect(string.coreValue == .string("123"))

        let integer = try scalar("!!int 7")
        #expect(integer.tag == "tag:yaml.org,2002:int")
        #expect(integer.coreValue == .integer(7))

        let float = try scalar("!!float 7")
        #expect(float.coreValue == .number(7))
    }

    @Test func scalarInitializerDefaults() {
        let scalar = YAMLScalar("ON")
        #expect(scalar.style == .plain)
        #expect(scalar.tag == nil)
        #expect(scalar.coreValue == .string("ON"))
        #expect(YAMLScalar("true", style: .literal).coreValue == .string("true"))
        #expect(YAMLScalar("12", tag: "tag:yaml.org,2002:str").coreValue == .string("12"))
        // Text a YAML file cannot hold as a plain value, read all the same.
        #expect(YAMLScalar("-").coreValue == .string("-"))
        #expect(YAMLScalar("+").coreValue == .string("+"))
    }
}
